#!/usr/bin/env bash
# Installs valkey-server and valkey-tools 8.0 from Debian's bookworm-backports, unless already there.
set -euo pipefail

if command -v valkey-server >/dev/null && valkey-server --version | grep -q 'v=8\.' \
   && command -v valkey-benchmark >/dev/null && command -v valkey-cli >/dev/null; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "Installing valkey-server 8.0 from bookworm-backports..."
echo 'deb http://deb.debian.org/debian bookworm-backports main' | $SUDO tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
# Other configured sources may be unreachable; backports is what matters here.
$SUDO apt-get update -qq || true
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports valkey-server valkey-tools >/dev/null
valkey-server --version

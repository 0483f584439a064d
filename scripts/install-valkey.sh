#!/usr/bin/env bash
# Installs valkey-server and valkey-tools 8.0 from Debian's bookworm-backports, unless already there.
# The mirror is the one this machine's apt already uses (/etc/apt/sources.list.d/debian.sources).
set -euo pipefail

if command -v valkey-server >/dev/null && valkey-server --version | grep -q 'v=8\.' \
   && command -v valkey-benchmark >/dev/null && command -v valkey-cli >/dev/null; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

sources=/etc/apt/sources.list.d/debian.sources
mirror=""
if [ -r "$sources" ]; then
    # The first URIs line of a stanza whose suites include bookworm (not the security archive).
    mirror="$(awk '/^URIs:/ { uri = $2 } /^Suites:/ && / bookworm( |$)/ && uri != "" { print uri; exit }' "$sources")"
fi
if [ -z "$mirror" ]; then
    mirror="$(grep -hoE '^deb +[^ ]+ +bookworm ' /etc/apt/sources.list 2>/dev/null | awk '{ print $2; exit }' || true)"
fi
if [ -z "$mirror" ]; then
    echo "No Debian bookworm mirror found in $sources or /etc/apt/sources.list; add one, or install valkey-server 8.0 yourself." >&2
    exit 1
fi

echo "Installing valkey-server 8.0 from bookworm-backports ($mirror)..."
echo "deb $mirror bookworm-backports main" | $SUDO tee /etc/apt/sources.list.d/bookworm-backports.list >/dev/null
# Other configured sources may be unreachable; backports is what matters here.
$SUDO apt-get update -qq || true
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t bookworm-backports valkey-server valkey-tools >/dev/null
valkey-server --version

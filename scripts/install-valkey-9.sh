#!/usr/bin/env bash
# Builds Valkey 9.1.2 (server, tools and the C test modules of its module API suite) from Debian's
# source package, once per machine, and prints the built tree's path on the last line of stdout:
# the directory holding src/valkey-server, tests/ and tests/modules/*.so.
#
# The tree lives outside any git clone, keyed by version, so every clone and CI run on this machine
# shares it: $VALKEY9_CACHE, default /var/cache/valkey-jvm/valkey-9.1.2. A finished tree carries a
# stamp file naming the recipe it was built with; with the stamp there, this script returns at once.
# A build happens in a temporary sibling directory that is renamed into place only when complete,
# under a lock, so an interrupted or concurrent run never leaves (or sees) a half-built tree.
#
# Apt never touches the system's configuration or package lists: the sid deb-src line (on the
# machine's own mirror) and every list it fetches live in private directories, and missing build
# tools come from the machine's configured sources through private lists too. Needs root or sudo
# (apt, /var/cache). Progress goes to stderr, the build's output to the tree's build.log.
set -euo pipefail

VERSION=9.1.2
DEB_VERSION=9.1.2-1
TOPDIR=valkey-io-valkey-7f1dffe                     # what valkey_9.1.2.orig.tar.gz unpacks to
MAKE_FLAGS=(BUILD_TLS=no USE_SYSTEMD=no)            # no OpenSSL or libsystemd headers needed
CACHE="${VALKEY9_CACHE:-/var/cache/valkey-jvm/valkey-$VERSION}"
STAMP="$CACHE/.valkey-jvm-built"
RECIPE="valkey $DEB_VERSION from Debian sid source; make ${MAKE_FLAGS[*]}; make tests/modules"

say() { echo "install-valkey-9: $*" >&2; }
built() { [ -x "$CACHE/src/valkey-server" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$RECIPE" ]; }

if built; then echo "$CACHE"; exit 0; fi            # the fast path: built before, nothing to do

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi        # for apt, and for creating /var/cache/valkey-jvm
parent="$(dirname "$CACHE")"
[ -w "$parent" ] || $SUDO install -d -o "$(id -u)" "$parent"
exec 9>"$CACHE.lock"                                 # one builder at a time; the others wait here
flock 9
if built; then echo "$CACHE"; exit 0; fi            # built by another run while this one waited

if [ -e "$CACHE" ]; then                             # a tree of an older recipe is rebuilt, but
    [ -f "$STAMP" ] || { say "$CACHE exists and is not this script's: not touching it"; exit 1; }
    rm -rf "$CACHE"                                  # nothing without our stamp is ever removed
fi
WORK="$parent/.$(basename "$CACHE").build"
rm -rf "$WORK"                                       # what an interrupted run left behind
mkdir -p "$WORK/apt/lists/partial" "$WORK/apt/cache/archives/partial" "$WORK/src"
trap 'rm -rf "$WORK"' EXIT

# apt-get with its package lists and downloads in $WORK/apt, never the system's; the sources are
# the two given (a sources.list file, a sources.list.d directory, "-" for none).
apt_private() {
    local list="$1" parts="$2"; shift 2
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -q \
        -o Dir::Etc::sourcelist="$list" -o Dir::Etc::sourceparts="$parts" \
        -o Dir::State::Lists="$WORK/apt/lists" -o Dir::Cache="$WORK/apt/cache" "$@"
}

# The machine's own Debian mirror: the first URIs line of its deb822 sources file.
mirror="$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)"
if [ -z "$mirror" ]; then
    say "no URIs line in /etc/apt/sources.list.d/debian.sources: cannot find the Debian mirror"; exit 1
fi

# Build tools (and Tcl, which runs the suite). The bundled jemalloc, Lua, libvalkey etc. need
# nothing more; with BUILD_TLS=no and USE_SYSTEMD=no neither libssl-dev nor libsystemd-dev is used.
missing=()
for pkg in gcc make libc6-dev pkg-config tcl8.6; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} from this machine's own apt sources (with private package lists)"
    apt_private /etc/apt/sources.list /etc/apt/sources.list.d update -qq >&2
    apt_private /etc/apt/sources.list /etc/apt/sources.list.d \
        install -y -qq --no-install-recommends "${missing[@]}" >&2
    rm -rf "$WORK/apt/lists" && mkdir -p "$WORK/apt/lists/partial"
fi

say "downloading the valkey $DEB_VERSION source package from $mirror (sid)"
echo "deb-src $mirror sid main" > "$WORK/apt/sid-src.list"
apt_private "$WORK/apt/sid-src.list" - update -qq >&2
if id _apt >/dev/null 2>&1; then $SUDO chown _apt "$WORK/src"; fi   # lets apt download sandboxed
(cd "$WORK/src" && apt_private "$WORK/apt/sid-src.list" - source --download-only "valkey=$DEB_VERSION" >&2)
tar xzf "$WORK/src/valkey_$VERSION.orig.tar.gz" -C "$WORK"

tree="$WORK/$TOPDIR"
jobs="$(nproc 2>/dev/null || echo 2)"
say "building in $tree with make -j$jobs ${MAKE_FLAGS[*]} (a few minutes; output in build.log)"
if ! { make -C "$tree" -j"$jobs" "${MAKE_FLAGS[@]}" && make -C "$tree/tests/modules" -j"$jobs"; } \
        >"$tree/build.log" 2>&1; then
    tail -n 40 "$tree/build.log" >&2
    say "build failed"; exit 1
fi
"$tree/src/valkey-server" --version >&2

echo "$RECIPE" > "$tree/.valkey-jvm-built"
mv "$tree" "$CACHE"                                  # atomic on one file system: all or nothing
echo "$CACHE"

#!/usr/bin/env bash
# BGSAVE with JVM module values: for KEYS values of the hellotype example, the time a BGSAVE takes
# (from the command until INFO says it is done) and the fork time (latest_fork_usec), first with
# every value dirty (just written: each value's save is recorded again before the fork), then with
# none dirty; beside the same for KEYS plain strings, in a second server of the same settings.
#
# Environment: KEYS=100000, ELEMENTS=3 (integers per hellotype value), SKIP_BUILD=1.
set -euo pipefail

KEYS=${KEYS:-100000}
ELEMENTS=${ELEMENTS:-3}
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
MODULE="$ROOT/examples/hellotype/target/hellotype.so"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    (cd "$ROOT" && timeout 1800 mvn -q -B -ntp -DskipTests install)
fi
[[ -f "$MODULE" ]] || { echo "bgsave.sh: $MODULE not found (build first)" >&2; exit 1; }

WORK=$(mktemp -d)
PIDS=()
cleanup() {
    for port in 7061 7062; do timeout 5 valkey-cli -p "$port" SHUTDOWN NOSAVE >/dev/null 2>&1 || true; done
    for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

start() { # port, extra args...
    local port=$1; shift
    mkdir -p "$WORK/$port"
    valkey-server --port "$port" --bind 127.0.0.1 --dir "$WORK/$port" --save "" --logfile "$WORK/$port/valkey.log" "$@" &
    PIDS+=($!)
    for _ in $(seq 300); do valkey-cli -p "$port" PING >/dev/null 2>&1 && return; sleep 0.1; done
    echo "bgsave.sh: server on $port did not start" >&2; tail -20 "$WORK/$port/valkey.log" >&2; exit 1
}

info() { valkey-cli -p "$1" INFO persistence | tr -d '\r' | sed -n "s/^$2://p"; }
fork_usec() { valkey-cli -p "$1" INFO stats | tr -d '\r' | sed -n "s/^latest_fork_usec://p"; }

bgsave() { # port -> prints "<ms> <fork usec>"
    local port=$1 t0 t1
    t0=$(date +%s%N)
    valkey-cli -p "$port" BGSAVE >/dev/null
    for _ in $(seq 6000); do
        [[ "$(info "$port" rdb_bgsave_in_progress)" == 0 ]] && break
        sleep 0.005
    done
    t1=$(date +%s%N)
    [[ "$(info "$port" rdb_last_bgsave_status)" == ok ]] || { echo "bgsave.sh: BGSAVE failed on $port" >&2; exit 1; }
    echo "$(( (t1 - t0) / 1000000 )) $(fork_usec "$port")"
}

start 7061 --loadmodule "$MODULE"
start 7062

echo "Loading $KEYS hellotype values ($ELEMENTS integers each) and $KEYS plain strings..."
awk -v n="$KEYS" -v e="$ELEMENTS" 'BEGIN { for (i = 0; i < n; i++) for (j = 0; j < e; j++) printf "HELLOTYPE.INSERT ht:%d %d\n", i, i * 10 + j }' \
    | valkey-cli -p 7061 --pipe >/dev/null
awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++) printf "SET str:%d value-%d-abcdefghij\n", i, i }' \
    | valkey-cli -p 7062 --pipe >/dev/null
[[ "$(valkey-cli -p 7061 DBSIZE)" == "$KEYS" && "$(valkey-cli -p 7062 DBSIZE)" == "$KEYS" ]] \
    || { echo "bgsave.sh: loading the keys failed" >&2; exit 1; }

read -r module_dirty_ms module_dirty_fork < <(bgsave 7061)
read -r module_clean_ms module_clean_fork < <(bgsave 7061)
read -r strings_first_ms strings_first_fork < <(bgsave 7062)
read -r strings_again_ms strings_again_fork < <(bgsave 7062)
rdb_module=$(stat -c %s "$WORK/7061/dump.rdb")
rdb_strings=$(stat -c %s "$WORK/7062/dump.rdb")
used_module=$(valkey-cli -p 7061 INFO memory | tr -d '\r' | sed -n 's/^used_memory_human://p')
used_strings=$(valkey-cli -p 7062 INFO memory | tr -d '\r' | sed -n 's/^used_memory_human://p')

echo
echo "Machine: $(nproc) CPUs, $(java -version 2>&1 | head -1), $(valkey-server --version | cut -d' ' -f3)"
printf '%-36s %12s %14s %10s %12s\n' "$KEYS keys" "BGSAVE ms" "fork usec" "RDB bytes" "used_memory"
printf '%-36s %12s %14s %10s %12s\n' "hellotype, every value dirty" "$module_dirty_ms" "$module_dirty_fork" "$rdb_module" "$used_module"
printf '%-36s %12s %14s %10s %12s\n' "hellotype, no value dirty" "$module_clean_ms" "$module_clean_fork" "$rdb_module" "$used_module"
printf '%-36s %12s %14s %10s %12s\n' "plain strings, first BGSAVE" "$strings_first_ms" "$strings_first_fork" "$rdb_strings" "$used_strings"
printf '%-36s %12s %14s %10s %12s\n' "plain strings, again" "$strings_again_ms" "$strings_again_fork" "$rdb_strings" "$used_strings"
echo
echo "BGSAVE ms: from the command until INFO says it finished. fork usec: INFO latest_fork_usec;"
echo "with dirty values it includes recording their saves on the main thread before the fork."

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
source "$BENCH_DIR/lib.sh"
MODULE="$ROOT/examples/hellotype/target/hellotype.so"

build_project "the project" -q -B -ntp -DskipTests install
require_file "$MODULE"

setup_work_dir
start_server module --loadmodule "$MODULE"
MODULE_PORT=$PORT
MODULE_DIR=$SERVER_DIR
start_server strings
STRINGS_PORT=$PORT
STRINGS_DIR=$SERVER_DIR

info() { cli_at "$1" INFO persistence | tr -d '\r' | sed -n "s/^$2://p"; }
fork_usec() { cli_at "$1" INFO stats | tr -d '\r' | sed -n "s/^latest_fork_usec://p"; }
used_memory() { cli_at "$1" INFO memory | tr -d '\r' | sed -n 's/^used_memory_human://p'; }

bgsave() { # port -> prints "<ms> <fork usec>"
    local port=$1 t0 t1 running
    t0=$(date +%s%N)
    cli_at "$port" BGSAVE >/dev/null
    for _ in $(seq 6000); do
        running=$(info "$port" rdb_bgsave_in_progress) || die "INFO failed on $port"
        [[ "$running" == 0 ]] && break
        sleep 0.005
    done
    t1=$(date +%s%N)
    [[ "$(info "$port" rdb_last_bgsave_status)" == ok ]] || die "BGSAVE failed on $port"
    echo "$(( (t1 - t0) / 1000000 )) $(fork_usec "$port")"
}

echo "Loading $KEYS hellotype values ($ELEMENTS integers each) and $KEYS plain strings..."
awk -v n="$KEYS" -v e="$ELEMENTS" 'BEGIN { for (i = 0; i < n; i++) for (j = 0; j < e; j++) printf "HELLOTYPE.INSERT ht:%d %d\n", i, i * 10 + j }' \
    | valkey-cli -p "$MODULE_PORT" --pipe >/dev/null
awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++) printf "SET str:%d value-%d-abcdefghij\n", i, i }' \
    | valkey-cli -p "$STRINGS_PORT" --pipe >/dev/null
[[ "$(cli_at "$MODULE_PORT" DBSIZE)" == "$KEYS" && "$(cli_at "$STRINGS_PORT" DBSIZE)" == "$KEYS" ]] \
    || die "loading the keys failed"

read -r module_dirty_ms module_dirty_fork < <(bgsave "$MODULE_PORT")
read -r module_clean_ms module_clean_fork < <(bgsave "$MODULE_PORT")
read -r strings_first_ms strings_first_fork < <(bgsave "$STRINGS_PORT")
read -r strings_again_ms strings_again_fork < <(bgsave "$STRINGS_PORT")
rdb_module=$(stat -c %s "$MODULE_DIR/dump.rdb")
rdb_strings=$(stat -c %s "$STRINGS_DIR/dump.rdb")
used_module=$(used_memory "$MODULE_PORT")
used_strings=$(used_memory "$STRINGS_PORT")

echo
print_machine
printf '%-36s %12s %14s %10s %12s\n' "$KEYS keys" "BGSAVE ms" "fork usec" "RDB bytes" "used_memory"
printf '%-36s %12s %14s %10s %12s\n' "hellotype, every value dirty" "$module_dirty_ms" "$module_dirty_fork" "$rdb_module" "$used_module"
printf '%-36s %12s %14s %10s %12s\n' "hellotype, no value dirty" "$module_clean_ms" "$module_clean_fork" "$rdb_module" "$used_module"
printf '%-36s %12s %14s %10s %12s\n' "plain strings, first BGSAVE" "$strings_first_ms" "$strings_first_fork" "$rdb_strings" "$used_strings"
printf '%-36s %12s %14s %10s %12s\n' "plain strings, again" "$strings_again_ms" "$strings_again_fork" "$rdb_strings" "$used_strings"
echo
echo "BGSAVE ms: from the command until INFO says it finished. fork usec: INFO latest_fork_usec;"
echo "with dirty values it includes recording their saves on the main thread before the fork."

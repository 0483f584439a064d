#!/usr/bin/env bash
# BGSAVE with JVM module values: for KEYS values of the hellotype example, what a BGSAVE right
# after writing them all costs (the time from the command until INFO says it is done, and the fork
# time, latest_fork_usec, which includes recording the saves of the values still dirty), then a
# BGSAVE with nothing changed; once with the values' saves recorded in slices on the main thread
# soon after each change (the default), once with every recording left to the fork
# (-Dvalkeyjvm.recordSliceMicros=0); beside the same for KEYS plain strings, in a server of the
# same settings. The load column is how long writing the KEYS values took (valkey-cli --pipe).
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
start_server sliced --loadmodule "$MODULE"
SLICED_PORT=$PORT
SLICED_DIR=$SERVER_DIR
start_server atfork --loadmodule "$MODULE" jvm-option -Dvalkeyjvm.recordSliceMicros=0
ATFORK_PORT=$PORT
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

# Writes the KEYS values (or strings) to port; prints the ms it took.
load() { # port kind
    local t0 t1
    t0=$(date +%s%N)
    if [[ $2 == module ]]; then
        awk -v n="$KEYS" -v e="$ELEMENTS" 'BEGIN { for (i = 0; i < n; i++) for (j = 0; j < e; j++) printf "HELLOTYPE.INSERT ht:%d %d\n", i, i * 10 + j }' \
            | valkey-cli -p "$1" --pipe >/dev/null
    else
        awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++) printf "SET str:%d value-%d-abcdefghij\n", i, i }' | valkey-cli -p "$1" --pipe >/dev/null
    fi
    t1=$(date +%s%N)
    [[ "$(cli_at "$1" DBSIZE)" == "$KEYS" ]] || die "loading the keys failed on $1"
    echo $(( (t1 - t0) / 1000000 ))
}

echo "Writing $KEYS hellotype values ($ELEMENTS integers each) to two servers and $KEYS plain strings to a third, each followed by BGSAVE at once..."
rows=()
for side in "sliced $SLICED_PORT module" "atfork $ATFORK_PORT module" "strings $STRINGS_PORT strings"; do
    read -r name port kind <<<"$side"
    load_ms=$(load "$port" "$kind")
    read -r first_ms first_fork < <(bgsave "$port")
    read -r again_ms again_fork < <(bgsave "$port")
    rows+=("$name $load_ms $first_ms $first_fork $again_ms $again_fork $(used_memory "$port")")
done

echo
print_machine
printf '%-34s %8s %11s %11s %11s %11s %12s\n' "$KEYS keys" "load ms" "BGSAVE ms" "fork usec" "again ms" "again fork" "used_memory"
for row in "${rows[@]}"; do
    read -r name load_ms first_ms first_fork again_ms again_fork used <<<"$row"
    case $name in
        sliced) label="hellotype, recorded in slices" ;;
        atfork) label="hellotype, recorded at the fork" ;;
        *) label="plain strings" ;;
    esac
    printf '%-34s %8s %11s %11s %11s %11s %12s\n' "$label" "$load_ms" "$first_ms" "$first_fork" "$again_ms" "$again_fork" "$used"
done
echo "RDB bytes: hellotype $(stat -c %s "$SLICED_DIR/dump.rdb"), plain strings $(stat -c %s "$STRINGS_DIR/dump.rdb")"
echo
echo "BGSAVE ms: from the command, sent right after the writes, until INFO says it finished; fork usec:"
echo "INFO latest_fork_usec, which includes recording the saves of values still dirty on the main thread."
echo "again: a second BGSAVE, nothing changed since the first."

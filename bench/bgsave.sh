#!/usr/bin/env bash
# BGSAVE with JVM module values: for KEYS values of the hellotype example, what a BGSAVE right
# after writing them all costs (the time from the command until INFO says it is done, and the fork
# time, latest_fork_usec, which includes recording the saves of the values still dirty), then a
# BGSAVE with nothing changed; once with the values' saves recorded in slices on the main thread
# soon after each change (the default), once with every recording left to the fork
# (-Dvalkeyjvm.recordSliceMicros=0); beside the same for KEYS plain strings, in a server of the
# same settings. The load column is how long writing the KEYS values took (valkey-cli --pipe); the
# memory columns what each key adds to used_memory, and of that, for module values, the tape (the
# recorded save, INFO module_tape_bytes) beside the value's RDB form (its DUMP without the frame);
# the last column what a third BGSAVE, made to last about 2 s under writes, copied on write.
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
used_memory() { cli_at "$1" INFO memory | tr -d '\r' | sed -n 's/^used_memory://p'; }
tape_bytes() { cli_at "$1" INFO hellotype_jvm | tr -d '\r' | sed -n 's/^hellotype_module_tape_bytes://p'; }
# The RDB form of a value, on average over 100 spread out: its DUMP payload without the frame
# (type byte, 9-byte module type id, EOF opcode, 2-byte version, 8-byte CRC).
rdb_form_bytes() {
    awk -v n="$KEYS" 'BEGIN { for (i = 0; i < 100; i++) printf "DUMP ht:%012d\n", int(i * n / 100) }' | cli_at "$1" --no-raw \
        | python3 -c 'import ast,sys; sizes = [len(ast.literal_eval("b" + line.strip())) - 21 for line in sys.stdin]; print(round(sum(sizes) / len(sizes)))'
}

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

# A BGSAVE made to last about 2 s (rdb-key-save-delay) while clients overwrite random keys of
# the same kind; prints the bytes copied on write (rdb_last_cow_size).
bgsave_under_writes() { # port kind
    local port=$1 writer
    local write=(SET "str:__rand_int__" "value-abcdefghij")
    [[ $2 == module ]] && write=(HELLOTYPE.INSERT "ht:__rand_int__" 7)
    cli_at "$port" CONFIG SET rdb-key-save-delay $((2000000 / KEYS)) >/dev/null
    valkey-benchmark -p "$port" -n 100000000 -c 4 -P 16 -r "$KEYS" -q "${write[@]}" >/dev/null 2>&1 &
    writer=$!
    sleep 0.3
    bgsave "$port" >/dev/null
    kill "$writer" 2>/dev/null || true
    wait "$writer" 2>/dev/null || true
    cli_at "$port" CONFIG SET rdb-key-save-delay 0 >/dev/null
    info "$port" rdb_last_cow_size
}

# Writes the KEYS values (or strings) to port; prints the ms it took.
load() { # port kind
    local t0 t1
    t0=$(date +%s%N)
    if [[ $2 == module ]]; then
        awk -v n="$KEYS" -v e="$ELEMENTS" 'BEGIN { for (i = 0; i < n; i++) for (j = 0; j < e; j++) printf "HELLOTYPE.INSERT ht:%012d %d\n", i, i * 10 + j }' \
            | valkey-cli -p "$1" --pipe >/dev/null
    else
        awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++) printf "SET str:%012d value-%d-abcdefghij\n", i, i }' | valkey-cli -p "$1" --pipe >/dev/null
    fi
    t1=$(date +%s%N)
    [[ "$(cli_at "$1" DBSIZE)" == "$KEYS" ]] || die "loading the keys failed on $1"
    echo $(( (t1 - t0) / 1000000 ))
}

echo "Writing $KEYS hellotype values ($ELEMENTS integers each) to two servers and $KEYS plain strings to a third, each followed by BGSAVE at once..."
rows=()
for side in "sliced $SLICED_PORT module" "atfork $ATFORK_PORT module" "strings $STRINGS_PORT strings"; do
    read -r name port kind <<<"$side"
    empty=$(used_memory "$port")
    load_ms=$(load "$port" "$kind")
    read -r first_ms first_fork < <(bgsave "$port")
    read -r again_ms again_fork < <(bgsave "$port")
    # After the saves, every value's tape is recorded (either way of recording).
    per_key=$(( ($(used_memory "$port") - empty) / KEYS ))
    tape=- rdb_form=-
    if [[ $kind == module ]]; then
        tape=$(( $(tape_bytes "$port") / KEYS ))
        rdb_form=$(rdb_form_bytes "$port")
    fi
    rdb_bytes=$(stat -c %s "$(cli_at "$port" CONFIG GET dir | sed -n 2p)/dump.rdb")
    cow=$(bgsave_under_writes "$port" "$kind")
    rows+=("$name $load_ms $first_ms $first_fork $again_ms $again_fork $per_key $tape $rdb_form $((cow / 1024 / 1024)) $rdb_bytes")
done

echo
print_machine
printf '%-34s %8s %10s %10s %9s %11s %6s %7s %9s %10s %7s\n' "$KEYS keys" "load ms" "BGSAVE ms" "fork usec" "again ms" "again fork" "B/key" "tape B" "RDB form" "RDB bytes" "COW MB"
for row in "${rows[@]}"; do
    read -r name load_ms first_ms first_fork again_ms again_fork per_key tape rdb_form cow rdb_bytes <<<"$row"
    case $name in
        sliced) label="hellotype, recorded in slices" ;;
        atfork) label="hellotype, recorded at the fork" ;;
        *) label="plain strings" ;;
    esac
    printf '%-34s %8s %10s %10s %9s %11s %6s %7s %9s %10s %7s\n' "$label" "$load_ms" "$first_ms" "$first_fork" "$again_ms" "$again_fork" "$per_key" "$tape" "$rdb_form" "$rdb_bytes" "$cow"
done
echo
echo "BGSAVE ms: from the command, sent right after the writes, until INFO says it finished; fork usec:"
echo "INFO latest_fork_usec, which includes recording the saves of values still dirty on the main thread."
echo "again: a second BGSAVE, nothing changed since the first. COW MB: copied on write during a third"
echo "BGSAVE made to last about 2 s while 4 clients overwrite random keys (rdb_last_cow_size)."
echo "B/key: used_memory added per key; tape B: the recorded save per value (INFO module_tape_bytes);"
echo "RDB form: a value's RDB encoding (its DUMP without the 21-byte frame, mean of 100), the goal for the tape."

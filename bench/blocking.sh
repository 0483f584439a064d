#!/usr/bin/env bash
# Two tables, inside ONE valkey-server, same run. See bench/README.md.
#
# Echo: a suspending echo (FIXTURE.SLEEP 0 0: block the client, resume a Kotlin coroutine on a
# pool thread, reply on the main thread) beside a plain JVM echo (FIXTURE.ECHO) and beside the same
# two in C (bench/cblock.c: CBLOCK.PLAIN, and CBLOCK.ECHO = BlockClient + a detached pthread that
# calls UnblockClient).
#
# Pop from a filled list: the server's BLPOP beside block-on-keys pops in C (CBLOCK.BLPOP: always
# BlockClientOnKeys + SignalKeyAsReady, LPOP in the reply callback) and in the JVM (FIXTURE.BLPOP:
# pops at once when the key holds a list; FIXTURE.BPOP: always blocks, awaits the key in a
# coroutine, pops, hops to an IO thread and back, replies). Before every run the list is filled
# with more elements than the run pops, so no call waits for one; a run that empties it is warned.
#
# Environment:
#   REQUESTS=100000  requests per echo benchmark run (each command runs once per round, two rounds)
#   POP_REQUESTS     requests per pop benchmark run (default REQUESTS)
#   WARMUP=20000     requests per command before the measured runs, in both tables (0 = none)
#   CLIENTS=50       valkey-benchmark -c
#   PIPELINE=1       valkey-benchmark -P
#   SKIP_BUILD=1     do not run mvn (it/target/fixture.so must exist)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/lib.sh"
bench_options 100000 # also BENCH_TIMEOUT=600: seconds allowed for one valkey-benchmark run
POP_REQUESTS=${POP_REQUESTS:-$REQUESTS}

FIXTURE_SO="$ROOT/it/target/fixture.so"
CBLOCK_SO="$BENCH_DIR/target/cblock.so"

# The commands to time: "<label>|<command and arguments>", in round-one order.
ECHO_COMMANDS=(
    "JVM plain|FIXTURE.ECHO x"
    "JVM suspending|FIXTURE.SLEEP 0 0"
    "C plain|CBLOCK.PLAIN x"
    "C block+pthread|CBLOCK.ECHO x"
)
# All pop from POP_KEY with a 1 s timeout (BLPOP counts seconds, the module commands milliseconds).
POP_KEY=benchq
POP_COMMANDS=(
    "native BLPOP|BLPOP $POP_KEY 1"
    "C module block-on-keys|CBLOCK.BLPOP $POP_KEY 1000"
    "JVM blockOnKeys (pops at once)|FIXTURE.BLPOP $POP_KEY 1000"
    "JVM suspend awaitKeys|FIXTURE.BPOP $POP_KEY 1000"
)
# Elements pushed beyond what a run pops: valkey-benchmark may send up to a pipeline per client more.
POP_MARGIN=$((CLIENTS * PIPELINE + 1000))
FILL_CHUNK=50000 # elements pushed per EVAL while filling
FILL_SCRIPT="for i = 1, tonumber(ARGV[1]) do server.call('RPUSH', KEYS[1], i) end"

# --- build -------------------------------------------------------------------
build_c_module cblock -pthread
build_project "the fixture module" -q -B -ntp -DskipTests install -pl it -am
require_file "$FIXTURE_SO"

# --- server --------------------------------------------------------------------
setup_work_dir
start_server server --loadmodule "$FIXTURE_SO" --loadmodule "$CBLOCK_SO"

# Each command answers what it should before anything is timed.
check() {
    local want=$1 got
    shift
    got=$(cli "$@" 2>&1) || die "'$*' failed: $got"
    [[ "$got" == "$want" ]] || die "'$*' replied '$got', expected '$want'"
}
check x FIXTURE.ECHO x
check "slept 0" FIXTURE.SLEEP 0 0
check x CBLOCK.PLAIN x
check x CBLOCK.ECHO x
cli DEL "$POP_KEY" >/dev/null
for entry in "${POP_COMMANDS[@]}"; do
    read -r -a cmd <<<"${entry#*|}"
    want=a
    [[ "${cmd[0]}" == BLPOP ]] && want="$POP_KEY"$'\n'a # BLPOP replies [key, element]
    check 1 RPUSH "$POP_KEY" a
    check "$want" "${cmd[@]}"
    check 0 EXISTS "$POP_KEY"
done

# --- measuring -----------------------------------------------------------------
# Valkey 8.0 records a module command whose client the server serves on a ready key twice in
# commandstats (calls and usec are added once more, with no time; redis/redis#13405): the calls
# expected per request, for the commands that differ from 1.
declare -A CALLS_PER_REQUEST=([cblock.blpop]=2)

echo
print_machine
echo "valkey-benchmark: -c $CLIENTS -P $PIPELINE, two rounds (second in reverse order), warm-up $WARMUP per command"

warnings=()

# Fills POP_KEY with <n> elements plus POP_MARGIN, so that a run of <n> pops never finds it empty.
FILLED=0
fill_list() {
    local total=$(($1 + POP_MARGIN)) pushed=0 chunk
    cli DEL "$POP_KEY" >/dev/null
    while ((pushed < total)); do
        chunk=$((total - pushed < FILL_CHUNK ? total - pushed : FILL_CHUNK))
        cli EVAL "$FILL_SCRIPT" 1 "$POP_KEY" "$chunk" >/dev/null || die "filling $POP_KEY failed"
        pushed=$((pushed + chunk))
    done
    [[ "$(cli LLEN "$POP_KEY")" == "$total" ]] || die "$POP_KEY does not hold the $total elements pushed"
    FILLED=$total
}

# After a run of <n> pops by <command>: warns unless exactly <n> elements went and some are left,
# then empties the list. Once it is empty, a call waits and ends with a null reply at its timeout
# (BLPOP, CBLOCK.BLPOP), or with an error when the last element goes (FIXTURE.BLPOP and .BPOP wake
# on the key's deletion), which stops valkey-benchmark and this script.
check_list() {
    local n=$1 what=$2 left
    left=$(cli LLEN "$POP_KEY") || die "LLEN $POP_KEY failed"
    if ((left == 0)); then
        warnings+=("$what: the list ran empty; $((n > FILLED ? n - FILLED : 0)) of $n calls popped nothing (timed out)")
    elif ((FILLED - left != n)); then
        warnings+=("$what: $((FILLED - left)) elements popped in a run of $n requests")
    fi
    cli DEL "$POP_KEY" >/dev/null
}

# Times one table: measure <array of "label|command"> <requests per run> <before> <after>.
# <before> <n> runs before every valkey-benchmark run of n requests (warm-up too), <after> <n>
# <command> after it (":" for none). Fills RPS, RPS1, RPS2 (req/s: both rounds, each round) and
# USEC (commandstats usec per request), indexed as the array; adds to warnings.
measure() {
    local -n table=$1
    local requests=$2 before=$3 after=$4
    local n=${#table[@]} round i index rate name calls usec failed expected
    local -a cmd
    RPS=() RPS1=() RPS2=() USEC=()
    echo
    if ((WARMUP > 0)); then
        echo "Warming up..."
        for ((i = 0; i < n; i++)); do
            read -r -a cmd <<<"${table[$i]#*|}"
            "$before" "$WARMUP"
            bench "$WARMUP" "${cmd[@]}" >/dev/null
            "$after" "$WARMUP" "${cmd[*]}"
        done
    fi
    cli CONFIG RESETSTAT >/dev/null

    for round in 1 2; do
        for ((i = 0; i < n; i++)); do
            index=$((round == 1 ? i : n - 1 - i))
            read -r -a cmd <<<"${table[$index]#*|}"
            echo "Round $round: ${cmd[*]} (-n $requests) ..."
            "$before" "$requests"
            rate=$(bench "$requests" "${cmd[@]}")
            "$after" "$requests" "${cmd[*]}"
            if ((round == 1)); then RPS1[$index]=$rate; else RPS2[$index]=$rate; fi
        done
    done

    for ((i = 0; i < n; i++)); do
        read -r -a cmd <<<"${table[$i]#*|}"
        name=$(tr 'A-Z' 'a-z' <<<"${cmd[0]}")
        read -r calls usec _ failed <<<"$(cmdstat "$name")"
        expected=$((2 * requests * ${CALLS_PER_REQUEST[$name]:-1}))
        ((calls == expected)) || warnings+=("$name: $calls calls recorded, expected $expected")
        ((failed == 0)) || warnings+=("$name: $failed failed calls")
        # Per request sent, which is the server's usec_per_call unless it counts calls twice.
        USEC[$i]=$(awk -v u="$usec" -v r="$((2 * requests))" 'BEGIN { printf "%.2f", u / r }')
        RPS[$i]=$(harmonic_mean "${RPS1[$i]}" "${RPS2[$i]}")
    done
}

# Prints what measure found for <array>, under <title>.
print_table() {
    local -n table=$1
    local title=$2 i
    echo
    echo "$title"
    printf "%-31s %-28s %9s %9s %9s %9s\n" "" "command" "req/s" "round 1" "round 2" "usec/call"
    for ((i = 0; i < ${#table[@]}; i++)); do
        printf "%-31s %-28s %9s %9.0f %9.0f %9s\n" "${table[$i]%%|*}" "${table[$i]#*|}" \
            "${RPS[$i]}" "${RPS1[$i]}" "${RPS2[$i]}" "${USEC[$i]}"
    done
    echo
}

measure ECHO_COMMANDS "$REQUESTS" : :
print_table ECHO_COMMANDS "Echo, -n $REQUESTS:"
# Indices into ECHO_COMMANDS: 0 JVM plain, 1 JVM suspending, 2 C plain, 3 C block+pthread.
awk -v js="${RPS[1]}" -v jp="${RPS[0]}" -v cb="${RPS[3]}" -v cp="${RPS[2]}" 'BEGIN {
    printf "req/s ratios: suspending/JVM plain %.2f, suspending/C block %.2f, C block/C plain %.2f\n",
        js / jp, js / cb, cb / cp
}'

measure POP_COMMANDS "$POP_REQUESTS" fill_list check_list
print_table POP_COMMANDS "Pop from a filled list, -n $POP_REQUESTS:"
# Indices into POP_COMMANDS: 0 native BLPOP, 1 C module, 2 JVM blockOnKeys, 3 JVM suspend.
awk -v nb="${RPS[0]}" -v cm="${RPS[1]}" -v jb="${RPS[2]}" -v js="${RPS[3]}" 'BEGIN {
    printf "req/s ratios: JVM suspend awaitKeys/C module block-on-keys %.2f, JVM blockOnKeys/native BLPOP %.2f\n",
        js / cm, jb / nb
}'

echo
echo "req/s: client-side throughput from valkey-benchmark, harmonic mean of both rounds."
echo "usec/call: INFO commandstats usec over both rounds, per request sent (CBLOCK.BLPOP: the server"
echo "  counts each call twice, so usec_per_call would halve it). For the blocking commands (FIXTURE.SLEEP,"
echo "  CBLOCK.ECHO, CBLOCK.BLPOP, FIXTURE.BPOP) it counts only the main-thread time in the command"
echo "  and reply callbacks, not the wait in between, so it is not the latency of a call."
echo "Pops: the list holds more than each run pops, so BLPOP and FIXTURE.BLPOP pop inside the command;"
echo "  CBLOCK.BLPOP and FIXTURE.BPOP always block the client first and pop later: in the reply callback"
echo "  the server calls for the key the command signalled, or in the main-thread check the coroutine awaits."
for w in "${warnings[@]}"; do echo "WARNING: $w"; done

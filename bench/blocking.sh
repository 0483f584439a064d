#!/usr/bin/env bash
# Times a suspending echo (FIXTURE.SLEEP 0 0: block the client, resume a Kotlin coroutine on a
# pool thread, reply on the main thread) beside a plain JVM echo (FIXTURE.ECHO) and beside the same
# two in C (bench/cblock.c: CBLOCK.PLAIN, and CBLOCK.ECHO = BlockClient + a detached pthread that
# calls UnblockClient), inside ONE valkey-server, same run. See bench/README.md.
#
# Environment:
#   REQUESTS=100000  requests per benchmark run (each command runs once per round, two rounds)
#   WARMUP=20000     requests per command before the measured runs (0 = none)
#   CLIENTS=50       valkey-benchmark -c
#   PIPELINE=1       valkey-benchmark -P
#   SKIP_BUILD=1     do not run mvn (it/target/fixture.so must exist)
set -euo pipefail

REQUESTS=${REQUESTS:-100000}
WARMUP=${WARMUP:-20000}
CLIENTS=${CLIENTS:-50}
PIPELINE=${PIPELINE:-1}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-600} # seconds allowed for one valkey-benchmark run
START_TIMEOUT=60                    # seconds allowed for the server to answer PING

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
FIXTURE_SO="$ROOT/it/target/fixture.so"
CBLOCK_SO="$BENCH_DIR/target/cblock.so"

# The commands to time: "<label>|<command and arguments>", in round-one order.
COMMANDS=(
    "JVM plain|FIXTURE.ECHO x"
    "JVM suspending|FIXTURE.SLEEP 0 0"
    "C plain|CBLOCK.PLAIN x"
    "C block+pthread|CBLOCK.ECHO x"
)

die() { echo "blocking.sh: $*" >&2; exit 1; }

# --- build -------------------------------------------------------------------
mkdir -p "$BENCH_DIR/target"
gcc -O2 -Wall -Wextra -shared -fPIC -pthread -o "$CBLOCK_SO" "$BENCH_DIR/cblock.c"
chmod +x "$CBLOCK_SO"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "Building the fixture module (mvn -q -B -ntp -DskipTests install -pl it -am)..."
    (cd "$ROOT" && timeout 1800 mvn -q -B -ntp -DskipTests install -pl it -am)
fi
[[ -f "$FIXTURE_SO" ]] || die "$FIXTURE_SO not found (build the project or unset SKIP_BUILD)"

# --- server --------------------------------------------------------------------
WORK=$(mktemp -d)
SERVER_PID=""
PORT=""

cli() { timeout 10 valkey-cli -p "$PORT" "$@"; }

cleanup() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        cli SHUTDOWN NOSAVE >/dev/null 2>&1 || true
        for _ in $(seq 50); do
            kill -0 "$SERVER_PID" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            echo "blocking.sh: server did not shut down; killing pid $SERVER_PID" >&2
            kill -9 "$SERVER_PID" 2>/dev/null || true
        fi
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A port below the kernel's ephemeral range (client sockets take those), free when chosen.
pick_port() {
    local low candidate
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range || low=32768
    ((low > 20000)) || low=61000
    PORT=""
    for _ in $(seq 100); do
        candidate=$((20000 + RANDOM % (low - 20000)))
        if port_is_free "$candidate"; then PORT=$candidate; return; fi
    done
    die "no free port found"
}

# Starts the server; tries another port if someone took this one between the check and the bind.
for attempt in 1 2 3 4 5; do
    pick_port
    : >"$WORK/server.log"
    valkey-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no \
        --dir "$WORK" --logfile "$WORK/server.log" \
        --loadmodule "$FIXTURE_SO" --loadmodule "$CBLOCK_SO" &
    SERVER_PID=$!

    deadline=$((SECONDS + START_TIMEOUT))
    until [[ "$(cli PING 2>/dev/null)" == PONG ]]; do
        if ! kill -0 "$SERVER_PID" 2>/dev/null || ((SECONDS >= deadline)); then break; fi
        sleep 0.2
    done
    [[ "$(cli PING 2>/dev/null)" == PONG ]] && break
    if ! kill -0 "$SERVER_PID" 2>/dev/null && grep -q "Address already in use" "$WORK/server.log" && ((attempt < 5)); then
        echo "blocking.sh: port $PORT was taken; trying another" >&2
        continue
    fi
    cat "$WORK/server.log" >&2 || true
    die "valkey-server exited or did not answer PING within ${START_TIMEOUT}s (log above)"
done

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

# --- measuring -----------------------------------------------------------------
# Runs valkey-benchmark on one raw command and prints its requests per second.
bench() {
    local n=$1
    shift
    local out rps
    out=$(timeout "$BENCH_TIMEOUT" valkey-benchmark -p "$PORT" -n "$n" -c "$CLIENTS" -P "$PIPELINE" -q "$@" 2>&1) ||
        die "valkey-benchmark failed for '$*': $out"
    rps=$(tr '\r' '\n' <<<"$out" | sed -n 's/.*: *\([0-9.]*\) requests per second.*/\1/p' | tail -n 1)
    [[ -n "$rps" ]] || die "no requests/sec in valkey-benchmark output for '$*': $out"
    echo "$rps"
}

# Prints "<calls> <usec_per_call> <failed_calls>" for one command from INFO commandstats.
cmdstat() {
    local line
    line=$(cli INFO commandstats | tr -d '\r' | grep "^cmdstat_$1:") || die "no commandstats for $1"
    sed 's/.*calls=\([0-9]*\),usec=[0-9]*,usec_per_call=\([0-9.]*\).*failed_calls=\([0-9]*\).*/\1 \2 \3/' <<<"$line"
}

cpu_model=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -n 1)
echo
echo "Machine: $(nproc) CPUs (${cpu_model:-unknown model}), $(free -g | awk '/^Mem:/ { print $2 " GB RAM" }'), $(uname -sr)"
echo "         $(java -version 2>&1 | sed -n 1p), $(valkey-server --version)"
echo "valkey-benchmark: -n $REQUESTS -c $CLIENTS -P $PIPELINE, two rounds (second in reverse order), warm-up $WARMUP"
echo

if ((WARMUP > 0)); then
    echo "Warming up..."
    for entry in "${COMMANDS[@]}"; do
        read -r -a cmd <<<"${entry#*|}"
        bench "$WARMUP" "${cmd[@]}" >/dev/null
    done
fi
cli CONFIG RESETSTAT >/dev/null

declare -A rps1 rps2
n=${#COMMANDS[@]}
for round in 1 2; do
    for ((i = 0; i < n; i++)); do
        index=$((round == 1 ? i : n - 1 - i))
        entry=${COMMANDS[$index]}
        read -r -a cmd <<<"${entry#*|}"
        echo "Round $round: ${cmd[*]} ..."
        rate=$(bench "$REQUESTS" "${cmd[@]}")
        if ((round == 1)); then rps1[$index]=$rate; else rps2[$index]=$rate; fi
    done
done

declare -A rps usec
warnings=()
for ((i = 0; i < n; i++)); do
    read -r -a cmd <<<"${COMMANDS[$i]#*|}"
    name=$(tr 'A-Z' 'a-z' <<<"${cmd[0]}")
    read -r calls per_call failed <<<"$(cmdstat "$name")"
    ((calls == 2 * REQUESTS)) || warnings+=("$name: $calls calls recorded, expected $((2 * REQUESTS))")
    ((failed == 0)) || warnings+=("$name: $failed failed calls")
    usec[$i]=$per_call
    # Two runs of equal size: the overall rate is their harmonic mean.
    rps[$i]=$(awk -v a="${rps1[$i]}" -v b="${rps2[$i]}" 'BEGIN { printf "%.0f", 2 / (1 / a + 1 / b) }')
done

echo
printf "%-17s %-20s %12s %12s %12s %10s\n" "" "command" "req/s" "round 1" "round 2" "usec/call"
for ((i = 0; i < n; i++)); do
    printf "%-17s %-20s %12s %12.0f %12.0f %10s\n" "${COMMANDS[$i]%%|*}" "${COMMANDS[$i]#*|}" \
        "${rps[$i]}" "${rps1[$i]}" "${rps2[$i]}" "${usec[$i]}"
done
echo
# Indices into COMMANDS: 0 JVM plain, 1 JVM suspending, 2 C plain, 3 C block+pthread.
awk -v js="${rps[1]}" -v jp="${rps[0]}" -v cb="${rps[3]}" -v cp="${rps[2]}" 'BEGIN {
    printf "req/s ratios: suspending/JVM plain %.2f, suspending/C block %.2f, C block/C plain %.2f\n",
        js / jp, js / cb, cb / cp
}'
echo
echo "req/s: client-side throughput from valkey-benchmark, harmonic mean of both rounds."
echo "usec/call: INFO commandstats over both rounds. For the blocking commands (FIXTURE.SLEEP,"
echo "  CBLOCK.ECHO) it counts only the main-thread time in the command and reply callbacks, not"
echo "  the wait for the other thread, so it is not the latency of a call."
for w in "${warnings[@]}"; do echo "WARNING: $w"; done

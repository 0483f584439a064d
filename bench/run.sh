#!/usr/bin/env bash
# Times the JVM "hello" example module against chello, the same three commands
# written in plain C, inside ONE valkey-server. See bench/README.md.
#
# Environment:
#   REQUESTS=200000  requests per benchmark run (each command runs twice per pair)
#   WARMUP=20000     requests per command before the measured runs (0 = none)
#   CLIENTS=50       valkey-benchmark -c
#   PIPELINE=1       valkey-benchmark -P
#   SKIP_BUILD=1     do not run mvn (examples/hello/target/hello.so must exist)
set -euo pipefail

REQUESTS=${REQUESTS:-200000}
WARMUP=${WARMUP:-20000}
CLIENTS=${CLIENTS:-50}
PIPELINE=${PIPELINE:-1}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-600} # seconds allowed for one valkey-benchmark run
START_TIMEOUT=60                    # seconds allowed for the server to answer PING

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
HELLO_SO="$ROOT/examples/hello/target/hello.so"
CHELLO_SO="$BENCH_DIR/target/chello.so"

# The pairs to time: "<command suffix>|<arguments>".
PAIRS=("SIMPLE|" "RAND.ARRAY|10" "LEFTPAD|foo 20 x")

die() { echo "run.sh: $*" >&2; exit 1; }

# --- build -------------------------------------------------------------------
mkdir -p "$BENCH_DIR/target"
gcc -O2 -Wall -Wextra -shared -fPIC -o "$CHELLO_SO" "$BENCH_DIR/chello.c"
chmod +x "$CHELLO_SO"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "Building the project (mvn -q -B -DskipTests install)..."
    (cd "$ROOT" && timeout 1800 mvn -q -B -DskipTests install)
fi
[[ -f "$HELLO_SO" ]] || die "$HELLO_SO not found (build the project or unset SKIP_BUILD)"

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
            echo "run.sh: server did not shut down; killing pid $SERVER_PID" >&2
            kill -9 "$SERVER_PID" 2>/dev/null || true
        fi
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for _ in $(seq 100); do
    candidate=$((20000 + RANDOM % 30000))
    if port_is_free "$candidate"; then PORT=$candidate; break; fi
done
[[ -n "$PORT" ]] || die "no free port found"

valkey-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --dir "$WORK" --logfile "$WORK/server.log" \
    --loadmodule "$HELLO_SO" --loadmodule "$CHELLO_SO" &
SERVER_PID=$!

deadline=$((SECONDS + START_TIMEOUT))
until [[ "$(cli PING 2>/dev/null)" == PONG ]]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null || ((SECONDS >= deadline)); then
        cat "$WORK/server.log" >&2 || true
        die "valkey-server exited or did not answer PING within ${START_TIMEOUT}s (log above)"
    fi
    sleep 0.2
done

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

echo
echo "Machine: $(nproc) CPUs, $(java -version 2>&1 | sed -n 1p), $(valkey-server --version)"
echo "valkey-benchmark: -n $REQUESTS -c $CLIENTS -P $PIPELINE, two rounds per command (JVM,C then C,JVM), warm-up $WARMUP"
echo

rows=()
warnings=()
for pair in "${PAIRS[@]}"; do
    suffix=${pair%%|*}
    read -r -a args <<<"${pair#*|}"
    jvm=(HELLO."$suffix" "${args[@]}")
    c=(CHELLO."$suffix" "${args[@]}")
    echo "Timing ${jvm[*]} / ${c[*]} ..."

    if ((WARMUP > 0)); then
        bench "$WARMUP" "${jvm[@]}" >/dev/null
        bench "$WARMUP" "${c[@]}" >/dev/null
    fi
    cli CONFIG RESETSTAT >/dev/null

    jvm_rps1=$(bench "$REQUESTS" "${jvm[@]}")
    c_rps1=$(bench "$REQUESTS" "${c[@]}")
    c_rps2=$(bench "$REQUESTS" "${c[@]}")
    jvm_rps2=$(bench "$REQUESTS" "${jvm[@]}")

    name=$(tr 'A-Z' 'a-z' <<<"$suffix")
    read -r jvm_calls jvm_usec jvm_failed <<<"$(cmdstat "hello.$name")"
    read -r c_calls c_usec c_failed <<<"$(cmdstat "chello.$name")"
    for side in "hello.$name $jvm_calls $jvm_failed" "chello.$name $c_calls $c_failed"; do
        read -r cmd calls failed <<<"$side"
        ((calls == 2 * REQUESTS)) || warnings+=("$cmd: $calls calls recorded, expected $((2 * REQUESTS))")
        ((failed == 0)) || warnings+=("$cmd: $failed failed calls")
    done

    # Two runs of equal size: the overall rate is their harmonic mean.
    rows+=("$(awk -v cmd="$suffix${args[*]:+ ${args[*]}}" -v ju="$jvm_usec" -v cu="$c_usec" \
        -v j1="$jvm_rps1" -v j2="$jvm_rps2" -v c1="$c_rps1" -v c2="$c_rps2" 'BEGIN {
            printf "%-22s %10.2f %10.2f %8.2f %12.0f %12.0f", cmd, ju, cu, (cu > 0 ? ju / cu : 0),
                2 / (1 / j1 + 1 / j2), 2 / (1 / c1 + 1 / c2)
        }')")
done

echo
printf "%-22s %10s %10s %8s %12s %12s\n" "command" "JVM usec" "C usec" "JVM/C" "JVM req/s" "C req/s"
printf "%-22s %10s %10s %8s %12s %12s\n" "" "per call" "per call" "" "" ""
printf '%s\n' "${rows[@]}"
echo
echo "usec per call: server-side time inside the command (INFO commandstats), both rounds."
echo "req/s: client-side throughput from valkey-benchmark, harmonic mean of both rounds."
for w in "${warnings[@]}"; do echo "WARNING: $w"; done

#!/usr/bin/env bash
# Times the JVM "hello" example module against chello, the same commands
# written in plain C, inside ONE valkey-server. See bench/README.md.
#
# Environment:
#   REQUESTS=200000  requests per benchmark run (each command runs twice per pair)
#   WARMUP=20000     requests per command before the measured runs (0 = none)
#   CLIENTS=50       valkey-benchmark -c
#   PIPELINE=1       valkey-benchmark -P
#   SKIP_BUILD=1     do not run mvn (examples/hello/target/hello.so must exist)
#   JDK25=DIR        the JDK 25 to time besides the default JVM (default: /usr/lib/jvm/*25*, if any; JDK25= skips it)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/lib.sh"
bench_options 200000 # also BENCH_TIMEOUT=600: seconds allowed for one valkey-benchmark run

HELLO_SO="$ROOT/examples/hello/target/hello.so"
CHELLO_SO="$BENCH_DIR/target/chello.so"

# The pairs to time: "<command suffix>|<arguments>".
# RAND.ARRAY 100 beside 10: the difference is what 90 more reply elements cost.
PAIRS=("SIMPLE|" "RAND.ARRAY|10" "RAND.ARRAY|100" "LEFTPAD|foo 20 x" "LEFTPAD|foo 64 x")

# --- build -------------------------------------------------------------------
build_c_module chello
build_project "the project" -q -B -DskipTests install
require_file "$HELLO_SO"

# The bytes the JVM module's code has allocated on the server's main thread so far.
allocated_bytes() {
    cli INFO helloworld_jvm | tr -d '\r' | awk -F: '/main_thread_allocated_bytes/ { print $2 }'
}

# --- the JVMs to time: the default one (JAVA_HOME, else the build's) and JDK 25 where present ----
jdks=("")
jdk25=$(jdk25_home)
[[ -z "$jdk25" ]] || jdks+=("$jdk25")

setup_work_dir
echo
print_machine
echo "valkey-benchmark: -n $REQUESTS -c $CLIENTS -P $PIPELINE, two rounds per command (JVM,C then C,JVM), warm-up $WARMUP"

tables=()
warnings=()
for jdk in "${jdks[@]}"; do
    java_home=()
    label="default JDK"
    if [[ -n "$jdk" ]]; then
        java_home=(java-home "$jdk")
        label="$jdk"
    fi
    # One server per JVM (a server's JVM is the first JVM module's); chello in the same server.
    start_server "server-$(basename "${jdk:-default}")" --loadmodule "$HELLO_SO" "${java_home[@]}" --loadmodule "$CHELLO_SO"
    jvm_line=$(cli INFO helloworld_jvm | tr -d '\r' | awk -F: '/foreign_command_entry/ { print ($2 == 1 ? "FFM" : "JNI") }')
    echo
    echo "On $label (command entry: ${jvm_line:-?}):"

    rows=()
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
        allocated_before=$(allocated_bytes)

        jvm_rps1=$(bench "$REQUESTS" "${jvm[@]}")
        c_rps1=$(bench "$REQUESTS" "${c[@]}")
        c_rps2=$(bench "$REQUESTS" "${c[@]}")
        jvm_rps2=$(bench "$REQUESTS" "${jvm[@]}")
        bytes_per_call=$(( ($(allocated_bytes) - allocated_before) / (2 * REQUESTS) ))

        name=$(tr 'A-Z' 'a-z' <<<"$suffix")
        read -r jvm_calls _ jvm_usec jvm_failed <<<"$(cmdstat "hello.$name")"
        read -r c_calls _ c_usec c_failed <<<"$(cmdstat "chello.$name")"
        for side in "hello.$name $jvm_calls $jvm_failed" "chello.$name $c_calls $c_failed"; do
            read -r cmd calls failed <<<"$side"
            ((calls == 2 * REQUESTS)) || warnings+=("$label, $cmd: $calls calls recorded, expected $((2 * REQUESTS))")
            ((failed == 0)) || warnings+=("$label, $cmd: $failed failed calls")
        done

        rows+=("$(awk -v cmd="$suffix${args[*]:+ ${args[*]}}" -v ju="$jvm_usec" -v cu="$c_usec" -v b="$bytes_per_call" \
            -v jr="$(harmonic_mean "$jvm_rps1" "$jvm_rps2")" -v cr="$(harmonic_mean "$c_rps1" "$c_rps2")" 'BEGIN {
                printf "%-22s %10.2f %10.2f %8.2f %10d %12.0f %12.0f", cmd, ju, cu, (cu > 0 ? ju / cu : 0), b, jr, cr
            }')")
    done
    tables+=("" "$label, command entry ${jvm_line:-?}:"
        "$(printf "%-22s %10s %10s %8s %10s %12s %12s" "command" "JVM usec" "C usec" "JVM/C" "JVM bytes" "JVM req/s" "C req/s")"
        "$(printf "%-22s %10s %10s %8s %10s %12s %12s" "" "per call" "per call" "" "per call" "" "")"
        "${rows[@]}")
    stop_servers
done

printf '%s\n' "${tables[@]}"
echo
echo "usec per call: server-side time inside the command (INFO commandstats), both rounds."
echo "JVM bytes per call: what the module's Java code allocated on the main thread (INFO main_thread_allocated_bytes)."
echo "req/s: client-side throughput from valkey-benchmark, harmonic mean of both rounds."
for w in "${warnings[@]}"; do echo "WARNING: $w"; done

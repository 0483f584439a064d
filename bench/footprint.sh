#!/usr/bin/env bash
# Memory of a server with a JVM module (the hello example) against the same server with chello,
# the same commands in plain C: RSS right after the load and after CALLS calls, on the JDK found
# and on JDK 25 when it is installed. See bench/README.md.
#
# Usage: bash bench/footprint.sh [OPTION-SET...]
#   Each OPTION-SET is a space-separated list of JVM options, passed to the JVM server as
#   'jvm-option' arguments (after the loader's defaults, so they override them); each set is one
#   row per JDK. No argument: one row per JDK with the loader's defaults only ("").
#
# Environment:
#   CALLS=2000000    calls per server, half HELLO.LEFTPAD foo 64 x, half HELLO.RAND.ARRAY 10
#   CLIENTS=50       valkey-benchmark -c
#   PIPELINE=16      valkey-benchmark -P
#   JDK25=DIR     the second JDK (default: /usr/lib/jvm/*25*, if any; JDK25= skips it)
#   KEYS=0           when > 0, also a dataset table: KEYS hellotype values of ELEMENTS integers
#   ELEMENTS=3       each, in a server per JDK and option set (plus DATASET_OPTIONS, see below)
#   DATASET_OPTIONS  extra option sets for the dataset table only, separated by '|'
#   SKIP_BUILD=1     do not run mvn (examples/hello and examples/hellotype must be built)
#   SETTLE=0         when > 0, also the RSS SETTLE seconds after the calls (a table of its own): what
#                    is left once the allocator has returned memory freed during the calls (see README)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$BENCH_DIR/lib.sh"
CLIENTS=${CLIENTS:-50}
PIPELINE=${PIPELINE:-16}
bench_options 0
CALLS=${CALLS:-2000000}
KEYS=${KEYS:-0}
ELEMENTS=${ELEMENTS:-3}
SETTLE=${SETTLE:-0}
CHUNKS=10 # the calls go in CHUNKS runs per command, alternating between the two commands

HELLO_SO="$ROOT/examples/hello/target/hello.so"
HELLOTYPE_SO="$ROOT/examples/hellotype/target/hellotype.so"
CHELLO_SO="$BENCH_DIR/target/chello.so"

OPTION_SETS=("$@")
((${#OPTION_SETS[@]} > 0)) || OPTION_SETS=("")
DATASET_SETS=("${OPTION_SETS[@]}")
if [[ -n "${DATASET_OPTIONS:-}" ]]; then
    IFS='|' read -r -a extra <<<"$DATASET_OPTIONS"
    DATASET_SETS+=("${extra[@]}")
fi

# --- build ---------------------------------------------------------------------------------
build_c_module chello
build_project "the project" -q -B -ntp -DskipTests install
require_file "$HELLO_SO"
((KEYS == 0)) || require_file "$HELLOTYPE_SO"

JDKS=("")
jdk25=$(jdk25_home)
[[ -z "$jdk25" ]] || JDKS+=("$jdk25")

setup_work_dir

# --- measuring -----------------------------------------------------------------------------
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
status_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
info_field() { cli INFO "$1" | tr -d '\r' | sed -n "s/^$2://p"; }
# The JVM figures of the loaded module ("heap_max"...), from its INFO section <name>_jvm.
module_name() { cli MODULE LIST | sed -n 2p; }
jvm_field() { local name; name=$(module_name); info_field "${name}_jvm" "${name}_$1"; }

# Prints "<VmRSS kB> <VmHWM kB> <threads> <used_memory bytes>" of the server on PORT / SERVER_PID.
snapshot() {
    echo "$(status_kb "$SERVER_PID" VmRSS) $(status_kb "$SERVER_PID" VmHWM) $(status_kb "$SERVER_PID" Threads)" \
        "$(info_field memory used_memory)"
}

# Sends CALLS calls of the two commands of module PREFIX (HELLO or CHELLO), alternating in chunks.
run_calls() {
    local prefix=$1 chunk=$((CALLS / 2 / CHUNKS))
    for _ in $(seq "$CHUNKS"); do
        bench "$chunk" "$prefix.LEFTPAD" foo 64 x >/dev/null
        bench "$chunk" "$prefix.RAND.ARRAY" 10 >/dev/null
    done
}

usec_per_call() { local usec; read -r _ _ usec _ <<<"$(cmdstat "$1")"; echo "$usec"; }

# The longest GC pause in a -Xlog:gc,gc+phases file ("Pause ... 1.234ms"), in ms; "-" with none.
max_pause() {
    [[ -f "$1" ]] || { echo "-"; return; }
    awk '/Pause/ && match($0, /[0-9.]+ms$/) { v = substr($0, RSTART, RLENGTH - 2) + 0; if (v > m) m = v; n++ }
         END { if (n) printf "%.1f", m; else print "-" }' "$1"
}

# Module arguments for the JVM: java-home (unless empty) and one jvm-option per option of the set.
jvm_arguments() { # jdk options gclog -> JVM_ARGS
    local jdk=$1 options=$2 gclog=$3 option
    JVM_ARGS=()
    [[ -z "$jdk" ]] || JVM_ARGS+=(java-home "$jdk")
    for option in $options "-Xlog:gc,gc+phases:file=$gclog"; do JVM_ARGS+=(jvm-option "$option"); done
}

jdk_name() {
    local java=${1:+$1/bin/}java
    "$java" -version 2>&1 | sed -n '1s/.*version "\([^"]*\)".*/JDK \1/p'
}

MEMORY_ROWS=()
SETTLED_ROWS=()
# With SETTLE > 0: waits SETTLE seconds, then adds the server's RSS (and over C, given chello's) to SETTLED_ROWS.
settled_row() { # label [chello-settled-kB]
    ((SETTLE > 0)) || return 0
    sleep "$SETTLE"
    SETTLED_KB=$(status_kb "$SERVER_PID" VmRSS)
    SETTLED_ROWS+=("$(printf '%-44s %9s %9s' "$1" "$(mb "$SETTLED_KB")" "${2:++$(mb $((SETTLED_KB - $2)))}")")
}
JVM_ROWS=()
memory_row() { # label load-snapshot calls-snapshot [base-load base-calls]
    local label=$1 rss0 rss1 hwm threads used over0="" over1=""
    read -r rss0 _ _ _ <<<"$2"
    read -r rss1 hwm threads used <<<"$3"
    if [[ $# -ge 5 ]]; then
        over0="+$(mb $((rss0 - $4)))"
        over1="+$(mb $((rss1 - $5)))"
    fi
    MEMORY_ROWS+=("$(printf '%-44s %9s %9s %9s %9s %9s %8s %11s' "$label" "$(mb "$rss0")" "$(mb "$rss1")" \
        "$over0" "$over1" "$(mb "$hwm")" "$threads" "$(mb $((used / 1024)))")")
}

echo "Plain server (no module) and chello (C)..."
start_server plain
bare=$(snapshot)
start_server chello --loadmodule "$CHELLO_SO"
c_load=$(snapshot)
run_calls CHELLO
c_calls=$(snapshot)
c_leftpad=$(usec_per_call chello.leftpad)
c_rand=$(usec_per_call chello.rand.array)
settled_row "chello (C)"
c_settled=${SETTLED_KB:-}
memory_row "no module" "$bare" "$bare"
memory_row "chello (C)" "$c_load" "$c_calls"
read -r c_rss0 _ <<<"$c_load"
read -r c_rss1 _ <<<"$c_calls"
stop_servers
JVM_ROWS+=("$(printf '%-44s %9s %9s %9s %7s %8s %9s %11s %11s' "chello (C)" "" "" "" "" "" "" "$c_leftpad" "$c_rand")")

n=0
for jdk in "${JDKS[@]}"; do
    jdk_label=$(jdk_name "$jdk")
    for options in "${OPTION_SETS[@]}"; do
        n=$((n + 1))
        label="hello, $jdk_label${options:+, $options}"
        [[ -n "$options" ]] || label="$label, defaults"
        echo "$label..."
        jvm_arguments "$jdk" "$options" "$WORK/gc-$n.log"
        start_server "jvm-$n" --loadmodule "$HELLO_SO" "${JVM_ARGS[@]}"
        load=$(snapshot)
        run_calls HELLO
        calls=$(snapshot)
        memory_row "$label" "$load" "$calls" "$c_rss0" "$c_rss1"
        JVM_ROWS+=("$(printf '%-44s %9s %9s %9s %7s %8s %9s %11s %11s' "$label" \
            "$(mb $(($(jvm_field heap_committed) / 1024)))" \
            "$(mb $(($(jvm_field heap_max) / 1024)))" \
            "$(mb $(($(jvm_field nonheap_committed) / 1024)))" \
            "$(jvm_field gc_count)" "$(jvm_field gc_time_ms)" \
            "$(max_pause "$WORK/gc-$n.log")" "$(usec_per_call hello.leftpad)" "$(usec_per_call hello.rand.array)")")
        settled_row "$label" "$c_settled"
        grep -h "valkey-jvm: started the JVM" "$SERVER_DIR/server.log" | sed 's/.*valkey-jvm: /  /' || true
        stop_servers
    done
done

DATASET_ROWS=()
if ((KEYS > 0)); then
    echo "Plain server with $KEYS strings..."
    start_server strings
    awk -v n="$KEYS" 'BEGIN { for (i = 0; i < n; i++) printf "SET str:%d value-%d-abcdefghij\n", i, i }' \
        | valkey-cli -p "$PORT" --pipe >/dev/null
    strings=$(snapshot)
    read -r s_rss _ _ s_used <<<"$strings"
    DATASET_ROWS+=("$(printf '%-44s %9s %9s %11s %9s %9s %7s %8s %9s' "$KEYS plain strings (no module)" "" \
        "$(mb "$s_rss")" "$(mb $((s_used / 1024)))" "" "" "" "" "")")
    stop_servers
    for jdk in "${JDKS[@]}"; do
        jdk_label=$(jdk_name "$jdk")
        for options in "${DATASET_SETS[@]}"; do
            n=$((n + 1))
            label="hellotype, $jdk_label${options:+, $options}"
            [[ -n "$options" ]] || label="$label, defaults"
            echo "$label, $KEYS values..."
            jvm_arguments "$jdk" "$options" "$WORK/gc-$n.log"
            start_server "dataset-$n" --loadmodule "$HELLOTYPE_SO" "${JVM_ARGS[@]}"
            read -r rss0 _ <<<"$(snapshot)"
            awk -v n="$KEYS" -v e="$ELEMENTS" 'BEGIN { for (i = 0; i < n; i++) for (j = 0; j < e; j++) printf "HELLOTYPE.INSERT ht:%d %d\n", i, i * 10 + j }' \
                | valkey-cli -p "$PORT" --pipe >/dev/null
            [[ "$(cli DBSIZE)" == "$KEYS" ]] || die "loading $KEYS hellotype values failed"
            read -r rss1 _ _ used <<<"$(snapshot)"
            DATASET_ROWS+=("$(printf '%-44s %9s %9s %11s %9s %9s %7s %8s %9s' "$label" "$(mb "$rss0")" "$(mb "$rss1")" \
                "$(mb $((used / 1024)))" \
                "$(mb $(($(jvm_field heap_used_after_gc) / 1024)))" \
                "$(mb $(($(jvm_field heap_committed) / 1024)))" \
                "$(jvm_field gc_count)" "$(jvm_field gc_time_ms)" \
                "$(max_pause "$WORK/gc-$n.log")")")
            stop_servers
        done
    done
fi

echo
print_machine
echo "$CALLS calls per server (half LEFTPAD foo 64 x, half RAND.ARRAY 10, in $CHUNKS runs each, alternating);" \
    "valkey-benchmark -c $CLIENTS -P $PIPELINE"
echo
printf '%-44s %9s %9s %9s %9s %9s %8s %11s\n' "MB" "RSS load" "RSS calls" "over C" "over C" "peak RSS" "threads" "used_memory"
printf '%-44s %9s %9s %9s %9s %9s %8s %11s\n' "" "" "" "load" "calls" "" "" "calls"
printf '%s\n' "${MEMORY_ROWS[@]}"
if ((SETTLE > 0)); then
    echo
    printf '%-44s %9s %9s\n' "${SETTLE} s after the calls, MB" "RSS" "over C"
    printf '%s\n' "${SETTLED_ROWS[@]}"
fi
echo
printf '%-44s %9s %9s %9s %7s %8s %9s %11s %11s\n' "after the calls" "heap MB" "heap max" "nonheap" "GCs" "GC ms" "max pause" "LEFTPAD" "RAND.ARRAY"
printf '%-44s %9s %9s %9s %7s %8s %9s %11s %11s\n' "" "committed" "MB" "MB" "" "total" "ms" "usec/call" "usec/call"
printf '%s\n' "${JVM_ROWS[@]}"
if ((KEYS > 0)); then
    echo
    printf '%-44s %9s %9s %11s %9s %9s %7s %8s %9s\n' "$KEYS values of $ELEMENTS integers" "RSS load" "RSS data" \
        "used_memory" "heap used" "heap MB" "GCs" "GC ms" "max pause"
    printf '%-44s %9s %9s %11s %9s %9s %7s %8s %9s\n' "" "MB" "MB" "MB" "after GC" "committed" "" "total" "ms"
    printf '%s\n' "${DATASET_ROWS[@]}"
fi
echo
echo "RSS: VmRSS of the server process (/proc/PID/status), right after the module loaded and after the calls;"
echo "over C: the JVM server's RSS minus chello's at the same point; peak RSS: VmHWM. used_memory: INFO memory"
echo "(the server's own allocator; the JVM heap is outside it). heap/GC figures: INFO <module>_jvm; max pause: the"
echo "longest 'Pause' in the JVM's -Xlog:gc,gc+phases log. usec/call: INFO commandstats (server-side, per call)."

# Shared scaffolding of the bench scripts (run.sh, bgsave.sh, blocking.sh, footprint.sh); not run on its own.
# A script sets BENCH_DIR (this folder), then `source "$BENCH_DIR/lib.sh"`; it runs under
# `set -euo pipefail`, and so do these functions.
#
# Sourcing sets ROOT (the repository), SCRIPT_NAME (the script's file name, for messages),
# START_TIMEOUT (seconds a server gets to answer PING) and the empty server lists below.
#
#   die MESSAGE...           prints "SCRIPT_NAME: MESSAGE" on stderr and exits 1.
#   bench_options REQUESTS   sets REQUESTS (default the argument), WARMUP (20000), CLIENTS (50),
#                            PIPELINE (1) and BENCH_TIMEOUT (600 s per valkey-benchmark run), each
#                            from the environment when set there.
#   build_c_module NAME [GCC FLAGS...]
#                            compiles bench/NAME.c into bench/target/NAME.so.
#   build_project WHAT MVN ARGS...
#                            unless SKIP_BUILD=1, says "Building WHAT (mvn ARGS)..." and runs mvn in ROOT.
#   require_file FILE        dies unless FILE exists (a build output).
#   setup_work_dir           sets WORK (a new temporary folder) and the traps: on exit, stop_servers
#                            and remove WORK; SIGINT and SIGTERM exit with 130 through that.
#   cli_at PORT ARGS...      valkey-cli on PORT, at most 10 s.
#   cli ARGS...              cli_at "$PORT".
#   port_is_free PORT        true when nothing accepts connections on 127.0.0.1:PORT.
#   pick_port                sets PORT to a free port below the kernel's ephemeral range.
#   start_server NAME [VALKEY-SERVER ARGS...]
#                            starts a valkey-server (no persistence, data and server.log in
#                            WORK/NAME) on a free port and waits until it answers PING, on another
#                            port if the chosen one was taken meanwhile; dies if it does not start.
#                            Sets PORT, SERVER_PID and SERVER_DIR for it, and adds it to SERVER_PIDS
#                            and SERVER_PORTS. Call it in the script's own shell (not in $(...)),
#                            once per server; stop_servers stops them all.
#   stop_servers             SHUTDOWN NOSAVE to every server still running, then waits up to 10 s
#                            and kills with SIGKILL any that is left.
#   bench N COMMAND...       runs valkey-benchmark (-n N, -c CLIENTS, -P PIPELINE, on PORT, at most
#                            BENCH_TIMEOUT) on one raw command; prints its requests per second.
#   cmdstat NAME             prints "<calls> <usec> <usec_per_call> <failed_calls>" of one command
#                            (lower case) from INFO commandstats on PORT.
#   harmonic_mean A B        prints the harmonic mean of A and B, rounded to a whole number: the
#                            overall rate of two runs of equal size.
#   print_machine            prints two lines: CPUs, memory, kernel; Java and valkey-server versions.
#   jdk25_home               prints the JDK 25 to measure besides the default JVM: JDK25 when set (empty:
#                            none), else the first /usr/lib/jvm/*25* with a server libjvm.so; nothing if none.

ROOT=$(cd "$BENCH_DIR/.." && pwd)
SCRIPT_NAME=$(basename "$0")
START_TIMEOUT=60
SERVER_PIDS=()
SERVER_PORTS=()

die() {
    echo "$SCRIPT_NAME: $*" >&2
    exit 1
}

bench_options() {
    REQUESTS=${REQUESTS:-$1}
    WARMUP=${WARMUP:-20000}
    CLIENTS=${CLIENTS:-50}
    PIPELINE=${PIPELINE:-1}
    BENCH_TIMEOUT=${BENCH_TIMEOUT:-600}
}

# --- building ------------------------------------------------------------------------------
build_c_module() {
    local name=$1
    shift
    mkdir -p "$BENCH_DIR/target"
    gcc -O2 -Wall -Wextra -shared -fPIC "$@" -o "$BENCH_DIR/target/$name.so" "$BENCH_DIR/$name.c"
    chmod +x "$BENCH_DIR/target/$name.so"
}

build_project() {
    local what=$1
    shift
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        echo "Building $what (mvn $*)..."
        (cd "$ROOT" && timeout 1800 mvn "$@")
    fi
}

require_file() {
    [[ -f "$1" ]] || die "$1 not found (build the project or unset SKIP_BUILD)"
}

# --- servers -------------------------------------------------------------------------------
setup_work_dir() {
    WORK=$(mktemp -d)
    trap 'stop_servers; rm -rf "$WORK"' EXIT
    trap 'exit 130' INT TERM
}

cli_at() {
    local port=$1
    shift
    timeout 10 valkey-cli -p "$port" "$@"
}

cli() { cli_at "$PORT" "$@"; }

port_is_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
    local low candidate
    read -r low _ </proc/sys/net/ipv4/ip_local_port_range || low=32768
    ((low > 20000)) || low=61000
    PORT=""
    for _ in $(seq 100); do
        candidate=$((20000 + RANDOM % (low - 20000)))
        if port_is_free "$candidate"; then
            PORT=$candidate
            return
        fi
    done
    die "no free port found"
}

start_server() {
    local name=$1 attempt deadline
    shift
    SERVER_DIR="$WORK/$name"
    mkdir -p "$SERVER_DIR"
    for attempt in 1 2 3 4 5; do
        pick_port
        : >"$SERVER_DIR/server.log"
        valkey-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no \
            --dir "$SERVER_DIR" --logfile "$SERVER_DIR/server.log" "$@" &
        SERVER_PID=$!
        SERVER_PIDS+=("$SERVER_PID")
        SERVER_PORTS+=("$PORT")

        deadline=$((SECONDS + START_TIMEOUT))
        until [[ "$(cli PING 2>/dev/null)" == PONG ]]; do
            if ! kill -0 "$SERVER_PID" 2>/dev/null || ((SECONDS >= deadline)); then break; fi
            sleep 0.2
        done
        if [[ "$(cli PING 2>/dev/null)" == PONG ]]; then return; fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null && grep -q "Address already in use" "$SERVER_DIR/server.log" &&
            ((attempt < 5)); then
            echo "$SCRIPT_NAME: port $PORT was taken; trying another" >&2
            continue
        fi
        cat "$SERVER_DIR/server.log" >&2 || true
        die "valkey-server ($name) exited or did not answer PING within ${START_TIMEOUT}s (log above)"
    done
}

stop_servers() {
    local i pid alive
    for i in "${!SERVER_PIDS[@]}"; do
        if kill -0 "${SERVER_PIDS[$i]}" 2>/dev/null; then
            cli_at "${SERVER_PORTS[$i]}" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
        fi
    done
    for _ in $(seq 50); do
        alive=0
        for pid in "${SERVER_PIDS[@]}"; do
            if kill -0 "$pid" 2>/dev/null; then alive=1; fi
        done
        ((alive)) || break
        sleep 0.2
    done
    for pid in "${SERVER_PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            echo "$SCRIPT_NAME: server did not shut down; killing pid $pid" >&2
            kill -9 "$pid" 2>/dev/null || true
        fi
    done
}

# --- measuring -----------------------------------------------------------------------------
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

cmdstat() {
    local line
    line=$(cli INFO commandstats | tr -d '\r' | grep "^cmdstat_$1:") || die "no commandstats for $1"
    sed 's/.*calls=\([0-9]*\),usec=\([0-9]*\),usec_per_call=\([0-9.]*\).*failed_calls=\([0-9]*\).*/\1 \2 \3 \4/' <<<"$line"
}

harmonic_mean() {
    awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", 2 / (1 / a + 1 / b) }'
}

print_machine() {
    local cpu_model
    cpu_model=$(awk '/^model name/ { sub(/^[^:]*: */, ""); print; exit }' /proc/cpuinfo 2>/dev/null || true)
    echo "Machine: $(nproc) CPUs (${cpu_model:-unknown model}), $(free -g | awk '/^Mem:/ { print $2 " GB RAM" }'), $(uname -sr)"
    echo "         $(java -version 2>&1 | sed -n 1p), $(valkey-server --version)"
}

jdk25_home() {
    local dir
    if [[ -v JDK25 ]]; then
        [[ -n "$JDK25" && -e "$JDK25/lib/server/libjvm.so" ]] && echo "$JDK25"
        return 0
    fi
    for dir in /usr/lib/jvm/*25*; do
        if [[ -e "$dir/lib/server/libjvm.so" ]]; then
            echo "$dir"
            return 0
        fi
    done
}

#!/usr/bin/env bash
# Builds everything, starts valkey-server with the hello example (Kotlin) and javahello (Java)
# loaded, and shows their commands answering. KEEP=1 leaves the server running afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-valkey.sh
mvn -B -ntp -q -DskipTests install
PORT="${PORT:-6390}"
DIR="$(mktemp -d)"
HELLO="$PWD/examples/hello/target/hello.so"
JAVAHELLO="$PWD/examples/javahello/target/javahello.so"

valkey-server --port "$PORT" --bind 127.0.0.1 --dir "$DIR" --save "" --daemonize yes \
    --logfile "$DIR/valkey.log" --loadmodule "$HELLO" --loadmodule "$JAVAHELLO"
for _ in $(seq 1 100); do valkey-cli -p "$PORT" PING >/dev/null 2>&1 && break; sleep 0.1; done

show() { echo "> $*"; valkey-cli -p "$PORT" "$@"; }
show MODULE LIST
show HELLO.SIMPLE
show HELLO.RAND.ARRAY 3
show HELLO.LEFTPAD foo 6 x
show HELLO.LEFTPAD foo 6 xy
show JAVAHELLO.ECHO "hello from Java"
echo "Server log: $DIR/valkey.log"
if [ "${KEEP:-0}" = "1" ]; then
    echo "valkey-server is running on port $PORT; stop it with: valkey-cli -p $PORT SHUTDOWN NOSAVE"
else
    valkey-cli -p "$PORT" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
fi

#!/usr/bin/env bash
# Runs every test: unit specs and the specs against live valkey-server processes with modules loaded.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-valkey.sh
if git rev-parse --git-dir >/dev/null 2>&1; then
    # The generated bindings must match their generator and declarations list.
    java jna-bindings/src/generator/GenerateBindings.java >/dev/null
    stale="$(git status --porcelain -- loader-c/generated jna-bindings/src/generated)"
    if [ -n "$stale" ]; then
        echo "$stale" >&2
        echo "Generated bindings are stale: run 'java jna-bindings/src/generator/GenerateBindings.java' and commit." >&2
        exit 1
    fi
fi
mvn -B -ntp verify
# A new module author's first hour: a project from the archetype, on a clean local repository.
bash scripts/archetype-check.sh
# Valkey's own module API units against the conformance ports, on Valkey 9.1.2 (built once, cached).
bash scripts/conformance.sh
# The specs whose tests take another path on Valkey 9.1 (what 8.0 refuses or lacks), on 9.1.2 too.
valkey9="$(bash scripts/install-valkey-9.sh | tail -1)/src/valkey-server"
VALKEY_SERVER_PATH="$valkey9" mvn -B -ntp verify -am \
    -pl it,examples/hellohook,examples/javactx,examples/rustpreload,examples/rusttesthelper \
    -Dtest='AuthSpec,ConfigSpec,ContextSpec,EventSpec,KeyTypesSpec,ServerAccessSpec,HelloHookSpec,JavaCtx*Spec,PreloadSpec,TestHelper*Spec' \
    -Dsurefire.failIfNoSpecifiedTests=false

#!/usr/bin/env bash
# Runs Valkey 9.1.2's own module API units (tests/unit/moduleapi) against the Kotlin ports in
# conformance/, unchanged: a scratch copy of the suite gets each port as tests/modules/NAME.so
# (with NAME.jar and the shared runtime jar beside it) in place of the C module.
#
#   bash scripts/conformance.sh            # every unit of conformance/units.txt whose modules are all ported
#   bash scripts/conformance.sh infotest   # just these units
#
# Needs the ports built (mvn package) and Valkey 9.1.2 (scripts/install-valkey-9.sh, cached).
set -euo pipefail
cd "$(dirname "$0")/.."

tree="$(bash scripts/install-valkey-9.sh | tail -1)"
work="$(mktemp -d /tmp/valkey-jvm-conformance.XXXXXX)"
trap 'rm -rf "$work"' EXIT
ln -s "$tree/src" "$work/src"
cp -a "$tree/tests" "$work/tests"
rm -rf "$work/tests/tmp" && mkdir "$work/tests/tmp"

ported=()
for dir in conformance/*/; do
    name="$(basename "$dir")"
    [ -f "$dir/target/$name.so" ] || continue
    cp "$dir/target/$name.so" "$dir/target/$name.jar" "$dir"/target/valkey-jvm-runtime-*.jar "$work/tests/modules/"
    ported+=("$name")
done
echo "Ports in place of the C modules: ${ported[*]:-none}"

units=()
while read -r unit modules; do
    [ -z "$unit" ] || [[ "$unit" == \#* ]] && continue
    if [ "$#" -gt 0 ] && [[ " $* " != *" $unit "* ]]; then continue; fi
    ready=1
    for module in $modules; do [[ " ${ported[*]} " == *" $module "* ]] || ready=0; done
    if [ "$ready" = 1 ]; then units+=("$unit"); else echo "skipped $unit: needs the ports of: $modules"; fi
done < conformance/units.txt
[ "${#units[@]}" -gt 0 ] || { echo "No unit to run."; exit 1; }

# A port range of this run's own, so that runs on one machine do not collide; below the kernel's
# ephemeral ports (32768 and up), which outgoing connections may hold at any moment.
baseport=$((21000 + (RANDOM % 27) * 400))
failed=()
for unit in "${units[@]}"; do
    echo "=== unit/moduleapi/$unit"
    # Tests a JVM module cannot pass (conformance/jvm-limits.txt) run too, since later tests build
    # on what they did; their failure alone does not fail the unit.
    limits=()
    while IFS='|' read -r limit_unit test reason; do
        [ "$(echo "$limit_unit" | xargs)" = "$unit" ] || continue
        limits+=("$(echo "$test" | sed 's/^ *//; s/ *$//')")
    done < <(grep -v '^#' conformance/jvm-limits.txt | grep -v '^ *$')
    ok=1
    (cd "$work" && tclsh8.6 tests/test_helper.tcl --moduleapi --single "unit/moduleapi/$unit" --clients 1 --timeout 300 --dont-clean \
        --baseport "$baseport" --portcount 400) > "$work/$unit.log" 2>&1 || ok=0
    grep -E 'All tests passed|Test Summary|\[err\]|\[exception\]' "$work/$unit.log" | tail -40 || true
    if [ "$ok" = 0 ] && ! grep -q '\[exception\]' "$work/$unit.log" && grep -q 'Test Summary' "$work/$unit.log"; then
        unexpected=0
        while read -r failure; do
            known=0
            for test in "${limits[@]}"; do [ "$failure" = "$test" ] && known=1; done
            if [ "$known" = 1 ]; then echo "failed as expected (JVM limit, conformance/jvm-limits.txt): $failure"; else unexpected=1; fi
        done < <(sed -n 's/^\*\*\* \[[^]]*err[^]]*\]: \(.*\) in tests\/unit\/.*$/\1/p' "$work/$unit.log")
        [ "$unexpected" = 1 ] || ok=1
    fi
    # The unit must have run a port, not a C module left in place: its servers started a JVM.
    if [ "$ok" = 1 ] && ! grep -rqs "valkey-jvm: started the JVM" "$work/tests/tmp"; then
        echo "$unit: no server of it started a JVM; the ports were not loaded"
        ok=0
    fi
    [ "$ok" = 1 ] || failed+=("$unit")
    rm -rf "$work/tests/tmp" && mkdir "$work/tests/tmp"
done
if [ "${#failed[@]}" -gt 0 ]; then
    for unit in "${failed[@]}"; do echo "--- $unit: the log's end"; tail -60 "$work/$unit.log"; done
    echo "Conformance units failed: ${failed[*]}"
    exit 1
fi
echo "Conformance units passed: ${units[*]}"

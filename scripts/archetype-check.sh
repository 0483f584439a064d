#!/usr/bin/env bash
# A module project made from the archetype builds and passes its spec, from a clean local Maven
# repository: what a new module author gets on a fresh machine. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
repo="$work/repository"
version="$(sed -n 's:.*<valkey-jvm.version>\(.*\)</valkey-jvm.version>.*:\1:p' pom.xml | head -1)"
mvn_clean_repo() { timeout 1200 mvn -B -ntp -q -Dmaven.repo.local="$repo" "$@"; }

echo "Archetype check: installing the SDK $version into a clean local repository..."
mvn_clean_repo -DskipTests -pl module-parent,archetype,dsl,kotest -am install

echo "Archetype check: generating a module project and running mvn verify in it..."
(cd "$work" && mvn_clean_repo archetype:generate -DinteractiveMode=false \
    -DarchetypeGroupId=io.valkeyjvm -DarchetypeArtifactId=valkey-jvm-module-archetype -DarchetypeVersion="$version" \
    -DgroupId=com.example -DartifactId=greet -Dversion=1.0 -Dpackage=com.example)
(cd "$work/greet" && timeout 1200 mvn -B -ntp -Dmaven.repo.local="$repo" verify | grep -E "Tests run|BUILD|ERROR")
for file in greet.so greet.jar "valkey-jvm-runtime-$version.jar"; do
    test -f "$work/greet/target/$file" || { echo "Archetype check: target/$file is missing" >&2; exit 1; }
done
# Surefire's report names each test by its path (valkey-jvm-kotest-names), none is left without a name.
report="$work/greet/target/surefire-reports/TEST-com.example.ModuleSpec.xml"
if ! grep -q '<testcase name="greets"' "$report" || grep -q '<testcase name=""' "$report"; then
    grep '<testcase' "$report" >&2
    echo "Archetype check: the test report does not name each test (above)." >&2
    exit 1
fi
# The README shows these two files as the archetype makes them: they must stay the same.
readme_block() { awk -v marker="$1" 'index($0, marker) { found = 1 } found && /^```kotlin/ { inside = 1; next } inside && /^```/ { exit } inside { print }' README.md; }
for file in src/main/kotlin/com/example/Module.kt src/test/kotlin/com/example/ModuleSpec.kt; do
    if ! diff <(readme_block "\`$file\`:") "$work/greet/$file" >&2; then
        echo "Archetype check: README's $file differs from what the archetype makes (above); make them the same." >&2
        exit 1
    fi
done
echo "Archetype check: the generated project built target/greet.so and passed its spec; the README shows its files as they are."

#!/usr/bin/env bash
# Reproducible builds: the jars of a build must be byte-identical to those of a second, clean build
# of the same sources (project.build.outputTimestamp in pom.xml fixes every entry's time).
# .ci/run calls this right after its `mvn verify`, so only one extra build (no tests) is paid for;
# run alone, it builds twice. Compares SHA-256 checksums of every module's target/*.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

# Never published, and the slowest to build (JMH code generation): left out to keep CI's cost low.
unpublished='!examples,!webhook-benchmarks'

build() {
  local log
  log=$(mktemp)
  if ! mvn -B -ntp -Dstyle.color=never -DskipTests -pl "$unpublished" clean package >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "reproducible.sh: the build itself failed (log above)" >&2
    exit 1
  fi
  rm -f "$log"
}

checksums() {
  find . -path ./.git -prune -o -type f -path '*/target/*.jar' -print | grep -v '/target/.*/' | grep -Ev '^\./(examples|webhook-benchmarks)/' \
    | LC_ALL=C sort | xargs -r sha256sum
}

first=$(mktemp); second=$(mktemp)
trap 'rm -f "$first" "$second"' EXIT

if [ -z "$(checksums 2>/dev/null)" ]; then
  echo "reproducible.sh: no jars yet, building them (1/2)"
  build
fi
checksums >"$first"
echo "reproducible.sh: $(wc -l <"$first") jars recorded; building again from clean"
build
checksums >"$second"

if ! diff -u "$first" "$second" >/dev/null; then
  echo "Reproducible build check FAILED: these jars differ between two builds of the same sources:" >&2
  diff "$first" "$second" | sed -n 's/^> [0-9a-f]*  /  /p' >&2
  echo "Usual causes: a timestamp or random value written at build time, unordered generated files," >&2
  echo "a plugin that ignores project.build.outputTimestamp. Compare with: unzip -l / diffoscope." >&2
  exit 1
fi
echo "Reproducible build check passed: $(wc -l <"$second") jars byte-identical across two builds."

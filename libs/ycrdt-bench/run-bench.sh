#!/usr/bin/env bash
# ycrdt (JMH) and yjs (Node) on the same B4 inputs in one run, printed side by side.
# Usage: libs/ycrdt-bench/run-bench.sh [--quick]    (--quick: fewer JMH iterations)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
js="$repo/libs/ycrdt/src/test/js"
out="$here/target"
b4="$out/b4"
traces="${SKEIN_TRACES_DIR:-$repo/testdata/traces}"
mkdir -p "$out"

[ -d "$js/node_modules/yjs" ] || (cd "$js" && npm ci --no-audit --no-fund)
if [ ! -f "$b4/manifest.json" ]; then
  echo "== generating B4 inputs with yjs (about 30 s)"
  (cd "$js" && node bench/b4-updates.mjs "$traces/automerge-paper.json.gz" "$b4")
fi

echo "== building"
(cd "$repo" && ./mvnw -q -B -pl libs/ycrdt-bench -am package -DskipTests)

# JMH forks: the input directory must reach the forked JVM as a JVM argument
jmh_args=(-rf json -rff "$out/jmh.json" -jvmArgsAppend "-Dskein.b4.dir=$b4")
if [ "${1:-}" = "--quick" ]; then jmh_args+=(-wi 3 -i 3 -w 1 -r 1); fi
echo "== ycrdt (JMH)"
java -cp "$here/target/ycrdt-bench-0.1.0-SNAPSHOT.jar:$(cat "$here/target/classpath.txt")" \
  org.openjdk.jmh.Main "${jmh_args[@]}" B4Benchmark | tail -n 12

echo "== yjs (Node)"
(cd "$js" && node --expose-gc bench/yjs-bench.mjs "$b4") > "$out/yjs.jsonl"

echo "== side by side"
node "$here/compare.mjs" "$out/jmh.json" "$out/yjs.jsonl" | tee "$out/comparison.md"

#!/usr/bin/env bash
# ycrdt (JMH) and yjs (Node) on the same B4 inputs in one run, printed side by side: the update
# algebra (B4Benchmark / yjs-bench.mjs) and the document model (B4DocBenchmark + DocHeap /
# yjs-doc-bench.mjs).
# Usage: libs/ycrdt-bench/run-bench.sh [--quick] [--only algebra|doc]    (--quick: fewer JMH iterations)
# On a busy machine more samples help: JMH_EXTRA="-i 10" adds JMH options, YJS_RUNS=7 sets the
# number of timed yjs runs of every operation.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
js="$repo/libs/ycrdt/src/test/js"
out="$here/target"
b4="$out/b4"
traces="${SKEIN_TRACES_DIR:-$repo/testdata/traces}"
quick=""
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --only) only="$2"; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"

[ -d "$js/node_modules/yjs" ] || (cd "$js" && npm ci --no-audit --no-fund)
if [ ! -f "$b4/manifest.json" ]; then
  echo "== generating B4 inputs with yjs (about 30 s)"
  (cd "$js" && node bench/b4-updates.mjs "$traces/automerge-paper.json.gz" "$b4")
fi

echo "== building"
(cd "$repo" && ./mvnw -q -B -pl libs/ycrdt-bench -am package -DskipTests -Dycrdt.cds.skip)
cp="$here/target/ycrdt-bench-0.1.0-SNAPSHOT.jar:$(cat "$here/target/classpath.txt")"

case "$only" in
  algebra) pattern='\.B4Benchmark\.' ;;
  doc) pattern='\.B4DocBenchmark\.' ;;
  *) pattern='\.B4(Doc)?Benchmark\.' ;;
esac
# JMH forks: the input directories must reach the forked JVM as JVM arguments
jmh_args=(-rf json -rff "$out/jmh.json" -jvmArgsAppend "-Dskein.b4.dir=$b4 -Dskein.traces.dir=$traces")
if [ -n "$quick" ]; then jmh_args+=(-wi 3 -i 3 -w 1 -r 1); fi
# shellcheck disable=SC2206
if [ -n "${JMH_EXTRA:-}" ]; then jmh_args+=($JMH_EXTRA); fi
yjs_args=()
if [ -n "${YJS_RUNS:-}" ]; then yjs_args+=(--runs "$YJS_RUNS"); fi
echo "== ycrdt (JMH)"
java -cp "$cp" org.openjdk.jmh.Main "${jmh_args[@]}" "$pattern" | tail -n 16

: > "$out/ycrdt-heap.jsonl"
if [ "$only" != "algebra" ]; then
  echo "== ycrdt heap held by a loaded document"
  java -Xmx2g -XX:+UseParallelGC -Dskein.b4.dir="$b4" -cp "$cp" dev.skein.ycrdt.bench.DocHeap 7 | tee "$out/ycrdt-heap.jsonl"
fi

echo "== yjs (Node)"
: > "$out/yjs.jsonl"
if [ "$only" != "doc" ]; then
  (cd "$js" && node --expose-gc bench/yjs-bench.mjs "$b4" ${yjs_args[@]+"${yjs_args[@]}"}) >> "$out/yjs.jsonl"
fi
if [ "$only" != "algebra" ]; then
  (cd "$js" && node --expose-gc bench/yjs-doc-bench.mjs "$b4" "$traces/automerge-paper.json.gz" ${yjs_args[@]+"${yjs_args[@]}"}) >> "$out/yjs.jsonl"
fi

echo "== side by side"
node "$here/compare.mjs" "$out/jmh.json" "$out/yjs.jsonl" "$out/ycrdt-heap.jsonl" | tee "$out/comparison.md"

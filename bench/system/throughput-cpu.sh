#!/usr/bin/env bash
# Where the CPU of the throughput scenario goes, run after run: starts Skein's local run
# (--no-auth), then runs throughput (100 documents x 100 updates/s, browser-like clients) N times
# in a row with no pause and no other warm-up, and prints for each run the latency and every
# process's CPU split into JIT compiler threads, GC threads and the rest (lib/thread-cpu.mjs).
# The rest of the last runs is the steady cost of an update; the first runs show how long the
# JIT keeps the cores busy.
#
#   bench/system/throughput-cpu.sh                 6 runs of 20 s (about 4 minutes)
#   bench/system/throughput-cpu.sh --runs 10 --duration 30
#   bench/system/throughput-cpu.sh --skip-build    use what was built last time
#
# Output: bench/system/results/throughput-cpu-<time>/ (summary.txt, each run's JSON).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/../.." && pwd)"
source "$BENCH_DIR/lib/common.sh"

runs=6
duration=20
build=1
while (($#)); do
  case "$1" in
    --runs) runs=$2; shift ;;
    --duration) duration=$2; shift ;;
    --skip-build) build=0 ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "throughput-cpu: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

out="$BENCH_DIR/results/throughput-cpu-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
trap 'stop_pid_file "$out/skein.pid" 60' EXIT
if ((build)); then
  (cd "$REPO_DIR" && ./mvnw -q -B install -DskipTests >&2)
fi

gateway_port=$(free_port)
start_skein "$out" "$gateway_port" "$(free_port)" "$(free_port)"
pids=$(skein_cpu_pids "$(cat "$out/skein.pid")" "$gateway_port")
threads() { node "$BENCH_DIR/lib/thread-cpu.mjs" "$@"; }

{
  echo "throughput 100 docs x 100/s, ${duration} s a run, ${runs} runs in a row from the ready line; $(nproc) cores"
  echo "commit $(cd "$REPO_DIR" && git rev-parse --short HEAD), $(date -u +%Y-%m-%dT%H:%MZ)"
} | tee "$out/summary.txt"
for ((run = 1; run <= runs; run++)); do
  threads snap "$out/before" "$pids"
  "$REPO_DIR/load-tool/load-tool.sh" throughput --url "ws://127.0.0.1:$gateway_port/ws/{doc}" \
    --docs 100 --rate 100 --duration "$duration" --cpu-pid "$pids" >"$out/run$run.json" 2>"$out/run$run.txt" || true
  threads snap "$out/after" "$pids"
  {
    echo "run $run: $(grep -E '^(latency|throughput)' "$out/run$run.txt" | tr '\n' ' ')"
    threads diff "$out/before" "$out/after"
  } | tee -a "$out/summary.txt"
done
rm -f "$out/before" "$out/after"
echo "throughput-cpu: results in $out" >&2

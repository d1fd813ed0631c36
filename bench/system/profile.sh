#!/usr/bin/env bash
# Where Skein's CPU goes under a browser-like fanout: starts the local run (--no-auth), warms it
# up, attaches async-profiler (CPU, itimer) to every JVM of it (both gateways, doc-, persistence-,
# presence-service, the Kafka broker, the S3 server), runs one fanout scenario, and writes per
# process the collapsed stacks and a summary: CPU samples, the hottest frames by self time, and
# the hottest Skein methods including what they call.
#
#   bench/system/profile.sh                      fanout 50 readers x 200/s, 30 s, after a 30 s warm-up
#   bench/system/profile.sh --skip-build         use what was built last time
#   bench/system/profile.sh --cold               no warm-up: profile the first 30 s after the ready line
#   bench/system/profile.sh --throughput         throughput 100 documents x 100/s (the bench's) instead of fanout
#   bench/system/profile.sh -- --no-compression  extra load-tool options after --
#
# Output: bench/system/results/profile-<time>/ (PROCESS.collapsed, summary.txt, the scenario's
# JSON). async-profiler comes from Maven Central (tools.profiler:async-profiler), unpacked under
# target/. Needs Java 17+ (jcmd), Node 20+.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/../.." && pwd)"
source "$BENCH_DIR/lib/common.sh"

PROFILER_VERSION=4.1
build=1
warmup_s=30
scenario=fanout
extra=()
while (($#)); do
  case "$1" in
    --skip-build) build=0 ;;
    --cold) warmup_s=0 ;;
    --throughput) scenario=throughput ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "profile: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

out="$BENCH_DIR/results/profile-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "profile: results in ${out#"$REPO_DIR"/}"

if ((build)); then
  echo "profile: building (./mvnw -q -B install -DskipTests)"
  (cd "$REPO_DIR" && ./mvnw -q -B install -DskipTests)
fi

# async-profiler's agent library, from its Maven Central artifact
agent="$REPO_DIR/bench/system/target/async-profiler-$PROFILER_VERSION/linux-x64/libasyncProfiler.so"
if [[ ! -f "$agent" ]]; then
  (cd "$REPO_DIR" && ./mvnw -q -B -N dependency:copy -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION" \
      -DoutputDirectory="$REPO_DIR/bench/system/target")
  mkdir -p "$(dirname "$(dirname "$agent")")"
  (cd "$(dirname "$(dirname "$agent")")" && unzip -q -o "../async-profiler-$PROFILER_VERSION.jar" 'linux-x64/*')
fi
jcmd_bin="$(dirname "$(readlink -f "$(command -v java)")")/jcmd"

gateway_port=$(free_port)
doc_port=$(free_port)
persistence_port=$(free_port)
cleanup() {
  stop_pid_file "$out/skein.pid" || true
}
trap cleanup EXIT
echo "profile: starting Skein's local run (gateway on $gateway_port)"
start_skein "$out" "$gateway_port" "$doc_port" "$persistence_port"
launcher=$(cat "$out/skein.pid")
url="ws://127.0.0.1:$gateway_port/ws/{doc}"
tool="$REPO_DIR/load-tool/load-tool.sh"
if [[ $scenario == throughput ]]; then
  load=(throughput --url "$url" --docs 100 --rate 100)
else
  load=(fanout --url "$url" --clients 50 --rate 200)
fi

if ((warmup_s > 0)); then
  echo "profile: warm-up, ${warmup_s} s (not profiled)"
  "$tool" "${load[@]}" --duration "$warmup_s" "${extra[@]}" >/dev/null 2>&1 || true
fi

# NAME=PID of every JVM of the local run (redis and the launcher's own idle JVM left out)
jvms=()
IFS=',' read -r -a entries <<<"$(skein_cpu_pids "$launcher" "$gateway_port")"
for entry in "${entries[@]}"; do
  case "${entry%%=*}" in launcher|redis) continue ;; esac
  jvms+=("$entry")
done

for entry in "${jvms[@]}"; do
  # jcmd would read key=value pairs as its own options: the agent's options go in quotes
  "$jcmd_bin" "${entry#*=}" JVMTI.agent_load "$agent" '"start,event=itimer,interval=1ms"' >/dev/null
done
echo "profile: $scenario for 30 s, profiling ${jvms[*]}"
"$tool" "${load[@]}" --duration 30 --cpu-pid "$(skein_cpu_pids "$launcher" "$gateway_port")" \
  "${extra[@]}" >"$out/$scenario.json" 2>"$out/$scenario.txt" || true
for entry in "${jvms[@]}"; do
  "$jcmd_bin" "${entry#*=}" JVMTI.agent_load "$agent" "\"stop,file=$out/${entry%%=*}.collapsed,collapsed\"" >/dev/null
done

node "$BENCH_DIR/profile-summary.mjs" "$out" | tee "$out/summary.txt"

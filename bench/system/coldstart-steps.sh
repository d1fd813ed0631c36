#!/usr/bin/env bash
# What each JVM start-up step gives Skein's first minute: starts the local run (--no-auth) once
# per step and run, and from its ready line runs the coldstart scenario (fanout 50 readers x
# 200/s, no warm-up, 10 s windows), reading every process's CPU split into JIT compiler, GC and
# the rest over the measured period. The steps are environment settings of the local run
# (local-run/README.md, "The services' JVM"):
#
#   jdk17           the services on the launcher's Java, as the local run starts them
#   jit-nice        JIT compiler threads at the lowest priority (nice 19), services and broker
#   jdk25           the services on Java 25 (SKEIN_SERVICE_JAVA_HOME)
#   jdk25-aot       Java 25 with an AOT cache per service (JEP 483/515: classes loaded and linked,
#                   method profiles), from a training run of this script (aot-jar packaging)
#   jdk25-aot-nice  both of the above
#   broker-c1       jdk25-aot, and the broker, persistence- and presence-service on C1 only
#
#   bench/system/coldstart-steps.sh                         every step once
#   bench/system/coldstart-steps.sh --runs 2 --steps jdk17,jdk25-aot
#   bench/system/coldstart-steps.sh --skip-build --duration 60
#   bench/system/coldstart-steps.sh --rollout --runs 3 --steps jdk17,jdk25-aot
#
# --rollout: per step, one local run warmed as the training run loads it (about a minute), then
# per run its services restarted on the running broker, S3 server and Redis (the launcher's
# SIGHUP: a deployment's rollout, whose infrastructure stays warm) and coldstart from the
# services' new ready line.
#
# Output: bench/system/results/coldstart-steps-<time>/ (per step and run the scenario's JSON and
# text, the CPU table) and summary.md. Steps with an AOT cache package the four Quarkus services
# as aot-jar (Quarkus's packaging whose classes the JDK's own loader loads: a cache holds only
# those), train them (throughput and fanout on both gateways, about a minute), and package them
# back as fast-jar at the end. Needs a Java 25+ JDK for the jdk25 steps: SKEIN_JDK25_HOME, or the
# newest /usr/lib/jvm/*25* or later found.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/../.." && pwd)"
source "$BENCH_DIR/lib/common.sh"

build=1
rollout=0
runs=1
duration=40
steps="jdk17,jit-nice,jdk25,jdk25-aot,jdk25-aot-nice,broker-c1"
while (($#)); do
  case "$1" in
    --skip-build) build=0 ;;
    --runs) runs=$2; shift ;;
    --duration) duration=$2; shift ;;
    --steps) steps=$2; shift ;;
    --rollout) rollout=1 ;;
    -h|--help) sed -n '2,31p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "coldstart-steps: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

QUARKUS_SERVICES=(gateway-service doc-service persistence-service presence-service)
NICE_JIT="-XX:ThreadPriorityPolicy=1 -XX:CompilerThreadPriority=19"
C1_ONLY="-XX:TieredStopAtLevel=1"

jdk25=${SKEIN_JDK25_HOME:-}
if [[ -z "$jdk25" ]]; then
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V); do
    [[ -x "$home/bin/java" ]] || continue
    version=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p') || true
    if [[ "$version" =~ ^[0-9]+$ ]] && ((version >= 25)); then
      jdk25=${home%/}
    fi
  done
fi
if [[ ",$steps," == *",jdk25"* || ",$steps," == *",broker-c1,"* ]] && [[ -z "$jdk25" ]]; then
  echo "coldstart-steps: the jdk25 steps need a Java 25+ JDK (SKEIN_JDK25_HOME)" >&2
  exit 2
fi

out="$BENCH_DIR/results/coldstart-steps-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "coldstart-steps: results in ${out#"$REPO_DIR"/}"
aot_dir="$out/aot"
packaging=fast-jar

cleanup() {
  stop_pid_file "$out/skein.pid" 60 || true
  if [[ "$packaging" != fast-jar ]]; then
    package_services fast-jar
  fi
}
trap cleanup EXIT

if ((build)); then
  echo "coldstart-steps: building (./mvnw -q -B install -DskipTests)"
  (cd "$REPO_DIR" && ./mvnw -q -B install -DskipTests)
fi

package_services() {
  echo "coldstart-steps: packaging the services as $1"
  local modules
  modules=$(IFS=,; echo "${QUARKUS_SERVICES[*]}")
  (cd "$REPO_DIR" && ./mvnw -q -B -o package -DskipTests -pl "$modules" -Dquarkus.package.jar.type="$1")
  packaging=$1
}

# Sets the local run's JVM variables for step $1 (exported: the launcher inherits them).
use_step() {
  unset SKEIN_SERVICE_JAVA_HOME SKEIN_SERVICE_JAVA_OPTS SKEIN_SERVICE_JAVA_OPTS_KAFKA_BROKER \
    SKEIN_SERVICE_JAVA_OPTS_PERSISTENCE_SERVICE SKEIN_SERVICE_JAVA_OPTS_PRESENCE_SERVICE
  local aot="-XX:AOTCache=$aot_dir/{service}.aot"
  case "$1" in
    jdk17) ;;
    jit-nice) export SKEIN_SERVICE_JAVA_OPTS="$NICE_JIT" SKEIN_SERVICE_JAVA_OPTS_KAFKA_BROKER="$NICE_JIT" ;;
    jdk25) export SKEIN_SERVICE_JAVA_HOME="$jdk25" ;;
    jdk25-aot) export SKEIN_SERVICE_JAVA_HOME="$jdk25" SKEIN_SERVICE_JAVA_OPTS="$aot" ;;
    jdk25-aot-nice) export SKEIN_SERVICE_JAVA_HOME="$jdk25" SKEIN_SERVICE_JAVA_OPTS="$aot $NICE_JIT" \
      SKEIN_SERVICE_JAVA_OPTS_KAFKA_BROKER="$NICE_JIT" ;;
    broker-c1) export SKEIN_SERVICE_JAVA_HOME="$jdk25" SKEIN_SERVICE_JAVA_OPTS="$aot" \
      SKEIN_SERVICE_JAVA_OPTS_KAFKA_BROKER="$C1_ONLY" SKEIN_SERVICE_JAVA_OPTS_PERSISTENCE_SERVICE="$C1_ONLY" \
      SKEIN_SERVICE_JAVA_OPTS_PRESENCE_SERVICE="$C1_ONLY" ;;
    *) echo "coldstart-steps: unknown step $1" >&2; exit 2 ;;
  esac
}

start_run() {
  rm -rf "$out/skein-data"
  : >"$out/skein.err"
  gateway_port=$(free_port)
  start_skein "$out" "$gateway_port" "$(free_port)" "$(free_port)"
}

# The services of a stopped run write their AOT configuration at exit: they are stopped first,
# then the launcher, so that the broker is certainly there while they do (before testkit's
# ProcessReaper stopped children newest first, a launcher stopped alone took the broker away at
# the same time and doc-service and presence-service wrote no configuration).
stop_services_then_run() {
  local pids
  pids=$(for pid in $(descendants "$(cat "$out/skein.pid")"); do
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'quarkus-app/quarkus-run.jar' && echo "$pid"
  done) || true
  for pid in $pids; do kill "$pid" 2>/dev/null || true; done
  for pid in $pids; do
    while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
  done
  stop_pid_file "$out/skein.pid" 60
}

# The training run's load, also the rollout's warm-up: throughput and fanout on both gateways.
training_load() {
  local url="ws://127.0.0.1:$gateway_port/ws/{doc}" url2 tool="$REPO_DIR/load-tool/load-tool.sh"
  url2="$(cat "$out/skein-gateway2.url")/{doc}"
  "$tool" throughput --url "$url" --docs 50 --rate 100 --duration 15 --reader-url "$url2"
  "$tool" fanout --url "$url" --clients 50 --rate 200 --duration 20
  "$tool" fanout --url "$url" --clients 50 --rate 200 --duration 15 --reader-url "$url2"
}

train() {
  [[ "$packaging" == aot-jar ]] || package_services aot-jar
  mkdir -p "$aot_dir"
  echo "coldstart-steps: training run (AOT configurations in ${aot_dir#"$REPO_DIR"/})"
  export SKEIN_SERVICE_JAVA_HOME="$jdk25"
  export SKEIN_SERVICE_JAVA_OPTS="-XX:AOTMode=record -XX:AOTConfiguration=$aot_dir/{service}.aotconf"
  start_run >"$out/training.txt" 2>&1
  training_load >>"$out/training.txt" 2>&1 || true
  stop_services_then_run
  for conf in "$aot_dir"/*.aotconf; do
    local service module
    service=$(basename "$conf" .aotconf)
    module=${service%-2}
    "$jdk25/bin/java" -XX:AOTMode=create -XX:AOTConfiguration="$conf" -XX:AOTCache="$aot_dir/$service.aot" \
      -jar "$REPO_DIR/$module/target/quarkus-app/quarkus-run.jar" >"$aot_dir/$service.create.txt" 2>&1 \
      || { echo "coldstart-steps: creating $service's AOT cache failed:" >&2; tail -5 "$aot_dir/$service.create.txt" >&2; exit 1; }
  done
}

# One line of the summary table from a run's files: $1 step, $2 run.
summary_row() {
  local name="$1-$2" ready windows jit total
  # the launcher prints the services' ready lines on its standard error
  ready=$(sed -n 's/^skein: gateway-service ready on [^ ]* (\([0-9.]*\) s).*/\1/p' "$out/$name.launcher.txt" | tail -n 1)
  windows=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.windows.map((w) => `${Math.round(w.from_s_after_ready)} s: ${w.latency.p99_ms}`).join(", "));' "$out/$name.json")
  # thread-cpu.mjs lines: NAME total T s jit J s gc G s
  jit=$(awk '$1 ~ /^(gateway|kafka|doc)$/ {jit[$1]=$6} END {printf "%s / %s / %s", jit["gateway"], jit["kafka"], jit["doc"]}' "$out/$name.cpu.txt")
  total=$(awk '{sum += $3} END {printf "%.1f", sum}' "$out/$name.cpu.txt")
  echo "| $1 | $2 | $ready | $windows | $jit | $total |"
}

summary="$out/summary.md"
{
  echo "| step | run | gateway ready (s after launch) | p99 per 10 s window (ms) | JIT CPU s: gateway / broker / doc-service | all server CPU (s) |"
  echo "|---|---|---|---|---|---|"
} >"$summary"

IFS=',' read -r -a step_list <<<"$steps"
for step in "${step_list[@]}"; do
  if [[ "$step" == *aot* || "$step" == broker-c1 ]]; then
    [[ -d "$aot_dir" ]] || train
  elif [[ "$packaging" != fast-jar ]]; then
    package_services fast-jar
  fi
  if ((rollout)); then
    use_step "$step"
    echo "coldstart-steps: $step: local run warmed for the rollouts"
    start_run
    training_load >"$out/$step.warm.txt" 2>&1 || true
  fi
  for run in $(seq 1 "$runs"); do
    name="$step-$run"
    use_step "$step"
    echo "coldstart-steps: $name"
    if ((rollout)); then restart_skein_services "$out"; else start_run; fi
    pids=$(skein_cpu_pids "$(cat "$out/skein.pid")" "$gateway_port")
    "$REPO_DIR/load-tool/load-tool.sh" coldstart --url "ws://127.0.0.1:$gateway_port/ws/{doc}" --clients 50 --rate 200 \
      --duration "$duration" --window 10 --ready-at-ms "$(cat "$out/skein-ready.ms")" \
      >"$out/$name.json" 2>"$out/$name.txt" &
    tool=$!
    # the CPU of the measured period: from when the load tool's clients have connected
    sleep 3
    node "$BENCH_DIR/lib/thread-cpu.mjs" snap "$out/$name.cpu0" "$pids"
    wait "$tool" || true
    node "$BENCH_DIR/lib/thread-cpu.mjs" snap "$out/$name.cpu1" "$pids"
    node "$BENCH_DIR/lib/thread-cpu.mjs" diff "$out/$name.cpu0" "$out/$name.cpu1" | tee "$out/$name.cpu.txt"
    ((rollout)) || stop_pid_file "$out/skein.pid" 60
    cp "$out/skein.err" "$out/$name.launcher.txt"
    summary_row "$step" "$run" >>"$summary"
  done
  ((rollout == 0)) || stop_pid_file "$out/skein.pid" 60
done
cat "$summary"

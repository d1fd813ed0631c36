#!/usr/bin/env bash
# Skein's system benchmarks: every load-tool scenario against Skein's local run and against the
# reference servers from npm (@y/websocket-server 0.1.1 and @hocuspocus/server 4.x), all in one
# run, with browser-like clients (they offer permessage-deflate as Chromium does, unless a row
# says otherwise), then docs/performance.md from the results. Each server is first measured cold
# (coldstart, right after it started), then given the same unmeasured warm-up, then measured.
#
#   bench/system/run.sh                 build (./mvnw install -DskipTests), run everything (~35 min)
#   bench/system/run.sh --quick         smaller runs (~8 min), for checking the script itself
#   bench/system/run.sh --skip-build    use what was built last time
#   bench/system/run.sh --servers skein,y-websocket --scenarios fanout,bigdoc
#   bench/system/run.sh --no-report     keep docs/performance.md as it is
#   bench/system/run.sh --servers skein --scenarios storage    durable storage figures only
#   bench/system/run.sh --rounds 5      fanout, fanout-x, throughput (its saturation search in the
#                                       first round only) and bigdoc 5 times per server (default 3,
#                                       --quick 1), round by round, reported as medians; coldstart
#                                       after as many starts (each server stopped and started
#                                       again; Skein's services rolled out by SIGHUP)
#
# Results (one JSON line per server and scenario, the tool's summaries, server logs) go to
# bench/system/results/<time>/. Everything listens on 127.0.0.1, on free ports; every server
# this script starts is stopped when it exits. Needs Java 17+, Node 20+ with npm.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/../.." && pwd)"
source "$BENCH_DIR/lib/common.sh"

command_line="bench/system/run.sh${*:+ $*}"
quick=0
build=1
report=1
servers="skein,y-websocket,hocuspocus"
scenarios="coldstart,fanout,fanout-plain,fanout-burst,fanout-x,throughput,throughput-x,bigdoc,idle,storage,restart"
rounds=""
while (($#)); do
  case "$1" in
    --quick) quick=1 ;;
    --skip-build) build=0 ;;
    --no-report) report=0 ;;
    --servers) servers=$2; shift ;;
    --scenarios) scenarios=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# The issue's parameters; --quick shrinks durations and counts, never the shape of a scenario.
if ((quick)); then
  fanout_args=(--clients 50 --rate 200 --duration 5)
  coldstart_args=(--clients 50 --rate 200 --duration 30 --window 10)
  throughput_args=(--docs 100 --rate 100 --duration 5)
  saturate_args=(--saturate --step-duration 3 --max-steps 3)
  bigdoc_args=(--joins 5)
  idle_args=(--connections 400 --settle 3)
  restart_args=(--rate 50 --duration 6 --kill-after 3)
  storage_args=(--keystrokes 40000 --rate 2000)
  warmup_s=5
  rounds=${rounds:-1}
else
  fanout_args=(--clients 50 --rate 200 --duration 20)
  coldstart_args=(--clients 50 --rate 200 --duration 60 --window 10)
  throughput_args=(--docs 100 --rate 100 --duration 20)
  saturate_args=(--saturate --step-duration 10 --max-steps 6)
  bigdoc_args=(--joins 30)
  idle_args=(--connections 1000 --settle 5)
  restart_args=(--rate 50 --duration 20 --kill-after 10)
  storage_args=(--rate 2000)
  warmup_s=20
  rounds=${rounds:-3}
fi
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "bench: --rounds wants a positive number, not '$rounds'" >&2; exit 2; }

out="$BENCH_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "bench: results in $out" >&2

cleanup() {
  stop_pid_file "$out/y-websocket.pid" 10
  stop_pid_file "$out/hocuspocus.pid" 10
  stop_pid_file "$out/skein.pid" 60
}
trap cleanup EXIT

if [[ ! -d "$BENCH_DIR/node_modules/@y/websocket-server" || "$BENCH_DIR/package-lock.json" -nt "$BENCH_DIR/node_modules" ]]; then
  echo "bench: npm ci in bench/system" >&2
  (cd "$BENCH_DIR" && npm ci --no-audit --no-fund >&2)
fi
if ((build)); then
  echo "bench: building (./mvnw -q -B install -DskipTests)" >&2
  (cd "$REPO_DIR" && ./mvnw -q -B install -DskipTests >&2)
fi

# The servers are all started first and kept running side by side, so that each is measured on
# the same machine state; only the one under test receives traffic. Each one's coldstart runs
# right after it started (the references first, then Skein, whose start keeps both cores busy).
declare -A url protocol server_port
if [[ ",$servers," == *",y-websocket,"* ]]; then
  port=$(free_port)
  start_node_server y-websocket "$port" "$out"
  date +%s%3N >"$out/y-websocket-ready.ms"
  server_port[y-websocket]=$port
  url[y-websocket]="ws://127.0.0.1:$port/{doc}"
  protocol[y-websocket]=y-websocket
fi
if [[ ",$servers," == *",hocuspocus,"* ]]; then
  port=$(free_port)
  start_node_server hocuspocus "$port" "$out"
  date +%s%3N >"$out/hocuspocus-ready.ms"
  server_port[hocuspocus]=$port
  url[hocuspocus]="ws://127.0.0.1:$port/{doc}"
  protocol[hocuspocus]=hocuspocus
fi

# Reads the current pids at call time: the restart scenario replaces the processes.
pids_of() {
  case "$1" in
    skein) echo "$(cat "$out/skein-gateway.pid"),$(cat "$out/skein-doc.pid")" ;;
    *) cat "$out/$1.pid" ;;
  esac
}
# Every process of a server, named, for the CPU figures (all of Skein's local run).
cpu_pids_of() {
  case "$1" in
    skein) skein_cpu_pids "$(cat "$out/skein.pid")" "$gateway_port" ;;
    *) echo "$1=$(cat "$out/$1.pid")" ;;
  esac
}
kill_pid_of() {
  case "$1" in
    skein) cat "$out/skein-doc.pid" ;;
    *) cat "$out/$1.pid" ;;
  esac
}
# Skein's services are JVMs: their live heap after a full GC is read as well as their RSS.
jvm_heap_of() {
  [[ "$1" == skein ]] && echo --jvm-heap
  return 0
}
restart_command_of() {
  case "$1" in
    skein) echo "bash '$BENCH_DIR/lib/restart-skein.sh' '$out' $gateway_port $doc_port $persistence_port" ;;
    *) echo "bash '$BENCH_DIR/lib/restart-node-server.sh' $1 ${server_port[$1]} '$out'" ;;
  esac
}

# run_scenario SERVER NAME [options]: NAME is the load-tool scenario, or a variant of it named
# SCENARIO-VARIANT (fanout-plain, fanout-x, ...), the results' file names; round k > 1 of a
# repeated scenario (global $round) adds .round<k> to them.
round=1
run_scenario() {
  local server=$1 name=$2 scenario=${2%%-*}
  shift 2
  local args=("$scenario" --url "${url[$server]}" --protocol "${protocol[$server]}" "$@")
  local file="$out/$server-$name$( ((round > 1)) && echo ".round$round")"
  echo "bench: $server $name$( ((round > 1)) && echo " (round $round)")" >&2
  # Shell-quoted, so that the command in docs/performance.md can be pasted as it is.
  # Paths relative to the repository: the report must not carry this machine's layout.
  { printf 'load-tool.sh'; printf ' %q' "${args[@]}"; echo; } | sed "s#$REPO_DIR/##g" >"$file.command"
  # A failed check (exit 1) or a scenario that could not run (exit 3) still leaves its JSON line.
  "$REPO_DIR/load-tool/load-tool.sh" "${args[@]}" >"$file.json" 2>"$file.txt" || true
  cat "$file.txt" >&2
}

start_skein_under_test() {
  gateway_port=$(free_port)
  doc_port=$(free_port)
  persistence_port=$(free_port)
  echo "bench: starting Skein's local run (gateway on $gateway_port)" >&2
  start_skein "$out" "$gateway_port" "$doc_port" "$persistence_port"
  url[skein]="ws://127.0.0.1:$gateway_port/ws/{doc}"
  url2[skein]="$(cat "$out/skein-gateway2.url")/{doc}"
  protocol[skein]=y-websocket
}
declare -A url2

want() {
  [[ ",$scenarios," == *",$1,"* ]]
}

# Stops server $1 and starts it again on the same ports, writing its new ready time.
restart_for_coldstart() {
  case "$1" in
    # a rollout: Skein's services stop and start again on the running broker, S3 server and Redis
    # (the launcher's SIGHUP), as a deployment restarts them; the infrastructure is not Skein's
    # process, as a reference's database would not be (its first start above has all of it cold)
    skein) restart_skein_services "$out" ;;
    *)
      stop_pid_file "$out/$1.pid" 10
      start_node_server "$1" "${server_port[$1]}" "$out"
      date +%s%3N >"$out/$1-ready.ms" ;;
  esac
}

run_coldstart() {
  local server=$1
  run_scenario "$server" coldstart "${coldstart_args[@]}" --ready-at-ms "$(cat "$out/$server-ready.ms")"
}

# measure SERVER SCENARIO...: the wanted ones among SCENARIO... against SERVER, in that order.
measure() {
  local server=$1 scenario
  shift
  local cpu=(--cpu-pid "$(cpu_pids_of "$server")")
  for scenario in "$@"; do
    want "$scenario" || continue
    # durable storage and a second gateway exist only in Skein: the reference servers are one process
    [[ "$scenario" != storage && "$scenario" != *-x || "$server" == skein ]] || continue
    case "$scenario" in
      fanout) run_scenario "$server" fanout "${fanout_args[@]}" "${cpu[@]}" ;;
      fanout-plain) run_scenario "$server" fanout-plain "${fanout_args[@]}" "${cpu[@]}" --no-compression ;;
      fanout-burst) run_scenario "$server" fanout-burst "${fanout_args[@]}" "${cpu[@]}" --burst ;;
      fanout-x) run_scenario "$server" fanout-x "${fanout_args[@]}" "${cpu[@]}" --reader-url "${url2[$server]}" ;;
      # the saturation search in the first round only (it takes minutes and is not a median's kind of figure)
      throughput) run_scenario "$server" throughput "${throughput_args[@]}" $( ((round == 1)) && echo "${saturate_args[@]}") "${cpu[@]}" ;;
      throughput-x) run_scenario "$server" throughput-x "${throughput_args[@]}" "${saturate_args[@]}" "${cpu[@]}" --reader-url "${url2[$server]}" ;;
      bigdoc) run_scenario "$server" bigdoc "${bigdoc_args[@]}" --trace "$REPO_DIR/testdata/traces/automerge-paper.json.gz" ;;
      idle) run_scenario "$server" idle "${idle_args[@]}" --server-pid "$(pids_of "$server")" $(jvm_heap_of "$server") ;;
      storage) run_scenario "$server" storage "${storage_args[@]}" --persistence-url "http://127.0.0.1:$persistence_port" \
                 --trace "$REPO_DIR/testdata/traces/automerge-paper.json.gz" ;;
      restart) run_scenario "$server" restart "${restart_args[@]}" --kill-pid "$(kill_pid_of "$server")" \
                 --restart-command "$(restart_command_of "$server")" ;;
    esac
  done
}

# Cold first: each server as its first users get it after a (re)start, no warm-up.
for server in y-websocket hocuspocus; do
  if [[ -n "${url[$server]:-}" ]] && want coldstart; then run_coldstart "$server"; fi
done
if [[ ",$servers," == *",skein,"* ]]; then
  start_skein_under_test
  if want coldstart; then run_coldstart skein; fi
fi

for server in skein y-websocket hocuspocus; do
  [[ -n "${url[$server]:-}" ]] || continue
  # The same unmeasured warm-up for every server, so that steady state is compared rather than
  # how fast a JIT (the JVM's or V8's) gets going in the first seconds after start; coldstart
  # above measures that.
  echo "bench: $server warm-up (not measured)" >&2
  # About a minute (full run). Fanout last: the first measured scenario is fanout, and the work
  # throughput leaves behind (batches to flush, garbage) must not land in it. Skein's measured
  # scenarios also read from its second gateway (-x rows): the same minute is split between both
  # paths, so that no measured path is left cold for its first measurement.
  warmups=("throughput --docs 50 --rate 100 --duration ${warmup_s}" "fanout --clients 50 --rate 200 --duration $((2 * warmup_s))")
  if [[ -n "${url2[$server]:-}" ]]; then
    half=$(((warmup_s + 1) / 2))
    warmups=("throughput --docs 50 --rate 100 --duration $half --reader-url ${url2[$server]}"
      "throughput --docs 50 --rate 100 --duration $half"
      "fanout --clients 50 --rate 200 --duration $warmup_s --reader-url ${url2[$server]}"
      "fanout --clients 50 --rate 200 --duration $warmup_s")
  fi
  for warm in "${warmups[@]}"; do
    # shellcheck disable=SC2086 # the scenario and its options are words
    "$REPO_DIR/load-tool/load-tool.sh" $warm --url "${url[$server]}" --protocol "${protocol[$server]}" \
      >"$out/$server-warmup.json" 2>>"$out/$server-warmup.txt" || true
  done
  measure "$server" fanout fanout-plain fanout-burst fanout-x throughput throughput-x bigdoc
done

# More rounds of the scenarios whose single figures decide targets, every server's round k before
# any server's round k+1, so that a drift of the machine touches every server alike. Before idle,
# storage and restart: restart leaves Skein cold.
for ((round = 2; round <= rounds; round++)); do
  for server in skein y-websocket hocuspocus; do
    [[ -n "${url[$server]:-}" ]] || continue
    # throughput before bigdoc as in the first round: what it leaves behind (Skein's batches to
    # store) lands in the same server's joins, not in the next server's fanout
    measure "$server" fanout fanout-x throughput bigdoc
  done
done
round=1

for server in skein y-websocket hocuspocus; do
  [[ -n "${url[$server]:-}" ]] || continue
  measure "$server" idle storage restart
done

# More cold starts, round by round: each server stopped and started again (Skein's services
# rolled out on the running broker, S3 server and Redis; the references come back empty), then
# coldstart from its new ready line. One start moved the worst window's p99 by more than the target's margin from bench
# to bench. Last: a start leaves the server cold for anything after it.
if want coldstart; then
  for ((round = 2; round <= rounds; round++)); do
    for server in y-websocket hocuspocus skein; do
      [[ -n "${url[$server]:-}" ]] || continue
      echo "bench: $server stopped and started again" >&2
      restart_for_coldstart "$server"
      run_coldstart "$server"
    done
  done
  round=1
fi

{
  echo "command=$command_line"
  echo "quick=$quick"
  echo "rounds=$rounds"
  echo "cores=$(nproc)"
  echo "memory=$(free -h | awk '/^Mem:/ {print $2}')"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "kernel=$(uname -r)"
  echo "java=$(java -version 2>&1 | head -n1)"
  echo "node=$(node --version)"
  echo "commit=$(cd "$REPO_DIR" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$REPO_DIR" && git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "load=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "date=$(date -u +%Y-%m-%dT%H:%MZ)"
} >"$out/machine.env"

if ((report)); then
  node "$BENCH_DIR/report.mjs" "$out" "$REPO_DIR/docs/performance.md"
  echo "bench: wrote docs/performance.md" >&2
fi

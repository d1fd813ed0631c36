# Helpers shared by bench/system/run.sh and its restart scripts (sourced, not run).

# Prints a free TCP port on 127.0.0.1 (the kernel picks it; it is free again when printed).
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Waits until 127.0.0.1:$1 accepts TCP connections, at most $2 seconds (default 30).
wait_for_port() {
  local port=$1 limit=${2:-30} waited=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if (( waited >= limit * 10 )); then
      echo "bench: nothing listens on 127.0.0.1:$port after ${limit} s" >&2
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
}

# Starts reference server $1 (y-websocket or hocuspocus) on port $2 in the background, logging
# to $3/$1.log, writes its pid to $3/$1.pid and waits until it listens.
start_node_server() {
  local name=$1 port=$2 dir=$3
  # cd first, then background node alone: "$!" must be node's pid, not a subshell's.
  (cd "$BENCH_DIR" || exit 1
    HOST=127.0.0.1 PORT="$port" nohup node "servers/$name.mjs" >>"$dir/$name.log" 2>&1 &
    echo $! >"$dir/$name.pid")
  wait_for_port "$port" 30
}

# Starts Skein's local run (already built) with its data in $1/skein-data, the gateway on $2 and
# doc-service on $3, logging to $1/skein.out/.err; writes the launcher's pid to $1/skein.pid
# and, once it printed its ready line, the gateway's and doc-service's pids to
# $1/skein-gateway.pid and $1/skein-doc.pid.
start_skein() {
  local dir=$1 gateway_port=$2 doc_port=$3 persistence_port=${4:-8083} limit=${SKEIN_START_TIMEOUT:-300}
  : >"$dir/skein.out"
  # run-local.sh execs the launcher JVM, so "$!" is the launcher's pid. No nohup: SIGHUP restarts the
  # services (restart_skein_services), and an ignored SIGHUP cannot be handled again.
  (cd "$REPO_DIR" || exit 1
    SKEIN_SKIP_BUILD=1 ./run-local.sh --data-dir "$dir/skein-data" \
      --editor-port 0 --kafka-port 0 --gateway-port "$gateway_port" --doc-port "$doc_port" \
      --persistence-port "$persistence_port" --gateway2-port 0 --no-auth \
      >>"$dir/skein.out" 2>>"$dir/skein.err" </dev/null &
    echo $! >"$dir/skein.pid")
  await_skein_ready "$dir" 1 "$limit"
}

# Restarts Skein's services in the local run of folder $1 on its running broker, S3 server and
# Redis (the launcher's SIGHUP: a deployment's rollout), and waits for its ready line again.
restart_skein_services() {
  local dir=$1 limit=${SKEIN_START_TIMEOUT:-300} lines
  lines=$(grep -c '^Skein ready: ' "$dir/skein.out")
  kill -HUP "$(cat "$dir/skein.pid")"
  await_skein_ready "$dir" $((lines + 1)) "$limit"
}

# Waits until the local run of folder $1 has printed its ready line $2 times (bounded by $3 s),
# then notes when (skein-ready.ms) and its processes (skein-gateway.pid, skein-doc.pid,
# skein-gateway2.url).
await_skein_ready() {
  local dir=$1 count=$2 limit=$3 launcher waited=0
  launcher=$(cat "$dir/skein.pid")
  until (( $(grep -c '^Skein ready: ' "$dir/skein.out") >= count )); do
    if ! kill -0 "$launcher" 2>/dev/null; then
      echo "bench: Skein's local run exited before it was ready; see $dir/skein.err" >&2
      tail -n 30 "$dir/skein.err" >&2
      return 1
    fi
    if (( waited >= limit * 10 )); then
      echo "bench: Skein not ready after ${limit} s; see $dir/skein.err" >&2
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  # when it was ready (epoch ms), for the coldstart scenario's windows
  date +%s%3N >"$dir/skein-ready.ms"
  # the first gateway, the one the load tool connects to (the local run starts a second one)
  local gateway_port
  gateway_port=$(sed -n 's|^Skein ready: .* gateway ws://[^:]*:\([0-9]*\)/ws .*|\1|p' "$dir/skein.out" | tail -n 1)
  skein_child_pid "$launcher" gateway-service "$gateway_port" >"$dir/skein-gateway.pid"
  skein_child_pid "$launcher" doc-service >"$dir/skein-doc.pid"
  # the second gateway's WebSocket base, from the ready line (readers on the other gateway)
  sed -n 's/^Skein ready: .* gateway2 \(ws:[^ ]*\).*/\1/p' "$dir/skein.out" | tail -n 1 >"$dir/skein-gateway2.url"
}

# Every process of Skein's local run under launcher $1, as NAME=PID,... for the load tool's
# --cpu-pid: the launcher, both gateways, doc-, persistence- and presence-service, the Kafka
# broker, the S3 server and Redis (everything a deployment would run).
skein_cpu_pids() {
  local launcher=$1 gateway_port=$2 pid cmd name list
  list="launcher=$launcher"
  for pid in $(descendants "$launcher"); do
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || continue
    case "$cmd" in
      *gateway-service/target/quarkus-app/quarkus-run.jar*)
        if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "QUARKUS_HTTP_PORT=$gateway_port"; then
          name=gateway; else name=gateway2; fi ;;
      *doc-service/target/quarkus-app*) name=doc ;;
      *persistence-service/target/quarkus-app*) name=persistence ;;
      *presence-service/target/quarkus-app*) name=presence ;;
      *auth-service/target/quarkus-app*) name=auth ;;
      *kafka.Kafka*) name=kafka ;;
      *s3proxy*) name=s3 ;;
      *redis-server*) name=redis ;;
      *) continue ;;
    esac
    list="$list,$name=$pid"
  done
  echo "$list"
}

# The pid of the launcher's descendant whose command line names module $2 (its quarkus-run.jar)
# and, if $3 is given, that listens on HTTP port $3 (QUARKUS_HTTP_PORT in its environment).
skein_child_pid() {
  local launcher=$1 module=$2 port=${3:-} pid
  for pid in $(descendants "$launcher"); do
    if tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$module/target/quarkus-app/quarkus-run.jar" \
        && { [[ -z "$port" ]] || tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx "QUARKUS_HTTP_PORT=$port"; }; then
      echo "$pid"
      return 0
    fi
  done
  echo "bench: no $module process under the launcher $launcher" >&2
  return 1
}

# Every descendant pid of $1.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1"); do
    echo "$child"
    descendants "$child"
  done
}

# Stops the process whose pid is in file $1 (SIGTERM, then SIGKILL after $2 seconds, default 30).
stop_pid_file() {
  local file=$1 grace=${2:-30} pid waited=0
  [[ -f "$file" ]] || return 0
  pid=$(cat "$file")
  [[ -n "$pid" ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && (( waited < grace * 10 )); do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -9 "$pid" 2>/dev/null || true
}

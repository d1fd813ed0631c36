#!/usr/bin/env bash
# The restart command of the restart scenario for Skein:   restart-skein.sh DIR GATEWAY_PORT DOC_PORT [PERSISTENCE_PORT]
# The local-run launcher stops the whole run when one of its services dies, so after the
# scenario's SIGKILL of doc-service this waits (bounded) for the old launcher to finish stopping
# Kafka and the gateway, then starts the local run again on the same data folder and ports (the
# broker's log is the durable copy of every document) and returns once it is ready.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/../.." && pwd)"
source "$BENCH_DIR/lib/common.sh"
dir=$1
old=$(cat "$dir/skein.pid")
waited=0
while kill -0 "$old" 2>/dev/null; do
  if (( waited >= 1200 )); then
    echo "restart-skein: the old launcher $old still runs after 120 s; stopping it" >&2
    stop_pid_file "$dir/skein.pid" 30
    break
  fi
  sleep 0.1
  waited=$((waited + 1))
done
start_skein "$dir" "$2" "$3" "${4:-8083}"

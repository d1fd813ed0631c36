#!/usr/bin/env bash
# The restart command of the restart scenario for a reference server:
#   restart-node-server.sh NAME PORT DIR   (NAME: y-websocket or hocuspocus)
# starts it again on the same port (in memory: it comes back empty) and returns once it listens.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$BENCH_DIR/lib/common.sh"
start_node_server "$1" "$2" "$3"

#!/usr/bin/env bash
# The version-history targets of issue 21 on Skein's local run (--no-auth): B4 replayed through the
# gateway at 2,000 updates/s into a document with history, a version taken through doc-service after
# every 10,000 updates, and into a document without history; then storage with history against
# without (target at most 1.5 times), the time of a version's JSON (target 200 ms), and the time
# until a restore of the oldest version shows in a client connected through the gateway (target 1 s).
# The load tool's `history` scenario does the measuring; this script starts the local run with
# persistence-service's skein.history.documents excluding the comparison document (nohistory-…).
#
#   bench/system/history.sh                       the whole trace, versions every 10,000 updates
#   bench/system/history.sh --skip-build          use what was built last time
#   bench/system/history.sh -- --keystrokes 20000 --version-every 5000    a short smoke run
#
# Output: bench/system/results/history-<time>/ (history.json, history.txt, the local run's logs).
# Needs Java 17+ and Node 20+ (the local run's demo page is built from npm packages).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$BENCH_DIR/../.." && pwd)"
source "$BENCH_DIR/lib/common.sh"

build=1
extra=()
while (($#)); do
  case "$1" in
    --skip-build) build=0 ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "history: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

out="$BENCH_DIR/results/history-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "history: results in ${out#"$REPO_DIR"/}"

if ((build)); then
  echo "history: building (./mvnw -q -B install -DskipTests)"
  (cd "$REPO_DIR" && ./mvnw -q -B install -DskipTests)
fi

gateway_port=$(free_port)
doc_port=$(free_port)
persistence_port=$(free_port)
cleanup() {
  stop_pid_file "$out/skein.pid" || true
}
trap cleanup EXIT
# The comparison document must have no history; every other document keeps the default. The
# local run's services inherit the environment, and only persistence-service reads this key.
export SKEIN_HISTORY_DOCUMENTS='(?!nohistory-).*'
echo "history: starting Skein's local run (gateway on $gateway_port)"
start_skein "$out" "$gateway_port" "$doc_port" "$persistence_port"

echo "history: running the history scenario"
"$REPO_DIR/load-tool/load-tool.sh" history --url "ws://127.0.0.1:$gateway_port/ws/{doc}" \
  --doc-service-url "http://127.0.0.1:$doc_port" --persistence-url "http://127.0.0.1:$persistence_port" \
  "${extra[@]}" >"$out/history.json" 2>"$out/history.txt" || status=$?
cat "$out/history.txt"
exit "${status:-0}"

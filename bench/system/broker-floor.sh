#!/usr/bin/env bash
# The floor under the bench's broker figure: the Kafka hop of a fanout alone (BrokerHop in
# local-run), a broker started as the local run starts it and Skein's own client settings, with
# no service, no other JVM and no load generator on the machine. Prints one line per variant and
# its JSON: Skein's clients of a fanout (producer, the gateway's live consumer, two batched consumers, the
# change producer), then the minimum (one producer, one consumer).
#
#   bench/system/broker-floor.sh [--rate 200] [--warmup 60] [--duration 20] [--readers 50]
#
# With --join it measures the Kafka part of a join instead (JoinHop in local-run): a sync request
# with Skein's clients and settings, answered at once by a stand-in owner with a reply of the B4
# document's size, one join after another; the round trip and each hop, p50/p90/max:
#
#   bench/system/broker-floor.sh --join [--joins 200] [--warmup-joins 400] [--reply-bytes 276982] [--pause-ms 20]
#
# SKEIN_SERVICE_JAVA_OPTS_KAFKA_BROKER applies as in the local run. Build first
# (./mvnw -q -B install -DskipTests).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
classpath_file="$repo/local-run/target/runtime-classpath.txt"
if [[ ! -f "$classpath_file" ]]; then
  echo "broker-floor: not built; run ./mvnw -q -B install -DskipTests" >&2
  exit 2
fi
run_java() {
  java -cp "$repo/local-run/target/classes:$(cat "$classpath_file")" "$@" 2> >(grep -v '^\[' >&2)
}
if [[ "${1:-}" == --join ]]; then
  shift
  run_java dev.skein.localrun.JoinHop "$@"
  exit
fi
for variant in "" --minimal; do
  # shellcheck disable=SC2086 # an empty variant adds no word
  run_java dev.skein.localrun.BrokerHop "$@" $variant
done

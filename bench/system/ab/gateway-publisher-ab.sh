#!/usr/bin/env bash
# A/B of the gateway's producer path: its records through the shared raw Kafka producer (what the
# gateway does) against a SmallRye Reactive Messaging Emitter channel (gateway-smallrye-emitter.patch),
# interleaved (raw, emitter, raw, emitter), each on a fresh local run (--no-auth) after two
# unmeasured throughput runs; prints latency and the CPU time of the gateway and the broker for
# throughput (100 documents x 100 updates/s: 10,000 produced records/s) and fanout (200/s).
#
#   bench/system/ab/gateway-publisher-ab.sh     after ./mvnw install -DskipTests
#
# The variant is built in a git worktree under target/ (only gateway-service; every other service
# is the one built in this repository).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
root=$(pwd)
variant="$root/target/ab-gateway-emitter"
data="$root/target/ab-gateway-data"

if [[ ! -d "$variant" ]]; then
  git worktree add --detach "$variant" HEAD >/dev/null
  git -C "$variant" apply "$root/bench/system/ab/gateway-smallrye-emitter.patch"
fi
for m in doc-service persistence-service presence-service auth-service demo-web local-run; do
  [[ -e "$variant/$m/target" ]] || ln -s "$root/$m/target" "$variant/$m/target"
done
(cd "$variant" && ./mvnw -q -B -o package -DskipTests -pl gateway-service)

stop() {
  pkill -TERM -f 'java -cp local-run/target/classes' || true
  for _ in $(seq 1 30); do pgrep -f "$data" >/dev/null || break; sleep 1; done
}
trap stop EXIT

for v in raw emitter raw emitter; do
  stop; rm -rf "$data"
  services=$root; [[ $v == emitter ]] && services=$variant
  SKEIN_SKIP_BUILD=1 ./run-local.sh --no-auth --data-dir "$data" --root "$services" > "$data.$v.log" 2>&1 &
  for _ in $(seq 1 120); do grep -q -E 'Skein ready|could not' "$data.$v.log" 2>/dev/null && break; sleep 2; done
  gateway=$(pgrep -f "$services/gateway-service/target/quarkus-app" | head -1)
  kafka=$(pgrep -f ' kafka.Kafka ' | head -1)
  for _ in 1 2; do
    load-tool/load-tool.sh throughput --url 'ws://127.0.0.1:8081/ws/{doc}' --docs 100 --rate 100 --duration 20 >/dev/null 2>&1 || true  # its verdict is not the point here
  done
  echo "$v throughput: $(load-tool/load-tool.sh throughput --url 'ws://127.0.0.1:8081/ws/{doc}' --docs 100 --rate 100 \
    --duration 20 --cpu-pid "gateway=$gateway,kafka=$kafka" 2>&1 >/dev/null | grep -E 'latency|server CPU' | tr '\n' ' ')"
  echo "$v fanout: $(load-tool/load-tool.sh fanout --url 'ws://127.0.0.1:8081/ws/{doc}' --clients 50 --rate 200 \
    --duration 20 --cpu-pid "gateway=$gateway,kafka=$kafka" 2>&1 >/dev/null | grep -E 'latency|server CPU' | tr '\n' ' ')"
done

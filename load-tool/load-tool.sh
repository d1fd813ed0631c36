#!/usr/bin/env bash
# Runs the load tool from this checkout: load-tool/load-tool.sh SCENARIO --url ws://HOST:PORT/ws/{doc} ...
# (load-tool.sh --help lists every option). Build it first:
#   ./mvnw -q -B -pl load-tool -am install -DskipTests
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
classpath_file="$here/target/runtime-classpath.txt"
if [[ ! -f "$classpath_file" || ! -d "$here/target/classes" ]]; then
  echo "load-tool: not built; run ./mvnw -q -B -pl load-tool -am install -DskipTests" >&2
  exit 2
fi
# LOAD_TOOL_JAVA_OPTS is split into words on purpose (several JVM options).
# Parallel GC unless told otherwise: G1's young pauses in this JVM (8-27 ms on two busy cores, in
# its GC log) landed in the measured latency of every reader, whichever server was measured; ZGC
# avoided those but its concurrent threads took the cores the throughput scenario needs.
exec java ${LOAD_TOOL_JAVA_OPTS:--XX:+UseParallelGC} -cp "$here/target/classes:$(cat "$classpath_file")" \
  dev.skein.loadtool.cli.LoadToolMain "$@"

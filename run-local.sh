#!/usr/bin/env bash
# Runs all of Skein on this machine: a Kafka broker, every service and the demo editor page.
#
#   ./run-local.sh                      build, then start on the default ports (editor 8080,
#                                       gateways 8081 and 8086, doc-service 8082), data in .skein-data/
#   ./run-local.sh --editor-port 9000   every launcher option, see ./run-local.sh --help
#   SKEIN_SKIP_BUILD=1 ./run-local.sh   start what was built last time, without building
#
# Needs Java 17+ and Node 20+ with npm (the demo page is bundled from npm packages). Redis (for
# presence) comes from Debian's package: installed here when missing and running as root, as on
# these machines; otherwise install it once (apt-get install -y redis-server) or point
# SKEIN_REDIS_SERVER at a redis-server binary. Ctrl-C stops everything it started.
#
# Sign-in (Keycloak with the example users alice, bob, carol; PostgreSQL; auth-service; gateways
# that check tokens) is on when a JDK 21+ is found (SKEIN_KEYCLOAK_JAVA_HOME, this java, or under
# /usr/lib/jvm): Keycloak's distribution comes from Maven Central with the build, PostgreSQL from
# Debian's package (installed here like Redis). Without a JDK 21+, or with --no-auth, everything
# else runs as before, without sign-in.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"

apt_install() {
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    echo "skein: installing $1 (Debian package) for $2..." >&2
    if [[ -z "${apt_updated:-}" ]]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >&2
  fi
}

if [[ -z "${SKEIN_REDIS_SERVER:-}" ]] && ! command -v redis-server >/dev/null 2>&1; then
  apt_install redis-server presence
fi

no_auth=0
for arg in "$@"; do
  [[ "$arg" == "--no-auth" ]] && no_auth=1
done
if [[ "${SKEIN_NO_AUTH:-}" =~ ^([Tt][Rr][Uu][Ee]|1|[Yy][Ee][Ss])$ ]]; then
  no_auth=1
fi
if [[ "$no_auth" == "0" && -z "${SKEIN_POSTGRES_BIN:-}" ]] \
    && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  apt_install postgresql "auth-service's access lists"
fi

if [[ "${SKEIN_SKIP_BUILD:-0}" != "1" ]]; then
  if [[ -x ./mvnw ]]; then
    mvn=(./mvnw)
  else
    mvn=(mvn)
  fi
  echo "skein: building (./mvnw -q -B install -DskipTests)..." >&2
  "${mvn[@]}" -q -B install -DskipTests
fi

classpath_file=local-run/target/runtime-classpath.txt
if [[ ! -f "$classpath_file" ]]; then
  echo "skein: $classpath_file is missing; run without SKEIN_SKIP_BUILD=1 to build first" >&2
  exit 1
fi

# exec: the launcher itself receives Ctrl-C and SIGTERM, and stops its children.
# SKEIN_JAVA_OPTS is split into words on purpose (several JVM options).
exec java ${SKEIN_JAVA_OPTS:-} -cp "local-run/target/classes:$(cat "$classpath_file")" \
  dev.skein.localrun.LocalRun "$@"

/**
 * A real PostgreSQL server (the operating system's binaries, started as a child process on a free
 * loopback port with a throw-away data directory) for tests and the local run, and a Quarkus test
 * resource that shares one per JVM. Also the small native-command launcher that the Keycloak
 * launcher reuses.
 */
package dev.skein.testkit.postgres;

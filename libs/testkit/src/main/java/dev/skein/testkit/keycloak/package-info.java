/**
 * A real Keycloak server (the {@code keycloak-quarkus-dist} zip from Maven Central, unpacked by the
 * testkit build, run in {@code start-dev} mode with an in-memory database on a free loopback port)
 * for tests and the local run: realm import through the admin API, token requests, and a Quarkus
 * test resource that shares one server with the {@code skein} realm per JVM.
 */
package dev.skein.testkit.keycloak;

/**
 * Real servers for tests and for the local run, started as child processes on loopback.
 *
 * <ul>
 *   <li>{@link dev.skein.testkit.kafka} — an Apache Kafka broker in KRaft mode, and the Quarkus
 *       test resource that shares one broker per test JVM;</li>
 *   <li>{@link dev.skein.testkit.process} — starting, watching and ending child JVMs;</li>
 *   <li>{@link dev.skein.testkit.net} — free loopback ports;</li>
 *   <li>{@link dev.skein.testkit.fs} — directory helpers.</li>
 * </ul>
 */
package dev.skein.testkit;

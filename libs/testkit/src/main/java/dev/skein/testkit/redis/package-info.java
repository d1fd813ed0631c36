/**
 * A real Redis server ({@code redis-server} from the operating system, started as a child
 * process on a free loopback port) for tests and the local run, and a Quarkus test resource that
 * shares one per JVM.
 */
package dev.skein.testkit.redis;

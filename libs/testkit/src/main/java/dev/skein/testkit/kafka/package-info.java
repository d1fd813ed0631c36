/**
 * A real Apache Kafka broker (KRaft, broker and controller in one child JVM) for tests and the
 * local run, behind the {@link dev.skein.testkit.kafka.KafkaCluster} interface.
 */
package dev.skein.testkit.kafka;

/**
 * A real S3-API server (S3Proxy on a filesystem backend) in a child JVM, for tests and the local
 * run: {@link dev.skein.testkit.s3.S3Server}, and {@link dev.skein.testkit.s3.S3TestResource}
 * for Quarkus tests.
 */
package dev.skein.testkit.s3;

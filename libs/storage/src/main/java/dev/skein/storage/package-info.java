/**
 * Persisted documents in object storage: where objects live ({@link dev.skein.storage.layout}),
 * how an object is encoded ({@link dev.skein.storage.format}), access to an S3 API
 * ({@link dev.skein.storage.s3}) and reading a document back ({@link dev.skein.storage.read}).
 *
 * <p>persistence-service writes with this library and doc-service reads with it, so the layout
 * and the format are defined once. See {@code docs/storage.md} for the crash reasoning.
 */
package dev.skein.storage;

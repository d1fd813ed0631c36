package dev.skein.persistence.batch;

import dev.skein.storage.layout.BatchName;

/**
 * Told about every batch of a consumer session right after it is written and before its buffer is
 * dropped: what it writes alongside is then durable before anything is committed past the batch.
 */
@FunctionalInterface
public interface BatchObserver {

    /** {@code pending} was written as {@code name}. */
    void written(PendingDocument pending, BatchName name);

    /** An observer that does nothing. */
    BatchObserver NONE = (pending, name) -> {
    };
}

package dev.skein.persistence.batch;

import dev.skein.storage.layout.BatchName;

/** Told about every batch that was durably written (compaction scheduling, metrics). */
@FunctionalInterface
public interface BatchListener {

    /** {@code name} was written, holding {@code updates} updates, because of {@code reason}. */
    void written(BatchName name, int updates, String reason);
}

package dev.skein.gateway.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Documents held by the gateway for joins ({@code skein.gateway.held-documents.*}): the merged state
 * of a document its connections have open, kept so that another connection joining it is answered
 * at once instead of through the log (see {@link HeldDocuments}).
 */
@ConfigMapping(prefix = "skein.gateway.held-documents")
public interface HeldDocumentsConfig {

    /** Whether joins to documents this gateway already holds are answered from the gateway. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Bytes of held states and not yet merged updates, all documents together; a document whose
     * update would pass it is let go (its joins go through the log until its connections are gone).
     */
    @WithDefault("67108864")
    long maxBytes();

    /** Updates collected for a document before they are merged into its held state (off the event loops). */
    @WithDefault("500")
    int foldAfterUpdates();
}

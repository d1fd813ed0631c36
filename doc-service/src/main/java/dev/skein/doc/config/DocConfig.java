package dev.skein.doc.config;

import dev.skein.contract.SyncReplies;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of a doc-service instance ({@code skein.doc.*}). */
@ConfigMapping(prefix = "skein.doc")
public interface DocConfig {

    /** This instance's id (key of the sync replies it asks for over REST); random when not set. */
    Optional<String> instanceId();

    /** Consumer group over the update topic; partition ownership is the unit of scaling. */
    @WithDefault("skein-doc-service")
    String groupId();

    /** How long a dead instance keeps its partitions before the group hands them over. */
    @WithDefault("10s")
    Duration sessionTimeout();

    /** Updates kept unmerged per document before they are merged into its state. */
    @WithDefault("256")
    int tailMaxUpdates();

    /** Bytes of unmerged updates per document before they are merged into its state. */
    @WithDefault("4194304")
    long tailMaxBytes();

    /** Documents with unmerged updates at once; the least recently used beyond this are merged. */
    @WithDefault("1000")
    int maxActiveDocuments();

    /** A document untouched this long has its tail merged (its memory shrinks to its compact state). */
    @WithDefault("5m")
    Duration idleAfter();

    /**
     * Sync requests older than this are not answered (their requester has given up; they are met
     * again when a new owner replays a partition).
     */
    @WithDefault("30s")
    Duration syncRequestMaxAge();

    /** Largest part of a chunked sync reply, in bytes (below Kafka's default 1 MB record limit). */
    @WithDefault("" + SyncReplies.DEFAULT_MAX_PART_BYTES)
    int replyPartBytes();

    /** How long a REST read waits for the document's owner to answer. */
    @WithDefault("10s")
    Duration readTimeout();

    /** Bound of the bytes held for partially received replies to REST reads. */
    @WithDefault("134217728")
    long replyBufferBytes();

    /**
     * Documents held as live ycrdt documents at once (for change events and edits); the least
     * recently used beyond this are dropped and loaded again from their state when needed.
     */
    @WithDefault("256")
    int liveDocuments();

    /** Whether every applied update yields a change record on the change topic. */
    @WithDefault("true")
    boolean changesEnabled();

    /**
     * Changes of a document within this time after its first unpublished one go out as one record
     * (with several entries); 0 publishes each update's changes at once.
     */
    @WithDefault("0ms")
    Duration changesDebounce();

    /**
     * How long change records wait in their own producer to share a request with the next ones
     * ({@code linger.ms}): they are off the editors' latency path, and one produce request per
     * applied update was a fifth of the broker's requests in a fanout.
     */
    @WithDefault("20ms")
    Duration changesLinger();

    /**
     * Longest time the broker holds the update log's fetch while fewer than
     * {@link dev.skein.contract.OwnerWake#FETCH_MIN_BYTES} have arrived: how late an update
     * reaches doc-service (content, change events, text streams) when no request wakes the fetch.
     * Sync and edit requests wake it at once.
     */
    @WithDefault("100ms")
    Duration fetchMaxWait();

    /** Edit requests older than this when their owner reaches them are not applied (their caller gave up). */
    @WithDefault("10s")
    Duration editMaxAge();

    /**
     * An edit request without an answer after this long is sent again (same correlation id: the
     * owner applies it once), so that an edit sent while its partition changes owner is not lost.
     */
    @WithDefault("2s")
    Duration editRetry();

    /** Largest body of {@code POST /docs/{id}/edits} and {@code PUT /docs/{id}/schema}. */
    @WithDefault("1048576")
    int maxEditBytes();

    /** Chunks of one text stream sent to the owner and not yet answered; reading the body waits beyond. */
    @WithDefault("256")
    int streamMaxInFlight();

    /** Largest chunk of a text stream; longer reads are split. */
    @WithDefault("16384")
    int streamChunkBytes();

    /** Text streams per live document whose anchors are remembered. */
    @WithDefault("64")
    int streamsPerDocument();

    /** Version history ({@code skein.doc.history.*}). */
    History history();

    /** Version history served from storage (persistence-service records the versions). */
    interface History {

        /** Decoded version objects kept in memory (objects never change under a name). */
        @WithDefault("1000")
        int cachedVersions();

        /** How long {@code POST /docs/{id}/versions} waits for persistence-service's answer. */
        @WithDefault("10s")
        Duration requestTimeout();
    }
}

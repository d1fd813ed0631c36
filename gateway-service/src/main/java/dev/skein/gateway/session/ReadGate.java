package dev.skein.gateway.session;

import io.netty.channel.Channel;
import io.netty.channel.FixedRecvByteBufAllocator;
import java.util.EnumSet;
import java.util.Set;

/**
 * Stops and restarts reading from one client's TCP connection. While any reason holds, the
 * connection's channel does not read: the client's later messages stay in the TCP buffers, and
 * once those are full its sends wait. That is how the gateway slows a client down without closing
 * it; a stock provider keeps its unsent messages and nothing is lost.
 *
 * <p>Reading stops below Vert.x's WebSocket stream, on the channel (as Vert.x's own back-pressure
 * does), not with the stream's {@code pause()}: a paused stream keeps decoded frames in a buffer
 * and still acts on a close frame that arrives behind them, so a client's last messages before it
 * closed would be lost. With the channel not reading, frames and the close stay in order.
 *
 * <p>Thread-safe: reasons are set and cleared from the event loop, timers, workers and the Kafka
 * thread. The channel's auto-read is only ever changed on its event loop, to what the reasons say
 * at that moment: Netty's {@code setAutoRead(false)} called off the loop defers its clearing of the
 * read interest to a loop task, and a {@code setAutoRead(true)} on the loop before that task ran
 * left the channel with auto-read on and no read interest — a client never read again, its
 * connection open (storage at 2,000 updates/s stopped with every writer connected).
 */
final class ReadGate {

    /** Why reading is paused. */
    enum Reason {
        /** Messages already read wait in the connection's {@link InboundLane} (over the rate, or behind a large one). */
        BACKLOG,
        /** The client reads slower than its document changes: its outbound queue is over its bound. */
        OUTBOUND
    }

    private final Channel channel;
    private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    private volatile boolean outboundPaused;
    private volatile boolean smallReads;
    /** Bytes a paced client's connection reads at a time: about a hundred keystrokes. */
    static final int PACED_READ_BYTES = 4096;

    /** A gate on {@code channel}; with null it never pauses (no direct socket access). */
    ReadGate(Channel channel) {
        this.channel = channel;
    }

    /** Whether reading can be paused at all. */
    boolean canPause() {
        return channel != null;
    }

    /**
     * Pauses reading for {@code reason}.
     *
     * @return whether this paused it (false when reading was already paused for this reason)
     */
    synchronized boolean pause(Reason reason) {
        if (channel == null || !reasons.add(reason)) {
            return false;
        }
        if (reason == Reason.OUTBOUND) {
            outboundPaused = true;
        }
        if (reasons.size() == 1) {
            applyOnLoop();
        }
        return true;
    }

    /** Lifts {@code reason}; reading resumes when no reason is left. */
    synchronized void resume(Reason reason) {
        if (!reasons.remove(reason)) {
            return;
        }
        if (reason == Reason.OUTBOUND) {
            outboundPaused = false;
        }
        if (reasons.isEmpty()) {
            applyOnLoop();
        }
    }

    /** Brings the channel's auto-read in line with the reasons, on its event loop. */
    private void applyOnLoop() {
        if (channel.eventLoop().inEventLoop()) {
            apply();
        } else {
            channel.eventLoop().execute(this::apply);
        }
    }

    /** On the event loop: auto-read as the reasons say now (a later change has its own task). */
    private void apply() {
        boolean read;
        synchronized (this) {
            read = reasons.isEmpty();
        }
        if (channel.config().isAutoRead() != read) {
            channel.config().setAutoRead(read);
        }
    }

    /**
     * From now on reads at most {@link #PACED_READ_BYTES} per read (on the event loop). A paced
     * client's socket is full whenever reading resumes, and a whole 64 KiB read is decoded (and
     * inflated) frame by frame at once, thousands of keystrokes holding up the event loop that other
     * connections share; small reads spread that work out. Once is enough: a client that was paced
     * once keeps small reads (what it costs is a few more read calls).
     */
    void readSmall() {
        if (channel == null || smallReads) {
            return;
        }
        smallReads = true;
        channel.eventLoop().execute(() -> channel.config().setRecvByteBufAllocator(
            new FixedRecvByteBufAllocator(PACED_READ_BYTES)));
    }

    /** Whether {@link #readSmall} was called. */
    boolean readsSmall() {
        return smallReads;
    }

    /** Whether reading is paused because the outbound queue is over its bound (cheap, for every write). */
    boolean outboundPaused() {
        return outboundPaused;
    }

    /** Whether reading is paused for any reason. */
    synchronized boolean paused() {
        return !reasons.isEmpty();
    }
}

package dev.skein.gateway.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * The partitions live delivery reads: the gateway's own sync-reply partition, and the update and
 * awareness partitions of the documents it has connections to — not every partition of the
 * topics, which would make the broker answer every gateway for every record of every document.
 * A partition is added when the first connection to one of its documents opens, and the
 * connection waits until the consumer is positioned on it, so that no record produced after the
 * connection's sync request can be missed; it is dropped {@code linger} after its last document
 * left, so that a tab reloading does not make the consumer reassign twice.
 *
 * <p>Thread-safe: connections follow and leave from any thread; the consumer thread applies the
 * changes between polls ({@link #target}, {@link #positioned}).
 */
final class FollowedPartitions {

    private final long lingerNanos;
    private final Map<TopicPartition, Integer> documents = new HashMap<>();
    private final Map<TopicPartition, Long> idleSince = new HashMap<>();
    private final Map<TopicPartition, List<CompletableFuture<Void>>> waiting = new HashMap<>();
    private Set<TopicPartition> always = Set.of();
    private Set<TopicPartition> positioned = Set.of();
    private boolean changed;

    FollowedPartitions(long lingerNanos) {
        this.lingerNanos = lingerNanos;
    }

    /** Partitions read whatever the documents (the sync-reply partition). */
    synchronized void always(Set<TopicPartition> partitions) {
        always = Set.copyOf(partitions);
        changed = true;
    }

    /**
     * One more document connection on these partitions.
     *
     * @return completes once the consumer is positioned on all of them (at once if it is)
     */
    synchronized CompletableFuture<Void> follow(List<TopicPartition> partitions) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            documents.merge(partition, 1, Integer::sum);
            idleSince.remove(partition);
            if (!positioned.contains(partition)) {
                CompletableFuture<Void> future = new CompletableFuture<>();
                waiting.computeIfAbsent(partition, p -> new ArrayList<>()).add(future);
                pending.add(future);
                changed = true;
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    /** One document connection fewer on these partitions (they linger before they are dropped). */
    synchronized void leave(List<TopicPartition> partitions, long nowNanos) {
        for (TopicPartition partition : partitions) {
            Integer left = documents.computeIfPresent(partition, (p, count) -> count > 1 ? count - 1 : null);
            if (left == null) {
                idleSince.put(partition, nowNanos);
            }
        }
    }

    /**
     * The partitions the consumer should read now, or null when that has not changed since the
     * last call (a follower waiting, or a partition's linger over, is a change).
     */
    synchronized Set<TopicPartition> target(long nowNanos) {
        idleSince.entrySet().removeIf(entry -> {
            if (nowNanos - entry.getValue() >= lingerNanos) {
                changed = true;
                return true;
            }
            return false;
        });
        if (!changed) {
            return null;
        }
        changed = false;
        Set<TopicPartition> target = new HashSet<>(always);
        target.addAll(documents.keySet());
        target.addAll(idleSince.keySet());
        // What is about to be dropped no longer counts as positioned: a document followed before
        // the consumer applies this target must wait for the partition to be read again.
        Set<TopicPartition> kept = new HashSet<>(positioned);
        kept.retainAll(target);
        positioned = Set.copyOf(kept);
        return target;
    }

    /** The consumer is positioned on {@code partitions}: followers waiting for them go on. */
    void positioned(Set<TopicPartition> partitions) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        synchronized (this) {
            positioned = Set.copyOf(partitions);
            for (TopicPartition partition : partitions) {
                List<CompletableFuture<Void>> futures = waiting.remove(partition);
                if (futures != null) {
                    ready.addAll(futures);
                }
            }
        }
        ready.forEach(future -> future.complete(null));
    }

    /** The consumer is gone: everything must be positioned again by the next one. */
    synchronized void reset() {
        positioned = Set.of();
        changed = true;
    }
}

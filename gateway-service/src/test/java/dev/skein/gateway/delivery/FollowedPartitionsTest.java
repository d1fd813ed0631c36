package dev.skein.gateway.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class FollowedPartitionsTest {

    private static final TopicPartition REPLIES = new TopicPartition("replies", 3);
    private static final TopicPartition U1 = new TopicPartition("updates", 1);
    private static final TopicPartition A1 = new TopicPartition("awareness", 1);
    private static final TopicPartition U2 = new TopicPartition("updates", 2);
    private static final long LINGER = 1_000;

    private FollowedPartitions started() {
        FollowedPartitions followed = new FollowedPartitions(LINGER);
        followed.always(Set.of(REPLIES));
        followed.positioned(followed.target(0));
        return followed;
    }

    @Test
    void onlyTheReplyPartitionIsReadUntilADocumentIsFollowed() {
        FollowedPartitions followed = new FollowedPartitions(LINGER);
        followed.always(Set.of(REPLIES));
        assertEquals(Set.of(REPLIES), followed.target(0));
        assertNull(followed.target(0), "nothing changed");
    }

    @Test
    void aFollowerWaitsUntilTheConsumerIsPositionedOnItsPartitions() {
        FollowedPartitions followed = started();
        CompletableFuture<Void> first = followed.follow(List.of(U1, A1));
        assertFalse(first.isDone());
        Set<TopicPartition> target = followed.target(0);
        assertEquals(Set.of(REPLIES, U1, A1), target);
        followed.positioned(target);
        assertTrue(first.isDone());
        assertTrue(followed.follow(List.of(U1, A1)).isDone(), "a second document on the same partitions goes on at once");
    }

    @Test
    void aPartitionLingersAfterItsLastDocumentLeftThenIsDropped() {
        FollowedPartitions followed = started();
        followed.follow(List.of(U1, A1));
        followed.positioned(followed.target(0));
        followed.follow(List.of(U2, A1));
        followed.positioned(followed.target(0));
        followed.leave(List.of(U1, A1), 100);
        assertNull(followed.target(500), "still lingering");
        assertEquals(Set.of(REPLIES, U2, A1), followed.target(100 + LINGER), "U1 dropped, A1 still has a document");
        followed.leave(List.of(U2, A1), 2_000);
        CompletableFuture<Void> back = followed.follow(List.of(U2, A1));
        assertTrue(back.isDone(), "a document that comes back while its partitions linger goes on at once");
    }

    @Test
    void aDocumentFollowedWhileItsLingeringPartitionIsBeingDroppedWaitsForItAgain() {
        FollowedPartitions followed = started();
        followed.follow(List.of(U1, A1));
        followed.positioned(followed.target(0));
        followed.leave(List.of(U1, A1), 100);
        // the consumer thread decides to drop U1 and A1 ...
        Set<TopicPartition> dropping = followed.target(100 + LINGER);
        assertEquals(Set.of(REPLIES), dropping);
        // ... while a connection to a document on them opens: it must not go on before they are read again
        CompletableFuture<Void> opening = followed.follow(List.of(U1, A1));
        followed.positioned(dropping);
        assertFalse(opening.isDone());
        Set<TopicPartition> next = followed.target(100 + LINGER);
        assertEquals(Set.of(REPLIES, U1, A1), next);
        followed.positioned(next);
        assertTrue(opening.isDone());
    }

    @Test
    void afterTheConsumerStartsOverEveryPartitionIsPositionedAgain() {
        FollowedPartitions followed = started();
        followed.follow(List.of(U1, A1));
        followed.positioned(followed.target(0));
        followed.reset();
        CompletableFuture<Void> waiting = followed.follow(List.of(U1, A1));
        assertFalse(waiting.isDone());
        Set<TopicPartition> target = followed.target(0);
        assertEquals(Set.of(REPLIES, U1, A1), target);
        followed.positioned(target);
        assertTrue(waiting.isDone());
    }
}

package dev.skein.messaging;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One Kafka consumer on a thread of its own, with the life every Skein consumer shares: start
 * and stop with the service, (re)create the consumer and set it up, poll and hand each batch on,
 * and after a failure (broker away, a bug in a handler) report not-ready, pause and start over
 * with a fresh consumer. Lag is the sum of the assigned partitions' lag as the consumer last saw
 * it (no broker round trip). A subclass says how the consumer is made and set up and what to do
 * with records; {@link #wake()} interrupts a poll to let it act at once (for example on a new
 * assignment) without stopping the loop. Subclasses are {@code @Singleton} beans: a client proxy
 * could not extend this class's final lifecycle methods.
 */
public abstract class ConsumerLoop {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    private final String name;
    private final Duration pollTimeout;
    private final Duration retryPause;
    private volatile boolean running;
    private volatile boolean ready;
    private volatile long wakeupsInAfterPoll;
    private volatile long consumersCreated;
    private volatile long lag;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /**
     * @param name the thread's name and the loop's name in logs
     * @param pollTimeout longest wait of one poll
     * @param retryPause pause before starting over after a failure
     */
    protected ConsumerLoop(String name, Duration pollTimeout, Duration retryPause) {
        this.name = name;
        this.pollTimeout = pollTimeout;
        this.retryPause = retryPause;
    }

    /** Starts the consuming thread (idempotent). */
    public final synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread: a poll in progress is woken, the consumer closed (a group member leaves). */
    public final synchronized void stop() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null && wakeOnStop()) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the consumer is set up and polling. */
    public final boolean isReady() {
        return ready;
    }

    /** The records the consumer had not reached at its last poll, over its assigned partitions. */
    public final long lag() {
        return lag;
    }

    /** Interrupts the current poll so that {@link #afterPoll} runs at once; the loop goes on. */
    protected final void wake() {
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Consumers this loop has created: more than one means it had to start over. */
    public final long consumersCreated() {
        return consumersCreated;
    }

    /** Wake-ups that landed in a consumer call of {@link #afterPoll} (which then ran again). */
    public final long wakeupsInAfterPoll() {
        return wakeupsInAfterPoll;
    }

    /**
     * The longest wait of the next poll: the constructor's poll timeout unless a subclass has
     * something due sooner (called on the loop's thread before each poll).
     */
    protected Duration nextPollTimeout() {
        return pollTimeout;
    }

    /** Called before each (re)connection, e.g. to learn the topic layout. */
    protected void beforeConnect() throws Exception {
    }

    /** A new consumer; the loop closes it. */
    protected abstract KafkaConsumer<String, byte[]> createConsumer();

    /** Subscribes or assigns (and seeks); once it returns, the loop counts as ready after its first poll. */
    protected abstract void setUp(KafkaConsumer<String, byte[]> consumer) throws Exception;

    /** Handles one poll's records, in order; a failing record should be skipped and reported here. */
    protected abstract void handle(ConsumerRecords<String, byte[]> records);

    /**
     * Runs after every poll (and after a {@link #wake()}), on the loop's thread. A wake-up that
     * lands in one of its consumer calls makes it run again at once, so it must be safe to repeat
     * from the start (keep what it has yet to finish in a field rather than on the stack).
     */
    protected void afterPoll(KafkaConsumer<String, byte[]> consumer) throws Exception {
    }

    /**
     * Called when the loop lost its consumer (before it pauses and starts over).
     *
     * @param wasReady whether the consumer had been polling: records may have been missed since
     */
    protected void onFailure(Exception failure, boolean wasReady) {
    }

    /** Called once the loop was told to stop, before its consumer is closed (not after a failure). */
    protected void beforeClose(KafkaConsumer<String, byte[]> consumer) {
    }

    /**
     * Whether {@link #stop()} interrupts a poll in progress; false lets the current poll end (within
     * the poll timeout) so that {@link #beforeClose} can finish the work, e.g. write and commit.
     */
    protected boolean wakeOnStop() {
        return true;
    }

    private void run() {
        while (running) {
            try {
                beforeConnect();
                try (KafkaConsumer<String, byte[]> created = createConsumer()) {
                    consumersCreated++;
                    consumer = created;
                    setUp(created);
                    poll(created);
                } finally {
                    consumer = null;
                }
            } catch (WakeupException e) {
                if (!running) {
                    break;
                }
                // woken while setting up (a wake-up during a poll or afterPoll never gets here):
                // nothing was read yet, so starting over with a fresh consumer loses nothing
                LOG.debugf("%s: woken while setting up; starting over", name);
            } catch (Exception e) {
                boolean wasReady = ready;
                ready = false;
                LOG.warnf("%s: consumer failed (%s); starting over", name, e.toString());
                onFailure(e, wasReady);
                if (!RetryPause.pause(retryPause)) {
                    running = false;
                }
            }
        }
        ready = false;
    }

    private void poll(KafkaConsumer<String, byte[]> created) throws Exception {
        while (running) {
            try {
                handle(created.poll(nextPollTimeout()));
            } catch (WakeupException e) {
                if (!running) {
                    throw e;
                }
                // woken (a poll returns records only when it completes: nothing was taken)
            }
            ready = true;
            lag = lagOf(created);
            afterPollThroughWakeups(created);
        }
        beforeClose(created);
    }

    /**
     * Runs {@link #afterPoll} until it completes. A {@link #wake()} from another thread lands in
     * whichever blocking consumer call runs next, which may be one of afterPoll's own (a position
     * lookup after a new assignment): that is a wake-up, not a failure. Letting it end the loop
     * would start a fresh consumer from the end of the log and silently skip what came between.
     */
    private void afterPollThroughWakeups(KafkaConsumer<String, byte[]> created) throws Exception {
        while (true) {
            try {
                afterPoll(created);
                return;
            } catch (WakeupException e) {
                if (!running) {
                    throw e;
                }
                wakeupsInAfterPoll++;
            }
        }
    }

    private static long lagOf(KafkaConsumer<String, byte[]> consumer) {
        long total = 0;
        for (TopicPartition partition : consumer.assignment()) {
            total += consumer.currentLag(partition).orElse(0);
        }
        return total;
    }
}

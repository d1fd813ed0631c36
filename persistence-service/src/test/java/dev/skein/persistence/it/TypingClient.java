package dev.skein.persistence.it;

import dev.skein.contract.DocumentRecords;
import dev.skein.contract.Topics;
import dev.skein.persistence.TestUpdates;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;

/**
 * An editor typing one character per update into a document, as a gateway would produce it. Only
 * updates Kafka acknowledged count as typed; an update that failed is typed again (same clock),
 * as a client resends what the server did not confirm.
 */
final class TypingClient {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";

    private final long client;
    private final String docId;
    private final int partition;
    private final Producer<String, byte[]> producer;
    private final StringBuilder acknowledged = new StringBuilder();

    TypingClient(long client, String docId, int partition, Producer<String, byte[]> producer) {
        this.client = client;
        this.docId = docId;
        this.partition = partition;
        this.producer = producer;
    }

    /** Types the next character and waits for the acknowledgement; false if Kafka refused it. */
    synchronized boolean typeNext() {
        int clock = acknowledged.length();
        String character = String.valueOf(ALPHABET.charAt((int) ((clock + client) % ALPHABET.length())));
        try {
            producer.send(DocumentRecords.update(Topics.UPDATES_DEFAULT, partition, docId,
                TestUpdates.text(client, clock, character), "client/" + client)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
        acknowledged.append(character);
        return true;
    }

    long id() {
        return client;
    }

    synchronized String acknowledged() {
        return acknowledged.toString();
    }
}

package dev.skein.loadtool.scenario;

import dev.skein.loadtool.client.YClient;
import dev.skein.loadtool.text.ReceivedText;
import dev.skein.loadtool.text.WriterChain;
import java.util.ArrayList;
import java.util.List;

/**
 * One document under load: its writers (each appending to its own root text) and its readers
 * (each following every writer's text).
 */
final class DocLoad {

    /** A writing client and the text it appends to. */
    record Writer(YClient client, WriterChain chain) {
    }

    /** A reading client and what it received. */
    record Reader(YClient client, ReceivedText text) {
    }

    private final String doc;
    private final List<Writer> writers = new ArrayList<>();
    private final List<Reader> readers = new ArrayList<>();

    /**
     * Builds the clients of {@code doc}; nothing is connected yet.
     *
     * @param capacity the most updates each writer may send
     */
    DocLoad(RunContext context, String doc, int writerCount, int readerCount, int capacity, ClientGroup group) {
        this.doc = doc;
        for (int w = 0; w < writerCount; w++) {
            WriterChain chain = new WriterChain(context.clientId(), "text-" + w, capacity);
            YClient client = group.add(new YClient(context.target(), doc, (update, at, reply) -> { }));
            writers.add(new Writer(client, chain));
        }
        for (int r = 0; r < readerCount; r++) {
            ReceivedText text = new ReceivedText();
            writers.forEach(writer -> text.follow(writer.chain()));
            YClient client = group.add(new YClient(context.readerTarget(), doc,
                    (update, at, reply) -> text.accept(update, at, !reply)));
            readers.add(new Reader(client, text));
        }
    }

    String doc() {
        return doc;
    }

    List<Writer> writers() {
        return writers;
    }

    List<Reader> readers() {
        return readers;
    }

    /** Whether every reader has every update sent so far. */
    boolean allDelivered() {
        for (Reader reader : readers) {
            for (Writer writer : writers) {
                if (reader.text().copyOf(writer.chain()).receivedCount() < writer.chain().sent()) {
                    return false;
                }
            }
        }
        return true;
    }
}

package dev.skein.persistence.it;

import dev.skein.ycrdt.struct.ContentString;
import dev.skein.ycrdt.struct.Item;
import dev.skein.ycrdt.struct.Struct;
import dev.skein.ycrdt.update.UpdateFormat;
import dev.skein.ycrdt.update.Updates;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text each client typed, read from a document state without a document model: the test
 * clients append only after their own previous character, so a client's characters ordered by
 * clock are exactly what it typed. A character present twice would be a duplicate, a missing
 * clock a loss.
 */
final class DocumentText {

    private DocumentText() {
    }

    /** Client id to its text; fails on a gap or a repeated clock. */
    static Map<Long, String> byClient(byte[] stateV1) {
        Map<Long, TreeMap<Long, String>> pieces = new TreeMap<>();
        for (Struct struct : Updates.decode(stateV1, UpdateFormat.V1).structs()) {
            if (struct instanceof Item item && item.content() instanceof ContentString text) {
                String previous = pieces.computeIfAbsent(item.client(), c -> new TreeMap<>()).put(item.clock(), text.str());
                if (previous != null) {
                    throw new AssertionError("client " + item.client() + " clock " + item.clock() + " twice");
                }
            }
        }
        Map<Long, String> texts = new TreeMap<>();
        pieces.forEach((client, runs) -> {
            StringBuilder text = new StringBuilder();
            for (Map.Entry<Long, String> run : runs.entrySet()) {
                if (run.getKey() != text.length()) {
                    throw new AssertionError("client " + client + " has a gap or overlap at clock " + run.getKey()
                        + " (text so far " + text.length() + " characters)");
                }
                text.append(run.getValue());
            }
            texts.put(client, text.toString());
        });
        return texts;
    }
}

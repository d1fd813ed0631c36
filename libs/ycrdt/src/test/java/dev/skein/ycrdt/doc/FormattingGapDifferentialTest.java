package dev.skein.ycrdt.doc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.types.Delta;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.update.differential.NodeScripts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Formatting around deleted ranges against the real yjs ({@code src/test/js/doc/formatting-gap.mjs}):
 * formatted text inserted, a middle range deleted, plain text inserted where it was, in a
 * document that wrote the text itself and in one that loaded it before or after reading its root
 * as a text; and random edits shaped like a restore (doc-service's {@code RestoreEdits}: the
 * version's middle inserted run by run with explicit attributes, then the old middle deleted).
 * ycrdt must show the same delta as yjs after every operation and end in the same state.
 *
 * <p>Where yjs itself lets a format run on past the deleted range (a text read as a text only
 * after formatted content was loaded keeps its search markers, and a marker starts without the
 * formatting before it, so the deletion drops the mark that ended the format), ycrdt must do the
 * same: a server applying edits has to produce what a yjs client applying them would.
 */
class FormattingGapDifferentialTest {

    @TestFactory
    Stream<DynamicTest> sameDeltasAsYjs() throws IOException, InterruptedException {
        NodeScripts.requireNodeAndModules();
        Path log = NodeScripts.moduleDir().resolve("target/formatting-gap/stderr.log");
        Process node = NodeScripts.start(List.of("doc/formatting-gap.mjs", "--count", "300"), log);
        node.getOutputStream().close();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        assertTrue(node.waitFor(60, TimeUnit.SECONDS) && node.exitValue() == 0, NodeScripts.tail(log));
        assertTrue(lines.size() > 250, "cases: " + lines.size());
        return lines.stream().map(line -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> test = (Map<String, Object>) Json.parse(line);
            return DynamicTest.dynamicTest((String) test.get("name"), () -> replay(test));
        });
    }

    @SuppressWarnings("unchecked")
    private static void replay(Map<String, Object> test) {
        Doc doc = new Doc(DocOptions.defaults().withClientId(2));
        byte[] initial = Base64.getDecoder().decode((String) test.get("initial"));
        boolean loadFirst = (Boolean) test.get("loadFirst");
        YText text = loadFirst ? null : doc.getText("t");
        if (initial.length > 0) {
            doc.applyUpdate(initial);
        }
        if (loadFirst) {
            text = doc.getText("t");
        }
        List<Object> ops = (List<Object>) test.get("ops");
        List<Object> deltas = (List<Object>) test.get("deltas");
        for (int i = 0; i < ops.size(); i++) {
            Map<String, Object> op = (Map<String, Object>) ops.get(i);
            int index = ((Number) op.get("index")).intValue();
            switch ((String) op.get("op")) {
                case "insert" -> {
                    Map<String, Object> attributes = (Map<String, Object>) op.get("attributes");
                    if (attributes == null) {
                        text.insert(index, (String) op.get("text"));
                    } else {
                        text.insert(index, (String) op.get("text"), attributes);
                    }
                }
                case "delete" -> text.delete(index, ((Number) op.get("length")).intValue());
                case "format" -> text.format(index, ((Number) op.get("length")).intValue(),
                    (Map<String, Object>) op.get("attributes"));
                default -> throw new IllegalArgumentException("unknown op " + op);
            }
            List<Map<String, Object>> delta = text.toDelta().stream().map(Delta::toJSON).toList();
            assertEquals(Json.parse((String) deltas.get(i)), Json.parse(Json.stringify(delta)),
                "delta after op " + i + " " + Json.stringify(op));
        }
        assertEquals(test.get("state"), Base64.getEncoder().encodeToString(doc.encodeStateAsUpdate()), "state at the end");
    }
}

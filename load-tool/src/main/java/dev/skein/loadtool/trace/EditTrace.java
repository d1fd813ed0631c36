package dev.skein.loadtool.trace;

import dev.skein.ycrdt.lib0.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A sequential editing trace ({@code testdata/traces/*.json.gz}): every patch of every
 * transaction in order, applied like {@code Array.prototype.splice} on the text, and the text
 * they must end with.
 */
public record EditTrace(String startContent, List<Patch> patches, String endContent) {

    /** Delete {@code delete} characters at {@code position}, then insert {@code insert} there. */
    public record Patch(int position, int delete, String insert) {
    }

    /** Reads a gzipped trace; concurrent traces (with {@code kind}) are refused. */
    public static EditTrace read(Path file) throws IOException {
        String json;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!(Json.parse(json) instanceof Map<?, ?> root)) {
            throw new IOException(file + " is not a JSON object");
        }
        if (root.containsKey("kind")) {
            throw new IOException(file + " is a " + root.get("kind") + " trace; only sequential traces are supported");
        }
        List<Patch> patches = new ArrayList<>();
        for (Object txn : (List<?>) root.get("txns")) {
            for (Object patch : (List<?>) ((Map<?, ?>) txn).get("patches")) {
                List<?> fields = (List<?>) patch;
                patches.add(new Patch(((Number) fields.get(0)).intValue(), ((Number) fields.get(1)).intValue(),
                        (String) fields.get(2)));
            }
        }
        return new EditTrace((String) root.get("startContent"), patches, (String) root.get("endContent"));
    }

    /** The text after every patch, applied to plain strings (the reference for the replay). */
    public String replayAsText() {
        StringBuilder text = new StringBuilder(startContent);
        for (Patch patch : patches) {
            text.replace(patch.position(), patch.position() + patch.delete(), patch.insert());
        }
        return text.toString();
    }
}

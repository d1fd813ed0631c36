package dev.skein.ycrdt.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.ycrdt.lib0.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON the Node scripts write (golden.json, differential.mjs output) into expected Java
 * values. Both scripts describe a message the same way: a {@code kind} plus the fields it carries.
 */
final class Fixtures {

    private Fixtures() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    static Map<String, Object> resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    static String str(Map<String, Object> m, String key) {
        return (String) m.get(key);
    }

    static boolean flag(Map<String, Object> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }

    /** A JSON number that must be an exact integer (JavaScript numbers are doubles). */
    static long num(Object value) {
        double d = (Double) value;
        long l = (long) d;
        if (l != d) {
            throw new IllegalArgumentException("not an integer: " + d);
        }
        return l;
    }

    static long num(Map<String, Object> m, String key) {
        return num(m.get(key));
    }

    static List<Long> longs(Object list) {
        List<Long> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(num(o));
        }
        return out;
    }

    static byte[] bytes(Map<String, Object> m, String key) {
        return Base64.getDecoder().decode(str(m, key));
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The payload a fixture expects. Large payloads are pinned by length and SHA-256 only; then
     * {@code decoded} (the payload Java decoded) is checked against them and returned.
     */
    static byte[] payload(Map<String, Object> m, byte[] decoded) {
        if (m.containsKey("payload")) {
            return bytes(m, "payload");
        }
        assertEquals(num(m, "payloadLength"), decoded.length, "payload length");
        assertEquals(str(m, "payloadSha256"), sha256(decoded), "payload SHA-256");
        return decoded;
    }

    /** The message a fixture describes; {@code decoded} serves only payloads pinned by hash. */
    static Message message(Map<String, Object> m, Message decoded) {
        String kind = str(m, "kind");
        return switch (kind) {
            case "syncStep1" ->
                    new SyncStep1(payload(m, decoded instanceof SyncStep1 s ? s.stateVector() : new byte[0]));
            case "syncStep2" -> new SyncStep2(payload(m, decoded instanceof SyncStep2 s ? s.update() : new byte[0]));
            case "syncUpdate" -> new SyncUpdate(payload(m, decoded instanceof SyncUpdate s ? s.update() : new byte[0]));
            case "awareness" -> new AwarenessMessage(bytes(m, "payload"));
            case "auth" -> new AuthMessage(str(m, m.containsKey("decodedReason") ? "decodedReason" : "reason"));
            case "queryAwareness" -> new QueryAwareness();
            case "custom" -> new CustomMessage(Math.toIntExact(num(m, "type")), bytes(m, "payload"));
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    static List<AwarenessUpdate.Entry> entries(List<Map<String, Object>> list) {
        List<AwarenessUpdate.Entry> out = new ArrayList<>();
        for (Map<String, Object> e : list) {
            out.add(new AwarenessUpdate.Entry(num(e, "clientId"), num(e, "clock"), str(e, "state")));
        }
        return out;
    }
}

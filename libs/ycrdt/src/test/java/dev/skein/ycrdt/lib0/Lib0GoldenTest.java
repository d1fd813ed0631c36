package dev.skein.ycrdt.lib0;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Boundary tables against bytes produced by the real lib0 package
 * ({@code src/test/js/lib0-golden.mjs} writes {@code lib0/golden.json}).
 */
class Lib0GoldenTest {

    private static Map<String, Object> golden;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (InputStream in = Lib0GoldenTest.class.getResourceAsStream("/lib0/golden.json")) {
            golden = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<Object>> table(String name) {
        return (List<List<Object>>) golden.get(name);
    }

    private static byte[] hex(Object s) {
        return HexFormat.of().parseHex((String) s);
    }

    /** Code units as written, lone surrogates included (Java's UTF-16 decoder would replace them). */
    private static String utf16le(byte[] b) {
        char[] cs = new char[b.length / 2];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = (char) ((b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8);
        }
        return new String(cs);
    }

    @Test
    void varUintMatchesLib0BothWays() {
        for (List<Object> row : table("varUint")) {
            long v = ((Double) row.get(0)).longValue();
            ByteWriter w = new ByteWriter();
            w.writeVarUint(v);
            assertArrayEquals(hex(row.get(1)), w.toByteArray(), "writeVarUint(" + v + ")");
            assertEquals(v, new ByteReader(hex(row.get(1))).readVarUint());
        }
    }

    @Test
    void varIntMatchesLib0IncludingNegativeZero() {
        for (List<Object> row : table("varInt")) {
            boolean negZero = "-0".equals(row.get(0));
            long v = negZero ? 0 : ((Double) row.get(0)).longValue();
            ByteWriter w = new ByteWriter();
            w.writeVarInt(Math.abs(v), v < 0 || negZero);
            assertArrayEquals(hex(row.get(1)), w.toByteArray(), "writeVarInt(" + row.get(0) + ")");
            ByteReader r = new ByteReader(hex(row.get(1)));
            assertEquals(v, r.readVarInt());
            assertEquals(v < 0 || negZero, r.lastVarIntNegative());
        }
    }

    @Test
    void varStringMatchesLib0ForAstralAndLoneSurrogates() {
        for (List<Object> row : table("varString")) {
            String s = utf16le(hex(row.get(0)));
            ByteWriter w = new ByteWriter();
            w.writeVarString(s);
            assertArrayEquals(hex(row.get(1)), w.toByteArray(), "writeVarString(" + s + ")");
            String back = new ByteReader(hex(row.get(1))).readVarString();
            boolean hasLoneSurrogate = !s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            if (!hasLoneSurrogate) {
                assertEquals(s, back);
            }
        }
    }

    @Test
    void anyMatchesLib0() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("undefined", Any.UNDEFINED);
        values.put("null", null);
        values.put("int0", 0.0);
        values.put("negzero", -0.0);
        values.put("int", 42.0);
        values.put("negint", -42.0);
        values.put("int31", 2147483647.0);
        values.put("int31p1", 2147483648.0);
        values.put("f32", 1.5);
        values.put("f64", 0.1);
        values.put("big", 9007199254740992.0);
        values.put("nan", Double.NaN);
        values.put("inf", Double.POSITIVE_INFINITY);
        values.put("bigint", BigInteger.valueOf(123));
        values.put("negbigint", BigInteger.valueOf(-5));
        values.put("true", true);
        values.put("false", false);
        values.put("str", "x😀");
        values.put("arr", java.util.Arrays.asList(1.0, "a", null));
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("b", 1.0);
        obj.put("a", List.of(true));
        obj.put("2", "two");
        obj.put("1", "one");
        values.put("obj", obj);
        values.put("bytes", new byte[] {0, 1, (byte) 255});
        values.put("nested", Map.of("a", Map.of("b", Map.of("c", List.of(List.of(), Map.of())))));
        for (List<Object> row : table("any")) {
            String name = (String) row.get(0);
            assertTrue(values.containsKey(name), name);
            ByteWriter w = new ByteWriter();
            Any.write(w, values.get(name));
            assertArrayEquals(hex(row.get(1)), w.toByteArray(), "writeAny(" + name + ")");
            Object back = Any.read(new ByteReader(hex(row.get(1))));
            ByteWriter again = new ByteWriter();
            Any.write(again, back);
            assertArrayEquals(hex(row.get(1)), again.toByteArray(), "readAny then writeAny(" + name + ")");
        }
    }

    @Test
    void numberToStringMatchesJavaScript() {
        for (List<Object> row : table("numberToString")) {
            double d = new ByteReader(hex(row.get(0))).readFloat64();
            assertEquals(row.get(1), Json.numberToString(d), "String(" + d + ")");
        }
    }

    @Test
    void jsonStringifyMatchesJavaScript() {
        List<List<Object>> rows = table("jsonStringify");
        assertEquals(rows.get(0).get(1), Json.stringify("a\u0001\n\ud800"));
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("b", 1.0);
        obj.put("10", 2.0);
        obj.put("2", java.util.Arrays.asList(null, 0.5));
        assertEquals(rows.get(1).get(1), Json.stringify(obj));
    }
}

package dev.skein.ycrdt.lib0;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.YDecodingException.Reason;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code JSON.stringify} and {@code JSON.parse} with JavaScript's exact output, over the value
 * model of {@link Any}. Yjs writes embeds and format attributes as JSON text in v1 updates and as
 * {@code Any} in v2, so converting between the formats must reproduce JavaScript's serialisation.
 */
public final class Json {

    private Json() {
    }

    /** {@code JSON.stringify(value)}; returns {@code null} where JavaScript returns undefined. */
    public static String stringify(Object value) {
        StringBuilder sb = new StringBuilder();
        return write(sb, value) ? sb.toString() : null;
    }

    private static boolean write(StringBuilder sb, Object v) {
        if (v == Any.UNDEFINED) {
            return false;
        }
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof BigInteger) {
            throw new IllegalArgumentException("JSON.stringify cannot serialize a BigInt");
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            sb.append(Double.isFinite(d) ? numberToString(d) : "null");
        } else if (v instanceof byte[] bytes) {
            // a Uint8Array serialises as an object keyed by index
            sb.append('{');
            for (int i = 0; i < bytes.length; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append('"').append(i).append("\":").append(bytes[i] & 0xFF);
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                if (!write(sb, list.get(i))) {
                    sb.append("null");
                }
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (String k : JsObjects.keys(map)) {
                Object val = map.get(k);
                if (val == Any.UNDEFINED) {
                    continue;
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, k);
                sb.append(':');
                write(sb, val);
            }
            sb.append('}');
        } else {
            throw new IllegalArgumentException("not a JavaScript value: " + v.getClass());
        }
        return true;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isSurrogate(c)
                            && !(Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1)))
                            && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) {
                        sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15])
                                .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** JavaScript's {@code Number.prototype.toString()} for a finite double. */
    public static String numberToString(double d) {
        if (d == 0) {
            return "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            // every integer below 2^53 is exact and its own shortest representation
            return Long.toString((long) d);
        }
        String sign = d < 0 ? "-" : "";
        BigDecimal exact = new BigDecimal(Math.abs(d));
        BigDecimal shortest = null;
        for (int p = 1; p <= 17; p++) {
            BigDecimal cand = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (Double.parseDouble(cand.toString()) == Math.abs(d)) {
                shortest = cand;
                break;
            }
        }
        if (shortest == null) {
            shortest = exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
        }
        BigInteger unscaled = shortest.unscaledValue();
        String digits = unscaled.toString();
        int stripped = digits.length();
        while (stripped > 1 && digits.charAt(stripped - 1) == '0') {
            stripped--;
        }
        int k = stripped;
        // value = digits * 10^-scale  =>  n = number of digits before the decimal point
        int n = digits.length() - shortest.scale();
        digits = digits.substring(0, k);
        StringBuilder sb = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            sb.append(digits);
            sb.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int e = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(e >= 0 ? "+" : "-").append(Math.abs(e));
        }
        return sb.toString();
    }

    /** {@code JSON.parse(text)} into the {@link Any} value model; malformed text is a decoding error. */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.skipWs();
        Object v = p.value(0);
        p.skipWs();
        if (p.i != text.length()) {
            throw p.error("trailing characters in JSON");
        }
        return v;
    }

    private static final class Parser {
        private final String s;
        private int i;

        Parser(String s) {
            this.s = s;
        }

        YDecodingException error(String msg) {
            return new YDecodingException(Reason.UNEXPECTED_VALUE, -1, msg + " at character " + i);
        }

        void skipWs() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                } else {
                    break;
                }
            }
        }

        Object value(int depth) {
            if (depth > Any.MAX_DEPTH) {
                throw error("JSON nested too deeply");
            }
            if (i >= s.length()) {
                throw error("unexpected end of JSON");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> obj = new LinkedHashMap<>();
                    skipWs();
                    if (peek() == '}') {
                        i++;
                        return obj;
                    }
                    while (true) {
                        skipWs();
                        if (peek() != '"') {
                            throw error("expected a key");
                        }
                        String key = string();
                        skipWs();
                        expect(':');
                        skipWs();
                        obj.put(key, value(depth + 1));
                        skipWs();
                        char d = next();
                        if (d == '}') {
                            return obj;
                        }
                        if (d != ',') {
                            throw error("expected , or }");
                        }
                    }
                }
                case '[': {
                    i++;
                    List<Object> arr = new ArrayList<>();
                    skipWs();
                    if (peek() == ']') {
                        i++;
                        return arr;
                    }
                    while (true) {
                        skipWs();
                        arr.add(value(depth + 1));
                        skipWs();
                        char d = next();
                        if (d == ']') {
                            return arr;
                        }
                        if (d != ',') {
                            throw error("expected , or ]");
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    return number();
            }
        }

        char peek() {
            if (i >= s.length()) {
                throw error("unexpected end of JSON");
            }
            return s.charAt(i);
        }

        char next() {
            char c = peek();
            i++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                throw error("expected " + c);
            }
        }

        void literal(String word) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected token");
            }
            i += word.length();
        }

        String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("bad unicode escape");
                        }
                        int cp = 0;
                        for (int k = 0; k < 4; k++) {
                            int h = hexValue(s.charAt(i++));
                            if (h < 0) {
                                throw error("bad unicode escape");
                            }
                            cp = cp * 16 + h;
                        }
                        sb.append((char) cp);
                    }
                    default -> throw error("bad escape");
                }
            }
        }

        /** JSON allows ASCII hex digits only (Character.digit also takes full-width ones). */
        private int hexValue(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            return -1;
        }

        Object number() {
            int start = i;
            if (i < s.length() && s.charAt(i) == '-') {
                i++;
            }
            if (i >= s.length()) {
                throw error("bad number");
            }
            if (s.charAt(i) == '0') {
                i++;
            } else if (s.charAt(i) >= '1' && s.charAt(i) <= '9') {
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
            } else {
                throw error("unexpected token");
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int ds = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (i == ds) {
                    throw error("bad number");
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int ds = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (i == ds) {
                    throw error("bad number");
                }
            }
            return Double.parseDouble(s.substring(start, i));
        }
    }
}

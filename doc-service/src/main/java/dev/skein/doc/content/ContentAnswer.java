package dev.skein.doc.content;

import dev.skein.doc.rest.Problem;
import dev.skein.ycrdt.doc.Doc;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answer of a {@code /content} call for a loaded document, shared by the current document
 * ({@link ContentResource}) and its past versions: roots typed by {@code ?root=}, else the
 * document's schema, else inferred, rendered as JSON with the {@value ContentResource#ROOT_TYPES} and
 * {@value ContentResource#INFERRED} headers.
 */
public final class ContentAnswer {

    private ContentAnswer() {
    }

    /**
     * The roots named by {@code root=NAME:TYPE} parameters, in order.
     *
     * @throws IllegalArgumentException if one is not of that form
     */
    public static Map<String, RootType> namedRoots(List<String> roots) {
        Map<String, RootType> named = new LinkedHashMap<>();
        for (String root : roots == null ? List.<String>of() : roots) {
            int colon = root.lastIndexOf(':');
            RootType type = colon <= 0 ? null : RootType.fromApiName(root.substring(colon + 1)).orElse(null);
            if (type == null) {
                throw new IllegalArgumentException("root must be NAME:TYPE with TYPE text, array, map or xml");
            }
            named.put(root.substring(0, colon), type);
        }
        return named;
    }

    /** Null when {@code text} is absent, {@code string} or {@code delta}, else the 400 to answer. */
    public static Response checkTextParameter(String text) {
        if (text != null && !"string".equals(text) && !"delta".equals(text)) {
            return Problem.badRequest("invalid-parameter", "text must be string or delta");
        }
        return null;
    }

    /** 200 with the JSON of {@code doc}'s roots and the root headers, or 422 when they cannot be shown. */
    public static Response render(Doc doc, Map<String, RootType> named, String text) {
        Map<String, RootTyping.TypedRoot> typed;
        try {
            typed = RootTyping.type(doc, named);
        } catch (IllegalArgumentException e) {
            return Problem.unprocessable("wrong-type", e.getMessage());
        }
        String json;
        try {
            json = ContentJson.render(doc, typed, "delta".equals(text));
        } catch (IllegalArgumentException e) {
            return Problem.unprocessable("not-json", "the document holds a value JSON cannot show: " + e.getMessage());
        }
        return Response.ok(json, MediaType.APPLICATION_JSON)
            .header(ContentResource.ROOT_TYPES, typed.values().stream()
                .map(t -> enc(t.name()) + "=" + t.type().apiName()).collect(Collectors.joining(",")))
            .header(ContentResource.INFERRED, typed.values().stream()
                .filter(t -> t.source() == RootTyping.Source.INFERRED)
                .map(t -> enc(t.name())).collect(Collectors.joining(",")))
            .build();
    }

    private static String enc(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}

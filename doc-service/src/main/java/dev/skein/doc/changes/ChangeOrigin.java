package dev.skein.doc.changes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a change came from.
 *
 * @param source the {@code skein-origin} of the update record ({@code <gateway>/<connection>},
 *     {@code <doc-service>/rest}, {@code <doc-service>/edit}, …), if any
 * @param principal who made it, when known (edits through the API; updates whose producer said)
 * @param clients Yjs client ids whose content the update carries
 */
public record ChangeOrigin(Optional<String> source, Optional<String> principal, List<Long> clients) {

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source.orElse(null));
        m.put("principal", principal.orElse(null));
        m.put("clients", clients.stream().map(c -> (Object) c.doubleValue()).toList());
        return m;
    }
}

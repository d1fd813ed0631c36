package dev.skein.presence.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads {@code user.name} and {@code user.color} from an awareness state, the fields the
 * y-protocols examples and editor bindings (y-prosemirror, y-codemirror, y-monaco) use for the
 * cursor label.
 */
@ApplicationScoped
public class UserFields {

    private final ObjectMapper json;

    UserFields(ObjectMapper json) {
        this.json = json;
    }

    /** {@code [name, color]}, each {@code null} when absent or not a string. */
    public String[] of(String stateJson) {
        try {
            JsonNode user = json.readTree(stateJson).path("user");
            return new String[] {text(user.path("name")), text(user.path("color"))};
        } catch (JsonProcessingException e) {
            return new String[] {null, null};
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }
}

package dev.skein.testkit.keycloak;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one string field of a flat JSON object (a token response). The testkit has no JSON
 * library on purpose (it lands on every service's test classpath); token responses are flat and
 * their values never hold escaped quotes.
 */
final class JsonFields {

    private JsonFields() {
    }

    static Optional<String> string(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}

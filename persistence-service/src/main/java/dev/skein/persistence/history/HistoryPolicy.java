package dev.skein.persistence.history;

import dev.skein.persistence.config.HistoryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;

/** Which documents have version history: {@code skein.history.enabled} and {@code skein.history.documents}. */
@ApplicationScoped
public class HistoryPolicy {

    private final boolean enabled;
    private final Pattern documents;

    @Inject
    HistoryPolicy(HistoryConfig config) {
        this.enabled = config.enabled();
        this.documents = Pattern.compile(config.documents());
    }

    /** A policy for tests and tools. */
    public HistoryPolicy(boolean enabled, String documents) {
        this.enabled = enabled;
        this.documents = Pattern.compile(documents);
    }

    /** Whether the document's versions are recorded (and its deleted content kept for them). */
    public boolean appliesTo(String docId) {
        return enabled && documents.matcher(docId).matches();
    }
}

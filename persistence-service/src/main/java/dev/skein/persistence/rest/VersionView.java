package dev.skein.persistence.rest;

import dev.skein.storage.history.VersionEntry;
import java.util.List;

/**
 * One version in the API, as the issue's {@code GET /docs/{id}/versions} lists it.
 *
 * @param version the version: the update-topic offset it covers up to
 * @param time when its last change (or the request for it) reached the log, epoch milliseconds
 * @param label its label, empty for none
 * @param authors who changed the document since the previous listed version, sorted
 * @param bytes what storing the version costs (its objects, not the content it shares)
 * @param trigger why it was taken: {@code idle}, {@code interval} or {@code request}
 * @param labelledBy who asked for it, empty when not known
 */
public record VersionView(long version, long time, String label, List<String> authors, long bytes, String trigger,
        String labelledBy) {

    /** The view of a listed version. */
    public static VersionView of(VersionEntry entry) {
        return new VersionView(entry.version(), entry.time(), entry.label(), entry.authors(), entry.bytes(),
            entry.trigger().label(), entry.labelledBy());
    }
}

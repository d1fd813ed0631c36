package dev.skein.doc.history;

import dev.skein.storage.history.PastVersions;
import java.util.Optional;

/**
 * The versions persistence-service recorded, read from storage: present only when doc-service has
 * storage configured ({@code skein.storage.endpoint}); without it the version endpoints answer
 * {@code urn:skein:problem:history-unavailable}.
 *
 * @param versions the versions in storage, when storage is configured
 */
public record StoredHistory(Optional<PastVersions> versions) {
}

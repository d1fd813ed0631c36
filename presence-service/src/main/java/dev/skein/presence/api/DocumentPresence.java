package dev.skein.presence.api;

import java.util.List;

/**
 * Who is in a document.
 *
 * @param docId the document
 * @param clients its clients, earliest arrival first
 */
public record DocumentPresence(String docId, List<ClientPresence> clients) {
}

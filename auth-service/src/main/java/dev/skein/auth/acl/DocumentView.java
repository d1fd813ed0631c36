package dev.skein.auth.acl;

/**
 * A document a caller can open.
 *
 * @param docId the document
 * @param role the caller's strongest role on it: {@code read}, {@code write} or {@code owner}
 */
public record DocumentView(String docId, String role) {
}

package dev.skein.persistence.rest;

import java.util.List;

/**
 * A document's objects in the admin API.
 *
 * @param docId the document
 * @param totalBytes bytes of all its objects
 * @param objects its objects, oldest position first
 */
public record DocumentObjectsView(String docId, long totalBytes, List<ObjectView> objects) {
}

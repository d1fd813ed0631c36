package dev.skein.persistence.rest;

/**
 * The body of {@code POST /admin/docs/{id}/versions}.
 *
 * @param label the version's label; null or absent for none
 */
public record VersionLabel(String label) {
}

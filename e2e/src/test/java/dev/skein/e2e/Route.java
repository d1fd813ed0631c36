package dev.skein.e2e;

/**
 * One HTTP route of a running service, as its OpenAPI document declares it, made callable:
 * path parameters replaced by sample values, every declared query parameter set, and a body
 * built from the declared schema.
 *
 * @param method the HTTP method, upper case
 * @param template the path as declared, e.g. {@code /docs/{id}/presence}
 * @param pathAndQuery the path to call, e.g. {@code /docs/audit-1/presence?docId=audit-1}
 * @param body the request body, or null
 * @param contentType the body's media type, or null
 */
record Route(String method, String template, String pathAndQuery, byte[] body, String contentType) {

    /** {@code GET /docs/{id}} — method and declared path, what the allow-list names. */
    String name() {
        return method + " " + template;
    }
}

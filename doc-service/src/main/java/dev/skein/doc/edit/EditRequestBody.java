package dev.skein.doc.edit;

import dev.skein.doc.content.RootType;
import java.util.List;
import java.util.Map;

/**
 * A parsed edit request.
 *
 * @param ops the operations, applied in order in one transaction
 * @param roots root types the request declares ({@code "roots":{"name":"text"}}), for roots the
 *     document does not have yet and its schema does not name
 */
public record EditRequestBody(List<EditOp> ops, Map<String, RootType> roots) {
}

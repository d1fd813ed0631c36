package dev.skein.storage.history;

import dev.skein.ycrdt.id.DeleteSet;
import java.util.List;

/**
 * What one principal changed: the Yjs ids its updates inserted and the ids they deleted, each as
 * per-client clock ranges (sorted and merged).
 *
 * @param principal who (the update records' principal header; {@link ChangeSet#UNKNOWN} when not known)
 * @param inserted ids of the structs its updates carried
 * @param deleted ids its updates deleted
 */
public record AuthorChanges(String principal, DeleteSet inserted, DeleteSet deleted) {

    /** The union of two principals' changes under this principal's name. */
    AuthorChanges plus(AuthorChanges other) {
        return new AuthorChanges(principal, IdSets.union(List.of(inserted, other.inserted)),
            IdSets.union(List.of(deleted, other.deleted)));
    }

    /** Whether it changed nothing. */
    public boolean isEmpty() {
        return inserted.isEmpty() && deleted.isEmpty();
    }
}

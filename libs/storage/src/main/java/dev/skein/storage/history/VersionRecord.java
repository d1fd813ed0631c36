package dev.skein.storage.history;

import dev.skein.ycrdt.id.StateVector;
import java.util.Objects;

/**
 * What a version object holds.
 *
 * @param time when the version's last change reached the log (epoch milliseconds; for a requested
 *     version, when the request did)
 * @param trigger why it was taken
 * @param label its label; empty for none
 * @param labelledBy who asked for it ({@link Trigger#REQUEST}); empty when not known or not requested
 * @param stateVector the document's Yjs state vector at the version
 * @param changes who changed what since the previous version (since the beginning for the oldest)
 */
public record VersionRecord(long time, Trigger trigger, String label, String labelledBy, StateVector stateVector,
        ChangeSet changes) {

    /** Checks for nulls. */
    public VersionRecord {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(labelledBy, "labelledBy");
        Objects.requireNonNull(stateVector, "stateVector");
        Objects.requireNonNull(changes, "changes");
    }

    /** This record with {@code older} changes folded in (retention dropped the versions they came from). */
    public VersionRecord withEarlierChanges(ChangeSet older) {
        return new VersionRecord(time, trigger, label, labelledBy, stateVector, new ChangeSet().addAll(older).addAll(changes));
    }
}

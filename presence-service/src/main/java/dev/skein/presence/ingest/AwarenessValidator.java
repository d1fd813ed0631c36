package dev.skein.presence.ingest;

import dev.skein.presence.config.PresenceConfig;
import dev.skein.presence.metrics.PresenceMetrics;
import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.protocol.AwarenessUpdate;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an awareness record's value: a record that is not a valid awareness update (or holds a
 * state that is not JSON) is dropped whole, a state above the size limit is dropped alone; both
 * are counted. Removals are always small and always kept.
 */
@ApplicationScoped
public class AwarenessValidator {

    private final int maxStateBytes;
    private final PresenceMetrics metrics;

    AwarenessValidator(PresenceConfig config, PresenceMetrics metrics) {
        this.maxStateBytes = config.maxStateBytes();
        this.metrics = metrics;
    }

    /** The entries to store; empty when nothing is. */
    public List<AwarenessUpdate.Entry> entries(byte[] value) {
        List<AwarenessUpdate.Entry> decoded;
        try {
            decoded = AwarenessUpdate.decode(value, true);
        } catch (YDecodingException | IllegalArgumentException e) {
            metrics.dropped("malformed");
            return List.of();
        }
        List<AwarenessUpdate.Entry> kept = new ArrayList<>(decoded.size());
        for (AwarenessUpdate.Entry entry : decoded) {
            // a JSON text has at least as many UTF-8 bytes as chars: only long ones need counting
            if (entry.stateJson().length() > maxStateBytes / 3
                    && entry.stateJson().getBytes(StandardCharsets.UTF_8).length > maxStateBytes) {
                metrics.dropped("oversize");
            } else {
                kept.add(entry);
            }
        }
        return kept;
    }
}

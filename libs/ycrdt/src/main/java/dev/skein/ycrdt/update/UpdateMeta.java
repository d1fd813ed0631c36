package dev.skein.ycrdt.update;

import java.util.Map;

/**
 * What {@code parseUpdateMeta} reports: per client the first clock and the clock after the last
 * struct an update holds.
 */
public record UpdateMeta(Map<Long, Long> from, Map<Long, Long> to) {
}

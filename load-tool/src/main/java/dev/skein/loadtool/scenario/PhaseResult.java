package dev.skein.loadtool.scenario;

import java.util.List;
import java.util.Map;

/** One part of a scenario: its result fields, whether its checks passed, and summary lines. */
record PhaseResult(Map<String, Object> fields, boolean ok, List<String> lines) {
}

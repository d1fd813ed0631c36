package dev.skein.persistence.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Version history ({@code skein.history.*}); see the README. */
@ConfigMapping(prefix = "skein.history")
public interface HistoryConfig {

    /** Whether versions are recorded at all. */
    @WithDefault("true")
    boolean enabled();

    /** Which documents have history: a regular expression their whole id must match. */
    @WithDefault(".*")
    String documents();

    /** A version is taken when a document's editing pauses this long. */
    @WithDefault("30s")
    Duration idle();

    /** Longest editing without a version: one is taken at least this often while editing goes on. */
    @WithDefault("10m")
    Duration maxInterval();

    /**
     * Which versions are kept, by age: {@code AGE:EVERY} pairs, youngest first; a version as old
     * as at most AGE is kept if it is the newest of its EVERY-long period (epoch-aligned), or
     * always for {@code all}. Versions older than the last AGE are dropped. Durations as
     * {@code 90d}, {@code 1h}, {@code 30m}, {@code 10s}, {@code 500ms}.
     */
    @WithDefault("1d:all,7d:1h,90d:1d")
    String retention();

    /** Whether labelled versions are kept whatever their age. */
    @WithDefault("true")
    boolean keepLabelled();

    /** How long {@code POST /admin/docs/{id}/versions} waits for the version to be recorded. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Decoded version objects kept in memory (objects never change under a name). */
    @WithDefault("10000")
    int cachedVersions();
}

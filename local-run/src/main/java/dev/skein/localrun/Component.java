package dev.skein.localrun;

/** Something the local run started and must stop: a server process or an in-process server. */
interface Component extends AutoCloseable {

    /** Name in messages, e.g. {@code gateway-service}. */
    String name();

    /** Whether it still runs; the launcher stops everything when a component dies on its own. */
    boolean isRunning();

    /** What to show when it died: its exit status and the end of its log. */
    String failureReport();

    /** Stops it and waits until it has stopped; a second call does nothing. */
    @Override
    void close();
}

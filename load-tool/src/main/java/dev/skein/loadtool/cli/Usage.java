package dev.skein.loadtool.cli;

/** The text of {@code load-tool --help}. */
final class Usage {

    private Usage() {
    }

    static String text() {
        return String.join(System.lineSeparator(),
                "Usage: load-tool SCENARIO --url ws://HOST:PORT/ws/{doc} [options]",
                "",
                "Prints one JSON result line on standard output and a readable summary on standard error.",
                "Exit status: 0 checks passed, 1 checks failed (loss, no convergence, ...), 2 usage error, 3 could not run.",
                "",
                "Common options:",
                "  --url TEMPLATE            WebSocket URL, {doc} is replaced by the document name (required)",
                "  --protocol NAME           y-websocket (default) or hocuspocus",
                "  --token TOKEN             sent as ?token=... (and in Hocuspocus's auth message)",
                "  --doc-prefix PREFIX       start of document names (default: load-<random>-)",
                "  --io-threads N            event-loop threads the connections are spread over (default: cores, min 2)",
                "  --connect-timeout SEC     per handshake (default 10)",
                "  --seed N                  for client ids (default: random)",
                "  --no-compression          offer no permessage-deflate (default: offer it as Chromium does,",
                "                            'permessage-deflate; client_max_window_bits', and compress/inflate)",
                "  --reader-url TEMPLATE     readers connect here (another gateway: the path through Kafka); fanout,",
                "                            throughput and coldstart",
                "  --cpu-pid NAME=PID        server processes whose CPU time is reported, in all and per 100,000",
                "                            deliveries (repeatable or comma-separated); fanout and throughput",
                "",
                "fanout      one document, N readers, one writer at a fixed rate",
                "  --clients N (50)  --rate PER_S (200)  --duration SEC (10)  --drain-timeout SEC (10)",
                "  --burst: one more client writes into its own document as fast as the server reads it",
                "coldstart   fanout from a server's first second, no warm-up, latency per window",
                "  --clients N (50)  --rate PER_S (200)  --duration SEC (60)  --window SEC (10)",
                "  --ready-at-ms EPOCH_MS: the server's ready line, to label windows by seconds after it",
                "throughput  D documents x (writers + 1 reader), R updates/s per document",
                "  --docs D (100)  --rate R (100)  --duration SEC (10)  --drain-timeout SEC (10)",
                "  --writer-cap PER_S (150): most updates/s one connection sends; a document above it gets more writers",
                "  --saturate: then raise R by --step-factor (1.5) for up to --max-steps (8) steps of --step-duration SEC (5)",
                "              until delivery falls behind (loss, a closed connection, p99 > --behind-p99-ms (1000),",
                "              or under 90% delivered; a generator sending under 95% of the rate stops it too)",
                "bigdoc      a document preloaded with an editing trace; time for new clients to get all of it",
                "  --trace FILE (B4: $SKEIN_TRACES_DIR or testdata/traces/automerge-paper.json.gz)",
                "  --joins N (10)  --preload-timeout SEC (60)",
                "idle        C connections over C/2 documents, one edit each; server memory per connection and document",
                "  --connections C (1000)  --server-pid PID (repeatable or comma-separated)  --settle SEC (5)",
                "restart     SIGKILL a server process mid-stream, restart it, check nothing acknowledged was lost",
                "  --kill-pid PID | --kill-command CMD   --restart-command CMD (bash -c; must return once the server is up)",
                "  --rate PER_S (50)  --duration SEC (10)  --kill-after SEC (duration/2)  --restart-timeout SEC (300)",
                "  --reconnect-timeout SEC (120)  --post-updates N (50)",
                "storage     (Skein) an editing trace sent as one update per keystroke; bytes stored before and after",
                "            compaction, arrival-to-durable latency and objects/s read from persistence-service",
                "  --persistence-url URL (required, e.g. http://127.0.0.1:8083)  --persistence-token TOKEN",
                "  --trace FILE (B4)  --keystrokes N (all)  --rate PER_S (2000)  --settle-timeout SEC (180)",
                "  --writer-cap PER_S (150): keystrokes are dealt round-robin over rate/cap connections",
                "Every scenario also takes --connect-concurrency N (50): handshakes in flight at once.");
    }
}

package dev.skein.loadtool.scenario;

import dev.skein.loadtool.cli.Arguments;
import dev.skein.loadtool.client.YClient;
import dev.skein.loadtool.measure.JvmHeap;
import dev.skein.loadtool.measure.LatencySummary;
import dev.skein.loadtool.measure.ProcStatus;
import dev.skein.loadtool.report.Result;
import dev.skein.loadtool.text.ChainCopy;
import dev.skein.loadtool.text.ReceivedText;
import dev.skein.loadtool.text.WriterChain;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * C open connections over C/2 documents with one edit each: how much resident memory the
 * server processes spend per connection and per document.
 *
 * <p>Measured in two steps so that the two costs can be told apart: first one connection per
 * document, each making its one edit (documents and connections appear together), then a
 * second connection per document that only syncs (connections alone). The second step's growth
 * divided by its connections is the cost of a connection; the first step's growth, less that,
 * divided by the documents is the cost of a document. Each reading is taken after the server
 * had {@code --settle} seconds to finish its work. Resident memory of a JVM or of Node moves in
 * heap-sized steps, so these are estimates over many connections, not exact per-object sizes.
 *
 * <p>A JVM's resident memory hardly grows while its committed heap fills, so for JVM servers
 * {@code --jvm-heap} also reads the live heap after a full collection ({@link JvmHeap}) at each
 * step and computes the same two costs from it.
 */
public final class IdleScenario implements Scenario {

    /** The scenario's name on the command line and in results. */
    public static final String NAME = "idle";

    private static final int WARMUP_DOCS = 10;

    private final int connections;
    private final List<Long> serverPids;
    private final Duration settle;
    private final int connectConcurrency;
    private final boolean jvmHeap;

    /**
     * Reads {@code --connections} (1000), {@code --server-pid} (repeatable), {@code --settle} (5 s)
     * and {@code --jvm-heap}.
     */
    public IdleScenario(Arguments args) {
        this.connections = args.integer("connections", 1000, 2);
        this.serverPids = args.all("server-pid").stream().map(IdleScenario::pid).toList();
        this.settle = args.seconds("settle", 5, 0);
        this.connectConcurrency = args.integer("connect-concurrency", 50, 1);
        this.jvmHeap = args.flag("jvm-heap");
    }

    private static long pid(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new dev.skein.loadtool.cli.UsageException("--server-pid needs a process id: " + value);
        }
    }

    @Override
    public Result run(RunContext context) {
        int docs = connections / 2;
        List<YClient> all = new ArrayList<>();
        try {
            // Warm-up: the first connections load code paths a server then keeps; not counted.
            Step warmup = openStep(context, "idle-warmup-", WARMUP_DOCS, true, null);
            all.addAll(warmup.clients());
            warmup.clients().forEach(YClient::close);
            Map<Long, Reading> before = settleAndRead();
            Step writers = openStep(context, "idle-", docs, true, null);
            all.addAll(writers.clients());
            Map<Long, Reading> afterDocs = settleAndRead();
            Step readers = openStep(context, "idle-", docs, false, writers.chains());
            all.addAll(readers.clients());
            Map<Long, Reading> afterConnections = settleAndRead();
            int withEdit = readers.countWithEdit(writers.chains());
            long open = writers.clients().stream().filter(YClient::isOpen).count()
                    + readers.clients().stream().filter(YClient::isOpen).count();
            return report(context, docs, before, afterDocs, afterConnections, withEdit, open);
        } finally {
            all.forEach(YClient::close);
        }
    }

    private Result report(RunContext context, int docs, Map<Long, Reading> before, Map<Long, Reading> afterDocs,
            Map<Long, Reading> afterConnections, int withEdit, long open) {
        boolean ok = withEdit == docs && open == 2L * docs;
        Result result = new Result(NAME).put("ok", ok);
        result.put("connections", 2 * docs);
        result.put("documents", docs);
        result.put("connections_open_at_end", open);
        result.put("readers_with_the_edit", withEdit);
        result.put("settle_s", settle.toMillis() / 1000.0);
        List<Map<String, Object>> servers = new ArrayList<>();
        result.line(String.format(Locale.ROOT, "idle: %d connections over %d documents (one edit each); %d open at the end, %d of %d second clients got the edit -> %s",
                2 * docs, docs, open, withEdit, docs, ok ? "OK" : "FAILED"));
        for (long pid : serverPids) {
            Map<String, Object> server = new LinkedHashMap<>();
            server.put("pid", pid);
            Costs rss = new Costs(before.get(pid).rssKiB(), afterDocs.get(pid).rssKiB(), afterConnections.get(pid).rssKiB(), docs);
            rss.putInto(server, "rss", "");
            result.line(rss.line("pid " + pid + " RSS"));
            if (jvmHeap) {
                Costs heap = new Costs(before.get(pid).heapKiB(), afterDocs.get(pid).heapKiB(),
                        afterConnections.get(pid).heapKiB(), docs);
                heap.putInto(server, "heap", "heap_");
                result.line(heap.line("pid " + pid + " live heap"));
            }
            servers.add(server);
        }
        result.put("servers", servers);
        context.describe(result);
        return result;
    }

    private Map<Long, Reading> settleAndRead() {
        Waits.pause(settle);
        Map<Long, Reading> readings = new LinkedHashMap<>();
        for (long pid : serverPids) {
            long heap = jvmHeap ? JvmHeap.usedAfterGcKiB(pid) : -1;
            readings.put(pid, new Reading(ProcStatus.vmRssKiB(pid), heap));
        }
        return readings;
    }

    /** One server's memory at one step: resident, and live heap (-1 unless read). */
    private record Reading(long rssKiB, long heapKiB) {
    }

    /** The per-connection and per-document costs from three readings of one measure. */
    private record Costs(long before, long afterDocuments, long afterConnections, int docs) {

        double perConnection() {
            return (afterConnections - afterDocuments) / (double) docs;
        }

        double perDocument() {
            return (afterDocuments - before) / (double) docs - perConnection();
        }

        double allIn() {
            return (afterConnections - before) / (2.0 * docs);
        }

        void putInto(Map<String, Object> server, String measure, String prefix) {
            server.put(measure + "_before_kib", before);
            server.put(measure + "_after_documents_kib", afterDocuments);
            server.put(measure + "_after_connections_kib", afterConnections);
            server.put(prefix + "kib_per_connection", LatencySummary.round(perConnection()));
            server.put(prefix + "kib_per_document", LatencySummary.round(perDocument()));
            server.put(prefix + "kib_per_connection_all_in", LatencySummary.round(allIn()));
        }

        String line(String what) {
            return String.format(Locale.ROOT,
                    "  %s %d -> %d -> %d KiB: %.1f KiB per connection, %.1f KiB per document (%.1f KiB per connection all in)",
                    what, before, afterDocuments, afterConnections, perConnection(), perDocument(), allIn());
        }
    }

    /**
     * Opens one client for each of {@code docs} documents: writers (each sends one edit once
     * synced) or readers following the given writers' chains.
     */
    private Step openStep(RunContext context, String prefix, int docs, boolean write, List<WriterChain> chainsToFollow) {
        List<YClient> clients = new ArrayList<>();
        List<WriterChain> chains = new ArrayList<>();
        List<ReceivedText> texts = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            String doc = context.doc(prefix + d);
            if (write) {
                chains.add(new WriterChain(context.clientId(), "text", 1));
                clients.add(new YClient(context.target(), doc, (update, at, reply) -> { }));
            } else {
                ReceivedText text = new ReceivedText();
                text.follow(chainsToFollow.get(d));
                texts.add(text);
                clients.add(new YClient(context.target(), doc, (update, at, reply) -> text.accept(update, at, !reply)));
            }
        }
        ClientGroup.connectAndSync(clients, context.connector(), connectConcurrency,
                context.connectTimeout().plusSeconds(Math.max(30, docs / 10)));
        if (write) {
            for (int d = 0; d < docs; d++) {
                clients.get(d).sendUpdate(chains.get(d).next());
            }
        }
        return new Step(clients, chains, texts);
    }

    /** The clients one step opened, with the writers' chains or the readers' received text. */
    private record Step(List<YClient> clients, List<WriterChain> chains, List<ReceivedText> texts) {

        int countWithEdit(List<WriterChain> writerChains) {
            int count = 0;
            for (int d = 0; d < texts.size(); d++) {
                ChainCopy copy = texts.get(d).copyOf(writerChains.get(d));
                count += copy.missingOf(1) == 0 && copy.text().equals(writerChains.get(d).text()) ? 1 : 0;
            }
            return count;
        }
    }
}

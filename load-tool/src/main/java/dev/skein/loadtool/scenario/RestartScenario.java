package dev.skein.loadtool.scenario;

import dev.skein.loadtool.cli.Arguments;
import dev.skein.loadtool.cli.UsageException;
import dev.skein.loadtool.client.YClient;
import dev.skein.loadtool.control.ServiceControl;
import dev.skein.loadtool.report.Result;
import dev.skein.loadtool.text.ChainCopy;
import dev.skein.loadtool.text.ReceivedText;
import dev.skein.loadtool.text.WriterChain;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Crash and restart: a writer edits a document at a steady rate while a second client watches;
 * a server process is killed with SIGKILL mid-stream and restarted; then fresh clients check
 * that every update the watching client had received before the crash is still in the document.
 *
 * <p>y-websocket has no acknowledgements, so an update counts as acknowledged when the server
 * delivered it to another client: the server had accepted and processed it. The check uses
 * fresh clients only: the old writer, reconnecting like the stock provider, would upload its
 * whole state again and hide any loss.
 */
public final class RestartScenario implements Scenario {

    /** The scenario's name on the command line and in results. */
    public static final String NAME = "restart";

    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(2);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final double rate;
    private final Duration duration;
    private final Duration killAfter;
    private final Duration reconnectTimeout;
    private final int postUpdates;
    private final ServiceControl control;

    /** Reads the options (see {@code load-tool --help}). */
    public RestartScenario(Arguments args) {
        this.rate = args.positive("rate", 50);
        this.duration = args.seconds("duration", 10, 0.5);
        this.killAfter = args.seconds("kill-after", duration.toMillis() / 2000.0, 0.1);
        this.reconnectTimeout = args.seconds("reconnect-timeout", 120, 1);
        this.postUpdates = args.integer("post-updates", 50, 1);
        Optional<Long> pid = args.string("kill-pid").map(RestartScenario::pid);
        Optional<String> killCommand = args.string("kill-command");
        String restart = args.required("restart-command");
        Duration restartTimeout = args.seconds("restart-timeout", 300, 1);
        if (pid.isPresent() == killCommand.isPresent()) {
            throw new UsageException("restart needs exactly one of --kill-pid or --kill-command");
        }
        if (killAfter.compareTo(duration) >= 0) {
            throw new UsageException("--kill-after must be shorter than --duration");
        }
        this.control = new ServiceControl(pid, killCommand, restart, restartTimeout);
    }

    private static long pid(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--kill-pid needs a process id: " + value);
        }
    }

    @Override
    public Result run(RunContext context) {
        String doc = context.doc(NAME);
        int capacity = (int) Math.ceil(rate * duration.toNanos() / 1e9) + 1;
        WriterChain before = new WriterChain(context.clientId(), "text-before", capacity);
        ReceivedText watched = new ReceivedText();
        watched.follow(before);
        YClient writer = new YClient(context.target(), doc, (update, at, reply) -> { });
        YClient watcher = new YClient(context.target(), doc, (update, at, reply) -> watched.accept(update, at, !reply));
        BitSet acknowledged;
        double killedAtSeconds;
        boolean disconnected;
        try {
            ClientGroup.connectAndSync(List.of(writer, watcher), context.connector(), 2, context.connectTimeout());
            long start = System.nanoTime();
            CompletableFuture<Integer> pacing = context.pacer().every(rate, 0, capacity, start + duration.toNanos(),
                    tick -> writer.isOpen() && send(writer, before));
            Waits.pause(killAfter);
            killedAtSeconds = (System.nanoTime() - start) / 1e9;
            control.kill();
            Waits.get(pacing, duration.plusSeconds(30), "the writer");
            disconnected = Waits.until(() -> !watcher.isOpen(), IN_FLIGHT_GRACE);
            acknowledged = received(watched.copyOf(before), before.sent());
        } finally {
            writer.close();
            watcher.close();
        }
        long restartStart = System.nanoTime();
        control.restart();
        double restartSeconds = (System.nanoTime() - restartStart) / 1e9;

        WriterChain after = new WriterChain(context.clientId(), "text-after", postUpdates);
        ReceivedText verified = new ReceivedText();
        verified.follow(before);
        verified.follow(after);
        long reconnectStart = System.nanoTime();
        YClient verifier = connectWithRetries(context, doc, verified);
        double reconnectSeconds = (System.nanoTime() - reconnectStart) / 1e9;
        YClient postWriter = new YClient(context.target(), doc, (update, at, reply) -> { });
        try {
            int lostAtFirstSync = lost(acknowledged, verified.copyOf(before));
            ClientGroup.connectAndSync(List.of(postWriter), context.connector(), 1, context.connectTimeout());
            Waits.get(context.pacer().every(rate, 0, postUpdates, System.nanoTime() + Duration.ofSeconds(60).toNanos(),
                    tick -> postWriter.isOpen() && send(postWriter, after)), Duration.ofSeconds(90), "the writer after the restart");
            boolean postDelivered = Waits.until(() -> verified.copyOf(after).receivedCount() == after.sent(),
                    Duration.ofSeconds(10));
            ReceivedText second = new ReceivedText();
            second.follow(before);
            YClient secondVerifier = connectWithRetries(context, doc, second);
            secondVerifier.close();
            int lostFinally = lost(acknowledged, second.copyOf(before));
            int recoveredUnacknowledged = recoveredBeyond(acknowledged, second.copyOf(before), before.sent());
            Result result = report(context, before.sent(), acknowledged.cardinality(), lostAtFirstSync, lostFinally,
                    recoveredUnacknowledged, killedAtSeconds, restartSeconds, reconnectSeconds,
                    after.sent(), postDelivered);
            result.put("clients_disconnected_by_the_kill", disconnected);
            if (!disconnected) {
                result.line("note: the watching client stayed connected through the kill: the killed process was not"
                        + " the one serving its WebSocket (or it was restarted before the check)");
            }
            return result;
        } finally {
            verifier.close();
            postWriter.close();
        }
    }

    private static boolean send(YClient client, WriterChain chain) {
        if (!chain.hasCapacity()) {
            return false;
        }
        client.sendUpdate(chain.next());
        return true;
    }

    /** A fresh client synced with the restarted server; retried while the server is still coming up. */
    private YClient connectWithRetries(RunContext context, String doc, ReceivedText text) {
        long deadline = System.nanoTime() + reconnectTimeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() - deadline < 0) {
            YClient client = new YClient(context.target(), doc, (update, at, reply) -> text.accept(update, at, !reply));
            try {
                ClientGroup.connectAndSync(List.of(client), context.connector(), 1, context.connectTimeout());
                return client;
            } catch (RuntimeException e) {
                last = e;
                client.close();
                Waits.pause(RETRY_PAUSE);
            }
        }
        throw new ScenarioException("no client could sync with the restarted server within "
                + reconnectTimeout.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private static BitSet received(ChainCopy copy, int sent) {
        BitSet out = new BitSet(sent);
        for (int i = 0; i < sent; i++) {
            if (copy.has(i)) {
                out.set(i);
            }
        }
        return out;
    }

    private static int lost(BitSet acknowledged, ChainCopy afterRestart) {
        int lost = 0;
        for (int i = acknowledged.nextSetBit(0); i >= 0; i = acknowledged.nextSetBit(i + 1)) {
            lost += afterRestart.has(i) ? 0 : 1;
        }
        return lost;
    }

    private static int recoveredBeyond(BitSet acknowledged, ChainCopy afterRestart, int sent) {
        int recovered = 0;
        for (int i = 0; i < sent; i++) {
            recovered += !acknowledged.get(i) && afterRestart.has(i) ? 1 : 0;
        }
        return recovered;
    }

    private Result report(RunContext context, int sent, int acknowledged, int lostAtFirstSync, int lostFinally,
            int recoveredUnacknowledged, double killedAt, double restartSeconds, double reconnectSeconds,
            int postSent, boolean postDelivered) {
        boolean ok = acknowledged > 0 && lostAtFirstSync == 0 && lostFinally == 0 && postDelivered;
        Result result = new Result(NAME).put("ok", ok);
        result.put("rate_per_s", rate);
        result.put("killed", control.describeKill());
        result.put("killed_after_s", round(killedAt));
        result.put("updates_sent", sent);
        result.put("acknowledged", acknowledged);
        result.put("lost_acknowledged", lostFinally);
        result.put("lost_acknowledged_at_first_sync", lostAtFirstSync);
        result.put("unacknowledged_recovered", recoveredUnacknowledged);
        result.put("restart_command_s", round(restartSeconds));
        result.put("reconnect_s", round(reconnectSeconds));
        result.put("post_restart_updates", postSent);
        result.put("post_restart_delivered", postDelivered);
        result.line(String.format(Locale.ROOT, "restart: %s after %.1f s; %d updates sent, %d acknowledged (seen by another client)",
                control.describeKill(), killedAt, sent, acknowledged));
        result.line(String.format(Locale.ROOT, "restart took %.1f s, a fresh client synced after %.1f s more", restartSeconds, reconnectSeconds));
        result.line(String.format(Locale.ROOT, "acknowledged but lost: %d at the first sync, %d at the end; unacknowledged but kept: %d",
                lostAtFirstSync, lostFinally, recoveredUnacknowledged));
        result.line(String.format(Locale.ROOT, "after the restart %d new updates, all delivered: %s -> %s",
                postSent, postDelivered, ok ? "OK" : "FAILED"));
        context.describe(result);
        return result;
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}

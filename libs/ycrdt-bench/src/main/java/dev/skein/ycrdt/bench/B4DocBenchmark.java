package dev.skein.ycrdt.bench;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import dev.skein.ycrdt.types.YText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The document model on B4: replaying the trace as local transactions (every update captured, as
 * a provider would send it), a server replica applying the 259,778 per-keystroke updates, loading
 * the full state, and encoding it again. {@code js/yjs-doc-bench.mjs} times the same with yjs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-XX:+UseParallelGC"})
public class B4DocBenchmark {

    static final long CLIENT = 3000000001L;

    private B4Inputs b4;
    private B4Trace trace;
    private Doc loaded;

    @Setup
    public void load() throws IOException {
        b4 = B4Inputs.load();
        trace = B4Trace.load();
        loaded = new Doc(DocOptions.defaults().withClientId(1));
        loaded.applyUpdate(b4.state);
    }

    /** 259,778 local transactions on one text, each emitting its v1 update. */
    @Benchmark
    public List<byte[]> replayAsLocalTransactions() {
        Doc doc = new Doc(DocOptions.defaults().withClientId(CLIENT));
        YText text = doc.getText("text");
        List<byte[]> updates = new ArrayList<>(trace.pos.length);
        doc.onUpdate((u, o, t) -> updates.add(u));
        for (int i = 0; i < trace.pos.length; i++) {
            int p = trace.pos[i];
            int d = trace.del[i];
            String s = trace.ins[i];
            doc.transact(t -> {
                if (d > 0) {
                    text.delete(p, d);
                }
                if (!s.isEmpty()) {
                    text.insert(p, s);
                }
            });
        }
        return updates;
    }

    /** A fresh document (a server replica) applies every per-keystroke update. */
    @Benchmark
    public Doc applyAllUpdates() {
        Doc doc = new Doc(DocOptions.defaults().withClientId(1));
        for (byte[] u : b4.updates) {
            doc.applyUpdate(u);
        }
        return doc;
    }

    /** A fresh document loads the full state (311,038 bytes). */
    @Benchmark
    public Doc loadState() {
        Doc doc = new Doc(DocOptions.defaults().withClientId(1));
        doc.applyUpdate(b4.state);
        return doc;
    }

    /** {@code encodeStateAsUpdate} of the loaded document. */
    @Benchmark
    public byte[] encodeState() {
        return loaded.encodeStateAsUpdate();
    }

    /** The loaded document's text as a string. */
    @Benchmark
    public String textToString() {
        return loaded.getText("text").toString();
    }
}

package dev.skein.ycrdt.bench;

import dev.skein.ycrdt.update.Compaction;
import dev.skein.ycrdt.update.UpdateFormat;
import dev.skein.ycrdt.update.Updates;
import java.io.IOException;
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
 * ycrdt on the B4 trace (259,778 per-keystroke updates of one document). The same operations are
 * timed with yjs by {@code js/yjs-bench.mjs}; {@code run-bench.sh} prints both side by side.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g", "-XX:+UseParallelGC"})
public class B4Benchmark {

    private B4Inputs b4;
    private byte[] halfStateVector;
    private byte[] stateV2;

    @Setup
    public void load() throws IOException {
        b4 = B4Inputs.load();
        byte[] firstHalf = Updates.mergeUpdates(b4.updates.subList(0, b4.updates.size() / 2));
        halfStateVector = Updates.encodeStateVectorFromUpdate(firstHalf);
        stateV2 = Updates.convertUpdateFormatV1ToV2(b4.state);
    }

    /** Decode every struct and the delete set of the full document state. */
    @Benchmark
    public Object decodeState() {
        return Updates.decode(b4.state, UpdateFormat.V1);
    }

    /** One merge call over all 259,778 per-keystroke updates. */
    @Benchmark
    public byte[] mergeAllUpdates() {
        return Updates.mergeUpdates(b4.updates);
    }

    /** Merge and compact all per-keystroke updates in one pass. */
    @Benchmark
    public byte[] mergeAndCompactAllUpdates() {
        return Compaction.mergeAndCompact(b4.updates);
    }

    /** What a client that saw the first half of the trace lacks. */
    @Benchmark
    public byte[] diffStateAgainstHalfStateVector() {
        return Updates.diffUpdate(b4.state, halfStateVector);
    }

    @Benchmark
    public byte[] stateVectorFromState() {
        return Updates.encodeStateVectorFromUpdate(b4.state);
    }

    @Benchmark
    public byte[] convertStateV1ToV2() {
        return Updates.convertUpdateFormatV1ToV2(b4.state);
    }

    @Benchmark
    public byte[] convertStateV2ToV1() {
        return Updates.convertUpdateFormatV2ToV1(stateV2);
    }
}

package dev.skein.ycrdt.bench;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Heap held by a document that loaded B4's full state: heap used after a full GC with the
 * document reachable, minus heap used after a full GC before loading it. Loads {@code runs}
 * documents one after the other, keeping each, and prints every difference and the median, in
 * MiB. The state bytes themselves are loaded before the first measurement, so they are not
 * counted (the document keeps no reference to them).
 *
 * <p>Usage: {@code java -cp ... dev.skein.ycrdt.bench.DocHeap [runs]} (with {@code -Dskein.b4.dir}).
 */
public final class DocHeap {

    private DocHeap() {
    }

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        B4Inputs b4 = B4Inputs.load();
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        // warm up: load and drop a few documents so that lazily created classes and caches exist
        for (int i = 0; i < 3; i++) {
            load(b4.state).getText("text").toString();
        }
        List<Doc> kept = new ArrayList<>();
        double[] mib = new double[runs];
        for (int i = 0; i < runs; i++) {
            long before = usedAfterGc(mem);
            Doc doc = load(b4.state);
            doc.getText("text");
            kept.add(doc);
            long after = usedAfterGc(mem);
            mib[i] = (after - before) / (1024.0 * 1024.0);
        }
        double[] sorted = mib.clone();
        Arrays.sort(sorted);
        StringBuilder sb = new StringBuilder();
        for (double m : mib) {
            sb.append(String.format("%.2f ", m));
        }
        System.out.println("{\"impl\":\"ycrdt\",\"op\":\"heap-loaded-doc\",\"mib\":" + String.format("%.3f", sorted[runs / 2])
                + ",\"runs\":\"" + sb.toString().trim() + "\",\"docs\":" + kept.size() + ",\"jvm\":\""
                + System.getProperty("java.vm.version") + " " + ManagementFactory.getRuntimeMXBean().getInputArguments() + "\"}");
    }

    private static Doc load(byte[] state) {
        Doc doc = new Doc(DocOptions.defaults().withClientId(1));
        doc.applyUpdate(state);
        return doc;
    }

    private static long usedAfterGc(MemoryMXBean mem) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}

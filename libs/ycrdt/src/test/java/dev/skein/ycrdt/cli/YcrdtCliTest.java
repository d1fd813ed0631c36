package dev.skein.ycrdt.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skein.ycrdt.update.Compaction;
import dev.skein.ycrdt.update.Updates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YcrdtCliTest {

    @TempDir
    Path dir;

    private static final List<byte[]> v1 = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void seeds() throws IOException {
        try (InputStream in = YcrdtCliTest.class.getResourceAsStream("/update/fuzz-seeds.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("v1 ")) {
                    v1.add(Base64.getDecoder().decode(line.substring(3)));
                }
            }
        }
    }

    private int run(String... args) {
        return new YcrdtCli(new PrintStream(out, true), new PrintStream(err, true)).run(args);
    }

    private Path lpb(String name, List<byte[]> updates, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream raw = Files.newOutputStream(p); OutputStream o = gzip ? new GZIPOutputStream(raw) : raw) {
            for (byte[] u : updates) {
                o.write(ByteBuffer.allocate(4).putInt(u.length).array());
                o.write(u);
            }
        }
        return p;
    }

    @Test
    void mergeOfFilesAndStreamsEqualsLibraryMerge() throws IOException {
        Path a = Files.write(dir.resolve("a.bin"), v1.get(0));
        Path s = lpb("rest.lpb.gz", v1.subList(1, 6), true);
        Path o = dir.resolve("out.bin");
        assertEquals(0, run("merge", "-o", o.toString(), a.toString(), s.toString()), err.toString());
        assertArrayEquals(Updates.mergeUpdates(v1.subList(0, 6)), Files.readAllBytes(o));
    }

    @Test
    void compactWritesToStdoutWithoutDashO() throws IOException {
        Path s = lpb("all.lpb", v1.subList(0, 8), false);
        assertEquals(0, run("compact", s.toString()), err.toString());
        assertArrayEquals(Compaction.mergeAndCompact(v1.subList(0, 8)), out.toByteArray());
    }

    @Test
    void diffSvAndConvertRoundTrip() throws IOException {
        byte[] full = Updates.mergeUpdates(v1);
        Path f = Files.write(dir.resolve("full.bin"), full);
        Path sv = Files.write(dir.resolve("sv.bin"), Updates.encodeStateVectorFromUpdate(v1.get(0)));
        assertEquals(0, run("diff", "--sv", sv.toString(), f.toString()));
        assertArrayEquals(Updates.diffUpdate(full, Files.readAllBytes(sv)), out.toByteArray());
        out.reset();
        Path v2 = dir.resolve("full.v2");
        assertEquals(0, run("convert", "--to", "v2", "-o", v2.toString(), f.toString()));
        assertEquals(0, run("convert", "--to", "v1", v2.toString()));
        assertArrayEquals(Updates.convertUpdateFormatV2ToV1(Files.readAllBytes(v2)), out.toByteArray());
        out.reset();
        assertEquals(0, run("sv", "--v2", v2.toString()));
        assertArrayEquals(Updates.encodeStateVectorFromUpdate(full), out.toByteArray());
    }

    @Test
    void inspectPrintsOneJsonObjectPerLine() throws IOException {
        Path f = Files.write(dir.resolve("u.bin"), v1.get(v1.size() - 1));
        assertEquals(0, run("inspect", f.toString()));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertTrue(lines.length > 1);
        for (String l : lines) {
            assertTrue(l.startsWith("{\"struct\":") || l.startsWith("{\"deleteSet\":"), l);
        }
    }

    @Test
    void malformedInputExitsOneAndNamesFileAndOffset() throws IOException {
        byte[] bad = java.util.Arrays.copyOf(v1.get(0), v1.get(0).length - 1);
        Path f = Files.write(dir.resolve("bad.bin"), bad);
        assertEquals(1, run("merge", f.toString()));
        assertTrue(err.toString().contains("bad.bin") && err.toString().contains("at byte"), err.toString());
        err.reset();
        Path s = lpb("trunc.lpb", List.of(v1.get(0)), false);
        Files.write(s, java.util.Arrays.copyOf(Files.readAllBytes(s), 6));
        assertEquals(1, run("merge", s.toString()));
        assertTrue(err.toString().contains("trunc.lpb") && err.toString().contains("truncated"), err.toString());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run());
        assertEquals(2, run("frobnicate", "x"));
        assertEquals(2, run("merge"));
        assertEquals(2, run("diff", "x.bin"));
        assertEquals(2, run("convert", "x.bin"));
        assertEquals(2, run("convert", "--to", "v3", "x.bin"));
        assertEquals(2, run("merge", "--bogus", "x.bin"));
        assertEquals(2, run("merge", dir.resolve("missing.bin").toString()));
        assertTrue(err.toString().contains("usage:"));
    }
}

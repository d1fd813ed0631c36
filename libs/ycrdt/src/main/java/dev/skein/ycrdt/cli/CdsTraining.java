package dev.skein.ycrdt.cli;

import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The training run the build records the CLI's class-data-sharing archive from
 * ({@code -XX:ArchiveClassesAtExit}): every command once, in both formats, on a small document of
 * every shared type, so that the archive holds every class a command loads. Writes nothing but
 * temporary files it deletes.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    /** Runs every command on generated inputs; exits non-zero if one fails. */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("ycrdt-cds");
        try {
            int failures = train(dir);
            if (failures > 0) {
                System.exit(1);
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static int train(Path dir) throws IOException {
        Doc doc = new Doc(DocOptions.defaults().withClientId(1));
        List<byte[]> v1 = new ArrayList<>();
        List<byte[]> v2 = new ArrayList<>();
        doc.onUpdate((u, o, t) -> v1.add(u));
        doc.onUpdateV2((u, o, t) -> v2.add(u));
        YText text = doc.getText("text");
        text.insert(0, "hello world");
        text.format(0, 5, Map.of("bold", true));
        text.insertEmbed(5, Map.of("image", "x.png"));
        text.delete(2, 2);
        YArray array = doc.getArray("array");
        array.push(List.of(1, "two", List.of(3.5), new byte[] {4}));
        YMap nested = new YMap();
        nested.set("k", "v");
        array.insert(0, List.of(nested));
        doc.getMap("map").set("a", Map.of("b", true));
        YXmlElement p = new YXmlElement("p");
        p.setAttribute("class", "c");
        p.insert(0, List.of(new YXmlText("xml")));
        doc.getXmlFragment("xml").insert(0, List.of(p));
        array.delete(1, 1);

        Path u1 = Files.write(dir.resolve("u.bin"), v1.get(0));
        Path s1 = lpb(dir.resolve("all.lpb.gz"), v1);
        Path s2 = lpb(dir.resolve("all2.lpb"), v2);
        Path state = Files.write(dir.resolve("state.bin"), doc.encodeStateAsUpdate());
        Path sv = Files.write(dir.resolve("sv.bin"), new byte[] {0});
        Path out = dir.resolve("out.bin");
        int failures = 0;
        String[][] runs = {
            {"merge", "-o", out.toString(), s1.toString()},
            {"merge", "--v2", s2.toString()},
            {"compact", s1.toString(), u1.toString()},
            {"diff", "--sv", sv.toString(), state.toString()},
            {"sv", state.toString()},
            {"convert", "--to", "v2", state.toString()},
            {"inspect", state.toString()},
            {"json", "--root", "text=text", "--root", "array=array", "--root", "map=map", "--root", "xml=xml", s1.toString()},
            {"json", state.toString()},
            {"text", s1.toString()},
            {"state", "--v2", s2.toString()},
            {"state", "-o", out.toString(), s1.toString()},
        };
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        for (String[] r : runs) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            if (new YcrdtCli(sink, new PrintStream(err)).run(r) != 0) {
                System.err.println("training run failed: " + String.join(" ", r) + ": " + err);
                failures++;
            }
        }
        return failures;
    }

    private static Path lpb(Path file, List<byte[]> updates) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
             OutputStream o = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw) : raw) {
            for (byte[] u : updates) {
                o.write(ByteBuffer.allocate(4).putInt(u.length).array());
                o.write(u);
            }
        }
        return file;
    }
}

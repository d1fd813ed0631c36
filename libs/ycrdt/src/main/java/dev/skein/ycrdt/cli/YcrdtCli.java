package dev.skein.ycrdt.cli;

import dev.skein.ycrdt.YDecodingException;
import dev.skein.ycrdt.doc.Doc;
import dev.skein.ycrdt.doc.DocOptions;
import dev.skein.ycrdt.doc.RootKind;
import dev.skein.ycrdt.lib0.Utf8;
import dev.skein.ycrdt.id.DeleteSet;
import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.struct.Item;
import dev.skein.ycrdt.struct.Struct;
import dev.skein.ycrdt.update.Compaction;
import dev.skein.ycrdt.update.UpdateFormat;
import dev.skein.ycrdt.update.Updates;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Command line: {@code java -jar ycrdt.jar COMMAND [options] INPUT...}. Exit status 0 = ok,
 * 1 = malformed input (the message names the input and byte offset), 2 = usage error.
 */
public final class YcrdtCli {

    static final int OK = 0;
    static final int MALFORMED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = String.join("\n",
            "usage: java -jar ycrdt.jar COMMAND [options] INPUT...",
            "  merge   [--v2] [-o OUT] INPUT...          merge every update of every input, in order",
            "  compact [--v2] [-o OUT] INPUT...          merge, then compact (drop deleted content, join runs)",
            "  diff    [--v2] --sv SVFILE [-o OUT] UPDATE  what UPDATE has that the state vector lacks",
            "  sv      [--v2] [-o OUT] UPDATE            state vector of an update",
            "  convert --to v1|v2 [-o OUT] UPDATE        convert from the other format",
            "  inspect [--v2] UPDATE                     structs and delete set, one JSON object per line",
            "  json    [--v2] [--root NAME=text|array|map|xml]... [--infer] INPUT...",
            "                                            apply every update to a document, print its roots as JSON",
            "                                            (--infer: roots not named get the type their content suggests)",
            "  text    [--v2] [--root NAME] INPUT...     apply every update, print the text of root NAME (default text)",
            "  state   [--v2] [-o OUT] INPUT...          apply every update, write the document's state (with GC)",
            "An INPUT is an update file, a *.lpb stream (uint32 big-endian length + bytes per record) or *.lpb.gz.",
            "Exit status: 0 ok, 1 malformed input, 2 usage error.");

    private final PrintStream out;
    private final PrintStream err;

    YcrdtCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new YcrdtCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("ycrdt: " + e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        try {
            switch (o.command) {
                case "merge" -> write(o, algebra(o, all -> Updates.merge(all, o.format)));
                case "compact" -> write(o, algebra(o, all -> Compaction.mergeAndCompact(all, o.format)));
                case "json" -> printJson(o, document(o));
                case "text" -> printText(o, document(o));
                case "state" -> write(o, document(o).encodeStateAsUpdate(null, o.format));
                case "diff" -> write(o, Updates.diff(single(o), Files.readAllBytes(Path.of(o.svFile)), o.format));
                case "sv" -> write(o, Updates.stateVectorFromUpdate(single(o), o.format));
                case "convert" -> write(o, Updates.convert(single(o), o.to == UpdateFormat.V1 ? UpdateFormat.V2 : UpdateFormat.V1, o.to));
                case "inspect" -> inspect(single(o), o.format);
                default -> throw new IllegalStateException(o.command);
            }
            return OK;
        } catch (NamedDecodingException e) {
            err.println("ycrdt: malformed input " + e.source + ": " + e.getCause().getMessage());
            return MALFORMED;
        } catch (YDecodingException e) {
            err.println("ycrdt: malformed input " + String.join(", ", o.inputs) + ": " + e.getMessage());
            return MALFORMED;
        } catch (UpdateInputs.MalformedInputException e) {
            err.println("ycrdt: malformed input " + e.getMessage());
            return MALFORMED;
        } catch (IOException e) {
            err.println("ycrdt: " + e);
            return USAGE;
        } catch (IllegalArgumentException e) {
            err.println("ycrdt: " + e.getMessage());
            return USAGE;
        }
    }

    /** Every update of every input, in order. */
    private static List<UpdateInputs.Input> inputs(Options o) throws IOException {
        List<UpdateInputs.Input> all = new ArrayList<>();
        for (String path : o.inputs) {
            all.addAll(UpdateInputs.read(path));
        }
        return all;
    }

    /**
     * Runs an algebra operation over every update. The operation decodes everything anyway, so
     * inputs are checked one by one only when it fails, to name the record at fault (a single
     * update is checked first: merging one update returns it without decoding it).
     */
    private static byte[] algebra(Options o, Function<List<byte[]>, byte[]> op) throws IOException {
        List<UpdateInputs.Input> all = inputs(o);
        List<byte[]> bytes = new ArrayList<>(all.size());
        all.forEach(in -> bytes.add(in.bytes()));
        if (all.size() == 1) {
            validate(all.get(0), o.format);
        }
        try {
            return op.apply(bytes);
        } catch (YDecodingException e) {
            for (UpdateInputs.Input in : all) {
                validate(in, o.format);
            }
            throw e;
        }
    }

    private static void validate(UpdateInputs.Input in, UpdateFormat format) {
        try {
            Updates.validate(in.bytes(), format);
        } catch (YDecodingException e) {
            throw new NamedDecodingException(in.source(), e);
        }
    }

    private byte[] single(Options o) throws IOException {
        List<UpdateInputs.Input> all = inputs(o);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected exactly one update, got " + all.size());
        }
        validate(all.get(0), o.format);
        return all.get(0).bytes();
    }

    /** A document (gc on) with every update applied in order; an update that fails is named. */
    private static Doc document(Options o) throws IOException {
        Doc doc = new Doc(DocOptions.defaults().withClientId(0));
        for (UpdateInputs.Input in : inputs(o)) {
            try {
                doc.applyUpdate(in.bytes(), null, o.format);
            } catch (YDecodingException e) {
                throw new NamedDecodingException(in.source(), e);
            } catch (RuntimeException e) {
                throw new NamedDecodingException(in.source(), new YDecodingException(
                        YDecodingException.Reason.UNEXPECTED_VALUE, -1, "cannot be applied: " + e));
            }
        }
        return doc;
    }

    /**
     * Prints {@code {"root": ...}} as Node prints {@code JSON.stringify} of an object holding each
     * root's {@code toJSON()}, roots in the order the document first saw them. Roots named with
     * {@code --root} get that type first; others stay untyped, and yjs's untyped root has no JSON,
     * so they do not appear.
     */
    private void printJson(Options o, Doc doc) throws IOException {
        for (Map.Entry<String, String> r : o.roots.entrySet()) {
            switch (r.getValue()) {
                case "text" -> doc.getText(r.getKey());
                case "array" -> doc.getArray(r.getKey());
                case "map" -> doc.getMap(r.getKey());
                default -> doc.getXmlFragment(r.getKey());
            }
        }
        if (o.infer) {
            for (String name : new ArrayList<>(doc.share().keySet())) {
                RootKind kind = doc.share().get(name).isUntyped() ? doc.inferRootKind(name) : null;
                if (kind != null) {
                    switch (kind) {
                        case TEXT -> doc.getText(name);
                        case ARRAY -> doc.getArray(name);
                        case MAP -> doc.getMap(name);
                        default -> doc.getXmlFragment(name);
                    }
                }
            }
        }
        String json;
        try {
            json = Json.stringify(doc.toJSON());
        } catch (IllegalArgumentException e) {
            throw new IOException("the document holds a value JSON cannot show: " + e.getMessage());
        }
        out.write(Utf8.encode(json + "\n"));
        out.flush();
    }

    /** The text of one root, exactly (UTF-8, lone surrogates as U+FFFD, no newline added). */
    private void printText(Options o, Doc doc) throws IOException {
        String name = o.roots.isEmpty() ? "text" : o.roots.keySet().iterator().next();
        out.write(Utf8.encode(doc.getText(name).toString()));
        out.flush();
    }

    private void write(Options o, byte[] bytes) throws IOException {
        if (o.outFile != null) {
            Files.write(Path.of(o.outFile), bytes);
        } else {
            OutputStream s = out;
            s.write(bytes);
            s.flush();
        }
    }

    private void inspect(byte[] update, UpdateFormat format) {
        Updates.DecodedUpdate d = Updates.decode(update, format);
        for (Struct s : d.structs()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("struct", s.getClass().getSimpleName().toLowerCase());
            line.put("client", (double) s.client());
            line.put("clock", (double) s.clock());
            line.put("length", (double) s.length());
            if (s instanceof Item item) {
                if (item.origin() != null) {
                    line.put("origin", List.of((double) item.origin().client(), (double) item.origin().clock()));
                }
                if (item.rightOrigin() != null) {
                    line.put("rightOrigin", List.of((double) item.rightOrigin().client(), (double) item.rightOrigin().clock()));
                }
                if (item.parent() instanceof String name) {
                    line.put("parent", name);
                } else if (item.parent() instanceof dev.skein.ycrdt.id.Id id) {
                    line.put("parent", List.of((double) id.client(), (double) id.clock()));
                }
                if (item.parentSub() != null) {
                    line.put("parentSub", item.parentSub());
                }
                line.put("content", ContentView.of(item.content()));
            }
            out.println(Json.stringify(line));
        }
        DeleteSet ds = d.deleteSet();
        ds.clients().forEach((client, ranges) -> {
            List<Object> rs = new ArrayList<>();
            for (int i = 0; i < ranges.size(); i++) {
                rs.add(List.of((double) ranges.clock(i), (double) ranges.len(i)));
            }
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("deleteSet", (double) client);
            line.put("ranges", rs);
            out.println(Json.stringify(line));
        });
        out.flush();
    }

    /** A decoding error tied to the input it came from. */
    private static final class NamedDecodingException extends RuntimeException {
        final String source;

        NamedDecodingException(String source, YDecodingException cause) {
            super(cause);
            this.source = source;
        }
    }

    /** Parsed command line. */
    static final class Options {
        String command;
        UpdateFormat format = UpdateFormat.V1;
        UpdateFormat to;
        String outFile;
        String svFile;
        final List<String> inputs = new ArrayList<>();
        /** {@code --root} names and their types, in the order given. */
        final Map<String, String> roots = new LinkedHashMap<>();
        /** {@code --infer}: type untyped roots by their content. */
        boolean infer;

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new IllegalArgumentException("no command");
            }
            Options o = new Options();
            o.command = args[0];
            if (!List.of("merge", "compact", "diff", "sv", "convert", "inspect", "json", "text", "state").contains(o.command)) {
                throw new IllegalArgumentException("unknown command " + o.command);
            }
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--v2" -> o.format = UpdateFormat.V2;
                    case "-o" -> o.outFile = value(args, ++i, a);
                    case "--sv" -> o.svFile = value(args, ++i, a);
                    case "--infer" -> {
                        if (!o.command.equals("json")) {
                            throw new IllegalArgumentException("--infer is for json");
                        }
                        o.infer = true;
                    }
                    case "--root" -> {
                        String v = value(args, ++i, a);
                        if (o.command.equals("json")) {
                            int eq = v.lastIndexOf('=');
                            String kind = eq < 0 ? "" : v.substring(eq + 1);
                            if (!List.of("text", "array", "map", "xml").contains(kind)) {
                                throw new IllegalArgumentException("--root takes NAME=text|array|map|xml");
                            }
                            o.roots.put(v.substring(0, eq), kind);
                        } else if (o.command.equals("text")) {
                            o.roots.clear();
                            o.roots.put(v, "text");
                        } else {
                            throw new IllegalArgumentException("--root is for json and text");
                        }
                    }
                    case "--to" -> {
                        String v = value(args, ++i, a);
                        if (!v.equals("v1") && !v.equals("v2")) {
                            throw new IllegalArgumentException("--to takes v1 or v2");
                        }
                        o.to = v.equals("v1") ? UpdateFormat.V1 : UpdateFormat.V2;
                    }
                    default -> {
                        if (a.startsWith("-") && a.length() > 1) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        o.inputs.add(a);
                    }
                }
            }
            if (o.inputs.isEmpty()) {
                throw new IllegalArgumentException("no input");
            }
            if (o.command.equals("diff") && o.svFile == null) {
                throw new IllegalArgumentException("diff needs --sv SVFILE");
            }
            if (o.command.equals("convert")) {
                if (o.to == null) {
                    throw new IllegalArgumentException("convert needs --to v1|v2");
                }
                o.format = o.to == UpdateFormat.V1 ? UpdateFormat.V2 : UpdateFormat.V1;
            }
            if ((o.command.equals("inspect") || o.command.equals("json") || o.command.equals("text")) && o.outFile != null) {
                throw new IllegalArgumentException(o.command + " writes to standard output");
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}

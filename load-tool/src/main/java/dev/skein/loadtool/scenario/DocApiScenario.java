package dev.skein.loadtool.scenario;

import dev.skein.loadtool.cli.Arguments;
import dev.skein.loadtool.docapi.DocApi;
import dev.skein.loadtool.report.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * (Skein) doc-service's API for backend services: JSON reads of the B4 document on a warm owner,
 * one-operation edits timed until a connected client shows them, and a text stream with many
 * readers that must all end with the streamed text. {@code --url} is the gateway (where the
 * clients connect), {@code --api-url} doc-service.
 */
public final class DocApiScenario implements Scenario {

    /** The scenario's name on the command line and in results. */
    public static final String NAME = "docapi";

    private static final Set<String> PARTS = Set.of("content", "edit", "stream");

    private final DocApi api;
    private final Set<String> parts;
    private final ContentReadPhase content;
    private final EditVisibilityPhase edit;
    private final StreamPhase stream;

    /**
     * Reads {@code --api-url} (required), {@code --api-token}, {@code --parts} (content,edit,stream),
     * {@code --trace} (B4), {@code --warmup-reads} (10), {@code --reads} (100), {@code --edits} (100),
     * {@code --chunks} (10,000), {@code --chunk-chars} (5), {@code --chunk-rate} (500),
     * {@code --readers} (50), {@code --preload-timeout} (120 s) and {@code --drain-timeout} (60 s).
     */
    public DocApiScenario(Arguments args) {
        Duration drain = args.seconds("drain-timeout", 60, 1);
        this.api = new DocApi(args.required("api-url"), args.string("api-token"), drain);
        this.parts = new LinkedHashSet<>(Arrays.asList(args.string("parts").orElse("content,edit,stream").split(",")));
        if (parts.isEmpty() || !PARTS.containsAll(parts)) {
            throw new IllegalArgumentException("--parts takes content, edit and stream (comma-separated)");
        }
        Path trace = args.string("trace").map(Path::of).orElseGet(BigDocScenario::defaultTrace);
        this.content = new ContentReadPhase(trace, args.integer("warmup-reads", 10, 0), args.integer("reads", 100, 1),
                args.seconds("preload-timeout", 120, 1));
        this.edit = new EditVisibilityPhase(args.integer("edits", 100, 1), Duration.ofSeconds(10));
        this.stream = new StreamPhase(args.integer("chunks", 10_000, 1), args.integer("chunk-chars", 5, 2),
                args.positive("chunk-rate", 500), args.integer("readers", 50, 1), drain);
    }

    @Override
    public Result run(RunContext context) throws Exception {
        Result result = new Result(NAME);
        boolean ok = true;
        if (parts.contains("content")) {
            ok &= add(result, "content", content.run(context, api));
        }
        if (parts.contains("edit")) {
            ok &= add(result, "edit", edit.run(context, api));
        }
        if (parts.contains("stream")) {
            ok &= add(result, "stream", stream.run(context, api));
        }
        result.put("ok", ok);
        context.describe(result);
        return result;
    }

    private static boolean add(Result result, String name, PhaseResult phase) {
        result.put(name, phase.fields());
        phase.lines().forEach(result::line);
        return phase.ok();
    }
}

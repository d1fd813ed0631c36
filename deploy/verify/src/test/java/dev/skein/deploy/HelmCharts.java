package dev.skein.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Helm through helm-java (Helm itself, as a native library: no helm binary, no cluster, no
 * network). Charts depend on each other with file:// references; their packages are vendored in
 * each chart's charts/ folder so that `helm template` works offline.
 */
final class HelmCharts {

    private HelmCharts() {
    }

    static LintResult lint(String chart) {
        return new Helm(Repo.chart(chart)).lint().strict().call();
    }

    /** Renders a chart, optionally with a values file, as release {@code release} in namespace {@code skein}. */
    static String template(String chart, String release, Path valuesFile, Map<String, Object> sets) {
        TemplateCommand command = new Helm(Repo.chart(chart)).template().withName(release).withNamespace("skein");
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** NOTES.txt as `helm install` would print it (a client-only dry run: no cluster). */
    static String notes(String chart, String release, Path valuesFile) {
        com.marcnuri.helm.InstallCommand install = new Helm(Repo.chart(chart)).install().withName(release).withNamespace("skein")
                .dryRun().withDryRunOption(com.marcnuri.helm.DryRun.CLIENT).clientOnly();
        if (valuesFile != null) {
            install = install.withValuesFile(valuesFile);
        }
        return install.call().getOutput();
    }

    /** The production-like values kept with each chart (also an example for platform teams). */
    static Path productionValues(String chart) {
        return Repo.chart(chart).resolve("ci/production-values.yaml");
    }

    /** Charts whose packages are vendored where: each service chart holds skein-common, the umbrella holds the services. */
    static Map<Path, List<String>> vendoring() {
        Map<Path, List<String>> plan = new java.util.LinkedHashMap<>();
        for (String service : Repo.SERVICES) {
            plan.put(Repo.chart(service).resolve("charts"), List.of(Repo.COMMON));
        }
        plan.put(Repo.chart(Repo.UMBRELLA).resolve("charts"), Repo.SERVICES);
        return plan;
    }

    /** Packages the charts into their dependants' charts/ folders (services first, then the umbrella). */
    static void vendor() throws IOException {
        for (Map.Entry<Path, List<String>> entry : vendoring().entrySet()) {
            Files.createDirectories(entry.getKey());
            try (Stream<Path> old = Files.list(entry.getKey())) {
                for (Path p : old.filter(p -> p.toString().endsWith(".tgz")).toList()) {
                    Files.delete(p);
                }
            }
            for (String chart : entry.getValue()) {
                new Helm(Repo.chart(chart)).packageIt().withDestination(entry.getKey()).call();
            }
        }
    }

    /** Packages one chart into {@code dir} and returns the package. */
    static Path packageInto(String chart, Path dir) throws IOException {
        new Helm(Repo.chart(chart)).packageIt().withDestination(dir).call();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(chart + "-") && p.toString().endsWith(".tgz"))
                    .findFirst().orElseThrow();
        }
    }

    /**
     * The files of a chart package, path to content; packaged charts inside it (charts/*.tgz) are
     * expanded in place, so two packages of the same sources compare equal whatever their timestamps.
     */
    static Map<String, String> contents(Path tgz) throws IOException {
        return contents(Files.readAllBytes(tgz), "");
    }

    private static Map<String, String> contents(byte[] tgz, String prefix) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(tgz))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                String name = cString(header, 0, 100);
                if (name.isEmpty()) {
                    break;
                }
                String sizeField = cString(header, 124, 12).trim();
                long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
                byte type = header[156];
                String ustarPrefix = cString(header, 345, 155);
                if (!ustarPrefix.isEmpty()) {
                    name = ustarPrefix + "/" + name;
                }
                byte[] data = in.readNBytes((int) size);
                long pad = (512 - size % 512) % 512;
                in.readNBytes((int) pad);
                if (type == '0' || type == 0) {
                    if (name.endsWith(".tgz")) {
                        files.putAll(contents(data, prefix + name + "!/"));
                    } else {
                        files.put(prefix + name, new String(data, java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return files;
    }

    private static String cString(byte[] b, int offset, int length) {
        int end = offset;
        while (end < offset + length && b[end] != 0) {
            end++;
        }
        return new String(b, offset, end - offset, java.nio.charset.StandardCharsets.UTF_8);
    }
}

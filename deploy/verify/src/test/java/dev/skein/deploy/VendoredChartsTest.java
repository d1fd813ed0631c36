package dev.skein.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged dependencies in each chart's charts/ folder must be the current sources: a chart
 * changed without re-vendoring fails here. Re-vendor with
 * {@code ./mvnw -B -q -pl deploy/verify test -Dtest=VendoredChartsTest -Dskein.helm.vendor=true}
 * (or, with a helm binary: helm dependency update on each service chart, then on deploy/helm/skein).
 */
class VendoredChartsTest {

    static final String HINT = " is stale: re-vendor with ./mvnw -B -q -pl deploy/verify test "
            + "-Dtest=VendoredChartsTest -Dskein.helm.vendor=true (see deploy/README.md)";

    @BeforeAll
    static void revendorWhenAsked() throws Exception {
        if (Boolean.getBoolean("skein.helm.vendor")) {
            HelmCharts.vendor();
        }
    }

    @Test
    void vendoredPackagesMatchTheirSources(@TempDir Path tmp) throws Exception {
        for (Map.Entry<Path, List<String>> entry : HelmCharts.vendoring().entrySet()) {
            for (String chart : entry.getValue()) {
                Path vendored = entry.getKey().resolve(chart + "-0.1.0.tgz");
                assertTrue(Files.isRegularFile(vendored), vendored + " is missing" + HINT);
                Path fresh = HelmCharts.packageInto(chart, Files.createDirectories(tmp.resolve(entry.getKey().getParent().getFileName() + "-" + chart)));
                Map<String, String> want = HelmCharts.contents(fresh);
                Map<String, String> have = HelmCharts.contents(vendored);
                java.util.Set<String> differing = new java.util.TreeSet<>(want.keySet());
                differing.addAll(have.keySet());
                differing.removeIf(f -> java.util.Objects.equals(want.get(f), have.get(f)));
                assertEquals(java.util.Set.of(), differing, Repo.root().relativize(vendored) + HINT);
            }
        }
    }
}

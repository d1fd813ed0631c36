package dev.skein.gateway;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages depend on each other in one direction only, checked on the compiled
 * classes: {@code ws} (the endpoint and the connection coordinator) on top; the features —
 * {@code protocol}, {@code delivery}, {@code sync}, {@code awareness}, {@code auth}, {@code health},
 * {@code compression} — below it; {@code session} below them; {@code kafka} at the bottom;
 * {@code config} and {@code metrics} usable from everywhere. A new import that runs back up, or a
 * cycle between packages, fails the build.
 */
class GatewayLayersTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.skein.gateway");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.skein.gateway.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void packagesDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("ws").definedBy("dev.skein.gateway.ws..")
            .layer("protocol").definedBy("dev.skein.gateway.protocol..")
            .layer("features").definedBy("dev.skein.gateway.delivery..", "dev.skein.gateway.health..",
                "dev.skein.gateway.compression..")
            .layer("services").definedBy("dev.skein.gateway.sync..", "dev.skein.gateway.awareness..",
                "dev.skein.gateway.auth..")
            .layer("session").definedBy("dev.skein.gateway.session..")
            .layer("kafka").definedBy("dev.skein.gateway.kafka..")
            .layer("support").definedBy("dev.skein.gateway.config..", "dev.skein.gateway.metrics..")
            .whereLayer("ws").mayNotBeAccessedByAnyLayer()
            .whereLayer("protocol").mayOnlyBeAccessedByLayers("ws")
            .whereLayer("features").mayOnlyBeAccessedByLayers("ws", "protocol")
            .whereLayer("services").mayOnlyBeAccessedByLayers("ws", "protocol", "features")
            .whereLayer("session").mayOnlyBeAccessedByLayers("ws", "protocol", "features", "services")
            .whereLayer("kafka").mayOnlyBeAccessedByLayers("ws", "protocol", "features", "services", "session")
            .check(CLASSES);
    }
}

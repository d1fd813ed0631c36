package dev.skein.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    @Test
    void jvmOptionsSurviveOtherSettingsAndSettingsSurviveJvmOptions() {
        ServiceSpec spec = ServiceSpec.quarkus("doc", "doc-service", 8082)
                .withJvmOptions("-XX:TieredStopAtLevel=1")
                .withEnv(Map.of("A", "1"));

        assertEquals(List.of("-XX:TieredStopAtLevel=1"), spec.jvmOptions());
        assertEquals(Map.of("A", "1"), spec.withJvmOptions("-Dx=y").env());
        assertEquals(List.of(), ServiceSpec.quarkus("doc", "doc-service", 8082).jvmOptions());
    }

    @Test
    void onlyTheServicesOffTheEditorsPathRunOnTheClientCompilerOnly() {
        for (ServiceSpec spec : Services.withAuth(true)) {
            boolean offPath = spec.key().equals(Services.PERSISTENCE) || spec.key().equals(Services.PRESENCE);
            assertEquals(offPath, spec.jvmOptions().contains(Services.CLIENT_COMPILER_ONLY), spec.name());
        }
    }
}

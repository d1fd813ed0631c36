package dev.skein.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceJvmTest {

    @Test
    void nothingSetKeepsTheLaunchersJavaAndNoExtraOptions() {
        ServiceJvm jvm = ServiceJvm.fromEnvironment(Map.of(), "doc-service");
        assertEquals(Optional.empty(), jvm.javaHome());
        assertEquals(List.of(), jvm.options());
    }

    @Test
    void optionsAreSplitAndNameTheService() {
        ServiceJvm jvm = ServiceJvm.fromEnvironment(Map.of(
                ServiceJvm.JAVA_HOME_VARIABLE, "/opt/jdk-25",
                ServiceJvm.OPTIONS_VARIABLE, "  -XX:+UseSerialGC   -XX:AOTCache=aot/{service}.aot "), "gateway-service-2");
        assertEquals(Optional.of(Path.of("/opt/jdk-25")), jvm.javaHome());
        assertEquals(List.of("-XX:+UseSerialGC", "-XX:AOTCache=aot/gateway-service-2.aot"), jvm.options());
    }
}

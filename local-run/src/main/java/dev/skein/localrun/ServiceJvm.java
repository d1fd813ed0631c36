package dev.skein.localrun;

import dev.skein.testkit.process.ChildProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM the services run on and options added to theirs, from the environment, for measuring
 * JVM settings without a rebuild: {@code SKEIN_SERVICE_JAVA_HOME} (default: the launcher's own
 * Java) and {@code SKEIN_SERVICE_JAVA_OPTS} (split at spaces; {@code {service}} stands for the
 * service's name, e.g. {@code -XX:AOTCache=aot/{service}.aot}).
 *
 * @param javaHome the JDK or JRE to run, empty for the launcher's
 * @param options options after the local run's own ({@code -Xmx}, exit on out-of-memory)
 */
record ServiceJvm(Optional<Path> javaHome, List<String> options) {

    static final String JAVA_HOME_VARIABLE = "SKEIN_SERVICE_JAVA_HOME";
    static final String OPTIONS_VARIABLE = "SKEIN_SERVICE_JAVA_OPTS";

    /** What {@code environment} asks for the service named {@code service}. */
    static ServiceJvm fromEnvironment(Map<String, String> environment, String service) {
        Optional<Path> home = Optional.ofNullable(environment.get(JAVA_HOME_VARIABLE))
                .filter(value -> !value.isBlank()).map(Path::of);
        List<String> options = new ArrayList<>();
        String given = environment.getOrDefault(OPTIONS_VARIABLE, "").strip();
        if (!given.isEmpty()) {
            for (String option : given.split("\\s+")) {
                options.add(option.replace("{service}", service));
            }
        }
        return new ServiceJvm(home, List.copyOf(options));
    }

    void applyTo(ChildProcess.Builder builder) {
        javaHome.ifPresent(builder::javaHome);
        if (!options.isEmpty()) {
            builder.jvmArgs(options.toArray(String[]::new));
        }
    }
}

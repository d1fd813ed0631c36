package dev.skein.localrun;

import dev.skein.testkit.process.ChildProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JVM the services run on and options added to theirs, from the environment, for measuring
 * JVM settings without a rebuild: {@code SKEIN_SERVICE_JAVA_HOME} (default: the launcher's own
 * Java), {@code SKEIN_SERVICE_JAVA_OPTS} (split at spaces; {@code {service}} stands for the
 * service's name, e.g. {@code -XX:AOTCache=aot/{service}.aot}) and, after those, one service's own
 * {@code SKEIN_SERVICE_JAVA_OPTS_<NAME>} ({@code NAME} is the service's name in capitals with
 * {@code _} for {@code -}: {@code SKEIN_SERVICE_JAVA_OPTS_PERSISTENCE_SERVICE}).
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
        addOptions(environment.get(OPTIONS_VARIABLE), service, options);
        addOptions(environment.get(variableOf(service)), service, options);
        return new ServiceJvm(home, List.copyOf(options));
    }

    /**
     * Only the options of {@code SKEIN_SERVICE_JAVA_OPTS_<NAME>}: for the JVMs of the local run that
     * are not Skein services (the Kafka broker: {@code SKEIN_SERVICE_JAVA_OPTS_KAFKA_BROKER}).
     */
    static List<String> ownOptions(Map<String, String> environment, String name) {
        List<String> options = new ArrayList<>();
        addOptions(environment.get(variableOf(name)), name, options);
        return List.copyOf(options);
    }

    /** The variable of one service's own options. */
    static String variableOf(String service) {
        return OPTIONS_VARIABLE + "_" + service.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static void addOptions(String given, String service, List<String> options) {
        if (given == null || given.isBlank()) {
            return;
        }
        for (String option : given.strip().split("\\s+")) {
            options.add(option.replace("{service}", service));
        }
    }

    void applyTo(ChildProcess.Builder builder) {
        javaHome.ifPresent(builder::javaHome);
        if (!options.isEmpty()) {
            builder.jvmArgs(options.toArray(String[]::new));
        }
    }
}

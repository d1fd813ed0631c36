package dev.skein.localrun;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Quarkus service of the local run, started from its packaged form
 * ({@code <module>/target/quarkus-app/quarkus-run.jar}).
 *
 * @param key short name: the port option is {@code --<key>-port}, the variable {@code SKEIN_<KEY>_PORT}
 * @param name the instance's name in progress lines and its log file ({@code logs/<name>.log}):
 *     the module's name, or more than that when a module runs twice (the second gateway)
 * @param module the Maven module folder, relative to the repository root
 * @param defaultPort the port used when none is configured
 * @param maxHeap {@code -Xmx} of the service JVM
 * @param jvmOptions JVM options of this service beyond {@code -Xmx} (before the ones of
 *     {@code SKEIN_SERVICE_JAVA_OPTS}, which may override them)
 * @param env settings of this service beyond the ones every service gets (HTTP host and port,
 *     Kafka bootstrap servers), as environment variables
 */
public record ServiceSpec(String key, String name, String module, int defaultPort, String maxHeap,
        List<String> jvmOptions, Map<String, String> env) {

    /** Checks the values and copies the settings. */
    public ServiceSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(maxHeap, "maxHeap");
        if (!key.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A service key is lower-case letters, digits and dashes: " + key);
        }
        jvmOptions = List.copyOf(jvmOptions);
        env = Map.copyOf(env);
    }

    /** A service with no JVM options of its own. */
    public ServiceSpec(String key, String name, String module, int defaultPort, String maxHeap,
            Map<String, String> env) {
        this(key, name, module, defaultPort, maxHeap, List.of(), env);
    }

    /** A service named after its module. */
    public ServiceSpec(String key, String module, int defaultPort, String maxHeap, Map<String, String> env) {
        this(key, module, module, defaultPort, maxHeap, env);
    }

    /** A service with a 384 MB heap and no settings of its own. */
    public static ServiceSpec quarkus(String key, String module, int defaultPort) {
        return new ServiceSpec(key, module, defaultPort, "384m", Map.of());
    }

    /** The same service with other settings. */
    public ServiceSpec withEnv(Map<String, String> settings) {
        return new ServiceSpec(key, name, module, defaultPort, maxHeap, jvmOptions, settings);
    }

    /** The same service with these JVM options of its own. */
    public ServiceSpec withJvmOptions(String... options) {
        return new ServiceSpec(key, name, module, defaultPort, maxHeap, List.of(options), env);
    }

    /** The runnable jar Quarkus packages for the module. */
    public Path runnableJar(Path repositoryRoot) {
        return repositoryRoot.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }
}

package dev.skein.localrun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the local run was asked to do: command-line options first, then {@code SKEIN_*}
 * environment variables, then defaults.
 *
 * @param root the repository root, where the services' packaged jars are
 * @param dataDir the one folder all data and logs go to
 * @param ports port per component key ({@code editor}, {@code kafka} and every service key); 0 picks a free port
 * @param startupTimeout how long each component may take to become ready
 * @param auth whether to start Keycloak, PostgreSQL and auth-service and turn the gateways' token
 *     checks on (when a JDK that runs Keycloak is found); false with {@code --no-auth}
 */
public record LocalRunOptions(Path root, Path dataDir, Map<String, Integer> ports, Duration startupTimeout,
        boolean auth) {

    /** Key of the editor page's port. */
    public static final String EDITOR = "editor";
    /** Key of the Kafka broker's port. */
    public static final String KAFKA = "kafka";

    /** The flag that turns authentication off ({@code SKEIN_NO_AUTH=true} in the environment). */
    public static final String NO_AUTH = "no-auth";

    /** Folder under the repository root that holds the data when none is configured. */
    public static final String DEFAULT_DATA_DIR = ".skein-data";

    /** A free Kafka port by default: a broker of the machine's own may already own 9092. */
    static final int KAFKA_DEFAULT_PORT = 0;

    static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(180);

    /** Copies the ports. */
    public LocalRunOptions {
        ports = Map.copyOf(ports);
    }

    /** The configured port of {@code key}, 0 meaning "any free port". */
    public int port(String key) {
        Integer port = ports.get(key);
        if (port == null) {
            throw new IllegalArgumentException("No port for " + key);
        }
        return port;
    }

    /**
     * Reads the options.
     *
     * @param args command-line arguments: {@code --name value} or {@code --name=value}
     * @param env the environment ({@code SKEIN_DATA_DIR}, {@code SKEIN_<KEY>_PORT}, ...)
     * @param workingDir the directory relative paths and the repository search start from
     * @throws UsageException for an unknown option, a bad value, or {@code --help}
     */
    public static LocalRunOptions parse(List<String> args, Map<String, String> env, Path workingDir) {
        Map<String, String> given = readArgs(args);
        Path root = value("root", given, env).map(v -> workingDir.resolve(v).normalize())
                .orElseGet(() -> findRoot(workingDir));
        Path dataDir = value("data-dir", given, env).map(v -> workingDir.resolve(v).normalize())
                .orElse(root.resolve(DEFAULT_DATA_DIR));
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : defaultPorts().entrySet()) {
            String option = entry.getKey() + "-port";
            ports.put(entry.getKey(), value(option, given, env).map(v -> parsePort(option, v)).orElse(entry.getValue()));
        }
        Duration timeout = value("startup-timeout", given, env).map(v -> parseSeconds("startup-timeout", v))
                .orElse(DEFAULT_STARTUP_TIMEOUT);
        boolean auth = !(given.containsKey(NO_AUTH) || value(NO_AUTH, given, env).map(LocalRunOptions::isTrue).orElse(false));
        return new LocalRunOptions(root, dataDir, ports, timeout, auth);
    }

    /** The text {@code --help} prints. */
    public static String usage() {
        StringBuilder text = new StringBuilder()
                .append("Usage: run-local.sh [options]   (every option also as an environment variable)\n")
                .append("  --data-dir DIR          SKEIN_DATA_DIR          all data and logs (default <repo>/")
                .append(DEFAULT_DATA_DIR).append(")\n");
        Map<String, String> names = new LinkedHashMap<>();
        names.put(EDITOR, "the editor page");
        names.put(KAFKA, "the Kafka broker");
        Services.all().forEach(service -> names.put(service.key(), service.name()));
        defaultPorts().forEach((key, port) -> text.append(String.format(Locale.ROOT, "  %-23s %-23s %s%n",
                "--" + key + "-port N", variable(key + "-port"),
                "port of " + names.get(key) + " (default " + (port == 0 ? "a free one" : port) + ")")));
        return text.append("  --startup-timeout SEC   SKEIN_STARTUP_TIMEOUT   per component (default ")
                .append(DEFAULT_STARTUP_TIMEOUT.toSeconds()).append(")\n")
                .append("  --root DIR              SKEIN_ROOT              repository with the built services\n")
                .append("  --no-auth               SKEIN_NO_AUTH=true      no Keycloak, PostgreSQL, auth-service; gateways\n")
                .append("                                                  without token checks (also when no Java 21+ is found)\n")
                .append("A port of 0 means any free port.\n")
                .toString();
    }

    /** Editor, Kafka, then every service, with their default ports. */
    static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(EDITOR, Services.EDITOR_DEFAULT_PORT);
        ports.put(KAFKA, KAFKA_DEFAULT_PORT);
        for (ServiceSpec service : Services.all()) {
            ports.put(service.key(), service.defaultPort());
        }
        return ports;
    }

    /** The environment variable of an option: {@code data-dir} is {@code SKEIN_DATA_DIR}. */
    static String variable(String option) {
        return "SKEIN_" + option.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Map<String, String> readArgs(List<String> args) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(null);
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("Unexpected argument: " + arg);
            }
            if (arg.equals("--" + NO_AUTH)) {
                given.put(NO_AUTH, "true");
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException("Option --" + name + " needs a value");
            }
            if (!isKnown(name)) {
                throw new UsageException("Unknown option --" + name);
            }
            given.put(name, value);
        }
        return given;
    }

    private static boolean isKnown(String name) {
        return name.equals("root") || name.equals("data-dir") || name.equals("startup-timeout")
                || (name.endsWith("-port") && defaultPorts().containsKey(name.substring(0, name.length() - 5)));
    }

    private static boolean isTrue(String value) {
        return value.equalsIgnoreCase("true") || value.equals("1") || value.equalsIgnoreCase("yes");
    }

    private static Optional<String> value(String option, Map<String, String> given, Map<String, String> env) {
        String value = given.containsKey(option) ? given.get(option) : env.get(variable(option));
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static int parsePort(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the option's name.
        }
        throw new UsageException("--" + option + " must be a port number 0-65535, not " + value);
    }

    private static Duration parseSeconds(String option, String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // Reported below with the option's name.
        }
        throw new UsageException("--" + option + " must be a positive number of seconds, not " + value);
    }

    /** The nearest folder at or above {@code start} that holds this repository's local-run module. */
    private static Path findRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-run").resolve("pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new UsageException("No Skein repository at or above " + start.toAbsolutePath()
                + "; run from the repository or pass --root DIR");
    }

    /** A problem with the command line, or a request for help ({@link #getMessage()} is then null). */
    public static final class UsageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}

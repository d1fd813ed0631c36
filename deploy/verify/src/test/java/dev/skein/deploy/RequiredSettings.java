package dev.skein.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings of one service that have no safe default, read from its sources (never from a
 * hand-written list), so that a new setting without a default makes the drift test fail until
 * docker-compose.yml and the chart pass it:
 *
 * <ul>
 *   <li>application.properties entries whose value points at this machine (localhost, 127.0.0.1):
 *       a default that only works on a developer's laptop;</li>
 *   <li>environment variables that application.properties' comments tell deployers to set
 *       (e.g. "override with QUARKUS_OIDC_AUTH_SERVER_URL"), unless their key has a default;</li>
 *   <li>a password next to a configured user name (X.username set: X.password has no default);</li>
 *   <li>{@code @ConfigMapping} methods with neither {@code @WithDefault} nor an Optional type, or
 *       whose {@code @WithDefault} points at this machine;</li>
 *   <li>Optional {@code @ConfigMapping} URLs and endpoints ({@code *-url}, {@code *-endpoint}): the
 *       address of another component, which only the deployment knows;</li>
 *   <li>{@code @ConfigProperty} injections without a default (and not Optional), or with a
 *       default that points at this machine;</li>
 *   <li>configuration-key constants ({@code FOO_KEY = "skein..."}) of the shared libraries the
 *       service uses, that have no {@code FOO_DEFAULT} and no default in the service itself. A key
 *       counts as used when the service names the constant, or when the class reads configuration
 *       itself (a method taking a {@code Function<String, Optional<String>>}, as StorageSettings.from).</li>
 * </ul>
 *
 * Minus {@link #EXEMPT}: keys that look required by these rules but are not.
 */
final class RequiredSettings {

    /**
     * Keys the rules flag that truly are optional, each with the reason. Keep this short: every
     * entry is a setting a deployment may silently miss.
     */
    static final Map<String, String> EXEMPT = Map.of(
            // Optional URL, but derived from skein.gateway.auth.issuer (Keycloak's layout) when unset;
            // deployments set it only when the issuer's public URL is not reachable from the cluster.
            "skein.gateway.auth.jwks-url", "defaults to ISSUER/protocol/openid-connect/certs",
            // Same, for the gateway's own client-credentials token.
            "skein.gateway.auth.token-url", "defaults to ISSUER/protocol/openid-connect/token");

    /** One required setting: its configuration key (or, for a comment, its environment name) and why. */
    record Setting(String key, String reason) {
        /** The MicroProfile Config environment name: non-alphanumerics to '_', upper case. */
        String envName() {
            return envName(key);
        }

        static String envName(String key) {
            return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
        }
    }

    private static final Pattern LOCAL = Pattern.compile("(localhost|127\\.0\\.0\\.1|\\[::1\\])");
    private static final Pattern ENV_IN_COMMENT = Pattern.compile("\\b((?:SKEIN|QUARKUS|KAFKA)_[A-Z0-9_]*[A-Z0-9])\\b");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern KEY_CONSTANT =
            Pattern.compile("static\\s+final\\s+String\\s+([A-Z0-9_]+)_KEY\\s*=\\s*\"([^\"]+)\"\\s*;");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(dev\\.skein\\.[\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern CONFIG_PROPERTY = Pattern.compile(
            "@ConfigProperty\\s*\\(([^)]*)\\)\\s*((?:final\\s+)?[\\w.<>\\[\\], ?]+?)\\s+\\w+\\s*[,)=;]");

    private final Path module;
    private final List<Path> libraries;
    private final Map<String, String> required = new TreeMap<>();
    private final Set<String> defaulted = new HashSet<>();
    private final Map<String, String> constants = new HashMap<>();

    private RequiredSettings(Path module, List<Path> libraries) {
        this.module = module;
        this.libraries = libraries;
    }

    /** The required settings of a service module, reading shared classes from the repository's libs/. */
    static List<Setting> of(Path module) {
        return of(module, List.of(Repo.root().resolve("libs")));
    }

    static List<Setting> of(Path module, List<Path> libraries) {
        RequiredSettings r = new RequiredSettings(module, libraries);
        r.readLibraryConstants();
        r.readProperties();
        r.readSources();
        // names from comments are environment names: compare everything in that form
        Set<String> defaultedEnv = new HashSet<>();
        r.defaulted.forEach(k -> defaultedEnv.add(Setting.envName(k)));
        Map<String, Setting> byEnvName = new TreeMap<>();
        r.required.forEach((key, reason) -> {
            if (!defaultedEnv.contains(Setting.envName(key)) && !EXEMPT.containsKey(key)) {
                byEnvName.putIfAbsent(Setting.envName(key), new Setting(key, reason));
            }
        });
        return List.copyOf(byEnvName.values());
    }

    private void need(String key, String reason) {
        required.putIfAbsent(key, reason);
    }

    // ---- application.properties

    private void readProperties() {
        Path file = module.resolve("src/main/resources/application.properties");
        if (!Files.exists(file)) {
            return;
        }
        Map<String, String> values = new HashMap<>();
        for (String raw : read(file).split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("#") || line.startsWith("!")) {
                Matcher env = ENV_IN_COMMENT.matcher(line);
                while (env.find()) {
                    // kept as the environment name it is: everything is compared in that form
                    need(env.group(1), "named in application.properties: " + line);
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("%")) {
                continue; // blank, or another profile's value
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            values.put(key, value);
            if (LOCAL.matcher(value).find()) {
                need(key, "application.properties points at this machine: " + value);
            } else {
                defaulted.add(key);
            }
        }
        values.forEach((key, value) -> {
            if (key.endsWith(".username") && !value.isEmpty()) {
                String password = key.substring(0, key.length() - "username".length()) + "password";
                if (!values.containsKey(password)) {
                    need(password, "credentials have no default (" + key + " is set)");
                }
            }
        });
    }

    // ---- Java sources

    private void readSources() {
        List<Path> sources = javaFiles(module.resolve("src/main/java"));
        StringBuilder all = new StringBuilder();
        for (Path source : sources) {
            String text = read(source);
            all.append(text).append('\n');
            Matcher mapping = CONFIG_MAPPING.matcher(text);
            if (mapping.find()) {
                readMapping(stripComments(text), mapping.group(1));
            }
            readConfigProperties(text);
        }
        readUsedConstants(all.toString());
    }

    private void readMapping(String text, String prefix) {
        int start = text.indexOf('{', text.indexOf("interface", text.indexOf("@ConfigMapping")));
        Map<String, String> nested = new HashMap<>();
        String body = withoutBlocks(block(text, start), nested);
        readMembers(body, prefix, nested);
    }

    /** Members of one mapping interface body, nested interfaces (groups) already cut out into {@code nested}. */
    private void readMembers(String body, String prefix, Map<String, String> nested) {
        for (String member : body.split(";")) {
            String decl = member.strip();
            if (decl.isEmpty()) {
                continue;
            }
            Matcher m = Pattern.compile("([\\w.<>?, \\[\\]]+?)\\s+(\\w+)\\s*\\(\\s*\\)\\s*$").matcher(decl);
            if (!m.find()) {
                continue;
            }
            String annotations = decl.substring(0, m.start());
            String type = m.group(1).strip();
            String name = withName(annotations).orElse(kebab(m.group(2)));
            String key = prefix + "." + name;
            if (nested.containsKey(type)) {
                Map<String, String> inner = new HashMap<>();
                readMembers(withoutBlocks(nested.get(type), inner), key, inner);
                continue;
            }
            Matcher def = Pattern.compile("@WithDefault\\s*\\((.*)\\)", Pattern.DOTALL).matcher(annotations);
            boolean optional = type.startsWith("Optional") || type.startsWith("java.util.Optional");
            if (def.find()) {
                if (LOCAL.matcher(def.group(1)).find()) {
                    need(key, "@WithDefault points at this machine: " + def.group(1).strip());
                } else {
                    defaulted.add(key);
                }
            } else if (!optional) {
                need(key, "@ConfigMapping method without @WithDefault: " + type + " " + m.group(2) + "()");
            } else if (name.endsWith("-url") || name.endsWith("-endpoint")) {
                need(key, "optional address of another component: " + type + " " + m.group(2) + "()");
            }
        }
    }

    private static java.util.Optional<String> withName(String annotations) {
        Matcher m = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)").matcher(annotations);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    private void readConfigProperties(String text) {
        Matcher m = CONFIG_PROPERTY.matcher(stripComments(text));
        while (m.find()) {
            String args = m.group(1);
            String type = m.group(2).replace("final", "").strip();
            String key = argument(args, "name");
            if (key == null) {
                continue;
            }
            String def = argument(args, "defaultValue");
            if (def != null) {
                if (LOCAL.matcher(def).find()) {
                    need(key, "@ConfigProperty default points at this machine: " + def);
                } else {
                    defaulted.add(key);
                }
            } else if (!type.startsWith("Optional")) {
                need(key, "@ConfigProperty without defaultValue");
            }
        }
    }

    /** An annotation argument: a string literal, or a constant (Class.NAME) resolved from the libraries. */
    private String argument(String args, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*(\"[^\"]*\"|[\\w.]+(?:\\s*\\+\\s*[\\w.\"]+)*)").matcher(args);
        if (!m.find()) {
            return null;
        }
        String value = m.group(1).strip();
        if (value.startsWith("\"") && !value.contains("+")) {
            return value.substring(1, value.length() - 1);
        }
        String constant = value.substring(value.lastIndexOf('.') + 1);
        return constants.getOrDefault(constant, value);
    }

    // ---- shared libraries' key constants

    private final Map<String, LibraryClass> libraryClasses = new HashMap<>();

    private record LibraryClass(Map<String, String> keys, Set<String> defaults, boolean readsConfig) {
    }

    private void readLibraryConstants() {
        for (Path lib : libraries) {
            for (Path source : javaFiles(lib)) {
                String text = read(source);
                String pkg = matchOne(Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE), text);
                String cls = source.getFileName().toString().replace(".java", "");
                Map<String, String> keys = new TreeMap<>();
                Matcher k = KEY_CONSTANT.matcher(text);
                while (k.find()) {
                    keys.put(k.group(1), k.group(2));
                    constants.put(k.group(1) + "_KEY", k.group(2));
                }
                Set<String> defaults = new HashSet<>();
                Matcher d = Pattern.compile("static\\s+final\\s+\\w+\\s+([A-Z0-9_]+)_DEFAULT\\s*=").matcher(text);
                while (d.find()) {
                    defaults.add(d.group(1));
                }
                boolean reads = text.contains("Function<String, Optional<String>>");
                if (!keys.isEmpty() && pkg != null) {
                    libraryClasses.put(pkg + "." + cls, new LibraryClass(keys, defaults, reads));
                }
            }
        }
    }

    private void readUsedConstants(String sources) {
        Matcher imp = IMPORT.matcher(sources);
        Set<String> imported = new HashSet<>();
        while (imp.find()) {
            imported.add(imp.group(1));
        }
        for (String name : imported) {
            LibraryClass cls = libraryClasses.get(name);
            if (cls == null) {
                continue;
            }
            cls.keys().forEach((constant, key) -> {
                boolean used = cls.readsConfig() || Pattern.compile("\\b" + constant + "_KEY\\b").matcher(sources).find();
                if (!used) {
                    return;
                }
                if (cls.defaults().contains(constant)) {
                    defaulted.add(key);
                } else {
                    need(key, name.substring(name.lastIndexOf('.') + 1) + "." + constant + "_KEY has no " + constant + "_DEFAULT");
                }
            });
        }
    }

    // ---- helpers

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String stripComments(String text) {
        return text.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("(?m)//.*$", "");
    }

    /** The text between the brace at {@code open} and its match. */
    private static String block(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return text.substring(open + 1, i);
            }
        }
        throw new IllegalArgumentException("unbalanced braces");
    }

    /**
     * The body with every brace block cut out (default method bodies, nested types); nested
     * interfaces are kept in {@code nested} by name. A cut block ends its declaration (";").
     */
    private static String withoutBlocks(String body, Map<String, String> nested) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int open = body.indexOf('{', i);
            if (open < 0) {
                out.append(body, i, body.length());
                break;
            }
            String head = body.substring(i, open);
            String inner = block(body, open);
            Matcher iface = Pattern.compile("interface\\s+(\\w+)[^;]*$").matcher(head);
            int lastSemicolon = head.lastIndexOf(';');
            if (iface.find()) {
                nested.put(iface.group(1), inner);
            }
            out.append(head, 0, lastSemicolon + 1).append(';');
            i = open + inner.length() + 2;
        }
        return out.toString();
    }

    private static String matchOne(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/") || !p.toString().contains("/src/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

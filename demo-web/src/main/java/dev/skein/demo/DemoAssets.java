package dev.skein.demo;

import java.net.URL;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The demo editor page as classpath resources: {@code index.html}, {@code style.css} and the
 * bundled {@code editor.js}, built by this module's npm/esbuild step.
 *
 * <p>They live under {@value #RESOURCE_ROOT} so that a Quarkus application with this jar on its
 * classpath serves them at {@code /demo/} without code, while a plain Java server (the local run)
 * looks them up here. Whoever serves the page must also serve {@value #CONFIG_FILE} next to it,
 * naming the gateway: {@code {"gatewayUrl": "ws://HOST:PORT/ws"}}, optionally with every gateway
 * the page may pick from: {@code "gateways": ["ws://HOST:PORT/ws", ...]}, and when the gateways
 * need tokens with how to get one ({@link #configJson(List, SignIn)}).
 */
public final class DemoAssets {

    /** Classpath folder of the page, with a trailing slash. */
    public static final String RESOURCE_ROOT = "META-INF/resources/demo/";

    /** The page itself. */
    public static final String INDEX = "index.html";

    /** The file the page reads the gateway's URL from; not part of the assets, the server writes it. */
    public static final String CONFIG_FILE = "config.json";

    /** Names a server may be asked for: no directories above the root, no hidden files. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private DemoAssets() {
    }

    /**
     * The resource for a file name of the page ({@code ""} means {@value #INDEX}), or empty if
     * there is no such file or the name is not a plain file name.
     */
    public static Optional<URL> find(String name) {
        String file = name.isEmpty() ? INDEX : name;
        if (!SAFE_NAME.matcher(file).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(DemoAssets.class.getClassLoader().getResource(RESOURCE_ROOT + file));
    }

    /** The JSON of {@value #CONFIG_FILE} for a gateway reachable at {@code gatewayUrl}. */
    public static String configJson(String gatewayUrl) {
        return "{\"gatewayUrl\":\"" + checked(gatewayUrl) + "\"}";
    }

    /**
     * The JSON of {@value #CONFIG_FILE} for several gateways (instances of one deployment): the
     * page connects to the first ({@code gatewayUrl}) unless {@code ?gateway=N} picks the N-th of
     * {@code gateways} (counting from 1), e.g.
     * {@code {"gatewayUrl":"ws://h:8081/ws","gateways":["ws://h:8081/ws","ws://h:8086/ws"]}}.
     */
    public static String configJson(List<String> gatewayUrls) {
        if (gatewayUrls.isEmpty()) {
            throw new IllegalArgumentException("No gateway URL");
        }
        String list = gatewayUrls.stream().map(url -> "\"" + checked(url) + "\"").collect(Collectors.joining(","));
        return "{\"gatewayUrl\":\"" + gatewayUrls.get(0) + "\",\"gateways\":[" + list + "]}";
    }

    /**
     * The JSON of {@value #CONFIG_FILE} for several gateways that need a token: as
     * {@link #configJson(List)}, plus {@code "auth": {"issuer", "clientId", "authServiceUrl",
     * "presenceUrl", "exampleUsers"}}, which makes the page sign people in (password grant of the
     * public client {@code clientId} at the issuer's token endpoint), connect with their token, list
     * and create documents and share them through auth-service, and (with {@code presenceUrl}) show
     * who is in the open document.
     */
    public static String configJson(List<String> gatewayUrls, SignIn signIn) {
        String gateways = configJson(gatewayUrls);
        String users = signIn.exampleUsers().stream().map(user -> "\"" + user + "\"").collect(Collectors.joining(","));
        return gateways.substring(0, gateways.length() - 1)
                + ",\"auth\":{\"issuer\":\"" + signIn.issuer() + "\",\"clientId\":\"" + signIn.clientId()
                + "\",\"authServiceUrl\":\"" + signIn.authServiceUrl()
                + (signIn.presenceUrl() == null ? "" : "\",\"presenceUrl\":\"" + signIn.presenceUrl())
                + "\",\"exampleUsers\":[" + users + "]}}";
    }

    /**
     * {@code configJson} (one of the above) with {@code "docServiceUrl"} added: the page then offers
     * a button that appends a timestamp through doc-service's edit endpoint
     * ({@code POST /docs/{id}/edits}), as a backend service would.
     *
     * @param docServiceUrl doc-service's base URL, e.g. {@code http://127.0.0.1:8082}
     */
    public static String withDocService(String configJson, String docServiceUrl) {
        if (!docServiceUrl.matches("https?://[A-Za-z0-9.:\\[\\]_-]+")) {
            throw new IllegalArgumentException("Not an http(s) base URL: " + docServiceUrl);
        }
        return configJson.substring(0, configJson.length() - 1) + ",\"docServiceUrl\":\"" + docServiceUrl + "\"}";
    }

    /**
     * How the page signs people in and shares documents.
     *
     * @param issuer the realm's issuer, e.g. {@code http://127.0.0.1:8180/realms/skein}
     * @param clientId the realm's public client with direct access grants ({@code skein-web})
     * @param authServiceUrl auth-service's base URL (sharing API), e.g. {@code http://127.0.0.1:8085}
     * @param presenceUrl presence-service's base URL ("here now", asked with the user's token), or
     *     null for no such list
     * @param exampleUsers users the page offers to sign in as with one click (password = user name)
     */
    public record SignIn(String issuer, String clientId, String authServiceUrl, String presenceUrl,
            List<String> exampleUsers) {

        private static final Pattern HTTP_URL = Pattern.compile("https?://[A-Za-z0-9.:\\[\\]_/-]+");
        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

        /** Without presence-service: the page shows no "here now" list. */
        public SignIn(String issuer, String clientId, String authServiceUrl, List<String> exampleUsers) {
            this(issuer, clientId, authServiceUrl, null, exampleUsers);
        }

        /** Checks every value (they go into JSON unescaped) and copies the users. */
        public SignIn {
            if (!HTTP_URL.matcher(issuer).matches() || !HTTP_URL.matcher(authServiceUrl).matches()
                    || presenceUrl != null && !HTTP_URL.matcher(presenceUrl).matches()) {
                throw new IllegalArgumentException("Not http(s) URLs: " + issuer + ", " + authServiceUrl + ", "
                        + presenceUrl);
            }
            exampleUsers = List.copyOf(exampleUsers);
            if (!NAME.matcher(clientId).matches() || !exampleUsers.stream().allMatch(u -> NAME.matcher(u).matches())) {
                throw new IllegalArgumentException("Bad client id or user names: " + clientId + ", " + exampleUsers);
            }
        }
    }

    private static String checked(String gatewayUrl) {
        if (!gatewayUrl.matches("wss?://[A-Za-z0-9.:\\[\\]_/-]+")) {
            throw new IllegalArgumentException("Not a ws:// or wss:// URL: " + gatewayUrl);
        }
        return gatewayUrl;
    }

    /** The Content-Type to send for a file of the page. */
    public static String contentType(String name) {
        String file = name.isEmpty() ? INDEX : name;
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (file.endsWith(".json") || file.endsWith(".map")) {
            return "application/json; charset=utf-8";
        }
        return "application/octet-stream";
    }
}

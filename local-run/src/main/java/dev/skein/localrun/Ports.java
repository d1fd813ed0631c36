package dev.skein.localrun;

import dev.skein.testkit.net.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settles every component's port before anything starts, so that a taken port fails the run at
 * once, with the option to change it, instead of after Kafka took half a minute to start.
 */
final class Ports {

    private Ports() {
    }

    /**
     * Replaces each 0 by a free port and checks that every configured port is free on 127.0.0.1.
     *
     * @param requested port per component key, in the order of {@link LocalRunOptions#ports()}
     * @return port per component key, none 0
     * @throws StartupException naming every taken port and how to choose another
     */
    static Map<String, Integer> settle(Map<String, Integer> requested) {
        List<String> taken = new ArrayList<>();
        Map<String, Integer> duplicates = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> entry : requested.entrySet()) {
            int port = entry.getValue();
            if (port == 0) {
                continue;
            }
            String other = firstKeyWithPort(requested, port);
            if (!other.equals(entry.getKey())) {
                duplicates.put(other + " and " + entry.getKey(), port);
            } else if (!isFree(port)) {
                taken.add(String.format("port %d (%s) is already in use on %s; choose another with --%s-port N or %s",
                        port, entry.getKey(), FreePorts.LOOPBACK_HOST, entry.getKey(),
                        LocalRunOptions.variable(entry.getKey() + "-port")));
            }
        }
        duplicates.forEach((keys, port) -> taken.add("port " + port + " is configured for both " + keys));
        if (!taken.isEmpty()) {
            throw new StartupException(String.join(System.lineSeparator(), taken));
        }
        return assignFree(requested);
    }

    /** Whether nothing listens on {@code port} of 127.0.0.1 (and nothing holds it on all interfaces). */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(FreePorts.loopback(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Integer> assignFree(Map<String, Integer> requested) {
        long wanted = requested.values().stream().filter(port -> port == 0).count();
        Map<String, Integer> settled = new LinkedHashMap<>(requested);
        if (wanted == 0) {
            return settled;
        }
        int[] free = freePortsAvoiding(requested, (int) wanted);
        int next = 0;
        for (Map.Entry<String, Integer> entry : settled.entrySet()) {
            if (entry.getValue() == 0) {
                entry.setValue(free[next++]);
            }
        }
        return settled;
    }

    /** Free ports, none of them equal to a configured port (which is free too, but reserved). */
    private static int[] freePortsAvoiding(Map<String, Integer> requested, int count) {
        int[] candidates = FreePorts.freePorts(count + requested.size());
        int[] chosen = new int[count];
        int found = 0;
        for (int candidate : candidates) {
            if (found < count && !requested.containsValue(candidate)) {
                chosen[found++] = candidate;
            }
        }
        return chosen;
    }

    private static String firstKeyWithPort(Map<String, Integer> ports, int port) {
        return ports.entrySet().stream().filter(e -> e.getValue() == port).findFirst().orElseThrow().getKey();
    }
}

package dev.skein.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where things are in the repository (the tests read the real files, never copies). */
final class Repo {

    /** The five services: module folder = chart name = compose service name. */
    static final List<String> SERVICES =
            List.of("gateway-service", "doc-service", "persistence-service", "presence-service", "auth-service");

    /** The umbrella chart's name. */
    static final String UMBRELLA = "skein";

    /** The library chart every service chart depends on. */
    static final String COMMON = "skein-common";

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("skein.root");
        Path start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (Path p = start.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("deploy/helm"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found from " + start);
    }

    static Path helm() {
        return root().resolve("deploy/helm");
    }

    static Path chart(String name) {
        return helm().resolve(name);
    }

    static Path composeFile() {
        return root().resolve("docker-compose.yml");
    }

    static Path module(String service) {
        return root().resolve(service);
    }
}

package dev.skein.deploy;

import java.util.regex.Pattern;

/** What counts as a credential in an environment variable's name. */
final class Secrets {

    private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|SECRET|ACCESS_KEY|TOKEN$|JAAS).*");

    private Secrets() {
    }

    static boolean looksSecret(String envName) {
        return SECRET.matcher(envName).matches() && !envName.endsWith("_URL");
    }
}

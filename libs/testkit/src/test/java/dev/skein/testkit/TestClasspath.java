package dev.skein.testkit;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;

/** The classpath this test JVM runs with, for child JVMs and isolated class loaders in tests. */
public final class TestClasspath {

    private TestClasspath() {
    }

    /** The test classpath, joined with the path separator. */
    public static String asString() {
        // Surefire may start the JVM with a manifest-only jar; it then names the real classpath here.
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /** The test classpath as URLs. */
    public static URL[] asUrls() {
        return Arrays.stream(asString().split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(TestClasspath::toUrl)
                .toArray(URL[]::new);
    }

    private static URL toUrl(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}

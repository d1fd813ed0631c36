package dev.skein.testkit.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class S3ServerTest {

    @Test
    void startsKillsAndRestartsOnTheSamePortAndDeletesItsTemporaryData() throws Exception {
        Path home;
        try (S3Server s3 = S3Server.start()) {
            home = s3.dataDir();
            assertTrue(s3.endpoint().startsWith("http://127.0.0.1:"));
            assertEquals(403, status(s3), "an unsigned request is refused, so the server checks signatures");
            assertTrue(Files.isDirectory(s3.objectsDir()));

            long firstPid = s3.pid();
            int port = s3.port();
            s3.kill();
            assertFalse(s3.isRunning());
            s3.restart();
            assertTrue(s3.isRunning());
            assertNotEquals(firstPid, s3.pid());
            assertEquals(port, s3.port());
            assertEquals(403, status(s3));
        }
        assertFalse(Files.exists(home), "a temporary data directory is deleted on close");
    }

    @Test
    void keepsAGivenDataDirectory(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path data = dir.resolve("s3");
        try (S3Server s3 = S3Server.start(S3Server.Options.defaults().dataDir(data).keys("local", "local-secret"))) {
            assertEquals("local", s3.accessKey());
            assertTrue(Files.exists(data.resolve("s3proxy.conf")));
        }
        assertTrue(Files.isDirectory(data.resolve("objects")), "a given data directory is kept");
    }

    private static int status(S3Server s3) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create(s3.endpoint() + "/").toURL().openConnection();
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}

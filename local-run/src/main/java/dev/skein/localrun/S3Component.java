package dev.skein.localrun;

import dev.skein.testkit.process.ChildProcessException;
import dev.skein.testkit.s3.S3Server;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local run's object storage: S3Proxy (a real S3 API on the filesystem) in a child JVM, its
 * objects kept in the data folder between runs. persistence-service writes documents there and
 * doc-service loads them from there, as they would with MinIO.
 */
final class S3Component implements Component {

    private static final String NAME = "s3";
    private static final int REPORT_LINES = 40;

    private final S3Server server;

    private S3Component(S3Server server) {
        this.server = server;
    }

    /**
     * Starts the server on a free port and waits until it answers. It runs on the client compiler
     * only: the stand-in for a real S3 service, its share of a small machine's cores is better spent
     * serving than compiling (docs/cold-start.md); {@code SKEIN_SERVICE_JAVA_OPTS_S3} adds options
     * after that.
     *
     * @throws StartupException if it does not start in time; quotes its log
     */
    static S3Component start(Path dir, Duration timeout) {
        List<String> jvmOptions = new ArrayList<>();
        jvmOptions.add(Services.CLIENT_COMPILER_ONLY);
        jvmOptions.addAll(ServiceJvm.ownOptions(System.getenv(), NAME));
        try {
            return new S3Component(S3Server.start(S3Server.Options.defaults().dataDir(dir).startupTimeout(timeout)
                    .jvmOptions(jvmOptions)));
        } catch (ChildProcessException | IllegalStateException e) {
            throw new StartupException("The S3 server did not start: " + e.getMessage(), e);
        }
    }

    /** The endpoint. */
    String endpoint() {
        return server.endpoint();
    }

    /** The settings a service needs to use this storage, as environment variables ({@code skein.storage.*}). */
    Map<String, String> serviceEnv() {
        return Map.of(
                "SKEIN_STORAGE_ENDPOINT", server.endpoint(),
                "SKEIN_STORAGE_ACCESS_KEY", server.accessKey(),
                "SKEIN_STORAGE_SECRET_KEY", server.secretKey());
    }

    /** The server's log file. */
    Path logFile() {
        return server.logFile();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public String failureReport() {
        return "s3 stopped" + System.lineSeparator()
                + "--- last lines of " + server.logFile() + " ---" + System.lineSeparator()
                + LogFiles.tail(server.logFile(), REPORT_LINES);
    }

    @Override
    public void close() {
        // the data directory is the caller's: close() stops the server and keeps the objects
        server.close();
    }
}

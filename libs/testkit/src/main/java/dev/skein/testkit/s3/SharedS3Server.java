package dev.skein.testkit.s3;

/** One S3 server per test JVM, started on first use and ended with the JVM. */
public final class SharedS3Server {

    private static S3Server server;

    private SharedS3Server() {
    }

    /** The JVM's shared server, started now if it is not running yet. */
    public static synchronized S3Server get() {
        if (server == null) {
            server = S3Server.start();
        }
        return server;
    }
}

package dev.skein.loadtool.cli;

/** Wrong command-line use: the CLI prints the message and the usage and exits with status 2. */
public final class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}

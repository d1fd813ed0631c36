package dev.skein.loadtool.scenario;

/** A scenario could not run (the server refused connections, a command failed, ...). */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}

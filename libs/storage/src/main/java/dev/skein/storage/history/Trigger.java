package dev.skein.storage.history;

/** Why a version was taken; the code is what a version object stores. */
public enum Trigger {
    /** Editing paused for {@code skein.history.idle}. */
    IDLE(0, "idle"),
    /** Editing went on for {@code skein.history.max-interval} without a pause. */
    INTERVAL(1, "interval"),
    /** Someone asked for it ({@code POST /docs/{id}/versions}). */
    REQUEST(2, "request");

    private final int code;
    private final String label;

    Trigger(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The stored code. */
    public int code() {
        return code;
    }

    /** The name in JSON. */
    public String label() {
        return label;
    }

    static Trigger fromCode(long code) {
        for (Trigger trigger : values()) {
            if (trigger.code == code) {
                return trigger;
            }
        }
        throw new IllegalArgumentException("unknown version trigger " + code);
    }
}

package dev.skein.storage.format;

import dev.skein.ycrdt.update.UpdateFormat;

/** The Yjs encoding of an object's payload; its code is the header's encoding byte. */
public enum UpdateEncoding {
    /** Yjs update encoding v1 (what Kafka records carry). */
    V1(1, UpdateFormat.V1),
    /** Yjs update encoding v2 (column-oriented, usually smaller at rest). */
    V2(2, UpdateFormat.V2);

    private final int code;
    private final UpdateFormat format;

    UpdateEncoding(int code, UpdateFormat format) {
        this.code = code;
        this.format = format;
    }

    /** The header byte. */
    public int code() {
        return code;
    }

    /** The ycrdt format of the payload. */
    public UpdateFormat format() {
        return format;
    }

    /** The encoding named {@code v1} or {@code v2} (case-insensitive), as in configuration. */
    public static UpdateEncoding parse(String name) {
        for (UpdateEncoding encoding : values()) {
            if (encoding.name().equalsIgnoreCase(name)) {
                return encoding;
            }
        }
        throw new IllegalArgumentException("unknown update encoding '" + name + "' (expected v1 or v2)");
    }

    static UpdateEncoding fromCode(int code) {
        for (UpdateEncoding encoding : values()) {
            if (encoding.code == code) {
                return encoding;
            }
        }
        throw new UnsupportedObjectFormatException("unknown update encoding " + code
            + " in object header; this reader knows v1 (1) and v2 (2)");
    }
}

package dev.skein.contract;

import java.util.Locale;

/**
 * What a principal may do with a document, weakest first: {@link #NONE} (nothing), {@link #READ}
 * (sync and awareness; updates are dropped), {@link #WRITE} (also updates), {@link #OWNER} (also
 * changes the document's access-control list). Declaration order is the order of strength.
 */
public enum AccessRole {
    NONE, READ, WRITE, OWNER;

    /** The name on the wire (REST, Kafka): lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role includes everything {@code other} allows. */
    public boolean atLeast(AccessRole other) {
        return compareTo(other) >= 0;
    }

    /** The stronger of two roles. */
    public static AccessRole max(AccessRole a, AccessRole b) {
        return a.atLeast(b) ? a : b;
    }

    /**
     * The role of a wire name.
     *
     * @throws IllegalArgumentException if it names none
     */
    public static AccessRole fromWireName(String name) {
        for (AccessRole role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role: " + name);
    }
}

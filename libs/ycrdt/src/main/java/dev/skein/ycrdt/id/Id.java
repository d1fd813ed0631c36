package dev.skein.ycrdt.id;

/**
 * A Yjs struct id: the client that created it and that client's logical clock.
 *
 * @param client unsigned client id (Yjs uses random 32-bit ids)
 * @param clock  position in the client's sequence of inserted elements
 */
public record Id(long client, long clock) {
}

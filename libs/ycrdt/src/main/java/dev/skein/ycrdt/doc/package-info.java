/**
 * A Yjs document in pure Java, behaving as yjs 13.6: {@link dev.skein.ycrdt.doc.Doc} holds named
 * root types and the structs behind them ({@link dev.skein.ycrdt.doc.StructStore}); changes happen
 * in {@link dev.skein.ycrdt.doc.Transaction}s, which emit the update yjs would emit; remote updates
 * are integrated with yjs's conflict resolution, and those whose dependencies are missing wait as
 * pending structs and deletions. {@link dev.skein.ycrdt.doc.Snapshot} and
 * {@link dev.skein.ycrdt.doc.RelativePosition} are yjs's snapshots and relative positions. The
 * shared types are in {@link dev.skein.ycrdt.types}.
 *
 * <p>Reading and writing updates reuses {@code dev.skein.ycrdt.update}; the document's items and
 * contents are its own (mutable, linked into types) and write through the same encoders.
 */
package dev.skein.ycrdt.doc;

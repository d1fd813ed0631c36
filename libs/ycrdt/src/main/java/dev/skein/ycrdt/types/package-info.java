/**
 * Yjs's shared types over a {@link dev.skein.ycrdt.doc.Doc}: {@link dev.skein.ycrdt.types.YText},
 * {@link dev.skein.ycrdt.types.YArray}, {@link dev.skein.ycrdt.types.YMap} and the XML types, all
 * on {@link dev.skein.ycrdt.types.AbstractType}, with their events
 * ({@link dev.skein.ycrdt.types.YEvent}, {@link dev.skein.ycrdt.types.Delta},
 * {@link dev.skein.ycrdt.types.EntryChange}). Values follow the model of
 * {@link dev.skein.ycrdt.lib0.Any}; {@link dev.skein.ycrdt.types.JsValues} holds the JavaScript
 * semantics (equality, string conversion) the types rely on.
 */
package dev.skein.ycrdt.types;

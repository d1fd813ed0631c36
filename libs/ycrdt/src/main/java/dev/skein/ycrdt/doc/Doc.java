package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.id.StateVector;
import dev.skein.ycrdt.lib0.JsObjects;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlFragment;
import dev.skein.ycrdt.update.UpdateFormat;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A Yjs document (Yjs's {@code Doc}): named root types, the structs behind them, transactions and
 * the updates they emit. Applying the same updates in any order gives the same document as yjs
 * 13.6, and local changes emit the bytes yjs emits for the same operations and client id.
 *
 * <pre>{@code
 * Doc doc = new Doc(DocOptions.defaults().withClientId(7));
 * doc.onUpdate((update, origin, txn) -> send(update));
 * YText text = doc.getText("text");
 * doc.transact(txn -> text.insert(0, "hello"));
 * byte[] state = doc.encodeStateAsUpdate();
 * }</pre>
 *
 * <p>Not thread-safe: one thread at a time, as a JavaScript document.
 */
public final class Doc {

    private static final SecureRandom RANDOM = new SecureRandom();

    private long clientId;
    private final String guid;
    private String collectionId;
    private final boolean gc;
    private final Predicate<Item> gcFilter;
    private final Object meta;
    private final boolean autoLoad;
    private boolean shouldLoad;
    private boolean destroyed;
    private final Map<String, AbstractType<?>> share = new LinkedHashMap<>();
    private final StructStore store = new StructStore();
    Transaction transaction;
    List<Transaction> transactionCleanups = new ArrayList<>();
    private final Set<Doc> subdocs = new LinkedHashSet<>();
    private Item item;
    private long markerClock;

    final Listeners<UpdateListener> updateV1 = new Listeners<>();
    final Listeners<UpdateListener> updateV2 = new Listeners<>();
    final Listeners<Consumer<Transaction>> beforeTransaction = new Listeners<>();
    final Listeners<Consumer<Transaction>> afterTransaction = new Listeners<>();
    final Listeners<Consumer<Transaction>> afterTransactionCleanup = new Listeners<>();
    final Listeners<Consumer<SubdocsEvent>> subdocsListeners = new Listeners<>();
    final Listeners<Consumer<Doc>> destroyListeners = new Listeners<>();

    /** A document with Yjs's defaults (random client id, gc on). */
    public Doc() {
        this(DocOptions.defaults());
    }

    /** A document with the given options. */
    public Doc(DocOptions options) {
        this.clientId = options.clientId() != null ? options.clientId() : generateClientId();
        this.guid = options.guid() != null ? options.guid() : UUID.randomUUID().toString();
        this.collectionId = options.collectionId();
        this.gc = options.gc();
        this.gcFilter = options.gcFilter() != null ? options.gcFilter() : i -> true;
        this.meta = options.meta();
        this.autoLoad = options.autoLoad();
        this.shouldLoad = options.shouldLoad();
    }

    /** A new random client id (unsigned 32-bit), as Yjs picks one. */
    public static long generateClientId() {
        return RANDOM.nextInt() & 0xFFFFFFFFL;
    }

    /**
     * The subdocument an update describes: its guid and options as read (Yjs's
     * {@code createDocFromOpts}); it is not loaded unless {@code autoLoad} or {@code shouldLoad}.
     */
    static Doc subdocFromOptions(String guid, Map<String, Object> opts) {
        Object gcOpt = opts.get("gc");
        Object metaOpt = opts.get("meta");
        boolean auto = JsObjects.truthy(opts.get("autoLoad"));
        boolean load = JsObjects.truthy(opts.get("shouldLoad")) || auto;
        DocOptions o = DocOptions.defaults().withGuid(guid)
                .withGc(gcOpt == null || gcOpt == dev.skein.ycrdt.lib0.Any.UNDEFINED || JsObjects.truthy(gcOpt))
                .withMeta(metaOpt == dev.skein.ycrdt.lib0.Any.UNDEFINED ? null : metaOpt)
                .withAutoLoad(auto).withShouldLoad(load);
        return new Doc(o);
    }

    /** This replica's client id. */
    public long clientId() {
        return clientId;
    }

    /** Changes the client id used for new changes. */
    public void setClientId(long id) {
        if (id < 0 || id > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("client id must be an unsigned 32-bit integer: " + id);
        }
        this.clientId = id;
    }

    /** The document's globally unique id. */
    public String guid() {
        return guid;
    }

    /** The collection the document belongs to, or null. */
    public String collectionId() {
        return collectionId;
    }

    /** Whether deleted content is garbage-collected. */
    public boolean gc() {
        return gc;
    }

    Predicate<Item> gcFilter() {
        return gcFilter;
    }

    /** Meta information, or null. */
    public Object meta() {
        return meta;
    }

    /** Whether peers load this subdocument automatically. */
    public boolean autoLoad() {
        return autoLoad;
    }

    /** Whether the document is to be loaded. */
    public boolean shouldLoad() {
        return shouldLoad;
    }

    /** Whether {@link #destroy()} was called. */
    public boolean isDestroyed() {
        return destroyed;
    }

    /** The item of the parent document holding this subdocument, or null. */
    public Item item() {
        return item;
    }

    void setItem(Item i) {
        item = i;
    }

    /** The structs. Low-level. */
    public StructStore store() {
        return store;
    }

    /** The transaction in progress, or null. */
    public Transaction currentTransaction() {
        return transaction;
    }

    /** Whether transactions are still being cleaned up (observers running). */
    public boolean inCleanup() {
        return !transactionCleanups.isEmpty();
    }

    /** A strictly increasing number for search-marker ages. */
    public long nextMarkerTimestamp() {
        return markerClock++;
    }

    // ---------------------------------------------------------------- root types

    /** The root types by name, in the order they were first defined or seen in an update. */
    public Map<String, AbstractType<?>> share() {
        return Collections.unmodifiableMap(share);
    }

    /**
     * The root type {@code name}: as it is when it exists (possibly an untyped
     * {@link AbstractType} known only from updates), else a new untyped one.
     */
    public AbstractType<?> get(String name) {
        return get(name, null, AbstractType::untyped);
    }

    /** The root text {@code name} (Yjs's {@code getText}). */
    public YText getText(String name) {
        return get(name, YText.class, YText::new);
    }

    /** The root array {@code name}. */
    public YArray getArray(String name) {
        return get(name, YArray.class, YArray::new);
    }

    /** The root map {@code name}. */
    public YMap getMap(String name) {
        return get(name, YMap.class, YMap::new);
    }

    /** The root XML fragment {@code name}. */
    public YXmlFragment getXmlFragment(String name) {
        return get(name, YXmlFragment.class, YXmlFragment::new);
    }

    /** The root XML element {@code name} (node name {@code UNDEFINED}, as in Yjs). */
    public YXmlElement getXmlElement(String name) {
        return get(name, YXmlElement.class, YXmlElement::new);
    }

    /**
     * Yjs's {@code Doc.get(name, TypeConstructor)}: the existing root when it has that class; an
     * untyped root known from updates becomes one of that class, keeping its content; another
     * class is an error.
     */
    public <T extends AbstractType<?>> T get(String name, Class<T> cls, Supplier<? extends AbstractType<?>> create) {
        AbstractType<?> type = share.get(name);
        if (type == null) {
            type = create.get();
            share.put(name, type);
            type.integrateRoot(this, name);
        }
        if (cls != null && type.getClass() != cls) {
            if (!type.isUntyped()) {
                throw new IllegalArgumentException("Type with the name " + name
                        + " has already been defined with a different constructor");
            }
            AbstractType<?> t = create.get();
            t.adoptContent(type);
            share.put(name, t);
            t.integrateRoot(this, name);
            type = t;
        }
        @SuppressWarnings("unchecked")
        T result = (T) type;
        return result;
    }

    /**
     * What the content of root {@code name} looks like: text (strings, formats, embeds), an XML
     * fragment (only XML nodes), an array (other list content), a map (keys only), or null when
     * the root does not exist or holds nothing that tells.
     */
    public RootKind inferRootKind(String name) {
        AbstractType<?> t = share.get(name);
        return t == null ? null : RootKind.infer(t);
    }

    /** {@code JSON}-ready values of every root (Yjs's deprecated {@code Doc.toJSON}). */
    public Map<String, Object> toJSON() {
        Map<String, Object> out = new LinkedHashMap<>();
        share.forEach((k, v) -> out.put(k, v.toJSON()));
        return out;
    }

    // ---------------------------------------------------------------- transactions

    /** Runs {@code f} in a transaction (joining the one in progress, if any). */
    public void transact(Consumer<Transaction> f) {
        transact(f, null);
    }

    /** Runs {@code f} in a transaction with the given origin. */
    public void transact(Consumer<Transaction> f, Object origin) {
        transact(t -> {
            f.accept(t);
            return null;
        }, origin, true);
    }

    /** Runs {@code f} in a transaction and returns its result. */
    public <T> T transactAndGet(Function<Transaction, T> f, Object origin) {
        return transact(f, origin, true);
    }

    <T> T transact(Function<Transaction, T> f, Object origin, boolean local) {
        List<Transaction> cleanups = transactionCleanups;
        boolean initialCall = false;
        if (transaction == null) {
            initialCall = true;
            transaction = new Transaction(this, origin, local);
            cleanups.add(transaction);
            if (!beforeTransaction.isEmpty()) {
                Transaction t = transaction;
                beforeTransaction.emit(l -> l.accept(t));
            }
        }
        try {
            return f.apply(transaction);
        } finally {
            if (initialCall) {
                boolean finishCleanup = transaction == cleanups.get(0);
                transaction = null;
                if (finishCleanup) {
                    // observers may start transactions of their own: those are cleaned up in turn
                    TransactionCleanup.run(this, cleanups);
                }
            }
        }
    }

    /**
     * Runs {@code f} in its own transaction and returns the v1 update it emitted, or null when it
     * changed nothing. Must not be called inside another transaction.
     */
    public byte[] captureUpdate(Consumer<Transaction> f) {
        if (transaction != null) {
            throw new IllegalStateException("captureUpdate inside a transaction");
        }
        byte[][] out = new byte[1][];
        Subscription s = onUpdate((u, o, t) -> {
            if (out[0] == null) {
                out[0] = u;
            }
        });
        try {
            transact(f);
        } finally {
            s.close();
        }
        return out[0];
    }

    // ---------------------------------------------------------------- updates

    /** Applies a v1 update ({@code Y.applyUpdate}). */
    public void applyUpdate(byte[] update) {
        applyUpdate(update, null, UpdateFormat.V1);
    }

    /** Applies a v2 update ({@code Y.applyUpdateV2}). */
    public void applyUpdateV2(byte[] update) {
        applyUpdate(update, null, UpdateFormat.V2);
    }

    /** Applies an update in the given format; {@code origin} becomes the transaction's origin. */
    public void applyUpdate(byte[] update, Object origin, UpdateFormat format) {
        transact(t -> {
            UpdateApplier.apply(t, update, format);
            return null;
        }, origin, false);
    }

    /** {@code Y.encodeStateAsUpdate(doc)}: everything, v1. */
    public byte[] encodeStateAsUpdate() {
        return DocEncoding.encodeStateAsUpdate(this, null, UpdateFormat.V1);
    }

    /** {@code Y.encodeStateAsUpdate(doc, sv)}: what a peer with state vector {@code sv} lacks, v1. */
    public byte[] encodeStateAsUpdate(byte[] stateVector) {
        return DocEncoding.encodeStateAsUpdate(this, stateVector, UpdateFormat.V1);
    }

    /** {@code Y.encodeStateAsUpdateV2(doc)}. */
    public byte[] encodeStateAsUpdateV2() {
        return DocEncoding.encodeStateAsUpdate(this, null, UpdateFormat.V2);
    }

    /** {@code Y.encodeStateAsUpdateV2(doc, sv)}. */
    public byte[] encodeStateAsUpdateV2(byte[] stateVector) {
        return DocEncoding.encodeStateAsUpdate(this, stateVector, UpdateFormat.V2);
    }

    /** Either format; a null state vector means everything. */
    public byte[] encodeStateAsUpdate(byte[] stateVector, UpdateFormat format) {
        return DocEncoding.encodeStateAsUpdate(this, stateVector, format);
    }

    /** {@code Y.encodeStateVector(doc)}. */
    public byte[] encodeStateVector() {
        return stateVector().encode();
    }

    /** The state vector (clients in the order they first appeared). */
    public StateVector stateVector() {
        return store.getStateVector().toStateVector();
    }

    // ---------------------------------------------------------------- events

    /** Listens for the v1 update of every transaction that changes the document. */
    public Subscription onUpdate(UpdateListener l) {
        return updateV1.add(l);
    }

    /** Listens for the v2 update of every transaction that changes the document. */
    public Subscription onUpdateV2(UpdateListener l) {
        return updateV2.add(l);
    }

    /** Called when a transaction starts. */
    public Subscription onBeforeTransaction(Consumer<Transaction> l) {
        return beforeTransaction.add(l);
    }

    /** Called after a transaction's observers ran, before garbage collection. */
    public Subscription onAfterTransaction(Consumer<Transaction> l) {
        return afterTransaction.add(l);
    }

    /** Called after a transaction's garbage collection, before its update is emitted. */
    public Subscription onAfterTransactionCleanup(Consumer<Transaction> l) {
        return afterTransactionCleanup.add(l);
    }

    /** Called when subdocuments were added, removed or asked to load. */
    public Subscription onSubdocs(Consumer<SubdocsEvent> l) {
        return subdocsListeners.add(l);
    }

    /** Called when the document is destroyed. */
    public Subscription onDestroy(Consumer<Doc> l) {
        return destroyListeners.add(l);
    }

    // ---------------------------------------------------------------- subdocuments

    /** The subdocuments currently part of this document. */
    public Set<Doc> subdocs() {
        return Collections.unmodifiableSet(subdocs);
    }

    Set<Doc> subdocsMutable() {
        return subdocs;
    }

    void setCollectionIdIfAbsent(String c) {
        if (collectionId == null) {
            collectionId = c;
        }
    }

    /** The guids of the subdocuments. */
    public Set<String> subdocGuids() {
        Set<String> s = new LinkedHashSet<>();
        subdocs.forEach(d -> s.add(d.guid));
        return s;
    }

    /** Asks the parent document to load this subdocument (Yjs's {@code Doc.load}). */
    public void load() {
        Item i = item;
        if (i != null && !shouldLoad) {
            ((AbstractType<?>) i.parent).doc().transact(t -> {
                t.subdocsLoaded().add(this);
                return null;
            }, null, true);
        }
        shouldLoad = true;
    }

    /**
     * Destroys the document: its subdocuments are destroyed; a subdocument is replaced in its
     * parent by a fresh, unloaded document with the same guid (Yjs's {@code Doc.destroy}).
     */
    public void destroy() {
        destroyed = true;
        new ArrayList<>(subdocs).forEach(Doc::destroy);
        Item i = item;
        if (i != null) {
            item = null;
            Doc fresh = null;
            if (i.content instanceof ContentDoc content) {
                // the parent keeps a fresh, unloaded document with the same guid in its place
                fresh = subdocFromOptions(guid, new LinkedHashMap<>(content.opts()));
                fresh.shouldLoad = false;
                fresh.item = i;
                i.content = new ContentDoc(fresh);
            }
            Doc replacement = fresh;
            ((AbstractType<?>) i.parent).doc().transact(t -> {
                if (replacement != null && !i.isDeleted()) {
                    t.subdocsAdded().add(replacement);
                }
                t.subdocsRemoved().add(this);
                return null;
            }, null, true);
        }
        Doc self = this;
        destroyListeners.emit(l -> l.accept(self));
    }

    @Override
    public String toString() {
        return "Doc(" + guid + ", client " + clientId + ")";
    }
}

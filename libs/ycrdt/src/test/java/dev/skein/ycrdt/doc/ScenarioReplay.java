package dev.skein.ycrdt.doc;

import dev.skein.ycrdt.lib0.Json;
import dev.skein.ycrdt.types.AbstractType;
import dev.skein.ycrdt.types.Delta;
import dev.skein.ycrdt.types.EntryChange;
import dev.skein.ycrdt.types.YArray;
import dev.skein.ycrdt.types.YEvent;
import dev.skein.ycrdt.types.YMap;
import dev.skein.ycrdt.types.YText;
import dev.skein.ycrdt.types.YXmlElement;
import dev.skein.ycrdt.types.YXmlFragment;
import dev.skein.ycrdt.update.UpdateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Replays one scenario of {@code src/test/js/doc/scenarios.mjs} on ycrdt documents and reports
 * the first place where ycrdt differs from what yjs recorded.
 */
final class ScenarioReplay {

    static final String[] ROOTS = {"t", "a", "m", "x"};

    /** A difference from yjs. */
    static final class Mismatch extends RuntimeException {
        Mismatch(String message) {
            super(message);
        }
    }

    private static final class Replica {
        final Doc doc;
        final boolean server;
        final List<byte[]> v1 = new ArrayList<>();
        final List<byte[]> v2 = new ArrayList<>();
        final List<Boolean> locals = new ArrayList<>();
        final List<Object> events = new ArrayList<>();

        Replica(Doc doc, boolean server) {
            this.doc = doc;
            this.server = server;
        }
    }

    private final Map<String, Object> sc;
    private final List<Replica> replicas = new ArrayList<>();
    private final List<byte[][]> pool = new ArrayList<>();
    private final List<Object[]> snapshots = new ArrayList<>();
    private final List<Object[]> rposes = new ArrayList<>();
    private String where = "setup";

    ScenarioReplay(Map<String, Object> scenario) {
        this.sc = scenario;
    }

    static AbstractType<?> root(Doc doc, String name) {
        return switch (name) {
            case "t" -> doc.getText("t");
            case "a" -> doc.getArray("a");
            case "m" -> doc.getMap("m");
            case "x" -> doc.getXmlFragment("x");
            default -> throw new IllegalArgumentException(name);
        };
    }

    static AbstractType<?> resolve(Doc doc, List<?> path) {
        AbstractType<?> t = root(doc, (String) path.get(0));
        for (int i = 1; i < path.size(); i++) {
            Object step = path.get(i);
            Object next;
            if (step instanceof Number n) {
                next = t instanceof YArray a ? a.get(n.intValue()) : ((YXmlFragment) t).get(n.intValue());
            } else {
                next = ((YMap) t).get((String) step);
            }
            t = (AbstractType<?>) next;
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    static void applyOp(Doc doc, Map<String, Object> op) {
        AbstractType<?> t = resolve(doc, (List<Object>) op.get("p"));
        String k = (String) op.get("k");
        switch (k) {
            case "ti" -> {
                YText text = (YText) t;
                if (op.containsKey("a")) {
                    text.insert(i(op, "i"), (String) op.get("s"), ScenarioValues.decMap(op.get("a")));
                } else {
                    text.insert(i(op, "i"), (String) op.get("s"));
                }
            }
            case "td" -> ((YText) t).delete(i(op, "i"), i(op, "n"));
            case "tf" -> ((YText) t).format(i(op, "i"), i(op, "n"), ScenarioValues.decMap(op.get("a")));
            case "te" -> ((YText) t).insertEmbed(i(op, "i"), ScenarioValues.dec(op.get("e")),
                    op.containsKey("a") ? ScenarioValues.decMap(op.get("a")) : null);
            case "ta" -> ((YText) t).setAttribute((String) op.get("key"), ScenarioValues.dec(op.get("v")));
            case "tad" -> {
                List<Delta> delta = new ArrayList<>();
                for (Object o : (List<Object>) op.get("delta")) {
                    Map<String, Object> d = (Map<String, Object>) o;
                    Map<String, Object> attrs = d.containsKey("attributes") ? ScenarioValues.decMap(d.get("attributes")) : null;
                    if (d.containsKey("insert")) {
                        delta.add(new Delta.Insert(d.get("insert"), attrs));
                    } else if (d.containsKey("retain")) {
                        delta.add(new Delta.Retain(((Number) d.get("retain")).longValue(), attrs));
                    } else {
                        delta.add(new Delta.Delete(((Number) d.get("delete")).longValue()));
                    }
                }
                ((YText) t).applyDelta(delta, Boolean.TRUE.equals(op.get("sanitize")));
            }
            case "ai" -> ((YArray) t).insert(i(op, "i"), (List<Object>) ScenarioValues.dec(op.get("c")));
            case "ap" -> ((YArray) t).push((List<Object>) ScenarioValues.dec(op.get("c")));
            case "ad" -> ((YArray) t).delete(i(op, "i"), i(op, "n"));
            case "xi" -> ((YXmlFragment) t).insert(i(op, "i"), (List<Object>) ScenarioValues.dec(op.get("c")));
            case "xd" -> ((YXmlFragment) t).delete(i(op, "i"), i(op, "n"));
            case "xa" -> ((YXmlElement) t).setAttribute((String) op.get("key"), ScenarioValues.dec(op.get("v")));
            case "xr" -> ((YXmlElement) t).removeAttribute((String) op.get("key"));
            case "ms" -> ((YMap) t).set((String) op.get("key"), ScenarioValues.dec(op.get("v")));
            case "md" -> ((YMap) t).delete((String) op.get("key"));
            default -> throw new IllegalArgumentException("unknown op " + k);
        }
    }

    private static int i(Map<String, Object> op, String key) {
        return ((Number) op.get(key)).intValue();
    }

    static Object eventRecord(String root, YEvent ev) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("root", root);
        List<Object> path = new ArrayList<>();
        for (Object p : ev.path()) {
            path.add(p instanceof Integer n ? (double) n : p);
        }
        m.put("path", path);
        m.put("delta", ScenarioValues.enc(ev.delta()));
        List<Object> keys = new ArrayList<>();
        for (Map.Entry<String, EntryChange> e : ev.keys().entrySet()) {
            keys.add(Arrays.asList(e.getKey(), e.getValue().action().jsName(), ScenarioValues.enc(e.getValue().oldValue())));
        }
        m.put("keys", keys);
        return m;
    }

    @SuppressWarnings("unchecked")
    void run() {
        boolean observe = Boolean.TRUE.equals(sc.get("observe"));
        for (Object o : (List<Object>) sc.get("replicas")) {
            Map<String, Object> r = (Map<String, Object>) o;
            Doc doc = new Doc(DocOptions.defaults().withClientId(((Number) r.get("client")).longValue())
                    .withGc(Boolean.TRUE.equals(r.get("gc"))));
            Replica rep = new Replica(doc, Boolean.TRUE.equals(r.get("server")));
            doc.onUpdate((u, origin, t) -> {
                rep.v1.add(u);
                rep.locals.add(t.local());
            });
            doc.onUpdateV2((u, origin, t) -> rep.v2.add(u));
            if (!rep.server) {
                for (String name : ROOTS) {
                    AbstractType<?> root = root(doc, name);
                    if (observe) {
                        root.observeDeep(evs -> {
                            for (YEvent ev : evs) {
                                rep.events.add(eventRecord(name, ev));
                            }
                        });
                    }
                }
            }
            replicas.add(rep);
        }
        List<Object> steps = (List<Object>) sc.get("steps");
        for (int s = 0; s < steps.size(); s++) {
            Map<String, Object> step = (Map<String, Object>) steps.get(s);
            where = "step " + s + " " + describe(step);
            if (step.containsKey("e")) {
                Replica rep = replicas.get(i(step, "e"));
                List<Object> ops = (List<Object>) step.get("ops");
                record(rep, () -> rep.doc.transact(t -> {
                    for (Object op : ops) {
                        applyOp(rep.doc, (Map<String, Object>) op);
                    }
                }), step);
            } else if (step.containsKey("d")) {
                Replica rep = replicas.get(i(step, "d"));
                byte[][] u = pool.get(i(step, "u"));
                boolean v2 = i(step, "f") == 2;
                record(rep, () -> rep.doc.applyUpdate(v2 ? u[1] : u[0], "remote", v2 ? UpdateFormat.V2 : UpdateFormat.V1), step);
            } else if (step.containsKey("snap")) {
                Replica rep = replicas.get(i(step, "snap"));
                Snapshot snap = Snapshot.of(rep.doc);
                same("snapshot v1", b64(step.get("v1")), snap.encode());
                same("snapshot v2", b64(step.get("v2")), snap.encodeV2());
                snapshots.add(new Object[] {rep, snap});
            } else if (step.containsKey("enc")) {
                Replica rep = replicas.get(i(step, "enc"));
                byte[] sv = b64(step.get("sv"));
                same("state v1", b64(step.get("v1")), rep.doc.encodeStateAsUpdate());
                same("state v2", b64(step.get("v2")), rep.doc.encodeStateAsUpdateV2());
                same("state v1 against a state vector", b64(step.get("diff")), rep.doc.encodeStateAsUpdate(sv));
                same("state v2 against a state vector", b64(step.get("diffV2")), rep.doc.encodeStateAsUpdateV2(sv));
                same("state vector", b64(step.get("ownSv")), rep.doc.encodeStateVector());
            } else if (step.containsKey("rpos")) {
                Replica rep = replicas.get(i(step, "rpos"));
                AbstractType<?> type = resolve(rep.doc, (List<Object>) step.get("p"));
                RelativePosition rp = RelativePosition.fromTypeIndex(type, i(step, "i"), i(step, "assoc"));
                same("relative position", b64(step.get("bytes")), rp.encode());
                if (!Arrays.equals(rp.encode(), RelativePosition.decode(rp.encode()).encode())) {
                    throw new Mismatch(where + ": relative position does not decode to itself: " + rp);
                }
                rposes.add(new Object[] {rep, rp});
            }
        }
        List<Object> finals = (List<Object>) sc.get("final");
        for (int r = 0; r < replicas.size(); r++) {
            where = "final state of replica " + r;
            checkFinal(replicas.get(r), (Map<String, Object>) finals.get(r));
        }
        List<Object> restored = (List<Object>) sc.get("restored");
        for (int k = 0; k < restored.size(); k++) {
            where = "document restored from snapshot " + k;
            Map<String, Object> exp = (Map<String, Object>) restored.get(k);
            Object[] sn = snapshots.get(k);
            Doc d = Snapshot.createDocFromSnapshot(((Replica) sn[0]).doc, (Snapshot) sn[1]);
            same("restored state", b64(exp.get("state")), d.encodeStateAsUpdate());
            checkJson(d, (Map<String, Object>) exp.get("json"));
            Doc origin = ((Replica) sn[0]).doc;
            Snapshot snap = (Snapshot) sn[1];
            Snapshot now = Snapshot.of(origin);
            Snapshot prev = k > 0 && snapshots.get(k - 1)[0] == sn[0] ? (Snapshot) snapshots.get(k - 1)[1] : Snapshot.empty();
            sameText("text as of the snapshot", exp.get("delta"), Json.stringify(ScenarioValues.enc(origin.getText("t").toDelta(snap, null, null))));
            sameText("text changes since the snapshot", exp.get("diffDelta"), Json.stringify(ScenarioValues.enc(origin.getText("t").toDelta(now, snap, null))));
            sameText("text changes up to the snapshot", exp.get("prevDelta"), Json.stringify(ScenarioValues.enc(origin.getText("t").toDelta(snap, prev, null))));
            sameText("array as of the snapshot", exp.get("array"), Json.stringify(ScenarioValues.enc(origin.getArray("a").toArray(snap))));
            sameText("map as of the snapshot", exp.get("map"), Json.stringify(ScenarioValues.enc(origin.getMap("m").entries(snap))));
            List<Object> contains = new ArrayList<>();
            for (int p = 0; p < Math.min(30, pool.size()); p++) {
                contains.add(snap.containsUpdate(pool.get(p)[0]));
            }
            sameText("snapshotContainsUpdate", Json.stringify(exp.get("contains")), Json.stringify(contains));
            List<Object> equal = new ArrayList<>();
            for (Object[] o : snapshots) {
                equal.add(snap.equals(o[1]));
            }
            sameText("equalSnapshots", Json.stringify(exp.get("equal")), Json.stringify(equal));
        }
        List<Object> resolved = (List<Object>) sc.get("resolved");
        for (int k = 0; k < resolved.size(); k++) {
            where = "resolving relative position " + k;
            Object[] rp = rposes.get(k);
            RelativePosition decoded = RelativePosition.decode(((RelativePosition) rp[1]).encode());
            List<Object> got = new ArrayList<>();
            for (Doc d : List.of(((Replica) rp[0]).doc, replicas.get(replicas.size() - 1).doc)) {
                AbsolutePosition abs = decoded.toAbsolute(d);
                got.add(abs == null ? null : (double) abs.index());
            }
            Object exp = resolved.get(k);
            if (!java.util.Objects.equals(exp, got)) {
                throw new Mismatch(where + ": yjs " + exp + ", ycrdt " + got);
            }
        }
    }

    private static String describe(Map<String, Object> step) {
        Map<String, Object> m = new LinkedHashMap<>(step);
        m.remove("emitted");
        m.remove("events");
        String s = Json.stringify(m);
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }

    @SuppressWarnings("unchecked")
    private void record(Replica rep, Runnable f, Map<String, Object> step) {
        rep.v1.clear();
        rep.v2.clear();
        rep.locals.clear();
        rep.events.clear();
        f.run();
        List<Object> emitted = (List<Object>) step.get("emitted");
        if (emitted.size() != rep.v1.size() || rep.v2.size() != rep.v1.size()) {
            throw new Mismatch(where + ": yjs emitted " + emitted.size() + " updates, ycrdt " + rep.v1.size()
                    + " (v2: " + rep.v2.size() + ")" + firstDifference(emitted, rep));
        }
        for (int k = 0; k < emitted.size(); k++) {
            Map<String, Object> e = (Map<String, Object>) emitted.get(k);
            same("update " + k + " v1", b64(e.get("v1")), rep.v1.get(k));
            same("update " + k + " v2", b64(e.get("v2")), rep.v2.get(k));
            if (!e.get("local").equals(rep.locals.get(k))) {
                throw new Mismatch(where + ": update " + k + " local " + e.get("local") + " vs " + rep.locals.get(k));
            }
            if (Boolean.TRUE.equals(e.get("local"))) {
                pool.add(new byte[][] {rep.v1.get(k), rep.v2.get(k)});
            }
        }
        String expEvents = Json.stringify(step.get("events"));
        String gotEvents = Json.stringify(rep.events);
        if (!expEvents.equals(gotEvents)) {
            throw new Mismatch(where + ": events differ\n  yjs  : " + expEvents + "\n  ycrdt: " + gotEvents);
        }
    }

    @SuppressWarnings("unchecked")
    private static String firstDifference(List<Object> emitted, Replica rep) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.max(emitted.size(), rep.v1.size()); k++) {
            sb.append("\n  #").append(k).append(" yjs ")
                    .append(k < emitted.size() ? ((Map<String, Object>) emitted.get(k)).get("v1") : "-")
                    .append(" ycrdt ").append(k < rep.v1.size() ? Base64.getEncoder().encodeToString(rep.v1.get(k)) : "-");
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private void checkFinal(Replica rep, Map<String, Object> exp) {
        checkJson(rep.doc, (Map<String, Object>) exp.get("json"));
        String delta = Json.stringify(ScenarioValues.enc(rep.doc.getText("t").toDelta()));
        if (!exp.get("delta").equals(delta)) {
            throw new Mismatch(where + ": text delta\n  yjs  : " + exp.get("delta") + "\n  ycrdt: " + delta);
        }
        same("state v1", b64(exp.get("state")), rep.doc.encodeStateAsUpdate());
        same("state v2", b64(exp.get("stateV2")), rep.doc.encodeStateAsUpdateV2());
        same("state vector", b64(exp.get("sv")), rep.doc.encodeStateVector());
        Snapshot snap = Snapshot.of(rep.doc);
        same("snapshot v1", b64(exp.get("snap")), snap.encode());
        same("snapshot v2", b64(exp.get("snapV2")), snap.encodeV2());
        if (!Snapshot.decode(snap.encode()).equals(snap) || !Snapshot.decodeV2(snap.encodeV2()).equals(snap)) {
            throw new Mismatch(where + ": snapshot does not decode to itself");
        }
        List<Object> subdocs = new ArrayList<>(new TreeSet<>(rep.doc.subdocGuids()));
        if (!exp.get("subdocs").equals(subdocs)) {
            throw new Mismatch(where + ": subdocuments yjs " + exp.get("subdocs") + ", ycrdt " + subdocs);
        }
    }

    private void checkJson(Doc doc, Map<String, Object> exp) {
        for (String name : ROOTS) {
            Object e = exp.get(name);
            String got;
            try {
                got = Json.stringify(root(doc, name).toJSON());
            } catch (IllegalArgumentException bigint) {
                got = null;
            }
            if (!java.util.Objects.equals(e, got)) {
                throw new Mismatch(where + ": JSON of root " + name + "\n  yjs  : " + e + "\n  ycrdt: " + got);
            }
        }
    }

    private void sameText(String what, Object yjs, String ours) {
        if (!java.util.Objects.equals(yjs, ours)) {
            throw new Mismatch(where + ": " + what + "\n  yjs  : " + yjs + "\n  ycrdt: " + ours);
        }
    }

    private static byte[] b64(Object s) {
        return Base64.getDecoder().decode((String) s);
    }

    private void same(String what, byte[] yjs, byte[] ours) {
        if (!Arrays.equals(yjs, ours)) {
            int at = Arrays.mismatch(yjs, ours);
            throw new Mismatch(where + ": " + what + " differs: yjs " + yjs.length + " bytes, ycrdt " + ours.length
                    + ", first difference at byte " + at
                    + "\n  yjs  : " + dev.skein.ycrdt.update.differential.Hex.window(yjs, at)
                    + "\n  ycrdt: " + dev.skein.ycrdt.update.differential.Hex.window(ours, at)
                    + "\n  yjs   b64: " + Base64.getEncoder().encodeToString(yjs)
                    + "\n  ycrdt b64: " + Base64.getEncoder().encodeToString(ours));
        }
    }
}

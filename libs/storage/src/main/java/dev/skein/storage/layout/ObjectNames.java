package dev.skein.storage.layout;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object keys of persisted documents:
 *
 * <pre>
 * docs/{docId}/snapshot-{partition}-{offset}.bin
 * docs/{docId}/batch-{partition}-{fromOffset}-{toOffset}.bin
 * docs/{docId}/version-{partition}-{fromOffset}-{offset}.bin
 * docs/{docId}/changes-{partition}-{fromOffset}-{toOffset}.bin
 * </pre>
 *
 * Document ids are restricted to URL-unreserved characters by the contract's {@code DocumentIds},
 * so they appear in keys unencoded.
 */
public final class ObjectNames {

    /** Prefix of every document's objects. */
    public static final String ROOT = "docs/";

    /** Suffix of every object. */
    public static final String SUFFIX = ".bin";

    private static final Pattern DOC_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final Pattern BATCH = Pattern.compile("batch-(\\d{1,9})-(\\d{1,19})-(\\d{1,19})\\.bin");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-(\\d{1,9})-(\\d{1,19})\\.bin");
    private static final Pattern VERSION = Pattern.compile("version-(\\d{1,9})-(\\d{1,19})-(\\d{1,19})\\.bin");
    private static final Pattern CHANGES = Pattern.compile("changes-(\\d{1,9})-(\\d{1,19})-(\\d{1,19})\\.bin");

    private ObjectNames() {
    }

    /** {@code docs/{docId}/}: the prefix that lists one document's objects. */
    public static String documentPrefix(String docId) {
        checkDocId(docId);
        return ROOT + docId + "/";
    }

    /**
     * Parses an object key; empty for keys that are not one of a document's objects (other
     * files in the bucket are ignored, never misread).
     */
    public static Optional<StoredName> parse(String key) {
        if (key == null || !key.startsWith(ROOT)) {
            return Optional.empty();
        }
        int slash = key.indexOf('/', ROOT.length());
        if (slash < 0 || key.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        String docId = key.substring(ROOT.length(), slash);
        if (!isDocId(docId)) {
            return Optional.empty();
        }
        String file = key.substring(slash + 1);
        try {
            Matcher batch = BATCH.matcher(file);
            if (batch.matches()) {
                return Optional.of(new BatchName(docId, Integer.parseInt(batch.group(1)),
                    Long.parseLong(batch.group(2)), Long.parseLong(batch.group(3))));
            }
            Matcher snapshot = SNAPSHOT.matcher(file);
            if (snapshot.matches()) {
                return Optional.of(new SnapshotName(docId, Integer.parseInt(snapshot.group(1)),
                    Long.parseLong(snapshot.group(2))));
            }
            Matcher version = VERSION.matcher(file);
            if (version.matches()) {
                return Optional.of(new VersionName(docId, Integer.parseInt(version.group(1)),
                    Long.parseLong(version.group(2)), Long.parseLong(version.group(3))));
            }
            Matcher changes = CHANGES.matcher(file);
            if (changes.matches()) {
                return Optional.of(new ChangesName(docId, Integer.parseInt(changes.group(1)),
                    Long.parseLong(changes.group(2)), Long.parseLong(changes.group(3))));
            }
        } catch (IllegalArgumentException e) {
            // out-of-range numbers or an inverted range: not one of ours
        }
        return Optional.empty();
    }

    static void checkDocId(String docId) {
        if (!isDocId(docId)) {
            throw new IllegalArgumentException("not a document id: " + docId);
        }
    }

    private static boolean isDocId(String docId) {
        return docId != null && DOC_ID.matcher(docId).matches() && !docId.equals(".") && !docId.equals("..");
    }
}

package dev.skein.contract;

/**
 * Kafka topic names, their defaults and the configuration keys that override them.
 *
 * <p>Every service reads the five names from its configuration under these keys (for example
 * through a {@code @ConfigMapping(prefix = "skein.topics")} interface whose {@code @WithDefault}
 * values are the {@code *_DEFAULT} constants below).
 *
 * <table>
 *   <caption>Topics</caption>
 *   <tr><th>key</th><th>default</th><th>record key</th><th>values</th></tr>
 *   <tr><td>{@value #UPDATES_KEY}</td><td>{@value #UPDATES_DEFAULT}</td><td>document id</td>
 *       <td>{@link RecordKind#UPDATE} and {@link RecordKind#SYNC_REQUEST} records</td></tr>
 *   <tr><td>{@value #SYNC_REPLIES_KEY}</td><td>{@value #SYNC_REPLIES_DEFAULT}</td>
 *       <td>requester instance id</td><td>{@link RecordKind#SYNC_REPLY} parts, see {@link SyncReplies}</td></tr>
 *   <tr><td>{@value #AWARENESS_KEY}</td><td>{@value #AWARENESS_DEFAULT}</td><td>document id</td>
 *       <td>y-protocols awareness updates</td></tr>
 *   <tr><td>{@value #ACL_CHANGES_KEY}</td><td>{@value #ACL_CHANGES_DEFAULT}</td><td>document id</td>
 *       <td>access changes (defined by the auth issue)</td></tr>
 *   <tr><td>{@value #CHANGES_KEY}</td><td>{@value #CHANGES_DEFAULT}</td><td>document id</td>
 *       <td>{@link RecordKind#DOC_CHANGE} records: what each applied update changed, as JSON ({@link DocChanges})</td></tr>
 * </table>
 *
 * @param updates the update topic: document updates and in-band sync requests
 * @param syncReplies the sync-reply topic
 * @param awareness the awareness topic
 * @param aclChanges the ACL-change topic
 * @param changes the document-change topic
 */
public record Topics(String updates, String syncReplies, String awareness, String aclChanges, String changes) {

    /** Configuration key of the update topic name. */
    public static final String UPDATES_KEY = "skein.topics.updates";
    /** Default name of the update topic. */
    public static final String UPDATES_DEFAULT = "skein.doc.updates";
    /** Configuration key of the sync-reply topic name. */
    public static final String SYNC_REPLIES_KEY = "skein.topics.sync-replies";
    /** Default name of the sync-reply topic. */
    public static final String SYNC_REPLIES_DEFAULT = "skein.doc.sync-replies";
    /** Configuration key of the awareness topic name. */
    public static final String AWARENESS_KEY = "skein.topics.awareness";
    /** Default name of the awareness topic. */
    public static final String AWARENESS_DEFAULT = "skein.doc.awareness";
    /** Configuration key of the ACL-change topic name. */
    public static final String ACL_CHANGES_KEY = "skein.topics.acl-changes";
    /** Default name of the ACL-change topic. */
    public static final String ACL_CHANGES_DEFAULT = "skein.acl.changes";

    /** Configuration key of the document-change topic name. */
    public static final String CHANGES_KEY = "skein.topics.changes";
    /** Default name of the document-change topic. */
    public static final String CHANGES_DEFAULT = "skein.doc.changes";

    /** Topic names when nothing is configured. */
    public static Topics defaults() {
        return new Topics(UPDATES_DEFAULT, SYNC_REPLIES_DEFAULT, AWARENESS_DEFAULT, ACL_CHANGES_DEFAULT, CHANGES_DEFAULT);
    }
}

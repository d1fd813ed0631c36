package dev.skein.messaging;

import dev.skein.contract.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Topic names and topic creation ({@code skein.topics.*}), read the same way by every service. */
@ConfigMapping(prefix = "skein.topics")
public interface TopicsConfig {

    /** See {@link Topics#UPDATES_KEY}. */
    @WithDefault(Topics.UPDATES_DEFAULT)
    String updates();

    /** See {@link Topics#SYNC_REPLIES_KEY}. */
    @WithDefault(Topics.SYNC_REPLIES_DEFAULT)
    String syncReplies();

    /** See {@link Topics#AWARENESS_KEY}. */
    @WithDefault(Topics.AWARENESS_DEFAULT)
    String awareness();

    /** See {@link Topics#ACL_CHANGES_KEY}. */
    @WithDefault(Topics.ACL_CHANGES_DEFAULT)
    String aclChanges();

    /** See {@link Topics#CHANGES_KEY}. */
    @WithDefault(Topics.CHANGES_DEFAULT)
    String changes();

    /** See {@link TopicBootstrap#ENABLED_KEY}. */
    @WithDefault("true")
    boolean create();

    /** See {@link TopicBootstrap#PARTITIONS_KEY}. */
    @WithDefault("" + TopicBootstrap.PARTITIONS_DEFAULT)
    int partitions();

    /** See {@link TopicBootstrap#REPLICATION_FACTOR_KEY}. */
    @WithDefault("" + TopicBootstrap.REPLICATION_FACTOR_DEFAULT)
    short replicationFactor();

    /** See {@link KafkaClientSettings#MAX_RECORD_BYTES_KEY}; applied to created topics and producers. */
    @WithDefault("" + KafkaClientSettings.MAX_RECORD_BYTES_DEFAULT)
    int maxRecordBytes();

    /** The names as the contract's record. */
    default Topics names() {
        return new Topics(updates(), syncReplies(), awareness(), aclChanges(), changes());
    }
}

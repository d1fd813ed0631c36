package dev.skein.presence.kafka;

/**
 * This presence-service instance's id: its Kafka client ids and the origin of the removals it
 * publishes ({@code presence/<id>}).
 *
 * @param value the id
 */
public record InstanceId(String value) {

    /** The origin header of the records this instance produces. */
    public String origin() {
        return "presence/" + value;
    }
}

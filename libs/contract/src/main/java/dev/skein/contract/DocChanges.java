package dev.skein.contract;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records of the document-change topic ({@link Topics#CHANGES_DEFAULT}): what applied updates
 * changed in a document, as JSON, for services that follow documents without a Yjs library
 * (search indexing, webhooks, audit).
 *
 * <p>Key: the document id (a document's changes stay in order in one partition,
 * {@link Partitions#forDocument}). Value: UTF-8 JSON written by the document's owner (doc-service
 * documents the fields); headers {@link RecordHeaders#KIND} = {@code doc-change} and
 * {@link RecordHeaders#ORIGIN} = the owner's instance id.
 */
public final class DocChanges {

    private DocChanges() {
    }

    /** The record carrying {@code json} for {@code docId}. */
    public static ProducerRecord<String, byte[]> record(String topic, int partition, String docId, String json,
            String owner) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, partition, docId,
            json.getBytes(StandardCharsets.UTF_8));
        RecordKind.DOC_CHANGE.writeTo(record.headers());
        RecordHeaders.put(record.headers(), RecordHeaders.ORIGIN, owner);
        return record;
    }
}

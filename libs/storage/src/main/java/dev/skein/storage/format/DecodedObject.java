package dev.skein.storage.format;

import dev.skein.ycrdt.update.Updates;

/**
 * A decoded stored object.
 *
 * @param header its header
 * @param payload the Yjs update in the header's encoding
 */
public record DecodedObject(ObjectHeader header, byte[] payload) {

    /** The payload as a Yjs v1 update (converted if it is stored as v2). */
    public byte[] updateV1() {
        return header.encoding() == UpdateEncoding.V1 ? payload : Updates.convertUpdateFormatV2ToV1(payload);
    }
}

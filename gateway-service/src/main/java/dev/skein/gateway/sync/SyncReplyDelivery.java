package dev.skein.gateway.sync;

import dev.skein.contract.SyncReply;
import dev.skein.gateway.session.Session;
import dev.skein.ycrdt.protocol.MessageCodec;
import dev.skein.ycrdt.protocol.SyncStep1;
import dev.skein.ycrdt.protocol.SyncStep2;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a sync reply into the two messages the stock server would send: SyncStep2 with what the
 * client lacks, then SyncStep1 with the server's state vector, which the client answers with a
 * SyncStep2 of what the server lacks (its offline edits).
 */
@ApplicationScoped
public class SyncReplyDelivery {

    /** Sends the reply to the session that asked. */
    public void deliver(Session session, SyncReply reply) {
        deliver(session, reply.update(), reply.stateVector());
    }

    /** Sends what the session lacks and the server's state vector. */
    public void deliver(Session session, byte[] missing, byte[] stateVector) {
        session.send(MessageCodec.encode(new SyncStep2(missing)));
        session.send(MessageCodec.encode(new SyncStep1(stateVector)));
    }
}

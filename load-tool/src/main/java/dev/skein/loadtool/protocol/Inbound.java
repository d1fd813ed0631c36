package dev.skein.loadtool.protocol;

import dev.skein.ycrdt.protocol.Message;

/** What one inbound frame means to a client, once the wire format's framing is removed. */
public sealed interface Inbound {

    /** A y-protocols message (sync or awareness) for the document. */
    record YMessage(Message message) implements Inbound {
    }

    /** A frame the client must answer at once at the connection level (Hocuspocus's ping). */
    record Reply(byte[] frame) implements Inbound {
    }

    /** The server accepted the client's credentials (Hocuspocus's authenticated message). */
    record Authenticated(String scope) implements Inbound {
    }

    /** The server refused the client (Hocuspocus's permission denied, y-protocols' auth denial). */
    record Denied(String reason) implements Inbound {
    }

    /** Acknowledgements, statelessness and other frames with nothing to do. */
    record Ignored(String what) implements Inbound {
    }
}

package dev.skein.loadtool.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void putsTheDocumentInThePathAndTheTokenInTheQuery() {
        Target target = new Target("ws://127.0.0.1:8081/ws/{doc}", Optional.of("a b"), new YWebsocketFormat());
        assertEquals(URI.create("ws://127.0.0.1:8081/ws/doc-1?token=a+b"), target.uri("doc-1"));
        Target withQuery = new Target("ws://127.0.0.1:1/{doc}?x=1", Optional.of("t"), new YWebsocketFormat());
        assertEquals(URI.create("ws://127.0.0.1:1/d?x=1&token=t"), withQuery.uri("d"));
    }

    @Test
    void rejectsTemplatesThatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new Target("http://h/{doc}", Optional.empty(), new YWebsocketFormat()));
        assertThrows(IllegalArgumentException.class, () -> new Target("ws://h/ws", Optional.empty(), new YWebsocketFormat()));
        assertEquals(URI.create("ws://h:1/"), new Target("ws://h:1/", Optional.empty(), new HocuspocusFormat()).uri("d"),
                "Hocuspocus names the document inside its messages");
    }
}

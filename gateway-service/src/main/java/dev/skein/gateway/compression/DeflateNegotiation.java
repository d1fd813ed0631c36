package dev.skein.gateway.compression;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionDecoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Settles permessage-deflate for one WebSocket handshake, on its way out. Vert.x (Netty) has
 * chosen the extension from the client's offer; this handler, one step closer to the socket, sees
 * the 101 response after that and makes the agreement the gateway keeps: both sides without
 * context takeover ({@code server_no_context_takeover; client_no_context_takeover} — a server may
 * require the client's even when it was not offered, RFC 7692 7.1.1.2), and once the response is
 * written it puts {@link SelectiveDeflateEncoder} and {@link NoContextInflateDecoder} where Netty's
 * compressor and decompressor were. An agreement the gateway cannot keep (the client asked for a
 * smaller server window, which the JDK's deflater cannot produce) is withdrawn: the response then
 * names no extension and the connection runs uncompressed. Removes itself after the handshake.
 */
final class DeflateNegotiation extends ChannelOutboundHandlerAdapter {

    static final String NAME = "skein-deflate-negotiation";
    static final String AGREED = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";

    private final SharedZlib zlib;
    private final int thresholdBytes;
    private final int maxMessageBytes;
    private final Consumer<Boolean> onRefused;

    DeflateNegotiation(SharedZlib zlib, int thresholdBytes, int maxMessageBytes, Consumer<Boolean> onRefused) {
        this.zlib = zlib;
        this.thresholdBytes = thresholdBytes;
        this.maxMessageBytes = maxMessageBytes;
        this.onRefused = onRefused;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (!(msg instanceof HttpResponse response)) {
            ctx.write(msg, promise);
            return;
        }
        if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            settle(ctx.channel(), response, promise);
        }
        ctx.write(msg, promise);
        ctx.pipeline().remove(this);
    }

    private void settle(Channel channel, HttpResponse response, ChannelPromise promise) {
        String negotiated = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
        if (negotiated == null || !negotiated.toLowerCase(Locale.ROOT).contains("permessage-deflate")) {
            return;
        }
        boolean keepable = !negotiated.toLowerCase(Locale.ROOT).contains("server_max_window_bits");
        if (keepable) {
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, AGREED);
        } else {
            response.headers().remove(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
        }
        // Netty adds its compressor and decompressor once the response is written (its listener ran first)
        promise.addListener(written -> {
            if (written.isSuccess()) {
                swapCodecs(channel.pipeline(), keepable);
            }
        });
    }

    private void swapCodecs(ChannelPipeline pipeline, boolean keep) {
        List<Map.Entry<String, ChannelHandler>> entries = new ArrayList<>();
        pipeline.forEach(entries::add);
        for (Map.Entry<String, ChannelHandler> entry : entries) {
            ChannelHandler handler = entry.getValue();
            if (handler instanceof WebSocketExtensionEncoder && !(handler instanceof SelectiveDeflateEncoder)) {
                if (keep) {
                    pipeline.replace(entry.getKey(), "skein-deflate-encoder", new SelectiveDeflateEncoder(zlib, thresholdBytes));
                } else {
                    pipeline.remove(entry.getKey());
                }
            } else if (handler instanceof WebSocketExtensionDecoder && !(handler instanceof NoContextInflateDecoder)) {
                if (keep) {
                    pipeline.replace(entry.getKey(), "skein-inflate-decoder", new NoContextInflateDecoder(maxMessageBytes, onRefused));
                } else {
                    pipeline.remove(entry.getKey());
                }
            }
        }
    }
}

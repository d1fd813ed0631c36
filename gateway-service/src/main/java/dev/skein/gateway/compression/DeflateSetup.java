package dev.skein.gateway.compression;

import dev.skein.gateway.config.CompressionConfig;
import dev.skein.gateway.config.GatewayConfig;
import dev.skein.gateway.metrics.GatewayMetrics;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Wires permessage-deflate where it pays (see {@link CompressionConfig}). Vert.x negotiates the
 * extension and would then compress every message of every connection, each with a zlib context
 * of its own; it offers no per-message choice. So the gateway lets Vert.x negotiate (only
 * permessage-deflate, accepting offers that ask for no server context takeover) and, for each
 * WebSocket upgrade, adds {@link DeflateNegotiation} to the connection's Netty pipeline before the
 * handshake answer is written; it settles the agreement and puts the gateway's own codecs in place.
 * The Netty pipeline is reached through Vert.x's connection implementation ({@link ConnectionBase});
 * {@code CompressionTest} fails if a Vert.x upgrade moves it.
 */
@ApplicationScoped
public class DeflateSetup implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(DeflateSetup.class);
    /** Where Vert.x puts Netty's extension negotiation in an HTTP/1.x connection's pipeline. */
    static final String VERTX_EXTENSION_HANDLER = "webSocketExtensionHandler";

    private final CompressionConfig config;
    private final int maxMessageBytes;
    private final SharedZlib zlib;
    private final GatewayMetrics metrics;

    DeflateSetup(CompressionConfig config, GatewayConfig gateway, GatewayMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        this.maxMessageBytes = gateway.maxFrameSize();
        this.zlib = new SharedZlib(config.level(), config.recentBytes(), metrics::deflateReused);
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setPerFrameWebSocketCompressionSupported(false);
        options.setPerMessageWebSocketCompressionSupported(config.enabled());
        options.setWebSocketCompressionLevel(config.level());
        options.setWebSocketAllowServerNoContext(true);
        options.setWebSocketPreferredClientNoContext(true);
    }

    void install(@Observes Router router) {
        if (!config.enabled()) {
            return;
        }
        router.route("/ws/*").order(Integer.MIN_VALUE).handler(context -> {
            prepare(context.request());
            context.next();
        });
    }

    private void prepare(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        String offer = request.getHeader("Sec-WebSocket-Extensions");
        if (upgrade == null || !"websocket".equalsIgnoreCase(upgrade) || offer == null
                || !offer.toLowerCase(Locale.ROOT).contains("permessage-deflate")) {
            return;
        }
        ChannelPipeline pipeline = pipelineOf(request.connection());
        if (pipeline == null || pipeline.get(VERTX_EXTENSION_HANDLER) == null) {
            LOG.debugf("no extension handler in the pipeline of %s: Vert.x's compression stays", request.path());
            return;
        }
        if (pipeline.get(DeflateNegotiation.NAME) == null) {
            pipeline.addBefore(VERTX_EXTENSION_HANDLER, DeflateNegotiation.NAME,
                new DeflateNegotiation(zlib, config.thresholdBytes(), maxMessageBytes,
                    tooBig -> metrics.error(tooBig ? "too-big" : "malformed")));
        }
    }

    private static ChannelPipeline pipelineOf(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            Channel channel = base.channel();
            return channel == null ? null : channel.pipeline();
        }
        return null;
    }
}

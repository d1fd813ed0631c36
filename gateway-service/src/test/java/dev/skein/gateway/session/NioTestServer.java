package dev.skein.gateway.session;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A Netty NIO server on one event loop for tests of a connection's channel: each accepted channel
 * gets a fresh handler from {@code handler}; the first one accepted is {@link #accepted()}.
 */
final class NioTestServer implements AutoCloseable {

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final CompletableFuture<Channel> accepted = new CompletableFuture<>();
    private final Channel server;

    NioTestServer(Supplier<ChannelHandler> handler) throws InterruptedException {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(handler.get());
                    accepted.complete(channel);
                }
            })
            .bind("127.0.0.1", 0).sync().channel();
    }

    /** A plain socket connected to the server. */
    Socket connect() throws IOException {
        return new Socket("127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort());
    }

    /** The server's side of the first accepted connection. */
    Channel accepted() throws Exception {
        return accepted.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        server.close().sync();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
}

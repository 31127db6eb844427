package io.palisade.common.framing;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.palisade.common.requestid.FilterOrder;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.quarkus.vertx.http.HttpServerStart;
import io.quarkus.vertx.http.HttpsServerStart;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Puts {@link StrictRequestDecoder} in place of Vert.x's decoder on every connection the public port accepts, in
 * the gateway and in every service alike: the same bytes are then read the same way on the public door and on a
 * service's own port.
 * Neither Quarkus nor Vert.x lets an application choose the decoder, so this reaches one level down: once the
 * first request shows which server channel accepts our connections, a handler on that channel gives every
 * connection accepted after it a {@link DecoderSwap}, which replaces the decoder before the connection's
 * first byte is decoded. The gateway sends itself that first request as soon as a public port listens (plain
 * or TLS), and its readiness stays down until the guard is in place, so no client connection is served
 * without it. A test whose rule breaks when Vert.x changes these internals: the gateway's
 * {@code RequestSmugglingTest}, and each service's chunk-size test.
 */
@ApplicationScoped
class CodecGuard implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(CodecGuard.class);
    private static final String DECODER = "httpDecoder";
    private static final int MAX_ATTEMPTS = 150;
    private static final long RETRY_DELAY_MS = 200;

    private final Set<Channel> guardedServers = ConcurrentHashMap.newKeySet();
    private final Vertx vertx;
    private volatile HttpServerOptions serverOptions;

    CodecGuard(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        serverOptions = options;
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        serverOptions = options;
    }

    /** Whether connections accepted from now on decode strictly. */
    boolean active() {
        return !guardedServers.isEmpty();
    }

    /** Every request's connection shows the server channel that accepted it: guarded before anything else runs. */
    void install(@Observes Router router) {
        router.route().order(FilterOrder.CODEC_GUARD).handler(ctx -> {
            guardServerOf(ctx.request().connection());
            ctx.next();
        });
    }

    /** Guards the server channel that accepted {@code connection}, once per server channel. */
    private void guardServerOf(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            return;
        }
        Channel server = base.channel().parent();
        if (server != null && guardedServers.add(server)) {
            // Copied now, after Quarkus has applied every limit to them: the decoder reads its sizes from here.
            HttpServerOptions options =
                    serverOptions == null ? new HttpServerOptions() : new HttpServerOptions(serverOptions);
            server.pipeline().addFirst("palisade-codec-guard", new AcceptedConnections(options));
            server.closeFuture().addListener(closed -> guardedServers.remove(server));
        }
    }

    void sendFirstRequest(@ObservesAsync HttpServerStart started) {
        sendFirstRequest(started.options(), "quarkus.http.port", "quarkus.http.test-port", new NetClientOptions());
    }

    /**
     * A gateway that serves TLS itself (and perhaps no plain port at all) is guarded the same way. The request
     * goes to our own loopback port and carries nothing, so the certificate is not checked.
     */
    void sendFirstRequest(@ObservesAsync HttpsServerStart started) {
        sendFirstRequest(started.options(), "quarkus.http.ssl-port", "quarkus.http.test-ssl-port",
                new NetClientOptions().setSsl(true).setTrustAll(true).setHostnameVerificationAlgorithm(""));
    }

    private void sendFirstRequest(HttpServerOptions options, String portKey, String testPortKey,
            NetClientOptions client) {
        String host = options.getHost() == null || options.getHost().equals("0.0.0.0") || options.getHost().equals("::")
                ? "127.0.0.1" : options.getHost();
        String key = LaunchMode.current() == LaunchMode.TEST ? testPortKey : portKey;
        NetClient once = vertx.createNetClient(client.setConnectTimeout(5_000));
        attempt(once, host, options.getPort(), key, 1);
    }

    /**
     * The options hold the configured port; a random one (0) is known only once Quarkus reports it, which may
     * come after this event. So the request is retried, re-reading the port, until the guard is in place.
     */
    private void attempt(NetClient once, String host, int configuredPort, String portKey, int attempt) {
        int port = ConfigProvider.getConfig().getOptionalValue(portKey, Integer.class)
                .filter(reported -> reported > 0).orElse(configuredPort);
        if (port <= 0) {
            retry(once, host, configuredPort, portKey, attempt, null);
            return;
        }
        once.connect(port, host)
                .onSuccess(socket -> {
                    socket.handler(answer -> socket.close());
                    socket.closeHandler(closed -> {
                        if (active()) {
                            once.close();
                        } else {
                            retry(once, host, configuredPort, portKey, attempt, null);
                        }
                    });
                    socket.write(Buffer.buffer("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n"));
                })
                .onFailure(e -> retry(once, host, configuredPort, portKey, attempt, e));
    }

    private void retry(NetClient once, String host, int configuredPort, String portKey, int attempt,
            Throwable failure) {
        if (attempt >= MAX_ATTEMPTS) {
            LOG.errorf(failure, "could not reach the public port to install the request-framing guard; "
                    + "readiness stays down until a request arrives");
            once.close();
            return;
        }
        vertx.setTimer(RETRY_DELAY_MS, fired -> attempt(once, host, configuredPort, portKey, attempt + 1));
    }

    @ChannelHandler.Sharable
    private static final class AcceptedConnections extends ChannelInboundHandlerAdapter {
        private final HttpServerOptions options;

        AcceptedConnections(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object accepted) {
            ((Channel) accepted).pipeline().addFirst(new DecoderSwap(options, false));
            ctx.fireChannelRead(accepted);
        }
    }

    /**
     * Waits for Vert.x to build the connection's pipeline, then swaps the decoder. On a plain port without
     * cleartext HTTP/2, Vert.x has added its decoder by the time the connection is active, and it is swapped
     * there. Otherwise Vert.x adds it only once it has seen the first bytes (HTTP/1 or HTTP/2 prior knowledge)
     * or finished the TLS handshake, and always at the end of the pipeline; so this handler first moves to the
     * end itself, where the decoder is added right behind it, and swaps it as the first bytes pass on their way
     * to it.
     */
    private static final class DecoderSwap extends ChannelInboundHandlerAdapter {
        private final HttpServerOptions options;
        private final boolean last;

        DecoderSwap(HttpServerOptions options, boolean last) {
            this.options = options;
            this.last = last;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.fireChannelActive();
            if (!last) {
                ChannelPipeline pipeline = ctx.pipeline();
                pipeline.remove(this);
                if (!swap(pipeline)) {
                    pipeline.addLast(new DecoderSwap(options, true));
                }
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ChannelPipeline pipeline = ctx.pipeline();
            if (last && pipeline.last() != this) {
                swap(pipeline);
                // HTTP/1 decoded strictly from here on, or HTTP/2, whose frames carry their own lengths.
                pipeline.remove(this);
            }
            ctx.fireChannelRead(message);
        }

        /** Replaces Vert.x's decoder when it is in place; false when there is none yet. */
        private boolean swap(ChannelPipeline pipeline) {
            ChannelHandler decoder = pipeline.get(DECODER);
            if (decoder instanceof VertxHttpRequestDecoder && !(decoder instanceof StrictRequestDecoder)) {
                pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(options));
                return true;
            }
            return decoder instanceof StrictRequestDecoder;
        }
    }
}

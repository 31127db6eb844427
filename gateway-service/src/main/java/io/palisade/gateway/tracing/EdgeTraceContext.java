package io.palisade.gateway.tracing;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.palisade.gateway.clientip.ClientIpResolver;
import io.quarkus.opentelemetry.runtime.propagation.TextMapPropagatorCustomizer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * The edge decides where a trace starts. A {@code traceparent} from the internet would let anyone pick trace ids
 * (and collide with real ones), force sampling (multiplying the tracing backend's load at will), and push
 * {@code tracestate} and {@code baggage} into every service behind us. So the gateway reads a request's trace
 * context only when its socket peer is one of {@code palisade.gateway.trusted-proxies}; from anyone else it
 * reads nothing, and the request starts a new trace under this gateway's own sampling. Whatever the gateway
 * sends upstream is then written from its own context, never copied from the client (see the proxy).
 */
@Singleton
class EdgeTraceContext implements TextMapPropagatorCustomizer {

    private final ClientIpResolver clients;

    EdgeTraceContext(ClientIpResolver clients) {
        this.clients = clients;
    }

    @Override
    public TextMapPropagator customize(Context context) {
        return new FromTrustedPeersOnly(context.propagator(), clients);
    }

    private record FromTrustedPeersOnly(TextMapPropagator delegate, ClientIpResolver clients) implements TextMapPropagator {

        @Override
        public Collection<String> fields() {
            return delegate.fields();
        }

        @Override
        public <C> void inject(io.opentelemetry.context.Context context, C carrier, TextMapSetter<C> setter) {
            delegate.inject(context, carrier, setter);
        }

        @Override
        public <C> io.opentelemetry.context.Context extract(io.opentelemetry.context.Context context, C carrier, TextMapGetter<C> getter) {
            // The gateway's only inbound carrier is an HTTP request; anything else is not believed either.
            if (carrier instanceof HttpServerRequest request && clients.peerIsTrusted(request)) {
                return delegate.extract(context, carrier, getter);
            }
            return context;
        }
    }
}

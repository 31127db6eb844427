package io.palisade.common.clientip;

import io.vertx.core.http.HttpServerRequest;

/**
 * Who the client of a request is. Every service has exactly one: {@link ForwardedClient} by default, the
 * gateway its own (it answers for the internet's clients, under its own trust settings). Common's filter asks
 * it once per request, so no service reads forwarding headers twice under two settings.
 */
public interface ClientIpSource {

    /** The client's address as text (the socket peer when nothing trusted said otherwise). */
    String clientOf(HttpServerRequest request);
}

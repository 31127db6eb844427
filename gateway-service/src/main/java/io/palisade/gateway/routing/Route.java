package io.palisade.gateway.routing;

import io.palisade.gateway.proxy.Upstream;
import io.palisade.gateway.ratelimit.Policy;

/** A route of API.md: which upstream serves it, which rate-limit policy counts it, whether it needs a token. */
record Route(String name, Upstream upstream, Policy policy, boolean requiresToken) {
}

package io.palisade.gateway.ratelimit;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The configured policies, checked at start-up: a name other than lower-case letters and digits stops the
 * gateway naming its key, since {@code PALISADE_GATEWAY_POLICIES_MY_POLICY_LIMIT} could then mean two keys; so
 * does a lease on a policy that may not have one, or of more than a tenth of its limit.
 */
@Startup
@ApplicationScoped
public class Policies {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+");

    private final Map<String, Policy> byName = new TreeMap<>();

    Policies(PolicyConfig config, RateLimitConfig rateLimit) {
        config.policies().forEach((name, spec) -> {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("palisade.gateway.policies." + name
                        + ": a policy name is lower-case letters and digits only");
            }
            boolean closed = spec.whenRedisDown() == PolicyConfig.WhenRedisDown.CLOSED || !rateLimit.failOpen();
            boolean byUser = spec.key() == PolicyConfig.Key.USER;
            if (spec.lease() > 1 && (!byUser || spec.whenRedisDown() == PolicyConfig.WhenRedisDown.CLOSED)) {
                throw new IllegalStateException("palisade.gateway.policies." + name
                        + ".lease: only a policy keyed by user and open when Redis is down may lease units");
            }
            if (spec.lease() > 1 && spec.lease() > spec.limit() / 10) {
                throw new IllegalStateException("palisade.gateway.policies." + name
                        + ".lease: at most a tenth of the limit (" + spec.limit() / 10 + ")");
            }
            // A policy that fails closed only because rate limiting as a whole does is not leased either.
            byName.put(name, new Policy(name, spec.limit(), spec.window(), byUser, closed, closed ? 1 : spec.lease()));
        });
    }

    /** The policy called {@code name}; {@code key} names the setting that asked for it, for the start-up error. */
    public Policy named(String name, String key) {
        Policy policy = byName.get(name);
        if (policy == null) {
            throw new IllegalStateException(key + ": no policy '" + name + "' (known: " + byName.keySet() + ")");
        }
        return policy;
    }

    public Collection<Policy> all() {
        return byName.values();
    }
}

package io.palisade.gateway.ratelimit;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The configured policies, checked at start-up: a name other than lower-case letters and digits stops the
 * gateway naming its key, since {@code PALISADE_GATEWAY_POLICIES_MY_POLICY_LIMIT} could then mean two keys.
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
            byName.put(name, new Policy(name, spec.limit(), spec.window(), spec.key() == PolicyConfig.Key.USER,
                    closed));
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

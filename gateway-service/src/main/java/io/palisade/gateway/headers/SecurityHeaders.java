package io.palisade.gateway.headers;

import io.vertx.core.MultiMap;
import java.util.Map;

/**
 * The response headers of API.md "Gateway policies". The gateway applies them once, replacing whatever an
 * upstream sent, so a service cannot weaken them by accident or by compromise.
 */
final class SecurityHeaders {

    public static final String HSTS_VALUE = "max-age=31536000; includeSubDomains";

    private static final Map<String, String> ALWAYS = Map.of(
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cross-Origin-Opener-Policy", "same-origin",
            "Cross-Origin-Resource-Policy", "same-origin",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                    + "interest-cohort=(), browsing-topics=()");

    /** Headers that reveal the software behind a response; never sent. */
    private static final String[] REVEALING = {"Server", "X-Powered-By"};

    private SecurityHeaders() {
    }

    /**
     * Sets every security header on {@code headers}, replacing existing values.
     *
     * @param hsts          whether to send Strict-Transport-Security (prod profile)
     * @param cacheControl  {@code no-store} for API answers; an avatar download keeps its {@code private}
     */
    public static void apply(MultiMap headers, boolean hsts, String cacheControl) {
        ALWAYS.forEach(headers::set);
        for (String name : REVEALING) {
            headers.remove(name);
        }
        if (hsts) {
            headers.set("Strict-Transport-Security", HSTS_VALUE);
        } else {
            headers.remove("Strict-Transport-Security");
        }
        headers.set("Cache-Control", cacheControl);
    }
}

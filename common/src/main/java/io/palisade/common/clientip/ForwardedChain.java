package io.palisade.common.clientip;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The addresses a request's proxies reported, oldest hop first, from the one header a deployment names:
 * {@code X-Forwarded-For} or RFC 7239 {@code Forwarded} ({@code for=} values, quotes, brackets and ports
 * removed). Only one of them is ever read: a proxy that sets one lets the client write the other.
 */
public final class ForwardedChain {

    public static final String X_FORWARDED_FOR = "X-Forwarded-For";
    public static final String FORWARDED = "Forwarded";

    private ForwardedChain() {
    }

    /** The chain in {@code header} ({@link #X_FORWARDED_FOR} or {@link #FORWARDED}). */
    public static List<String> of(MultiMap headers, String header) {
        List<String> hops = new ArrayList<>();
        boolean forwarded = header.equalsIgnoreCase(FORWARDED);
        for (String value : headers.getAll(forwarded ? FORWARDED : X_FORWARDED_FOR)) {
            for (String element : value.split(",")) {
                if (!forwarded) {
                    if (!element.isBlank()) {
                        hops.add(element.strip());
                    }
                    continue;
                }
                for (String pair : element.split(";")) {
                    String[] kv = pair.strip().split("=", 2);
                    if (kv.length == 2 && kv[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
                        hops.add(forValue(kv[1]));
                    }
                }
            }
        }
        return hops;
    }

    /** A Forwarded {@code for=} value without quotes, brackets or port: {@code "[2001:db8::1]:4711"}. */
    private static String forValue(String raw) {
        String value = raw.strip().replace("\"", "");
        if (value.startsWith("[")) {
            return value.substring(1, value.indexOf(']') > 0 ? value.indexOf(']') : value.length());
        }
        if (value.indexOf(':') > 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            return value.substring(0, value.indexOf(':'));
        }
        return value;
    }
}

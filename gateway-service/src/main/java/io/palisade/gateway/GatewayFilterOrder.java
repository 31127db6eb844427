package io.palisade.gateway;

import io.palisade.common.requestid.FilterOrder;

/**
 * The gateway's own router filters, placed among those every service has ({@link FilterOrder}). Security
 * headers come right after the request id and client address, so even a refused framing, a redirect or a
 * refused preflight carries them; framing is judged before anything reads the request; the body limit,
 * common to all, runs once CORS has answered preflights; routing comes last.
 */
public final class GatewayFilterOrder {

    public static final int SECURITY_HEADERS = FilterOrder.CLIENT_IP + 40;
    public static final int FRAMING = SECURITY_HEADERS + 10;
    public static final int HTTPS_REDIRECT = FRAMING + 40;
    public static final int CORS = HTTPS_REDIRECT + 100;
    public static final int ROUTE = FilterOrder.BODY_LIMIT + 600;

    private GatewayFilterOrder() {
    }
}

package io.palisade.common.requestid;

/**
 * The one place that orders the router-level filters every service has. The request id comes first so that
 * everything after it, rejections included, logs and answers with it. The gateway places its own filters
 * among these (gateway-service's GatewayFilterOrder), between the client address and the body limit.
 */
public final class FilterOrder {

    /** Not a filter that answers: it puts the strict HTTP/1 decoder on the server channel (common's framing). */
    public static final int CODEC_GUARD = -10_010;
    public static final int REQUEST_ID = -10_000;
    public static final int ACCESS_LOG = -9_995;
    public static final int CLIENT_IP = -9_990;
    public static final int BODY_LIMIT = -9_600;

    private FilterOrder() {
    }
}

package io.palisade.common.requestid;

/**
 * The one place that orders the router-level filters of every service. The request id comes first so that
 * everything after it, rejections included, logs and answers with it; the gateway's security headers come
 * next, so that even a redirect or a refused preflight carries them.
 */
public final class FilterOrder {

    public static final int REQUEST_ID = -10_000;
    public static final int ACCESS_LOG = -9_995;
    public static final int CLIENT_IP = -9_990;
    public static final int SECURITY_HEADERS = -9_950;
    public static final int FRAMING = -9_940;
    public static final int HTTPS_REDIRECT = -9_900;
    public static final int CORS = -9_800;
    public static final int BODY_LIMIT = -9_600;
    public static final int ROUTE = -9_000;

    private FilterOrder() {
    }
}

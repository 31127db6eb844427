package io.palisade.common.requestid;

/**
 * The one place that orders the router-level filters of every service: the request id comes first so
 * that everything after it, rejections included, logs and answers with it.
 */
public final class FilterOrder {

    public static final int REQUEST_ID = -10_000;
    public static final int HTTPS_REDIRECT = -9_900;
    public static final int CORS = -9_800;
    public static final int SECURITY_HEADERS = -9_700;
    public static final int BODY_LIMIT = -9_600;

    private FilterOrder() {
    }
}

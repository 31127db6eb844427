package io.palisade.auth.token;

/** The body of a login or a refresh. */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String csrfToken) {

    public static TokenResponse bearer(String accessToken, long expiresIn, String csrfToken) {
        return new TokenResponse(accessToken, "Bearer", expiresIn, csrfToken);
    }

    @Override
    public String toString() {
        return "TokenResponse[expiresIn=" + expiresIn + "]";
    }
}

package io.palisade.common.jwt;

/**
 * The roles an access token's {@code groups} may grant. {@link TokenPolicy} keeps only those its audience
 * allows: user tokens act as {@link #USER} or {@link #ADMIN}, service tokens as {@link #SERVICE}, never both.
 */
public final class Roles {

    public static final String USER = "user";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";

    private Roles() {
    }
}

package io.palisade.common.jwt;

import java.util.Set;

/**
 * The roles an access token's {@code groups} may grant. {@link TokenPolicy} keeps only those its audience
 * allows: user tokens act as {@link #USER} or {@link #ADMIN}, service tokens as {@link #SERVICE}, never both.
 */
public final class Roles {

    public static final String USER = "user";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";
    /** The roles of a user token: a token whose groups hold neither is no user's. */
    public static final Set<String> OF_USERS = Set.of(USER, ADMIN);

    private Roles() {
    }
}

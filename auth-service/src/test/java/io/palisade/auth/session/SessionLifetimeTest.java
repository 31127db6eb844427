package io.palisade.auth.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A family past its expiry refreshes no more.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class ExpiredFamilyTest {

    @Inject
    Pool pool;

    @Test
    void anExpiredFamilyIsRefused() {
        Session session = Session.login();
        session.updateFamilies(pool, "expires_at = now() - interval '1 second'");
        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401)
                .contentType("application/problem+json").body("type", equalTo("urn:palisade:problem:unauthenticated"))
                .header("Set-Cookie", nullValue());
        // Refused, not rotated: no token was issued, and an expired family is not mistaken for reuse.
        assertThat(session.tokensIssued(pool)).isEqualTo(1);
        assertThat(session.revokedFamilies(pool)).isZero();
    }
}

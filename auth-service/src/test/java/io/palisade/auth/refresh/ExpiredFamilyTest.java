package io.palisade.auth.refresh;

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
        AuthTestSupport.refresh(session.refresh(), session.csrf()).then().statusCode(401);
    }
}

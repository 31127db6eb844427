package io.palisade.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.Session;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.Concurrently;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Concurrent uses of one fresh refresh token rotate it exactly once; the others are within the leeway.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class ConcurrentRefreshTest {

    @Inject
    Pool pool;

    @Test
    void twentyConcurrentRefreshesOfOneFreshTokenRotateItExactlyOnce() {
        Session session = Session.login();

        List<Response> answers = Concurrently.run(20, i -> AuthTestSupport.refresh(session.refresh(), session.csrf()));

        assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).isEqualTo(200));
        assertThat(answers.stream().filter(a -> a.getCookie("refresh_token") != null)).hasSize(1);
        assertThat(session.tokensIssued(pool)).isEqualTo(2);
        assertThat(session.revokedFamilies(pool)).isZero();
    }
}

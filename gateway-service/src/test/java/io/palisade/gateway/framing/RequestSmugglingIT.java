package io.palisade.gateway.framing;

import io.palisade.gateway.support.PackagedGatewayConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedGatewayConfig.class, restrictToAnnotatedClass = true)
class RequestSmugglingIT extends RequestSmugglingTest {
}

package io.palisade.user;

import io.palisade.common.testing.FoundationContractTest;
import io.palisade.user.support.AuthServiceStandIn;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(AuthServiceStandIn.class)
class FoundationTest extends FoundationContractTest {
}

package io.palisade.auth;

import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.testing.FoundationContractTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class FoundationTest extends FoundationContractTest {
}

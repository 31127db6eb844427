package io.palisade.gateway;

import io.palisade.common.testing.FoundationContractTest;
import io.palisade.gateway.support.Upstreams;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(Upstreams.class)
class FoundationTest extends FoundationContractTest {
}

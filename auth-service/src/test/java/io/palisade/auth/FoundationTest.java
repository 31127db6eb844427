package io.palisade.auth;

import io.palisade.common.testing.FoundationContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FoundationTest extends FoundationContractTest {
}

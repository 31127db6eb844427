package io.palisade.user;

import io.palisade.common.testing.FoundationContractTest;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FoundationTest extends FoundationContractTest {
}

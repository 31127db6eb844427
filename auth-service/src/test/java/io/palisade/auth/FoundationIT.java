package io.palisade.auth;

import io.palisade.auth.support.PackagedAuthConfig;
import io.palisade.common.testing.PackagedFoundationContractTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedAuthConfig.class, restrictToAnnotatedClass = true)
class FoundationIT extends PackagedFoundationContractTest {
}

package io.palisade.user;

import io.palisade.user.support.PackagedUserConfig;
import io.palisade.common.testing.PackagedFoundationContractTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedUserConfig.class, restrictToAnnotatedClass = true)
class FoundationIT extends PackagedFoundationContractTest {
}

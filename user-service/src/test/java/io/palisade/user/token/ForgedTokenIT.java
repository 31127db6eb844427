package io.palisade.user.token;

import io.palisade.user.support.PackagedUserConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedUserConfig.class, restrictToAnnotatedClass = true)
class ForgedTokenIT extends ForgedTokenTest {
}

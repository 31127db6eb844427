package io.palisade.auth.token;

import io.palisade.auth.support.PackagedAuthConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedAuthConfig.class, restrictToAnnotatedClass = true)
class ForgedTokenIT extends ForgedTokenTest {
}

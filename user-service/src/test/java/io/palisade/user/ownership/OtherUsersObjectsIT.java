package io.palisade.user.ownership;

import io.palisade.user.support.PackagedUserConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedUserConfig.class, restrictToAnnotatedClass = true)
class OtherUsersObjectsIT extends OtherUsersObjectsTest {
}

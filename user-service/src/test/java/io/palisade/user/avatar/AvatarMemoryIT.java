package io.palisade.user.avatar;

import io.palisade.user.support.PackagedUserConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same burst against the packaged build running with the pods' heap (-Xmx256m, set for every IT). */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedUserConfig.class, restrictToAnnotatedClass = true)
class AvatarMemoryIT extends AvatarMemoryTest {
}

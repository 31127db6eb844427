package io.palisade.user.avatar;

import io.palisade.user.support.PackagedUserConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same bursts against the packaged build with the pods' heap (-Xmx256m, which exits when it runs out). */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedUserConfig.class, restrictToAnnotatedClass = true)
class UploadBurstIT extends UploadBurstTest {
}

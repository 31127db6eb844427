package io.palisade.common.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@link FoundationContractTest} for a packaged build under {@code @QuarkusIntegrationTest}, where Quarkus
 * injects the default management URL rather than the port the build was started on.
 */
public abstract class PackagedFoundationContractTest extends FoundationContractTest {

    @Override
    protected String managementRoot() {
        return "http://localhost:"
                + ConfigProvider.getConfig().getValue("quarkus.management.test-port", String.class) + "/q";
    }
}

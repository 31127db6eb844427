package io.palisade.gateway;

import io.palisade.common.architecture.ArchitectureContractTest;

class ArchitectureTest extends ArchitectureContractTest {

    @Override
    protected String servicePackage() {
        return "io.palisade.gateway";
    }
}

package io.palisade.user;

import io.palisade.common.architecture.ArchitectureContractTest;

class ArchitectureTest extends ArchitectureContractTest {

    @Override
    protected String servicePackage() {
        return "io.palisade.user";
    }
}

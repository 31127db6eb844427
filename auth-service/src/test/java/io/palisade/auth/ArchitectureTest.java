package io.palisade.auth;

import io.palisade.common.architecture.ArchitectureContractTest;

class ArchitectureTest extends ArchitectureContractTest {

    @Override
    protected String servicePackage() {
        return "io.palisade.auth";
    }

    /** Accounts are the one table every feature reads; the rules that go with it live in the account row. */
    @Override
    protected String[] sharedTables() {
        return new String[] {"io.palisade.auth.account"};
    }
}

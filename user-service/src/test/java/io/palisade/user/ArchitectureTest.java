package io.palisade.user;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import io.palisade.common.architecture.PalisadeArchitectureRules;

@AnalyzeClasses(packages = "io.palisade", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests common = ArchTests.in(PalisadeArchitectureRules.class);

    @ArchTest
    static final ArchRule onlyCommonIsShared = PalisadeArchitectureRules.onlyCommonIsShared("io.palisade.user");
}

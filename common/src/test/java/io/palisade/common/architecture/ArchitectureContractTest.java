package io.palisade.common.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks {@link PalisadeArchitectureRules} against one service's production classes and common's.
 * Plain JUnit Jupiter rather than ArchUnit's own engine, which the JUnit Platform of our Quarkus BOM does
 * not load: a rule engine that silently runs nothing would guard nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ArchitectureContractTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.palisade");

    /** The service's root package, e.g. {@code io.palisade.auth}. */
    protected abstract String servicePackage();

    /** Packages whose repository every feature may use; none unless a service says so. */
    protected String[] sharedTables() {
        return new String[0];
    }

    Stream<ArchRule> rules() {
        return PalisadeArchitectureRules.forService(servicePackage(), sharedTables()).stream();
    }

    @ParameterizedTest
    @MethodSource("rules")
    void keepsTheRule(ArchRule rule) {
        rule.check(classes);
    }
}

package io.palisade.auth;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.palisade.auth.session.ClientOfSession;
import io.palisade.auth.session.SignIn;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cuts of auth-service's house (STYLE "Layout"): the ground floor and {@code account} stand on nothing
 * else of auth, and {@code login} enters a session only through its doors. That repositories and REST-client
 * interfaces stay behind their feature's entry bean is common's rule for every service ({@link ArchitectureTest}).
 */
class PackageDoorsTest {

    private static final JavaClasses AUTH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.palisade.auth");

    /** What {@code login} may use of {@code session}: starting one, and describing the client it starts for. */
    private static final Set<String> SESSION_DOORS = Set.of(SignIn.class.getName(), SignIn.Session.class.getName(),
            ClientOfSession.class.getName());

    @Test
    void theGroundFloorStandsOnNothingElseOfAuth() {
        standsAlone("io.palisade.auth.secret..").check(AUTH);
    }

    @Test
    void accountsStandOnNothingElseOfAuth() {
        standsAlone("io.palisade.auth.account..").check(AUTH);
    }

    @Test
    void loginEntersASessionOnlyThroughItsDoors() {
        noClasses().that().resideInAPackage("io.palisade.auth.login..")
                .should().dependOnClassesThat(resideInAPackage("io.palisade.auth.session..")
                        .and(DescribedPredicate.describe("not one of session's doors " + SESSION_DOORS,
                                (JavaClass target) -> !SESSION_DOORS.contains(target.getName()))))
                .because("how a session rotates, stores and checks its tokens is session's business alone")
                .check(AUTH);
    }

    private static ArchRule standsAlone(String packages) {
        return noClasses().that().resideInAPackage(packages)
                .should().dependOnClassesThat(resideInAPackage("io.palisade.auth..")
                        .and(not(resideInAPackage(packages))))
                .because("everything else builds on it, so it can use nothing above it");
    }
}

package io.palisade.common.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.ws.rs.Path;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Rules every Palisade service keeps; {@link ArchitectureContractTest} checks them against a service's classes. */
public final class PalisadeArchitectureRules {

    private static final List<String> SERVICE_PACKAGES = List.of("io.palisade.auth", "io.palisade.user",
            "io.palisade.gateway");

    static final ArchRule NO_PRINT_STACK_TRACE = noClasses()
            .should().callMethod(Throwable.class, "printStackTrace")
            .because("stack traces go through the logger, which redacts and adds the request id");

    static final ArchRule NO_STANDARD_STREAMS = noClasses()
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("every line goes through the logger, which redacts and adds the request id");

    static final ArchRule RESOURCES_NEVER_BLOCK = noClasses()
            .that().areAnnotatedWith(Path.class)
            .should().callMethodWhere(DescribedPredicate.describe("a blocking wait",
                    call -> isBlocking(call.getTargetOwner(), call.getName())))
            .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "io.quarkus.redis.datasource..")
            .because("resources run on the event loop: a blocked I/O thread stalls every request on it")
            // The gateway has no JAX-RS resources at all.
            .allowEmptyShould(true);

    private PalisadeArchitectureRules() {
    }

    /**
     * Every rule, for the service whose classes live under {@code ownPackage}; {@code sharedTables} are the
     * packages whose repository every feature may use (auth-service's accounts), if any.
     */
    public static List<ArchRule> forService(String ownPackage, String... sharedTables) {
        return List.of(NO_PRINT_STACK_TRACE, NO_STANDARD_STREAMS, RESOURCES_NEVER_BLOCK, onlyCommonIsShared(ownPackage),
                featuresDependOneWay(ownPackage), featuresDependOneWay("io.palisade.common"),
                behindTheirFeature(ownPackage, sharedTables));
    }

    /**
     * A feature's repositories and REST-client interfaces are package-private (STYLE "Package-private by
     * default"): another feature goes through the feature's entry bean, which holds the rules that go with
     * the table or the call.
     */
    static ArchRule behindTheirFeature(String ownPackage, String... sharedTables) {
        DescribedPredicate<JavaClass> shared = DescribedPredicate.describe("a shared table",
                type -> Arrays.stream(sharedTables).anyMatch(table -> type.getPackageName().startsWith(table)));
        return classes().that().resideInAPackage(ownPackage + "..")
                .and(simpleNameEndingWith("Repository")
                        .or(DescribedPredicate.describe("REST-client interfaces",
                                type -> type.isAnnotatedWith(RegisterRestClient.class))))
                .and(DescribedPredicate.not(shared))
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .because("another feature reaches a feature's tables and clients through its entry bean")
                .allowEmptyShould(true);
    }

    /** A feature package may use another only if that one never uses it back (STYLE "Packages depend one way"). */
    static ArchRule featuresDependOneWay(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles()
                .because("a cycle between features means neither can change, be tested or be read alone")
                .allowEmptyShould(true);
    }

    /** A service's classes depend on common, never on another service's code. */
    static ArchRule onlyCommonIsShared(String ownPackage) {
        String[] others = SERVICE_PACKAGES.stream().filter(p -> !p.equals(ownPackage)).map(p -> p + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(ownPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("services share only common; they talk over HTTP, never through each other's code")
                .allowEmptyShould(true);
    }

    private static boolean isBlocking(JavaClass owner, String method) {
        String name = owner.getName();
        return name.startsWith("io.smallrye.mutiny.groups.UniAwait")
                || name.equals("io.smallrye.mutiny.groups.MultiSubscribe") && method.equals("asIterable")
                || name.equals(Thread.class.getName()) && method.equals("sleep")
                || name.equals("java.util.concurrent.Future") && method.equals("get")
                || name.equals("java.util.concurrent.CompletableFuture") && method.equals("join");
    }
}

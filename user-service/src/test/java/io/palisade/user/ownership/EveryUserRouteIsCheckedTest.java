package io.palisade.user.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link OwnershipCheck} recognises a user's object by the path parameter named {@code id}. A public route
 * that named its user id anything else would pass the check unseen, so no public route may: every path
 * variable under {@code /api/users} is {@code {id}}.
 */
class EveryUserRouteIsCheckedTest {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\s*(\\w+)");

    @Test
    void everyPathVariableOfAPublicUserRouteIsTheOneTheOwnershipCheckReads() {
        List<String> routes = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.palisade.user")) {
            Class<?> resource = type.reflect();
            Path root = resource.getAnnotation(Path.class);
            if (root == null || !root.value().startsWith("/api/users")) {
                continue;
            }
            for (Method method : resource.getDeclaredMethods()) {
                Path path = method.getAnnotation(Path.class);
                String template = root.value() + (path == null ? "" : path.value());
                Matcher variables = VARIABLE.matcher(template);
                while (variables.find()) {
                    assertThat(variables.group(1)).as("%s.%s: %s", resource.getSimpleName(), method.getName(), template)
                            .isEqualTo(OwnershipCheck.ID_PARAMETER);
                }
                routes.add(template);
            }
        }
        assertThat(routes).as("public user routes found").contains("/api/users/{" + OwnershipCheck.ID_PARAMETER + "}");
    }
}

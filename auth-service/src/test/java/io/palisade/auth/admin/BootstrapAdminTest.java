package io.palisade.auth.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.password.PasswordHasher;
import io.palisade.auth.registration.ProfileProvisioning;
import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.UserServiceStandIn;
import io.palisade.common.events.SecurityEvents;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap admin against real accounts: someone who registered the admin's email first does not get
 * the role without the configured password, and start-up stops naming the key; with the password, the
 * existing account is promoted; a missing one is created as admin.
 */
@QuarkusTest
@QuarkusTestResource(UserServiceStandIn.class)
class BootstrapAdminTest {

    @Inject
    AccountRepository accounts;

    @Inject
    PasswordHasher hasher;

    @Inject
    ProfileProvisioning profiles;

    @Inject
    SecurityEvents events;

    private BootstrapAdmin bootstrap(String email, String password) {
        BootstrapAdminConfig config = new BootstrapAdminConfig() {
            @Override
            public Optional<String> email() {
                return Optional.of(email);
            }

            @Override
            public Optional<String> password() {
                return Optional.of(password);
            }
        };
        return new BootstrapAdmin(config, accounts, hasher, profiles, events);
    }

    private boolean isAdmin(String email) {
        return accounts.findByEmail(email).await().atMost(Duration.ofSeconds(5)).isAdmin();
    }

    @Test
    void aPreRegisteredAdminEmailIsNotPromotedWithoutThePassword() {
        AuthTestSupport.Credentials squatter = AuthTestSupport.register();

        assertThatThrownBy(() -> bootstrap(squatter.email(), "The-Operators-Own-Secret-42!").onStart(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("palisade.auth.bootstrap-admin.password");
        assertThat(isAdmin(squatter.email())).isFalse();
    }

    @Test
    void anExistingAccountIsPromotedWhenThePasswordMatches() {
        AuthTestSupport.Credentials operator = AuthTestSupport.register();
        bootstrap(operator.email(), operator.password()).onStart(null);
        assertThat(isAdmin(operator.email())).isTrue();
        AuthTestSupport.login(operator.email(), operator.password(), null).then().statusCode(200);
    }

    @Test
    void aMissingAdminIsCreatedWithTheAdminGroup() {
        String email = "root-" + UUID.randomUUID() + "@palisade.test";
        bootstrap(email, "Fresh-Admin-Passphrase-8!").onStart(null);
        assertThat(isAdmin(email)).isTrue();
        AuthTestSupport.login(email, "Fresh-Admin-Passphrase-8!", null).then().statusCode(200);
    }
}

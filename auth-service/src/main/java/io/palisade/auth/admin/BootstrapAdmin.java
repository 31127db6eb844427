package io.palisade.auth.admin;

import io.palisade.common.jwt.Roles;
import io.palisade.auth.account.Account;
import io.palisade.auth.account.AccountRepository;
import io.palisade.auth.account.EmailTakenException;
import io.palisade.auth.account.Emails;
import io.palisade.auth.password.PasswordHasher;
import io.palisade.auth.registration.ProfileProvisioning;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Makes sure the configured admin exists. An existing account is promoted only when the configured
 * password matches its hash: whoever registered the admin's email first does not inherit the role, and
 * start-up stops, naming the key, until an operator sorts it out.
 *
 * <p>Runs once at start-up on the main thread (blocking there is fine). The profile is created in the
 * background, retried until user-service answers, so auth-service never waits on user-service to start.
 */
@ApplicationScoped
class BootstrapAdmin {

    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final String DISPLAY_NAME = "Administrator";

    private final BootstrapAdminConfig config;
    private final AccountRepository accounts;
    private final PasswordHasher hasher;
    private final ProfileProvisioning profiles;
    private final SecurityEvents events;

    BootstrapAdmin(BootstrapAdminConfig config, AccountRepository accounts, PasswordHasher hasher,
            ProfileProvisioning profiles, SecurityEvents events) {
        this.config = config;
        this.accounts = accounts;
        this.hasher = hasher;
        this.profiles = profiles;
        this.events = events;
    }

    void onStart(@Observes StartupEvent start) {
        if (config.email().isEmpty() && config.password().isEmpty()) {
            return;
        }
        if (config.email().isEmpty() || config.password().isEmpty()) {
            throw new IllegalStateException("palisade.auth.bootstrap-admin.email and .password must be set together");
        }
        String email = Emails.normalise(config.email().get());
        String password = config.password().get();
        Account existing = accounts.findByEmail(email).await().atMost(STARTUP_TIMEOUT);
        if (existing == null) {
            existing = create(email, password);
        }
        if (existing == null) {
            return;
        }
        if (!hasher.verify(password, existing.passwordHash()).await().atMost(STARTUP_TIMEOUT)) {
            throw new IllegalStateException("palisade.auth.bootstrap-admin.password does not match the existing account "
                    + "for palisade.auth.bootstrap-admin.email: refusing to promote it to admin");
        }
        if (!existing.isAdmin()) {
            List<String> groups = new ArrayList<>(existing.groups());
            groups.add(Roles.ADMIN);
            accounts.updateGroups(existing.id(), groups).await().atMost(STARTUP_TIMEOUT);
            events.record(SecurityEvent.BOOTSTRAP_ADMIN_PROMOTED, Map.of("accountId", existing.id().toString()));
        }
        provisionProfile(existing.id(), email);
    }

    /** Creates the admin; returns null when it did, or the account another replica created meanwhile. */
    private Account create(String email, String password) {
        Account admin = new Account(UUID.randomUUID(), email, hasher.hash(password).await().atMost(STARTUP_TIMEOUT),
                List.of(Roles.USER, Roles.ADMIN), DISPLAY_NAME);
        try {
            accounts.insert(admin).await().atMost(STARTUP_TIMEOUT);
        } catch (EmailTakenException raced) {
            return accounts.findByEmail(email).await().atMost(STARTUP_TIMEOUT);
        }
        events.record(SecurityEvent.BOOTSTRAP_ADMIN_CREATED, Map.of("accountId", admin.id().toString()));
        provisionProfile(admin.id(), email);
        return null;
    }

    private void provisionProfile(UUID id, String email) {
        profiles.create(id, email, DISPLAY_NAME)
                .onFailure().invoke(e -> LOG.infof("bootstrap admin profile not created yet (%s); retrying",
                        e.getClass().getSimpleName()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(done -> LOG.info("bootstrap admin profile is in place"));
    }
}

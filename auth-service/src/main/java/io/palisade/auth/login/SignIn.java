package io.palisade.auth.login;

import io.palisade.auth.account.Account;
import io.palisade.auth.csrf.CsrfTokens;
import io.palisade.auth.refresh.ClientOfSession;
import io.palisade.auth.refresh.RefreshTokenRotation;
import io.palisade.auth.throttle.LoginThrottle;
import io.palisade.auth.token.AccessTokenIssuer;
import io.palisade.auth.token.TokenResponse;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/** The end of every successful login, with or without a second factor: a new session and its tokens. */
@ApplicationScoped
public class SignIn {

    /** What a successful login hands back; {@code newDeviceToken} is null when the device was known. */
    public record Session(TokenResponse body, String refreshToken, String newDeviceToken) {
        @Override
        public String toString() {
            return "SignIn.Session[...]";
        }
    }

    private final DeviceRepository devices;
    private final LoginThrottle throttle;
    private final RefreshTokenRotation rotation;
    private final AccessTokenIssuer issuer;
    private final CsrfTokens csrf;
    private final SecurityEvents events;

    SignIn(DeviceRepository devices, LoginThrottle throttle, RefreshTokenRotation rotation, AccessTokenIssuer issuer,
            CsrfTokens csrf, SecurityEvents events) {
        this.devices = devices;
        this.throttle = throttle;
        this.rotation = rotation;
        this.issuer = issuer;
        this.csrf = csrf;
        this.events = events;
    }

    /**
     * Starts a session for {@code account}, authenticated by {@code amr}. {@code knownDevice} is the counter of the
     * device token the login presented, or null: then a new device is registered, and the session is bound to
     * its counter, where the session's own re-authentications count.
     */
    public Uni<Session> start(Account account, LoginThrottle.Counter knownDevice, ClientOfSession client,
            List<String> amr) {
        return (knownDevice != null ? Uni.createFrom().<String>nullItem() : devices.register(account.id()))
                .chain(newDevice -> rotation.start(account.id(), client, amr,
                                (knownDevice != null ? knownDevice : throttle.counter(account.email(), newDevice)).key())
                        .map(family -> {
                            AccessTokenIssuer.IssuedToken token = issuer.forUser(account, family.familyId(), amr);
                            events.record(SecurityEvent.LOGIN_SUCCEEDED, Map.of("accountId", account.id().toString()));
                            return new Session(TokenResponse.bearer(token.value(), token.expiresInSeconds(),
                                    csrf.forFamily(family.familyId())), family.newToken(), newDevice);
                        }));
    }
}

package io.palisade.auth.login;

import io.palisade.auth.account.Account;
import io.palisade.auth.csrf.CsrfTokens;
import io.palisade.auth.refresh.ClientOfSession;
import io.palisade.auth.refresh.RefreshTokenRotation;
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
    private final RefreshTokenRotation rotation;
    private final AccessTokenIssuer issuer;
    private final CsrfTokens csrf;
    private final SecurityEvents events;

    SignIn(DeviceRepository devices, RefreshTokenRotation rotation, AccessTokenIssuer issuer, CsrfTokens csrf,
            SecurityEvents events) {
        this.devices = devices;
        this.rotation = rotation;
        this.issuer = issuer;
        this.csrf = csrf;
        this.events = events;
    }

    /** Starts a session for {@code account}, authenticated by {@code amr}; registers the device when new. */
    public Uni<Session> start(Account account, boolean knownDevice, ClientOfSession client, List<String> amr) {
        return rotation.start(account.id(), client, amr)
                .chain(family -> (knownDevice ? Uni.createFrom().<String>nullItem() : devices.register(account.id()))
                        .map(newDevice -> {
                            AccessTokenIssuer.IssuedToken token = issuer.forUser(account, family.familyId(), amr);
                            events.record(SecurityEvent.LOGIN_SUCCEEDED, Map.of("accountId", account.id().toString()));
                            return new Session(TokenResponse.bearer(token.value(), token.expiresInSeconds(),
                                    csrf.forFamily(family.familyId())), family.newToken(), newDevice);
                        }));
    }
}

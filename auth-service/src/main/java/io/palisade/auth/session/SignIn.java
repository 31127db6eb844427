package io.palisade.auth.session;

import io.palisade.auth.account.Account;
import io.palisade.auth.mail.Notices;
import io.palisade.auth.throttle.LoginThrottle;
import io.palisade.auth.token.AccessTokenIssuer;
import io.palisade.auth.token.TokenResponse;
import io.palisade.common.events.SecurityEvent;
import io.palisade.common.events.SecurityEvents;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The door through which a login enters a session, with or without a second factor: whether the browser is a
 * known device of the account, the start of a new session with its tokens, and the 200 that sets its cookies.
 */
@ApplicationScoped
public class SignIn {

    /** The cookie that marks a browser as a known device of an account; the login route reads it. */
    public static final String DEVICE_COOKIE = SessionCookies.DEVICE;

    /**
     * What a successful login hands back: the session ends at {@code end} at the latest; {@code newDeviceToken} is
     * null when the device was known.
     */
    public record Session(TokenResponse body, String refreshToken, Instant end, String newDeviceToken) {
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
    private final SessionCookies cookies;
    private final SecurityEvents events;
    private final Notices notices;

    SignIn(DeviceRepository devices, LoginThrottle throttle, RefreshTokenRotation rotation, AccessTokenIssuer issuer,
            CsrfTokens csrf, SessionCookies cookies, SecurityEvents events, Notices notices) {
        this.notices = notices;
        this.devices = devices;
        this.throttle = throttle;
        this.rotation = rotation;
        this.issuer = issuer;
        this.csrf = csrf;
        this.cookies = cookies;
        this.events = events;
    }

    /** Whether {@code deviceToken} (the {@link #DEVICE_COOKIE}, may be null) is a device of {@code accountId}. */
    public Uni<Boolean> isDeviceOf(String deviceToken, UUID accountId) {
        return devices.belongsTo(deviceToken, accountId);
    }

    /**
     * Starts a session for {@code account}, authenticated by {@code amr}. {@code knownDevice} is the counter of the
     * device token the login presented, or null: then a new device is registered, and the session is bound to
     * its counter, where the session's own re-authentications count.
     */
    public Uni<Session> start(Account account, LoginThrottle.Counter knownDevice, ClientOfSession client,
            List<String> amr) {
        return (knownDevice != null ? Uni.createFrom().<DeviceRepository.NewDevice>nullItem() : devices.register(account.id()))
                .chain(newDevice -> rotation.start(account.id(), client, amr, (knownDevice != null ? knownDevice
                                : throttle.counter(account.email(), newDevice.token())).key())
                        .map(family -> {
                            AccessTokenIssuer.IssuedToken token = issuer.forUser(account, family.familyId(), amr);
                            events.record(SecurityEvent.LOGIN_SUCCEEDED, Map.of("accountId", account.id().toString()));
                            return new Session(TokenResponse.bearer(token.value(), token.expiresInSeconds(),
                                    csrf.forFamily(family.familyId())), family.newToken(), family.expiresAt(),
                                    newDevice == null ? null : newDevice.token());
                        })
                        // The account's first device is its owner's first login: only a later new one is news.
                        .call(session -> {
                            if (newDevice == null || !newDevice.accountHadOthers()) {
                                return Uni.createFrom().voidItem();
                            }
                            events.record(SecurityEvent.NEW_DEVICE_SIGN_IN, Map.of("accountId", account.id().toString()));
                            return notices.newSignIn(account.id(), client.userAgent(), client.ipPrefix());
                        }));
    }

    /** The 200 of a completed login, by either step: the token body and the session cookies. */
    public Response answer(Session session) {
        Response.ResponseBuilder response = Response.ok(session.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.SET_COOKIE, cookies.refresh(session.refreshToken(), session.end()))
                .header(HttpHeaders.SET_COOKIE, cookies.csrf(session.body().csrfToken(), session.end()));
        if (session.newDeviceToken() != null) {
            response.header(HttpHeaders.SET_COOKIE, cookies.device(session.newDeviceToken()));
        }
        return response.build();
    }
}

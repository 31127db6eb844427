package io.palisade.auth.login;

import io.palisade.auth.refresh.SessionCookies;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The 200 of a completed login, by either step: the token body and the session cookies. */
final class SessionAnswer {

    private SessionAnswer() {
    }

    static Response of(SignIn.Session session, SessionCookies cookies) {
        Response.ResponseBuilder response = Response.ok(session.body(), MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.SET_COOKIE, cookies.refresh(session.refreshToken()))
                .header(HttpHeaders.SET_COOKIE, cookies.csrf(session.body().csrfToken()));
        if (session.newDeviceToken() != null) {
            response.header(HttpHeaders.SET_COOKIE, cookies.device(session.newDeviceToken()));
        }
        return response.build();
    }
}

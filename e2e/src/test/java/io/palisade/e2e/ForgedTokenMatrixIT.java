package io.palisade.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.palisade.common.testing.TestTokens;
import io.palisade.e2e.Accounts.Account;
import io.palisade.e2e.Accounts.Session;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every forged token, sent to the gateway and to each service directly: each is refused with 401 and a
 * problem document. Each forgery changes exactly one property of a token the suite accepts.
 */
@ExtendWith(PalisadeSuite.class)
class ForgedTokenMatrixIT {

    private static Account account;

    @BeforeAll
    static void account() {
        account = Accounts.register("Target");
        Session session = Accounts.login(account);
        // The baseline: the same kind of token, unforged, is accepted everywhere the matrix knocks.
        for (Target target : Target.values()) {
            String subject = target.subject(account.id());
            target.call(target.request(PalisadeSuite.get())
                            .header("Authorization", "Bearer " + TestTokens.user(UUID.fromString(subject)).sign()), subject)
                    .then().statusCode(target.acceptedStatus);
        }
        session.bearer().get("/api/users/me").then().statusCode(200);
    }

    enum Target {
        GATEWAY_PROFILE(200) {
            RequestSpecification request(PalisadeSuite.Running suite) {
                return given().baseUri(suite.gateway());
            }

            io.restassured.response.Response call(RequestSpecification request, String id) {
                return request.get("/api/users/me");
            }
        },
        USER_SERVICE_PROFILE(200) {
            RequestSpecification request(PalisadeSuite.Running suite) {
                return given().baseUri(suite.user());
            }

            io.restassured.response.Response call(RequestSpecification request, String id) {
                return request.get("/api/users/" + id);
            }
        },
        AUTH_SERVICE_INTERNAL(204) {
            RequestSpecification request(PalisadeSuite.Running suite) {
                return given().baseUri(suite.auth());
            }

            io.restassured.response.Response call(RequestSpecification request, String id) {
                return request.delete("/internal/accounts/" + id);
            }

            @Override
            String subject(String accountId) {
                // A never-existing account of the token's own subject: the baseline's 204 deletes nothing.
                return UUID.nameUUIDFromBytes(accountId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            }
        };

        final int acceptedStatus;

        Target(int acceptedStatus) {
            this.acceptedStatus = acceptedStatus;
        }

        abstract RequestSpecification request(PalisadeSuite.Running suite);

        abstract io.restassured.response.Response call(RequestSpecification request, String id);

        /** The subject the tokens sent to this target carry. */
        String subject(String accountId) {
            return accountId;
        }
    }

    static Stream<Arguments> forgeries() {
        return Stream.of(Target.values()).flatMap(target -> {
            UUID subject = UUID.fromString(target.subject(account.id()));
            Map<String, String> forged = new java.util.LinkedHashMap<>(TestTokens.forgeries(subject));
            if (target == Target.GATEWAY_PROFILE) {
                // At the gateway, whose audience is the public one, a service token is simply not valid.
                forged.put("service token on a public route", TestTokens.service("user-service").subject(subject.toString()).sign());
            }
            return forged.entrySet().stream().map(f -> Arguments.of(target, f.getKey(), f.getValue()));
        });
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("forgeries")
    void refusesTheForgedToken(Target target, String forgery, String token) {
        String subject = target.subject(account.id());
        target.call(target.request(PalisadeSuite.get()).header("Authorization", "Bearer " + token), subject)
                .then().statusCode(401)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }
}

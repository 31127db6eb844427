package io.palisade.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The forgery tests' "no request reached the attacker" only means something if a request would be counted. */
class AttackerKeysTest {

    @Test
    void aVerifierFollowingJkuWouldBeCountedAndServedTheAttackersKey() throws Exception {
        int before = AttackerKeys.requests();

        HttpResponse<String> jwks = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(AttackerKeys.url("/jwks.json"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(AttackerKeys.requests()).isEqualTo(before + 1);
        assertThat(jwks.body()).contains("\"n\":\"" + AttackerKeys.publicJwk().get("n") + "\"").doesNotContain("\"d\"");
    }
}

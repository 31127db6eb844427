package io.palisade.common.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenTypeHeaderTest {

    private static String token(String headerJson) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(headerJson.getBytes(StandardCharsets.UTF_8))
                + ".e30.c2ln";
    }

    @Test
    void readsTheTypOfAnAccessToken() {
        assertThat(TokenPolicy.headerType(token("{\"alg\":\"RS256\",\"typ\":\"at+jwt\"}"))).isEqualTo("at+jwt");
    }

    @Test
    void yieldsNothingForAnIdTokenTypOrAnUnreadableHeader() {
        assertThat(TokenPolicy.headerType(token("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"))).isEqualTo("JWT");
        assertThat(TokenPolicy.headerType(token("{\"alg\":\"RS256\"}"))).isNull();
        assertThat(TokenPolicy.headerType(token("{\"typ\":7}"))).isNull();
        assertThat(TokenPolicy.headerType("not-a-token")).isNull();
        assertThat(TokenPolicy.headerType("%%%.e30.c2ln")).isNull();
        assertThat(TokenPolicy.headerType(null)).isNull();
    }
}

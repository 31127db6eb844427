package io.palisade.auth.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A session shows its client's network, never the address itself, and nothing for what is not an IP literal. */
class ClientOfSessionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
        "203.0.113.77, 203.0.113.0/24",
        "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
        "[2001:db8:aa:bb::1], 2001:db8:aa:bb::/64",
        "::ffff:198.51.100.9, 198.51.100.0/24",
        "example.com, none",
        "not an address, none"})
    void theAddressIsCutToItsNetwork(String ip, String prefix) {
        assertThat(ClientOfSession.of("agent", ip).ipPrefix()).isEqualTo(prefix);
    }
}

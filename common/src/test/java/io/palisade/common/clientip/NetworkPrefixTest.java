package io.palisade.common.clientip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NetworkPrefixTest {

    @ParameterizedTest
    @CsvSource({
        "203.0.113.77, 24, 64, 203.0.113.0/24",
        "203.0.113.77, 32, 64, 203.0.113.77",
        "2001:db8:1:2:aaaa:bbbb:cccc:dddd, 24, 64, 2001:db8:1:2::/64",
        "2001:0DB8:0001:0002:0000:0000:0000:0001, 32, 64, 2001:db8:1:2::/64",
        "::ffff:203.0.113.77, 24, 64, 203.0.113.0/24",
        "2001:db8::1, 32, 128, 2001:db8::1"})
    void oneNetworkHasOneSpelling(String ip, int ipv4Bits, int ipv6Bits, String expected) {
        assertThat(NetworkPrefix.of(ip, ipv4Bits, ipv6Bits)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"not-an-address", "example.com", "''"})
    void aNameIsNoAddress(String text) {
        assertThat(NetworkPrefix.of(text, 24, 64)).isNull();
    }
}

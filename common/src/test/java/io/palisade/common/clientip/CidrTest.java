package io.palisade.common.clientip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CidrTest {

    private static final String KEY = "palisade.http.trusted-proxies";

    @Test
    void cidrsMatchTheirBlockOnly() {
        Cidr block = Cidr.parse("10.1.0.0/16", KEY);
        assertThat(block.contains(Cidr.literal("10.1.200.3"))).isTrue();
        assertThat(block.contains(Cidr.literal("10.2.0.1"))).isFalse();
        assertThat(Cidr.parse("fd00::/8", KEY).contains(Cidr.literal("fd12::1"))).isTrue();
        assertThat(block.contains(Cidr.literal("fd12::1"))).isFalse();
    }

    @Test
    void hostNamesAreNeverResolvedAndBadCidrsNameTheirKey() {
        assertThat(Cidr.literal("localhost")).isNull();
        assertThat(Cidr.literal("evil.example")).isNull();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/40", KEY)).hasMessageContaining(KEY);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/-1", KEY)).hasMessageContaining(KEY);
        assertThatThrownBy(() -> Cidr.parse("proxy.internal", KEY)).hasMessageContaining(KEY);
    }

    @Test
    void theClientIsTheRightMostHopThatIsNotTrusted() {
        TrustedProxies proxies = TrustedProxies.of(Optional.of(List.of("10.0.0.0/8")), KEY);
        assertThat(proxies.clientOf("10.0.0.1", List.of("6.6.6.6", "203.0.113.9", "10.0.0.7"))).isEqualTo("203.0.113.9");
        assertThat(proxies.clientOf("198.51.100.1", List.of("6.6.6.6"))).isEqualTo("198.51.100.1");
        assertThat(proxies.clientOf("10.0.0.1", List.of("not-an-ip", "10.0.0.7"))).isEqualTo("10.0.0.7");
        assertThat(proxies.clientOf("10.0.0.1", List.of())).isEqualTo("10.0.0.1");
    }
}

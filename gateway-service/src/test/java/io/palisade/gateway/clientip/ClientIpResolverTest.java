package io.palisade.gateway.clientip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientIpResolverTest {

    @Test
    void ipv6ClientsAreKeyedByTheirSlash64() {
        assertThat(ClientIpResolver.rateLimitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(ClientIpResolver.rateLimitKey("2001:db8:1:2::1"))
                .endsWith("/64");
        assertThat(ClientIpResolver.rateLimitKey("2001:db8:1:3::1"))
                .isNotEqualTo(ClientIpResolver.rateLimitKey("2001:db8:1:2::1"));
        assertThat(ClientIpResolver.rateLimitKey("203.0.113.9")).isEqualTo("203.0.113.9");
    }

    @Test
    void cidrsMatchTheirBlockOnly() {
        Cidr block = Cidr.parse("10.1.0.0/16");
        assertThat(block.contains(Cidr.literal("10.1.200.3"))).isTrue();
        assertThat(block.contains(Cidr.literal("10.2.0.1"))).isFalse();
        assertThat(Cidr.parse("fd00::/8").contains(Cidr.literal("fd12::1"))).isTrue();
        assertThat(block.contains(Cidr.literal("fd12::1"))).isFalse();
    }

    @Test
    void hostNamesAreNeverResolvedAndBadCidrsStopStartUp() {
        assertThat(Cidr.literal("localhost")).isNull();
        assertThat(Cidr.literal("evil.example")).isNull();
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/40")).hasMessageContaining("trusted-proxies");
        assertThatThrownBy(() -> Cidr.parse("proxy.internal")).hasMessageContaining("trusted-proxies");
    }
}

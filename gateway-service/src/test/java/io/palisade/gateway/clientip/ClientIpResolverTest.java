package io.palisade.gateway.clientip;

import static org.assertj.core.api.Assertions.assertThat;

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
}

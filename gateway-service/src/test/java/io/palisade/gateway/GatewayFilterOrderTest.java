package io.palisade.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.palisade.common.requestid.FilterOrder;
import org.junit.jupiter.api.Test;

class GatewayFilterOrderTest {

    @Test
    void theGatewaysFiltersRunBetweenTheClientAddressAndTheBodyLimitThenRouting() {
        assertThat(new int[] {FilterOrder.REQUEST_ID, FilterOrder.ACCESS_LOG, FilterOrder.CLIENT_IP,
                GatewayFilterOrder.SECURITY_HEADERS, GatewayFilterOrder.FRAMING, GatewayFilterOrder.HTTPS_REDIRECT,
                GatewayFilterOrder.CORS, FilterOrder.BODY_LIMIT, GatewayFilterOrder.ROUTE}).isSorted();
    }
}

package io.palisade.common.requestid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void keepsAWellFormedId() {
        assertThat(RequestIds.accept("abc-123:x.y_z")).isEqualTo("abc-123:x.y_z");
        assertThat(RequestIds.accept("a".repeat(64))).isEqualTo("a".repeat(64));
    }

    @Test
    void replacesAnIdThatCouldForgeALogLineOrAHeader() {
        for (String hostile : new String[] {"", "a".repeat(65), "id\r\nX-Evil: 1", "id with space", "<script>",
                "ünïcode", null}) {
            assertThat(RequestIds.accept(hostile)).isNotEqualTo(hostile).matches("[A-Za-z0-9._:-]{1,64}");
        }
    }
}

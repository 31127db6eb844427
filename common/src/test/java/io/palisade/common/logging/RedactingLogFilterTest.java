package io.palisade.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class RedactingLogFilterTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl";

    @Test
    void masksSecretsInAFormattedMessage() {
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "upstream said %s / %s / %s / %s",
                ExtLogRecord.FormatStyle.PRINTF, getClass().getName());
        record.setParameters(new Object[] {"Authorization: Bearer " + JWT, "refresh_token=abcdEFGH1234",
                "{\"password\":\"Correct-Horse-9\"}", "Cookie: device_token=zzz"});

        assertThat(new RedactingLogFilter().isLoggable(record)).isTrue();

        String logged = record.getFormattedMessage();
        assertThat(logged).doesNotContain(JWT, "abcdEFGH1234", "Correct-Horse-9", "zzz")
                .contains(RedactingLogFilter.MASK);
    }

    @Test
    void masksASecretCarriedByAnExceptionMessage() {
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "failed", getClass().getName());
        record.setThrown(new IllegalArgumentException("bad token " + JWT));

        new RedactingLogFilter().isLoggable(record);

        assertThat(record.getThrown().getMessage()).doesNotContain(JWT).contains("IllegalArgumentException");
    }

    @Test
    void leavesOrdinaryLinesAlone() {
        assertThat(RedactingLogFilter.redact("GET /api/users/me 200 3ms")).isEqualTo("GET /api/users/me 200 3ms");
    }
}

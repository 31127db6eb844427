package io.palisade.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 6238 appendix B (SHA-1) through the production code: its 8-digit values, cut to the 6 digits we use
 * (truncation keeps the low digits), and each found by {@link Totp#stepOf} at that time.
 */
class Rfc6238VectorsTest {

    private static final byte[] SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0}")
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
        "2000000000, 69279037", "20000000000, 65353130"})
    void theProductionCodeMatchesTheRfcVectors(long unixTime, String eightDigits) {
        Totp totp = new Totp();
        long step = unixTime / 30;
        String expected = eightDigits.substring(2);

        assertThat(totp.codeAt(SECRET, step)).isEqualTo(expected);
        assertThat(totp.stepOf(SECRET, expected, Instant.ofEpochSecond(unixTime))).hasValue(step);
        assertThat(totp.stepOf(SECRET, expected, Instant.ofEpochSecond(unixTime + 60))).isEmpty();
    }
}

package io.palisade.auth.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hashes agree with the Argon2 reference implementation and with password4j, which wrote every hash stored
 * before this class did.
 */
class Argon2HashTest {

    /**
     * Written by the reference implementation (Debian's {@code argon2}):
     * {@code echo -n 'correct horse battery staple' | argon2 palisade-salt-16 -id -t 2 -k 19456 -p 1 -l 32 -e}.
     */
    private static final String REFERENCE_PROD_COST =
            "$argon2id$v=19$m=19456,t=2,p=1$cGFsaXNhZGUtc2FsdC0xNg$/p5GU2xSJeIw8ZZUpKoUwc/tu7orlONnIvT8GNqkV84";
    /** {@code echo -n 'pässwörd-ü' | argon2 another-salt-xyz -id -t 3 -k 8192 -p 2 -l 32 -e}: UTF-8, two lanes. */
    private static final String REFERENCE_TWO_LANES =
            "$argon2id$v=19$m=8192,t=3,p=2$YW5vdGhlci1zYWx0LXh5eg$ECsaPQ0kAaJXdRv2HufG0saiSx0AwyleNXrw3kYeSdQ";

    @Test
    void computesTheReferenceImplementationsHashAtProdCost() {
        Argon2Hash computed = Argon2Hash.compute(19456, 2, 1, "palisade-salt-16".getBytes(StandardCharsets.US_ASCII),
                "correct horse battery staple", 32);

        assertThat(computed.encoded()).isEqualTo(REFERENCE_PROD_COST);
    }

    @Test
    void verifiesReferenceHashesOnlyWithTheirOwnPassword() {
        assertThat(Argon2Hash.parse(REFERENCE_PROD_COST).matches("correct horse battery staple")).isTrue();
        assertThat(Argon2Hash.parse(REFERENCE_PROD_COST).matches("correct horse battery stapl")).isFalse();
        assertThat(Argon2Hash.parse(REFERENCE_TWO_LANES).matches("pässwörd-ü")).isTrue();
        assertThat(Argon2Hash.parse(REFERENCE_TWO_LANES).matches("passwörd-ü")).isFalse();
    }

    @Test
    void encodesAParsedHashBackToTheSameString() {
        assertThat(Argon2Hash.parse(REFERENCE_TWO_LANES).encoded()).isEqualTo(REFERENCE_TWO_LANES);
    }

    @Test
    void verifiesHashesThatPassword4jStored() {
        String stored = Password.hash("Grüße aus Köln, 2026!").addRandomSalt(16)
                .with(Argon2Function.getInstance(8192, 2, 1, 32, Argon2.ID)).getResult();

        assertThat(Argon2Hash.parse(stored).matches("Grüße aus Köln, 2026!")).isTrue();
        assertThat(Argon2Hash.parse(stored).matches("Grüsse aus Köln, 2026!")).isFalse();
    }

    @Test
    void writesHashesThatPassword4jVerifies() {
        String written = Argon2Hash.compute(8192, 2, 1, "sixteen byte slt".getBytes(StandardCharsets.US_ASCII),
                "Grüße aus Köln, 2026!", 32).encoded();

        assertThat(Password.check("Grüße aus Köln, 2026!", written)
                .with(Argon2Function.getInstanceFromHash(written))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        "$argon2x$v=19$m=19456,t=2,p=1$cGFsaXNhZGUtc2FsdC0xNg$/p5GU2xSJeIw8ZZUpKoUwc/tu7orlONnIvT8GNqkV84",
        "$argon2i$v=19$m=19456,t=2,p=1$cGFsaXNhZGUtc2FsdC0xNg$/p5GU2xSJeIw8ZZUpKoUwc/tu7orlONnIvT8GNqkV84",
        "$argon2id$v=16$m=19456,t=2,p=1$cGFsaXNhZGUtc2FsdC0xNg$/p5GU2xSJeIw8ZZUpKoUwc/tu7orlONnIvT8GNqkV84",
        "$argon2id$v=19$m=19456,t=2$cGFsaXNhZGUtc2FsdC0xNg$/p5GU2xSJeIw8ZZUpKoUwc/tu7orlONnIvT8GNqkV84",
        "$argon2id$v=19$m=19456,t=2,p=1$c2hvcnQ$/p5GU2xSJeIw8ZZUpKoUwc/tu7orlONnIvT8GNqkV84",
        "$argon2id$v=19$m=19456,t=2,p=1$cGFsaXNhZGUtc2FsdC0xNg$c2hvcnQ",
        "$argon2id$v=19$m=19456,t=2,p=1$cGFsaXNhZGUtc2FsdC0xNg$/p5GU2xSJeIw8ZZUpKoUwc/tu7orlONnIvT8GNqkV84$x"
    })
    void refusesWhatIsNotAnArgon2PhcString(String stored) {
        assertThatThrownBy(() -> Argon2Hash.parse(stored)).isInstanceOf(IllegalArgumentException.class);
    }
}

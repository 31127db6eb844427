package io.palisade.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import io.palisade.auth.support.AuthTestSupport;
import io.palisade.auth.support.AuthTestSupport.Credentials;
import io.palisade.auth.support.PackagedAuthConfig;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged build hashes at prod's Argon2id cost, upgrades weaker stored hashes at the next login, and verifies
 * hashes of any cost within its heap.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedAuthConfig.class, restrictToAnnotatedClass = true)
class PasswordCostIT {

    /** OWASP's floor, prod's default: Argon2id, 19 MiB, 2 passes, 1 lane. */
    private static final String PROD_COST = "$argon2id$v=19$m=19456,t=2,p=1$";

    @Test
    void hashesNewPasswordsAtProdCost() throws SQLException {
        Credentials account = AuthTestSupport.register();

        assertThat(storedHash(account.id())).startsWith(PROD_COST);
    }

    @Test
    void upgradesAWeakerStoredHashAtTheNextLogin() throws SQLException {
        Credentials account = AuthTestSupport.register();
        String weaker = Password.hash(account.password()).addRandomSalt(16)
                .with(Argon2Function.getInstance(8192, 1, 1, 32, Argon2.ID)).getResult();
        setStoredHash(account.id(), weaker);

        AuthTestSupport.login(account.email(), account.password(), null).then().statusCode(200);

        String upgraded = storedHash(account.id());
        assertThat(upgraded).startsWith(PROD_COST).isNotEqualTo(weaker);
        AuthTestSupport.login(account.email(), account.password(), null).then().statusCode(200);
    }

    /**
     * A cost raised over the years leaves hashes at several costs in the table. Verifying each must cost its
     * memory while it runs and nothing after: twelve costs of 20 to 31 MiB add up to more than the pod's 256 MiB
     * heap, which a library keeping a block template per cost it has seen (password4j did) runs out of.
     */
    @Test
    void verifiesHashesStoredAtManyCostsWithinThePodsHeap() throws SQLException {
        for (int step = 1; step <= 12; step++) {
            Credentials account = AuthTestSupport.register();
            byte[] salt = ("stored-cost-" + step + "----").getBytes(StandardCharsets.US_ASCII);
            String weaker = Argon2Hash.compute(19456 + 1024 * step, 1, 1, salt, account.password(), 32).encoded();
            setStoredHash(account.id(), weaker);

            AuthTestSupport.login(account.email(), account.password(), null).then().statusCode(200);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/palisade_auth_test", "postgres", "");
    }

    private static String storedHash(String id) throws SQLException {
        try (Connection connection = database();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT password_hash FROM account WHERE id = ?")) {
            select.setObject(1, UUID.fromString(id));
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("account %s exists", id).isTrue();
                return row.getString(1);
            }
        }
    }

    private static void setStoredHash(String id, String hash) throws SQLException {
        try (Connection connection = database();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE account SET password_hash = ? WHERE id = ?")) {
            update.setString(1, hash);
            update.setObject(2, UUID.fromString(id));
            assertThat(update.executeUpdate()).isOne();
        }
    }
}

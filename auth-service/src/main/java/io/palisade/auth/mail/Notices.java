package io.palisade.auth.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Tells an account's owner of a change through the outbox: a password changed or reset, a second factor switched
 * on or off, a sign-in from a new device. A notice goes only to an address the owner has verified (an unverified
 * one may be anybody's), never counts against the hourly cap of link mails, and never fails or holds up the
 * request that caused it: a notice that cannot be queued is logged and counted, and the change stands.
 */
@ApplicationScoped
public class Notices {

    private static final Logger LOG = Logger.getLogger(Notices.class);

    /** One INSERT that finds the account, its address and name, and writes nothing for an unverified address. */
    private static final String QUEUE = """
            INSERT INTO mail_outbox (id, account_id, recipient, template, display_name, details)
            SELECT $1, id, email, $3, display_name, $4 FROM account WHERE id = $2 AND email_verified_at IS NOT NULL""";

    private final Pool pool;
    private final MailConfig config;
    private final Counter lost;

    Notices(Pool pool, MailConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.config = config;
        this.lost = Counter.builder("palisade.auth.mail.notices.lost")
                .description("Notices that could not be queued (the change they told of stands)").register(registry);
    }

    /** Queues the notice {@code kind} to account {@code accountId}'s verified address. */
    public Uni<Void> tell(UUID accountId, MailKind kind) {
        return whatever(queue(pool, accountId, kind, null), kind);
    }

    /**
     * Tells the owner that a device it has not signed in from before just did: its user agent and address prefix,
     * at most one such notice per account and hour (a burst of sign-ins is one notice), unless
     * {@code palisade.auth.mail.new-device-notice} is off.
     */
    public Uni<Void> newSignIn(UUID accountId, String userAgent, String ipPrefix) {
        if (!config.mail().newDeviceNotice()) {
            return Uni.createFrom().voidItem();
        }
        JsonObject details = new JsonObject().put("userAgent", userAgent).put("ipPrefix", ipPrefix);
        // The account's row lock orders concurrent sign-ins, so the hour's check and the insert are one step.
        return whatever(pool.withTransaction(conn -> conn.preparedQuery("SELECT 1 FROM account WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(accountId))
                .chain(() -> conn.preparedQuery("""
                                SELECT 1 FROM mail_outbox WHERE account_id = $1 AND template = $2
                                   AND created_at > now() - interval '1 hour'""")
                        .execute(Tuple.of(accountId, MailKind.NEW_SIGN_IN.tag())))
                .chain(recent -> recent.iterator().hasNext() ? Uni.createFrom().voidItem()
                        : queue(conn, accountId, MailKind.NEW_SIGN_IN, details))), MailKind.NEW_SIGN_IN);
    }

    private static Uni<Void> queue(SqlClient client, UUID accountId, MailKind kind, JsonObject details) {
        return client.preparedQuery(QUEUE)
                .execute(Tuple.of(UUID.randomUUID(), accountId, kind.tag(), details))
                .replaceWithVoid();
    }

    private Uni<Void> whatever(Uni<Void> queued, MailKind kind) {
        return queued.onFailure().recoverWithUni(failure -> {
            lost.increment();
            LOG.warnf("notice %s not queued: %s", kind.tag(), failure.getClass().getSimpleName());
            return Uni.createFrom().voidItem();
        });
    }

    /** What a notice's templates may show besides the name: never a token, a code or a password. */
    static Map<String, Object> details(JsonObject details) {
        return details == null ? Map.of() : details.getMap();
    }
}

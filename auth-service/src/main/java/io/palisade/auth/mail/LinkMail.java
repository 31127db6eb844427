package io.palisade.auth.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.auth.account.Account;
import io.palisade.auth.secret.SecretBox;
import io.palisade.auth.secret.OpaqueTokens;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Function;

/**
 * Issues a single-use token and queues the mail that carries it, in one transaction: a token without its
 * mail, or a mail without its token, never exists. Only the token's hash is kept; the mail's copy of the link
 * is sealed (in the sealing box, like TOTP secrets) until the mail is sent, then cleared. A new token of a kind
 * users ask for deletes the account's others of that kind, so only the newest link works.
 *
 * <p>The transaction first locks the account's row, so the sends of one account happen one after the other
 * whatever the number of requests or replicas. Counted then acted on separately, concurrent requests would
 * each see an empty hour and pass the cap together, and each delete the older tokens before any other had
 * inserted its own, leaving several links of the burst working.
 */
@ApplicationScoped
public class LinkMail {

    /** The mails the hourly cap counts: those a user asks for. Notices never count against it. */
    private static final String[] REQUESTED_KINDS = Arrays.stream(MailKind.values()).filter(MailKind::requested)
            .map(MailKind::tag).toArray(String[]::new);

    /** What a feature writes in the transaction that issues a token, keyed by the token's hash. */
    public interface Alongside {
        Uni<Void> write(SqlConnection conn, byte[] tokenHash);
    }

    /** Nothing written beside the token. */
    public static final Alongside NOTHING = (conn, tokenHash) -> Uni.createFrom().voidItem();

    private final Pool pool;
    private final SecretBox box;
    private final MailConfig config;
    private final Counter queued;

    LinkMail(Pool pool, SecretBox box, MailConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.box = box;
        this.config = config;
        this.queued = Counter.builder("palisade.auth.mail.queued").description("Mails written to the outbox")
                .register(registry);
    }

    /**
     * Queues a mail of {@code kind} (a link mail a user asks for) to the account, whose token lives {@code ttl},
     * unless the account has had {@code per-account-per-hour} such mails within the hour; true when it was queued.
     */
    public Uni<Boolean> send(Account account, MailKind kind, Duration ttl) {
        return send(account, account.email(), kind, ttl, NOTHING);
    }

    /** As {@link #send(Account, MailKind, Duration)}, to {@code recipient}, with {@code alongside} in its transaction. */
    public Uni<Boolean> send(Account account, String recipient, MailKind kind, Duration ttl, Alongside alongside) {
        return underCap(account, conn -> queue(conn, account.id(), recipient, account.displayName(), kind, ttl, null,
                alongside));
    }

    /**
     * The same transaction as a send, locking and counting, without sending: for an answer that must take as long
     * whether or not a mail went (an address that is taken gets none).
     */
    public Uni<Boolean> sendNothing(Account account) {
        return underCap(account, conn -> Uni.createFrom().voidItem());
    }

    /**
     * Queues a mail of {@code kind} to {@code recipient} in the caller's transaction, uncapped: for the mail that
     * must go with the change it tells of, or not at all. {@code details} are what its templates show.
     */
    public Uni<Void> queue(SqlConnection conn, UUID accountId, String recipient, String displayName, MailKind kind,
            Duration ttl, JsonObject details, Alongside alongside) {
        String token = OpaqueTokens.generate();
        byte[] hash = OpaqueTokens.hash(token);
        UUID mailId = UUID.randomUUID();
        String link = config.publicUrl().toString().replaceAll("/+$", "") + kind.page() + "#token=" + token;
        byte[] sealed = box.seal(mailId, link.getBytes(StandardCharsets.UTF_8));
        return (kind.requested() ? dropPending(conn, accountId, kind) : Uni.createFrom().voidItem())
                .chain(() -> conn.preparedQuery("""
                                INSERT INTO account_token (token_hash, account_id, purpose, expires_at)
                                VALUES ($1, $2, $3, now() + make_interval(secs => $4))""")
                        .execute(Tuple.of(Buffer.buffer(hash), accountId, kind.tag(), (double) ttl.toSeconds())))
                .chain(() -> alongside.write(conn, hash))
                .chain(() -> conn.preparedQuery("""
                                INSERT INTO mail_outbox (id, account_id, recipient, template, display_name, sealed_link, details)
                                VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                        .execute(Tuple.tuple().addUUID(mailId).addUUID(accountId).addString(recipient)
                                .addString(kind.tag()).addString(displayName).addValue(Buffer.buffer(sealed))
                                .addValue(details)))
                .invoke(done -> queued.increment())
                .replaceWithVoid();
    }

    /** Drops the account's unused tokens of {@code kind}: their links stop working. */
    public Uni<Void> dropPending(SqlConnection conn, UUID accountId, MailKind kind) {
        return conn.preparedQuery("DELETE FROM account_token WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL")
                .execute(Tuple.of(accountId, kind.tag())).replaceWithVoid();
    }

    private Uni<Boolean> underCap(Account account, Function<SqlConnection, Uni<Void>> then) {
        // The count is a statement of its own, after the lock: a statement that waited for a row lock still
        // reads everything else as it was before the wait, so a count inside it missed the mail just queued.
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT 1 FROM account WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(account.id()))
                .chain(locked -> !locked.iterator().hasNext() ? Uni.createFrom().item(false) : conn.preparedQuery("""
                                SELECT count(*) AS sent FROM mail_outbox
                                 WHERE account_id = $1 AND created_at > now() - interval '1 hour'
                                   AND template = ANY($2)""")
                        .execute(Tuple.tuple().addUUID(account.id()).addArrayOfString(REQUESTED_KINDS))
                        .chain(counted -> counted.iterator().next().getLong("sent") >= config.mail().perAccountPerHour()
                                ? Uni.createFrom().item(false)
                                : then.apply(conn).replaceWith(true))));
    }

    /** Tokens past their end and mails sent or refused a week ago go; a mail never sent stays for its alert. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.query("DELETE FROM account_token WHERE expires_at < now() - interval '1 day'").execute()
                .chain(() -> pool.query("""
                        DELETE FROM mail_outbox
                         WHERE sent_at < now() - interval '7 days' OR failed_at < now() - interval '7 days'""").execute())
                .replaceWithVoid();
    }

    /**
     * The account a live token of {@code kind} was issued to, without spending it; null when it is unknown, used,
     * superseded or expired. For checks that need the account before the token may be spent.
     */
    public Uni<UUID> holder(String token, MailKind kind) {
        if (!OpaqueTokens.isWellFormed(token)) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("""
                        SELECT account_id FROM account_token
                         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()""")
                .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(token)), kind.tag()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("account_id") : null);
    }

    /**
     * Spends a token of {@code kind}: the account it was issued to, when it is the account's newest of that kind,
     * unused and unexpired; null otherwise. One conditional UPDATE, so it is spent once however many use it.
     */
    public Uni<UUID> spend(String token, MailKind kind) {
        return spend(pool, token, kind);
    }

    /** As {@link #spend(String, MailKind)}, in the caller's transaction: undone if the change it unlocks fails. */
    public Uni<UUID> spend(SqlClient client, String token, MailKind kind) {
        if (!OpaqueTokens.isWellFormed(token)) {
            return Uni.createFrom().nullItem();
        }
        return client.preparedQuery("""
                        UPDATE account_token SET used_at = now()
                         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
                     RETURNING account_id""")
                .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(token)), kind.tag()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("account_id") : null);
    }
}

package io.palisade.auth.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.auth.account.Account;
import io.palisade.auth.secret.SecretBox;
import io.palisade.auth.secret.OpaqueTokens;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Issues a single-use token and queues the mail that carries it, in one transaction: a token without its
 * mail, or a mail without its token, never exists. Only the token's hash is kept; the mail's copy of the link
 * is sealed (in the sealing box, like TOTP secrets) until the mail is sent, then cleared. A new token of a kind
 * deletes the account's others, so only the newest link works.
 *
 * <p>The transaction first locks the account's row, so the sends of one account happen one after the other
 * whatever the number of requests or replicas. Counted then acted on separately, concurrent requests would
 * each see an empty hour and pass the cap together, and each delete the older tokens before any other had
 * inserted its own, leaving several links of the burst working.
 */
@ApplicationScoped
public class LinkMail {

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
     * Queues a mail of {@code kind} to the account, whose token lives {@code ttl}, unless the account has had
     * {@code per-account-per-hour} mails within the hour; true when it was queued.
     */
    public Uni<Boolean> send(Account account, MailKind kind, Duration ttl) {
        String token = OpaqueTokens.generate();
        UUID mailId = UUID.randomUUID();
        String link = config.publicUrl().toString().replaceAll("/+$", "") + kind.page() + "#token=" + token;
        byte[] sealed = box.seal(mailId, link.getBytes(StandardCharsets.UTF_8));
        // The count is a statement of its own, after the lock: a statement that waited for a row lock still
        // reads everything else as it was before the wait, so a count inside it missed the mail just queued.
        return pool.withTransaction(conn -> conn.preparedQuery("SELECT 1 FROM account WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(account.id()))
                .chain(locked -> !locked.iterator().hasNext() ? Uni.createFrom().item(false) : conn.preparedQuery("""
                                SELECT count(*) AS sent FROM mail_outbox
                                 WHERE account_id = $1 AND created_at > now() - interval '1 hour'""")
                        .execute(Tuple.of(account.id()))
                        .chain(counted -> counted.iterator().next().getLong("sent") >= config.mail().perAccountPerHour()
                                ? Uni.createFrom().item(false)
                                : queue(conn, account, kind, ttl, token, mailId, sealed).replaceWith(true))))
                .invoke(sent -> {
                    if (sent) {
                        queued.increment();
                    }
                });
    }

    private static Uni<Void> queue(SqlConnection conn, Account account, MailKind kind, Duration ttl, String token,
            UUID mailId, byte[] sealed) {
        return conn.preparedQuery("DELETE FROM account_token WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL")
                .execute(Tuple.of(account.id(), kind.tag()))
                .chain(() -> conn.preparedQuery("""
                                INSERT INTO account_token (token_hash, account_id, purpose, expires_at)
                                VALUES ($1, $2, $3, now() + make_interval(secs => $4))""")
                        .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(token)), account.id(), kind.tag(),
                                (double) ttl.toSeconds())))
                .chain(() -> conn.preparedQuery("""
                                INSERT INTO mail_outbox (id, account_id, recipient, template, display_name, sealed_link)
                                VALUES ($1, $2, $3, $4, $5, $6)""")
                        .execute(Tuple.tuple().addUUID(mailId).addUUID(account.id()).addString(account.email())
                                .addString(kind.tag()).addString(account.displayName()).addValue(Buffer.buffer(sealed))))
                .replaceWithVoid();
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
        if (!OpaqueTokens.isWellFormed(token)) {
            return Uni.createFrom().nullItem();
        }
        return pool.preparedQuery("""
                        UPDATE account_token SET used_at = now()
                         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
                     RETURNING account_id""")
                .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(token)), kind.tag()))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getUUID("account_id") : null);
    }
}

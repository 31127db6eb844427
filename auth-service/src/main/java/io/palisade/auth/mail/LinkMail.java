package io.palisade.auth.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.palisade.auth.account.Account;
import io.palisade.auth.mfa.SecretBox;
import io.palisade.auth.refresh.OpaqueTokens;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * Issues a single-use token and queues the mail that carries it, in one transaction: a token without its
 * mail, or a mail without its token, never exists. Only the token's hash is kept; the mail's copy of the link
 * is sealed (under the same key as TOTP secrets) until the mail is sent, then cleared. A new token of a kind
 * deletes the account's others, so only the newest link works.
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

    /** Queues a mail of {@code kind} to the account; the token lives {@code ttl}. */
    public Uni<Void> send(Account account, MailKind kind, Duration ttl) {
        String token = OpaqueTokens.generate();
        UUID mailId = UUID.randomUUID();
        String link = config.publicUrl().toString().replaceAll("/+$", "") + kind.page() + "#token=" + token;
        byte[] sealed = box.seal(mailId, link.getBytes(StandardCharsets.UTF_8));
        return pool.withTransaction(conn -> conn.preparedQuery(
                        "DELETE FROM account_token WHERE account_id = $1 AND purpose = $2 AND used_at IS NULL")
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
                                .addString(kind.tag()).addString(account.displayName()).addValue(Buffer.buffer(sealed)))))
                .invoke(done -> queued.increment())
                .replaceWithVoid();
    }

    /** Tokens past their end and mails sent a week ago go; a mail never sent stays for its alert. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.query("DELETE FROM account_token WHERE expires_at < now() - interval '1 day'").execute()
                .chain(() -> pool.query("DELETE FROM mail_outbox WHERE sent_at < now() - interval '7 days'").execute())
                .replaceWithVoid();
    }

    /** Mails queued for the account within the last hour. */
    public Uni<Integer> sentWithinTheHour(UUID accountId) {
        return pool.preparedQuery(
                        "SELECT count(*) FROM mail_outbox WHERE account_id = $1 AND created_at > now() - interval '1 hour'")
                .execute(Tuple.of(accountId)).map(rows -> rows.iterator().next().getInteger(0));
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

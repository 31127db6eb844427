package io.palisade.auth.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.palisade.auth.secret.SecretBox;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Engine;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.vertx.ext.mail.SMTPException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox. Every second each replica claims a few due mails, fresh ones before retries ({@code FOR UPDATE SKIP LOCKED}, so
 * two replicas never take the same row) for {@code palisade.auth.mail.claim}, sends them, and marks each sent (clearing its link) or
 * due again after an exponential back-off capped at {@code palisade.auth.mail.max-backoff}. A claim left by a
 * replica that died expires and the mail is taken again; a mail is only sent twice if a replica dies between
 * the SMTP server's acceptance and the row's update. A mail the relay refuses for good (a 5xx reply) is
 * marked failed and never tried again: retried, it would come back every back-off period forever.
 */
@ApplicationScoped
class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    private static final int BATCH = 10;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /** When the change a mail tells of happened, as its reader sees it: UTC, to the minute. */
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Pool pool;
    private final ReactiveMailer mailer;
    private final Engine templates;
    private final SecretBox box;
    private final MailConfig config;
    private final Tracer tracer;
    private final Counter sent;
    private final Counter failed;
    private final Counter undeliverable;
    private final AtomicLong oldestUnsentSeconds = new AtomicLong();

    MailSender(Pool pool, ReactiveMailer mailer, Engine templates, SecretBox box, MailConfig config,
            MeterRegistry registry, Tracer tracer) {
        this.pool = pool;
        this.tracer = tracer;
        this.mailer = mailer;
        this.templates = templates;
        this.box = box;
        this.config = config;
        this.sent = Counter.builder("palisade.auth.mail.sent").description("Mails the SMTP server accepted")
                .register(registry);
        this.failed = Counter.builder("palisade.auth.mail.failed.attempts")
                .description("Attempts to send a mail that failed (it is tried again later)").register(registry);
        this.undeliverable = Counter.builder("palisade.auth.mail.undeliverable")
                .description("Mails the SMTP server refused for good (a 5xx reply); not tried again").register(registry);
        Gauge.builder("palisade.auth.mail.oldest.unsent.seconds", oldestUnsentSeconds, AtomicLong::get)
                .description("Age of the oldest mail not sent yet (0 when none waits)").register(registry);
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deliver() {
        return claim()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last()
                .chain(() -> measureBacklog())
                .onFailure().invoke(failure -> LOG.warnf("mail delivery round failed: %s", failure.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Iterable<Row>> claim() {
        return pool.preparedQuery("""
                        UPDATE mail_outbox SET claimed_until = now() + make_interval(secs => $1), attempts = attempts + 1
                         WHERE id IN (SELECT id FROM mail_outbox
                                       WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
                                         AND (claimed_until IS NULL OR claimed_until < now())
                                       ORDER BY attempts, created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                     RETURNING id, recipient, template, display_name, sealed_link, details, created_at, attempts""")
                .execute(Tuple.of((double) config.mail().claim().toSeconds(), BATCH)).map(rows -> rows);
    }

    /** One row; whatever goes wrong with it (SMTP, or a link that no longer opens) delays that row only. */
    private Uni<Void> send(Row row) {
        UUID id = row.getUUID("id");
        return Uni.createFrom().item(() -> compose(row))
                // A send that never ends would hold every later round (they skip while one runs).
                .chain(mail -> traced(row, mailer.send(mail).ifNoItem().after(SEND_TIMEOUT).fail()))
                .chain(() -> pool.preparedQuery("""
                                UPDATE mail_outbox SET sent_at = now(), sealed_link = NULL, claimed_until = NULL,
                                       last_error = NULL WHERE id = $1""")
                        .execute(Tuple.of(id)))
                .invoke(done -> sent.increment())
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> {
                    if (refusedForGood(failure)) {
                        undeliverable.increment();
                        LOG.warnf("mail %s refused for good by the relay (%s); not tried again", id,
                                failure.getClass().getSimpleName());
                        return pool.preparedQuery("""
                                        UPDATE mail_outbox SET failed_at = now(), sealed_link = NULL, claimed_until = NULL,
                                               last_error = $2 WHERE id = $1""")
                                .execute(Tuple.of(id, failure.getClass().getSimpleName()))
                                .replaceWithVoid();
                    }
                    failed.increment();
                    int attempts = row.getInteger("attempts");
                    long backoff = Math.min(config.mail().maxBackoff().toSeconds(), 1L << Math.min(attempts, 20));
                    LOG.warnf("mail %s not sent (attempt %d): %s; next try in %d s", id, attempts,
                            failure.getClass().getSimpleName(), backoff);
                    return pool.preparedQuery("""
                                    UPDATE mail_outbox SET claimed_until = NULL, last_error = $2,
                                           next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1""")
                            .execute(Tuple.of(id, failure.getClass().getSimpleName(), (double) backoff))
                            .replaceWithVoid();
                });
    }

    /**
     * The SMTP exchange as a client span of its own trace (delivery runs on a timer, apart from the request that
     * queued the mail): the mail's kind, id and attempt, never its recipient or link.
     */
    private Uni<Void> traced(Row row, Uni<Void> sending) {
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder("smtp send").setNoParent().setSpanKind(SpanKind.CLIENT)
                    .setAttribute("palisade.mail.kind", row.getString("template"))
                    .setAttribute("palisade.mail.id", row.getUUID("id").toString())
                    .setAttribute("palisade.mail.attempt", row.getInteger("attempts").longValue()).startSpan();
            return sending.onTermination().invoke((done, failure, cancelled) -> {
                if (failure != null) {
                    span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                }
                span.end();
            });
        });
    }

    /** An SMTP reply in the 5xx range, anywhere in the failure's causes. */
    private static boolean refusedForGood(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp.isPermanent();
            }
        }
        return false;
    }

    private Mail compose(Row row) {
        MailKind kind = MailKind.of(row.getString("template"));
        Map<String, Object> data = new HashMap<>(Notices.details(row.getJsonObject("details")));
        data.put("name", row.getString("display_name") == null ? "" : row.getString("display_name"));
        data.put("time", WHEN.format(row.getOffsetDateTime("created_at")));
        if (kind.carriesLink()) {
            data.put("link", new String(box.open(row.getUUID("id"), row.getBuffer("sealed_link").getBytes()),
                    StandardCharsets.UTF_8));
        }
        return Mail.withText(row.getString("recipient"), kind.subject(),
                        templates.getTemplate("mail/" + kind.tag() + ".txt").data(data).render())
                .setHtml(templates.getTemplate("mail/" + kind.tag() + ".html").data(data).render());
    }

    private Uni<Void> measureBacklog() {
        return pool.query("""
                        SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::bigint AS age
                          FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL""")
                .execute().invoke(rows -> oldestUnsentSeconds.set(rows.iterator().next().getLong("age")))
                .replaceWithVoid();
    }
}

package io.palisade.auth.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.palisade.common.testing.FreePorts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real SMTP server (GreenMail) on a free loopback port for auth-service's mail, which tests can stop and
 * start again on the same port, as an SMTP outage.
 */
public class MailCatcher implements QuarkusTestResourceLifecycleManager {

    private static final Pattern TOKEN = Pattern.compile("#token=([A-Za-z0-9_-]+)");
    private static int port;
    private static GreenMail server;

    @Override
    public Map<String, String> start() {
        port = FreePorts.next();
        startServer();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(port));
    }

    @Override
    public void stop() {
        stopServer();
    }

    /** The port the mailer is configured with, for a test that puts another SMTP server there. */
    public static int port() {
        return port;
    }

    public static synchronized void startServer() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** {@link #startServer()}, retried while the port is still held by a connection of another server's. */
    public static void startServerWhenPortIsFree(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                startServer();
                return;
            } catch (IllegalStateException portStillHeld) {
                stopServer();
                if (System.nanoTime() > deadline) {
                    throw portStillHeld;
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    public static synchronized void stopServer() {
        if (server != null) {
            server.stop();
        }
    }

    /** Every message received so far for {@code recipient}, oldest first. */
    public static List<MimeMessage> to(String recipient) {
        return Arrays.stream(server.getReceivedMessages()).filter(message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Waits up to {@code bound} for the {@code count}-th message to {@code recipient} and returns it. */
    public static MimeMessage await(String recipient, int count, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (to(recipient).size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no mail number " + count + " for " + recipient + " within " + bound);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return to(recipient).get(count - 1);
    }

    /** Waits up to {@code bound} for the newest mail to {@code recipient} whose subject is {@code subject}. */
    public static MimeMessage awaitSubject(String recipient, String subject, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = to(recipient);
            for (int i = mails.size() - 1; i >= 0; i--) {
                try {
                    if (subject.equals(mails.get(i).getSubject())) {
                        return mails.get(i);
                    }
                } catch (MessagingException e) {
                    throw new IllegalStateException(e);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no mail '" + subject + "' to " + recipient + " within " + bound);
    }

    /** The text of the part of {@code type} ({@code text/plain} or {@code text/html}). */
    public static String part(MimeMessage message, String type) {
        try {
            MimeMultipart parts = (MimeMultipart) message.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                String found = find(parts.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
            throw new AssertionError("no " + type + " part");
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of the link in the text part. */
    public static String token(MimeMessage message) {
        Matcher link = TOKEN.matcher(part(message, "text/plain"));
        if (!link.find()) {
            throw new AssertionError("no link with a token in " + GreenMailUtil.getBody(message));
        }
        return link.group(1);
    }

    private static String find(BodyPart part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof MimeMultipart nested) {
            for (int i = 0; i < nested.getCount(); i++) {
                String found = find(nested.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}

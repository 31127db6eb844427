package io.palisade.e2e;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The suite's mail catcher: a real SMTP server (GreenMail) auth-service sends to, and a web inbox on loopback
 * that answers {@code GET /links?to=<address>} with the links of that address's mails, newest last, as a JSON
 * array: what a user reading the mail would click, for the browser flow.
 */
final class Inbox {

    private static final Pattern LINK = Pattern.compile("https?://\\S+#token=[A-Za-z0-9_-]+");

    private final GreenMail smtp;
    private final HttpServer web;

    private Inbox(GreenMail smtp, HttpServer web) {
        this.smtp = smtp;
        this.web = web;
    }

    static Inbox start(int smtpPort, int webPort) throws IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
        Inbox inbox = new Inbox(smtp, web);
        web.createContext("/links", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String to = query == null || !query.startsWith("to=") ? ""
                    : URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8);
            byte[] body = ("[" + String.join(",", inbox.links(to).stream().map(link -> "\"" + link + "\"").toList())
                    + "]").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        web.start();
        return inbox;
    }

    List<String> links(String recipient) {
        List<String> links = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                boolean addressed = Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
                if (addressed) {
                    Matcher link = LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", ""));
                    while (link.find()) {
                        links.add(link.group());
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return links;
    }

    void stop() {
        web.stop(0);
        smtp.stop();
    }
}

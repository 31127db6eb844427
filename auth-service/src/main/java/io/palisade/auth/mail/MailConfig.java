package io.palisade.auth.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;

/** The outbox and the links its mails carry (API.md "Email verification and password reset"). */
@ConfigMapping(prefix = "palisade.auth")
public interface MailConfig {

    /** The frontend's address: links are this plus {@code /verify-email#token=...} or {@code /reset-password#token=...}. */
    @WithDefault("http://localhost:5173")
    URI publicUrl();

    Outbox mail();

    interface Outbox {
        /** Mails per account and hour, on top of the gateway's per-IP recovery limit. */
        @WithDefault("3")
        @Min(1)
        @Max(100)
        int perAccountPerHour();

        /** The longest wait between two attempts to send one mail. */
        @WithDefault("PT15M")
        Duration maxBackoff();

        /**
         * How long a replica holds the mails it claimed; when it dies holding them, another replica (or it,
         * restarted) sends them after this. Longer than an SMTP exchange may take.
         */
        @WithDefault("PT1M")
        Duration claim();

        /** Whether a sign-in from a device the account has not used before is told to its owner. */
        @WithDefault("true")
        boolean newDeviceNotice();
    }
}

-- Whether the account's email is known to be its owner's, and the name its mail greets it with (a copy of
-- the display name given at registration; user-service owns the profile's current one).
ALTER TABLE account
    ADD COLUMN email_verified_at TIMESTAMPTZ,
    ADD COLUMN display_name      VARCHAR(100);

-- Single-use tokens sent by mail: only their hash, and at most one live token per account and purpose
-- (issuing a new one deletes the others).
CREATE TABLE account_token (
    token_hash BYTEA PRIMARY KEY,
    account_id UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    purpose    VARCHAR(32) NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX account_token_account ON account_token (account_id, purpose);
CREATE INDEX account_token_expiry ON account_token (expires_at);

-- Mail to send, written in the same transaction as its token. The link (which holds the token) is sealed
-- with AES-GCM and cleared once the mail is sent. A claim expires, so a row claimed by a replica that died
-- is picked up again.
CREATE TABLE mail_outbox (
    id              UUID PRIMARY KEY,
    account_id      UUID REFERENCES account (id) ON DELETE SET NULL,
    recipient       VARCHAR(254) NOT NULL,
    template        VARCHAR(32)  NOT NULL,
    display_name    VARCHAR(100),
    sealed_link     BYTEA,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    claimed_until   TIMESTAMPTZ,
    sent_at         TIMESTAMPTZ,
    last_error      VARCHAR(200)
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX mail_outbox_account ON mail_outbox (account_id, created_at);

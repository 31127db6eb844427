-- A second factor per account: the TOTP secret, sealed with AES-GCM (never stored in the clear), pending
-- until a correct code confirms it, and the last time step a code was accepted for (a code works once).
CREATE TABLE totp_factor (
    account_id     UUID PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
    sealed_secret  BYTEA       NOT NULL,
    confirmed_at   TIMESTAMPTZ,
    last_used_step BIGINT      NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Recovery codes, stored hashed; each works once.
CREATE TABLE recovery_code (
    account_id UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    code_hash  BYTEA       NOT NULL,
    used_at    TIMESTAMPTZ,
    PRIMARY KEY (account_id, code_hash)
);

-- The step between a correct password and a correct code: a single-use token (its hash), the login-throttle
-- counter the password step chose, and the wrong codes it has taken.
CREATE TABLE mfa_challenge (
    token_hash   BYTEA PRIMARY KEY,
    account_id   UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    counter_key  TEXT        NOT NULL,
    known_device BOOLEAN     NOT NULL,
    failures     INT         NOT NULL DEFAULT 0,
    expires_at   TIMESTAMPTZ NOT NULL,
    used_at      TIMESTAMPTZ
);
CREATE INDEX mfa_challenge_expiry ON mfa_challenge (expires_at);

-- How a session's owner authenticated (RFC 8176 amr), carried into every access token the family mints.
ALTER TABLE refresh_family ADD COLUMN amr TEXT[] NOT NULL DEFAULT ARRAY['pwd'];

-- A refresh-token family is one login's chain of rotated tokens. The family row names its newest token
-- and the one just before it (for the multi-tab leeway); every token ever issued stays in refresh_token
-- until the family is purged, so an older one presented again is recognised as reuse.
CREATE TABLE refresh_family (
    id            UUID PRIMARY KEY,
    account_id    UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    current_hash  BYTEA       NOT NULL,
    previous_hash BYTEA,
    rotated_at    TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ NOT NULL,
    revoked_at    TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX refresh_family_current ON refresh_family (current_hash);
CREATE INDEX refresh_family_previous ON refresh_family (previous_hash);
CREATE INDEX refresh_family_account ON refresh_family (account_id);
CREATE INDEX refresh_family_expiry ON refresh_family (expires_at);

CREATE TABLE refresh_token (
    hash      BYTEA PRIMARY KEY,
    family_id UUID        NOT NULL REFERENCES refresh_family (id) ON DELETE CASCADE,
    issued_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);

-- A browser that once logged in to an account keeps a device token for it, so that its logins are
-- throttled apart from everyone else's failures against the same email.
CREATE TABLE device (
    hash       BYTEA PRIMARY KEY,
    account_id UUID        NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX device_account ON device (account_id);

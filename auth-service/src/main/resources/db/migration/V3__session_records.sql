-- Sessions an account's owner can see: when each was made and last used, and by what client. Families made
-- before this migration count as last used when they were last rotated.
ALTER TABLE refresh_family
    ADD COLUMN last_used_at TIMESTAMPTZ,
    ADD COLUMN user_agent   VARCHAR(200),
    ADD COLUMN ip_prefix    VARCHAR(49);
UPDATE refresh_family SET last_used_at = coalesce(rotated_at, created_at);
ALTER TABLE refresh_family
    ALTER COLUMN last_used_at SET NOT NULL,
    ALTER COLUMN last_used_at SET DEFAULT now();
CREATE INDEX refresh_family_last_used ON refresh_family (account_id, last_used_at DESC);

-- An admin's lock: the account can no longer log in, refresh or reset its password.
ALTER TABLE account ADD COLUMN locked_at TIMESTAMPTZ;

-- Every revoked session whose access tokens may still be in use: what auth-service publishes to Redis,
-- and publishes again after an outage. Not tied to the account, so a deleted account's sessions stay
-- refused until their last token has expired.
CREATE TABLE revoked_session (
    sid        UUID PRIMARY KEY,
    account_id UUID        NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX revoked_session_expiry ON revoked_session (expires_at);

-- Re-encoded avatar images, one per profile; the bytes never leave this table unsanitised.
CREATE TABLE avatar (
    profile_id   UUID PRIMARY KEY REFERENCES profile (id) ON DELETE CASCADE,
    content_type VARCHAR(32) NOT NULL,
    data         BYTEA       NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

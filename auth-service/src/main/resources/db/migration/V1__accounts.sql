CREATE TABLE account (
    id            UUID PRIMARY KEY,
    email         VARCHAR(254) NOT NULL,
    password_hash TEXT         NOT NULL,
    groups        TEXT[]       NOT NULL DEFAULT ARRAY['user'],
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Emails are stored normalised, and the database itself refuses a second account for the same address
-- whatever its case, so no code path can create a duplicate.
CREATE UNIQUE INDEX account_email_unique ON account (lower(email));

CREATE TABLE profile (
    id           UUID PRIMARY KEY,
    email        VARCHAR(254) NOT NULL,
    display_name VARCHAR(100) NOT NULL,
    bio          VARCHAR(500),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX profile_created_order ON profile (created_at, id);

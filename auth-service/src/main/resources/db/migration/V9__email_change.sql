-- An email change: the confirmation token mailed to the new address, and once confirmed, the revert token mailed
-- to the old one. Both tokens live in account_token (single use, hash only); this row says which address each
-- one moves from and to, and which session asked for the change (it stays when the others end).
CREATE TABLE email_change (
    token_hash BYTEA PRIMARY KEY REFERENCES account_token (token_hash) ON DELETE CASCADE,
    from_email VARCHAR(254) NOT NULL,
    to_email   VARCHAR(254) NOT NULL,
    session_id UUID
);

-- A reverted email change leaves the password in doubt (whoever changed the email knew it): the next login
-- needs a password reset first.
ALTER TABLE account ADD COLUMN password_reset_required_at TIMESTAMPTZ;

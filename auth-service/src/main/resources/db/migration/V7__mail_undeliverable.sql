-- A mail the relay refused for good (an SMTP 5xx reply: no such mailbox, an address it will never take) is
-- not retried: it is marked failed, its link cleared, and it stays a week for the record like a sent one.
ALTER TABLE mail_outbox ADD COLUMN failed_at TIMESTAMPTZ;

-- Notices tell an account's owner of a change (a password changed, a second factor switched, a sign-in from a new
-- device). They carry no link; what they show besides the name (the new device's user agent and address prefix)
-- is kept with the mail until it is sent.
ALTER TABLE mail_outbox ADD COLUMN details JSONB;

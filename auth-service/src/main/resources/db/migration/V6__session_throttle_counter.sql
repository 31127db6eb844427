-- The login-throttle counter of the device that signed in to each session: a signed-in caller's
-- re-authentication (password change, second-factor enrolment and removal) counts there, so a stranger's
-- failed logins on the shared counter cannot block the owner. Sessions made before this have none, and
-- count on a counter of their own.
ALTER TABLE refresh_family ADD COLUMN throttle_counter VARCHAR(200);

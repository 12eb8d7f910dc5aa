-- See sqlite/0006_session_epoch.sql: what ends the sessions opened before
-- a change of username, department or password.
ALTER TABLE collaborators ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0 CHECK (session_epoch >= 0);

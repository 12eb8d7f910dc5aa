-- A session is valid only while its collaborator's username, department
-- and password are those it was opened with. Each change of one of them
-- adds one to session_epoch, and a session carries the value it was opened
-- with: a department changed and changed back, or a password reset by
-- management, ends the sessions opened before, which checking the
-- department alone would let live again.
ALTER TABLE collaborators ADD COLUMN session_epoch INTEGER NOT NULL DEFAULT 0 CHECK (session_epoch >= 0);

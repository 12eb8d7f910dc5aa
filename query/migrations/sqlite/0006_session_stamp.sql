-- A session is valid only while its collaborator's username, department
-- and password are those it was opened with. Each change of one of them
-- gives the collaborator a new random session_stamp, and a session carries
-- the stamp it was opened with: a department changed and changed back, or
-- a password reset by management, ends the sessions opened before, which
-- checking the department alone would let live again. The stamp is random,
-- not a count: a session saved by a command that did not commit (killed)
-- can never match a later stamp.
--
-- epicevents sets the new stamp itself (query.UpdateCollaborator,
-- SetPassword). The trigger gives one to a change made by anything else
-- (an older epicevents still running, SQL typed by hand), which would
-- leave the stamp as it was.
ALTER TABLE collaborators ADD COLUMN session_stamp INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER collaborators_session_stamp AFTER UPDATE OF username, department_id, password_hash ON collaborators
WHEN NEW.session_stamp = OLD.session_stamp
    AND (NEW.username IS NOT OLD.username OR NEW.department_id IS NOT OLD.department_id
         OR NEW.password_hash IS NOT OLD.password_hash)
BEGIN
    UPDATE collaborators SET session_stamp = (random() & 4611686018427387903) + 1 WHERE id = NEW.id;
END;

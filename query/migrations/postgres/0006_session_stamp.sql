-- See sqlite/0006_session_stamp.sql: a new random stamp at each change of
-- a collaborator's username, department or password ends the sessions
-- opened before. The trigger stamps the changes that do not (an older
-- epicevents still running, SQL typed by hand).
ALTER TABLE collaborators ADD COLUMN session_stamp BIGINT NOT NULL DEFAULT 0;
CREATE FUNCTION new_session_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.session_stamp = OLD.session_stamp
       AND (NEW.username, NEW.department_id, NEW.password_hash)
           IS DISTINCT FROM (OLD.username, OLD.department_id, OLD.password_hash) THEN
        NEW.session_stamp := 1 + floor(random() * 4611686018427387903)::bigint;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER collaborators_session_stamp BEFORE UPDATE ON collaborators
FOR EACH ROW EXECUTE FUNCTION new_session_stamp();

-- See sqlite/0003_database_id.sql: the identifier of the database, and
-- failed logins counted per account.
CREATE TABLE database_info (
    id  BIGINT PRIMARY KEY CHECK (id = 1),
    uid TEXT COLLATE "C" NOT NULL
);
INSERT INTO database_info (id, uid) VALUES (1, replace(gen_random_uuid()::text, '-', ''));

UPDATE login_failures SET username = '#' || (SELECT c.id FROM collaborators c WHERE c.username = login_failures.username)
WHERE username IN (SELECT username FROM collaborators);

-- db copy inserts every row with its id: recording each in id_sequences,
-- row after row, updated one counter row again and again in one
-- transaction, which grew quadratically (16.8 s for 71k rows, 132 s for
-- 210k). While epicevents.copying is set (by the copy, for its own
-- transaction only) explicit ids are not recorded: the copy sets each
-- table's counter once at the end (setNextID).
CREATE OR REPLACE FUNCTION assign_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        INSERT INTO id_sequences AS s (name, seq) VALUES (TG_TABLE_NAME, 1)
        ON CONFLICT (name) DO UPDATE SET seq = s.seq + 1
        RETURNING seq INTO NEW.id;
    ELSIF current_setting('epicevents.copying', true) IS DISTINCT FROM 'on' THEN
        INSERT INTO id_sequences AS s (name, seq) VALUES (TG_TABLE_NAME, NEW.id)
        ON CONFLICT (name) DO UPDATE SET seq = GREATEST(s.seq, EXCLUDED.seq);
    END IF;
    RETURN NEW;
END
$$;

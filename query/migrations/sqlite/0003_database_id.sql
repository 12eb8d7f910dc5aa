-- Every database gets an identifier of its own, made once, here: at setup
-- for a new database, at this upgrade for an existing one. Sessions are
-- bound to it, so that a session of one database never opens another that
-- shares the signing key, whatever ids and times their records have.
CREATE TABLE database_info (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    uid TEXT NOT NULL
);
INSERT INTO database_info (id, uid) VALUES (1, lower(hex(randomblob(16))));

-- Failed logins are counted per account, '#ID', whatever form named it
-- (username, id, 0001, +1), and per normalised name for unknown ones: the
-- failures recorded under a known username move to its account.
UPDATE login_failures SET username = '#' || (SELECT c.id FROM collaborators c WHERE c.username = login_failures.username)
WHERE username IN (SELECT username FROM collaborators);

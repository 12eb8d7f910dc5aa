-- Completion looks events up by the start of their name: LIKE 'abc%' uses
-- an index in the collation of SQLite's case-insensitive LIKE.
CREATE INDEX events_name ON events (name COLLATE NOCASE);

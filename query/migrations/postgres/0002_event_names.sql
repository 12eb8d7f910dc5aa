-- Completion looks events up by the start of their name (sqlite/0002): with
-- the C collation a plain index serves LIKE 'abc%', and the index of its
-- lower case serves LOWER(name) LIKE 'abc%'.
CREATE INDEX events_name ON events (name);
CREATE INDEX events_name_lower ON events (LOWER(name));

-- The schema of sqlite/0001_init.sql, for PostgreSQL: same tables, columns,
-- constraints and indexes, so that the same stores run on both.
--
-- Text is COLLATE "C": sorting and comparison are bytewise, as with SQLite's
-- BINARY collation, whatever the server's locale; LOWER() then folds ASCII
-- letters only, as SQLite's does. Times are timestamptz: the connection's
-- time zone is UTC (openPostgres) and times are bound as
-- 'YYYY-MM-DD HH:MM:SS' UTC strings, as on SQLite. Integers are BIGINT, the
-- width of SQLite's. UNIQUE constraints are named TABLE_COLUMN_key, which
-- translateDriver turns into the field of a conflict.

-- Ids are given as SQLite's AUTOINCREMENT gives them, not by sequences: a
-- sequence is not transactional, and an INSERT that fails (a duplicate
-- e-mail, say) would leave a gap, so that the next record would get
-- another id than on SQLite. id_sequences is sqlite_sequence: the highest
-- id each table ever gave, inside the transaction. The write lock
-- (lockWrites) makes writers take turns, so its rows are never contended.
CREATE TABLE id_sequences (
    name TEXT COLLATE "C" PRIMARY KEY,
    seq  BIGINT NOT NULL
);

-- assign_id gives a new row without an id the next one of its table, and
-- records an id given explicitly (db copy) so that it is never given again.
CREATE FUNCTION assign_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.id IS NULL THEN
        INSERT INTO id_sequences AS s (name, seq) VALUES (TG_TABLE_NAME, 1)
        ON CONFLICT (name) DO UPDATE SET seq = s.seq + 1
        RETURNING seq INTO NEW.id;
    ELSE
        INSERT INTO id_sequences AS s (name, seq) VALUES (TG_TABLE_NAME, NEW.id)
        ON CONFLICT (name) DO UPDATE SET seq = GREATEST(s.seq, EXCLUDED.seq);
    END IF;
    RETURN NEW;
END
$$;

-- Departments are rows of their own, referenced by collaborators.
CREATE TABLE departments (
    id   BIGINT PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL,
    CONSTRAINT departments_name_key UNIQUE (name)
);
INSERT INTO departments (id, name) VALUES (1, 'commercial'), (2, 'support'), (3, 'management');

CREATE TABLE collaborators (
    id            BIGINT PRIMARY KEY,
    username      TEXT COLLATE "C" NOT NULL,
    email         TEXT COLLATE "C" NOT NULL,
    password_hash TEXT COLLATE "C" NOT NULL,
    first_name    TEXT COLLATE "C" NOT NULL,
    last_name     TEXT COLLATE "C" NOT NULL,
    phone         TEXT COLLATE "C" NOT NULL DEFAULT '',
    department_id BIGINT NOT NULL REFERENCES departments (id),
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CONSTRAINT collaborators_username_key UNIQUE (username),
    CONSTRAINT collaborators_email_key UNIQUE (email)
);
CREATE TRIGGER collaborators_assign_id BEFORE INSERT ON collaborators FOR EACH ROW EXECUTE FUNCTION assign_id();
CREATE INDEX collaborators_department ON collaborators (department_id, username);

CREATE TABLE clients (
    id               BIGINT PRIMARY KEY,
    first_name       TEXT COLLATE "C" NOT NULL,
    last_name        TEXT COLLATE "C" NOT NULL,
    email            TEXT COLLATE "C" NOT NULL,
    phone            TEXT COLLATE "C" NOT NULL,
    company_name     TEXT COLLATE "C" NOT NULL,
    sales_contact_id BIGINT REFERENCES collaborators (id),
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CONSTRAINT clients_email_key UNIQUE (email)
);
CREATE TRIGGER clients_assign_id BEFORE INSERT ON clients FOR EACH ROW EXECUTE FUNCTION assign_id();
CREATE INDEX clients_sales_contact ON clients (sales_contact_id);
-- SQLite indexes these COLLATE NOCASE; here both the column (for prefix
-- matches, LIKE 'x%' with the C collation) and its lower case are indexed.
CREATE INDEX clients_last_name ON clients (last_name);
CREATE INDEX clients_last_name_lower ON clients (LOWER(last_name));
CREATE INDEX clients_company ON clients (company_name);
CREATE INDEX clients_company_lower ON clients (LOWER(company_name));

CREATE TABLE contracts (
    id               BIGINT PRIMARY KEY,
    client_id        BIGINT NOT NULL REFERENCES clients (id),
    sales_contact_id BIGINT REFERENCES collaborators (id),
    total_amount     BIGINT NOT NULL CHECK (total_amount >= 0 AND total_amount <= 100000000000000),
    amount_due       BIGINT NOT NULL CHECK (amount_due >= 0 AND amount_due <= total_amount),
    signed           BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE TRIGGER contracts_assign_id BEFORE INSERT ON contracts FOR EACH ROW EXECUTE FUNCTION assign_id();
CREATE INDEX contracts_client ON contracts (client_id);
CREATE INDEX contracts_sales_contact ON contracts (sales_contact_id);
CREATE INDEX contracts_signed ON contracts (signed);
CREATE INDEX contracts_amount_due ON contracts (amount_due);

CREATE TABLE events (
    id                 BIGINT PRIMARY KEY,
    name               TEXT COLLATE "C" NOT NULL,
    contract_id        BIGINT NOT NULL REFERENCES contracts (id),
    support_contact_id BIGINT REFERENCES collaborators (id),
    event_start        TIMESTAMPTZ NOT NULL,
    event_end          TIMESTAMPTZ NOT NULL,
    location           TEXT COLLATE "C" NOT NULL,
    attendees          BIGINT NOT NULL CHECK (attendees >= 0 AND attendees <= 100000),
    notes              TEXT COLLATE "C" NOT NULL DEFAULT '',
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    CHECK (event_end > event_start)
);
CREATE TRIGGER events_assign_id BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION assign_id();
CREATE INDEX events_contract ON events (contract_id);
CREATE INDEX events_support_contact ON events (support_contact_id);
CREATE INDEX events_start ON events (event_start);

-- The audit trail keeps the actor's username so that it survives the
-- collaborator's deletion: no foreign key on actor_id. changes is the JSON
-- text as written, not jsonb, which would reorder and respace it.
CREATE TABLE audit (
    id        BIGINT PRIMARY KEY,
    at        TIMESTAMPTZ NOT NULL,
    actor_id  BIGINT,
    actor     TEXT COLLATE "C" NOT NULL,
    action    TEXT COLLATE "C" NOT NULL,
    entity    TEXT COLLATE "C" NOT NULL,
    entity_id BIGINT,
    changes   TEXT COLLATE "C" NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_assign_id BEFORE INSERT ON audit FOR EACH ROW EXECUTE FUNCTION assign_id();
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_actor ON audit (actor_id);
CREATE INDEX audit_at ON audit (at);

CREATE TABLE login_failures (
    username TEXT COLLATE "C" NOT NULL,
    at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, at);

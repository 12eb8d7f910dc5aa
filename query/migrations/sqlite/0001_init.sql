-- Departments are rows of their own, referenced by collaborators.
CREATE TABLE departments (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);
INSERT INTO departments (id, name) VALUES (1, 'commercial'), (2, 'support'), (3, 'management');

CREATE TABLE collaborators (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT NOT NULL UNIQUE,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    first_name    TEXT NOT NULL,
    last_name     TEXT NOT NULL,
    phone         TEXT NOT NULL DEFAULT '',
    department_id INTEGER NOT NULL REFERENCES departments (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX collaborators_department ON collaborators (department_id, username);

CREATE TABLE clients (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    first_name       TEXT NOT NULL,
    last_name        TEXT NOT NULL,
    email            TEXT NOT NULL UNIQUE,
    phone            TEXT NOT NULL,
    company_name     TEXT NOT NULL,
    sales_contact_id INTEGER REFERENCES collaborators (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX clients_sales_contact ON clients (sales_contact_id);
CREATE INDEX clients_last_name ON clients (last_name COLLATE NOCASE);
CREATE INDEX clients_company ON clients (company_name COLLATE NOCASE);

CREATE TABLE contracts (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id        INTEGER NOT NULL REFERENCES clients (id),
    sales_contact_id INTEGER REFERENCES collaborators (id),
    total_amount     INTEGER NOT NULL CHECK (total_amount >= 0 AND total_amount <= 100000000000000),
    amount_due       INTEGER NOT NULL CHECK (amount_due >= 0 AND amount_due <= total_amount),
    signed           BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX contracts_client ON contracts (client_id);
CREATE INDEX contracts_sales_contact ON contracts (sales_contact_id);
CREATE INDEX contracts_signed ON contracts (signed);
CREATE INDEX contracts_amount_due ON contracts (amount_due);

CREATE TABLE events (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    name               TEXT NOT NULL,
    contract_id        INTEGER NOT NULL REFERENCES contracts (id),
    support_contact_id INTEGER REFERENCES collaborators (id),
    event_start        TEXT NOT NULL,
    event_end          TEXT NOT NULL,
    location           TEXT NOT NULL,
    attendees          INTEGER NOT NULL CHECK (attendees >= 0 AND attendees <= 100000),
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (event_end > event_start)
);
CREATE INDEX events_contract ON events (contract_id);
CREATE INDEX events_support_contact ON events (support_contact_id);
CREATE INDEX events_start ON events (event_start);

-- The audit trail keeps the actor's username so that it survives the
-- collaborator's deletion: no foreign key on actor_id.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor_id  INTEGER,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    changes   TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_actor ON audit (actor_id);
CREATE INDEX audit_at ON audit (at);

CREATE TABLE login_failures (
    username TEXT NOT NULL,
    at       TEXT NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, at);

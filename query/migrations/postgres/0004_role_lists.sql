-- The lists of every role answer from indexes (sqlite/0004).
--
-- An event keeps its client and its client's sales contact, so that a
-- commercial's events (--mine) and a client's events (--client) are found by
-- an index of events instead of going through every contract of every
-- client. A contract's sales contact is its client's: set at creation, and
-- the stores change the client's, its contracts' and its events' together
-- (UpdateClient, Reassign). The column is filled here for existing rows.
ALTER TABLE events ADD COLUMN client_id BIGINT REFERENCES clients (id);
ALTER TABLE events ADD COLUMN sales_contact_id BIGINT REFERENCES collaborators (id);
UPDATE contracts SET sales_contact_id = (SELECT c.sales_contact_id FROM clients c WHERE c.id = contracts.client_id)
    WHERE sales_contact_id IS DISTINCT FROM (SELECT c.sales_contact_id FROM clients c WHERE c.id = contracts.client_id);
UPDATE events SET client_id = (SELECT k.client_id FROM contracts k WHERE k.id = events.contract_id),
    sales_contact_id = (SELECT k.sales_contact_id FROM contracts k WHERE k.id = events.contract_id);

-- A page of a role's list walks one of these in id order (an index on
-- (a, b) lists the rows of one a and one b by id), or reads one range of it
-- for a date or an amount; a count reads the index alone.
CREATE INDEX events_client ON events (client_id, support_contact_id);
CREATE INDEX events_sales_contact ON events (sales_contact_id);
CREATE INDEX events_sales_contact_start ON events (sales_contact_id, event_start);
CREATE INDEX events_support_contact_start ON events (support_contact_id, event_start);
CREATE INDEX events_support_contact_records ON events (support_contact_id, contract_id, client_id);
CREATE INDEX contracts_sales_contact_signed ON contracts (sales_contact_id, signed);
-- What remains to be paid: partial indexes of the unpaid contracts: by id
-- for one status, by amount for one sales contact (--sort amount_due).
CREATE INDEX contracts_unpaid_signed ON contracts (signed) WHERE amount_due > 0;
CREATE INDEX contracts_unpaid_sales_contact ON contracts (sales_contact_id, amount_due) WHERE amount_due > 0;

-- LimeCall.Sdk.PostgreSql: durable webhook inbox schema. Safe to run more than once.
-- PostgreSqlWebhookInbox.EnsureSchemaAsync runs this same script (with the configured table name in place of
-- limecall_inbox); teams that run their own migrations can apply it as it stands.
--
-- One row per (namespace, key): a verified delivery, deduplicated by its idempotency key.
--   state 1 = pending (new, or waiting until available_at to be retried),
--   state 2 = leased to one worker until lease_expires_at (after it another worker may take it over),
--   state 3 = handled (kept until purged, so a redelivery is still recognised as a duplicate),
--   state 4 = dead-lettered (every attempt failed; kept with last_error until requeued or purged).
-- lease_token fences a lease: only the worker holding it can complete, retry, dead-letter or release the event.
-- sort_at is the order within an ordering key: the event's own time, or its arrival when it has none.
CREATE TABLE IF NOT EXISTS limecall_inbox (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    namespace        text        NOT NULL,
    key              text        NOT NULL,
    event_type       text        NOT NULL,
    ordering_key     text        NULL,
    occurred_at      timestamptz NULL,
    sort_at          timestamptz NOT NULL,
    received_at      timestamptz NOT NULL,
    body             bytea       NOT NULL,
    state            smallint    NOT NULL CHECK (state IN (1, 2, 3, 4)),
    attempts         integer     NOT NULL DEFAULT 0,
    available_at     timestamptz NOT NULL,
    lease_token      uuid        NULL,
    lease_expires_at timestamptz NULL,
    last_error       text        NULL,
    completed_at     timestamptz NULL,
    UNIQUE (namespace, key)
);

-- Leasing scans what is due; ordering looks up a key's unhandled and handled events in order; purging finds old rows.
CREATE INDEX IF NOT EXISTS limecall_inbox_due_idx ON limecall_inbox (namespace, available_at, id) WHERE state IN (1, 2);
CREATE INDEX IF NOT EXISTS limecall_inbox_order_idx ON limecall_inbox (namespace, ordering_key, sort_at, id) WHERE ordering_key IS NOT NULL;
-- The purge index's predicate names completed_at so that only the purge can use it: with "WHERE state = 3" alone the
-- planner picked it for the lease's "was a later event of this call handled?" check and read every handled row of the
-- namespace per leased event (measured: the drain slowed linearly with handled rows until autovacuum re-analysed).
CREATE INDEX IF NOT EXISTS limecall_inbox_purge_idx ON limecall_inbox (namespace, completed_at) WHERE state = 3 AND completed_at IS NOT NULL;

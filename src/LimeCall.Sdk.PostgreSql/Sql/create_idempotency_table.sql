-- LimeCall.Sdk.PostgreSql: idempotency store schema. Safe to run more than once.
-- PostgreSqlIdempotencyStore.EnsureSchemaAsync runs this same script (with the configured table name in
-- place of limecall_idempotency); teams that run their own migrations can apply it as it stands.
--
-- One row per (namespace, key):
--   state 1 = claim in progress until expires_at (a lease; after it another worker may take over),
--   state 2 = completed, kept until expires_at (the retention window) so duplicates are recognised.
-- token fences a claim: only the worker holding it can complete or release it.
CREATE TABLE IF NOT EXISTS limecall_idempotency (
    namespace  text        NOT NULL,
    key        text        NOT NULL,
    state      smallint    NOT NULL CHECK (state IN (1, 2)),
    token      uuid        NOT NULL,
    expires_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (namespace, key)
);

-- Cleanup deletes by expiry.
CREATE INDEX IF NOT EXISTS limecall_idempotency_expires_at_idx ON limecall_idempotency (expires_at);

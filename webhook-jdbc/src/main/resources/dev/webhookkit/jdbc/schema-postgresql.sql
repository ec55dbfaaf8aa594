-- webhookkit tables for PostgreSQL (12 or later: the outbox and the delivery log are partitioned).
--
-- Apply once per database, with psql, Flyway, Liquibase or JdbcSchema.create(dataSource):
--   unzip -p webhook-jdbc-<version>.jar dev/webhookkit/jdbc/schema-postgresql.sql | psql -d mydb
-- Every statement is idempotent (IF NOT EXISTS). JdbcSchema.create(dataSource, "myapp_") replaces the
-- "webhookkit_" prefix of every table and index name; do the same by hand for a custom prefix.
-- Times are TIMESTAMP WITH TIME ZONE, durations whole nanoseconds, statuses lower-case words.

-- The outbox: one row per message and subscription, from enqueue until purged. Partitioned (PostgreSQL
-- 12 or later) so that purging finished messages drops whole tables instead of deleting rows:
--   webhookkit_outbox_pending            status 'pending': the small, hot table the dispatchers claim from
--   webhookkit_outbox_finished           'delivered' and 'dead_lettered', by updated_at (when it finished):
--     webhookkit_outbox_dYYYYMMDD        one per UTC day, created ahead by JdbcSchema.create and the store
--     webhookkit_outbox_finished_default a finished row whose day has no table yet (purged row by row)
-- An UPDATE of status moves the row between them. The id is unique in webhookkit_outbox_pending (a
-- partitioned table's unique keys must hold its partition key); enqueue checks the finished ones.
CREATE SEQUENCE IF NOT EXISTS webhookkit_outbox_seq;
CREATE TABLE IF NOT EXISTS webhookkit_outbox (
    id              VARCHAR(255) NOT NULL,
    seq             BIGINT NOT NULL DEFAULT nextval('webhookkit_outbox_seq'),  -- enqueue order, breaks ties
    subscription_id VARCHAR(255) NOT NULL,
    event_type      VARCHAR(255) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    body            BYTEA NOT NULL,
    status          VARCHAR(16) NOT NULL,                     -- pending | delivered | dead_lettered
    attempt_count   INTEGER NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner     VARCHAR(255),                             -- the dispatcher instance holding the message
    lease_until     TIMESTAMP WITH TIME ZONE,                 -- after this another instance may claim it
    lease_token     VARCHAR(64),                              -- new per claim; only its holder may settle the message
    headers         TEXT NOT NULL DEFAULT '[]'                -- the message's own headers (WebhookDispatcher.enqueue), JSON [[name, value], …]
) PARTITION BY LIST (status);
ALTER SEQUENCE webhookkit_outbox_seq OWNED BY webhookkit_outbox.seq;
-- Room on each page, so that leasing a row (no indexed column changes) is a HOT update.
CREATE TABLE IF NOT EXISTS webhookkit_outbox_pending PARTITION OF webhookkit_outbox FOR VALUES IN ('pending') WITH (fillfactor = 85);
CREATE TABLE IF NOT EXISTS webhookkit_outbox_finished PARTITION OF webhookkit_outbox
    FOR VALUES IN ('delivered', 'dead_lettered') PARTITION BY RANGE (updated_at);
CREATE TABLE IF NOT EXISTS webhookkit_outbox_finished_default PARTITION OF webhookkit_outbox_finished DEFAULT;
CREATE UNIQUE INDEX IF NOT EXISTS webhookkit_outbox_pending_id ON webhookkit_outbox_pending (id);
CREATE INDEX IF NOT EXISTS webhookkit_outbox_finished_id ON webhookkit_outbox_finished (id);

-- Claiming: due pending messages, earliest first.
CREATE INDEX IF NOT EXISTS webhookkit_outbox_due ON webhookkit_outbox (next_attempt_at, seq) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhookkit_outbox_subscription ON webhookkit_outbox (subscription_id, created_at, seq);
-- Ordered subscriptions (issue 16): a subscription's earliest pending message by enqueue order.
-- Leasing changes none of its columns, so claims stay HOT updates.
CREATE INDEX IF NOT EXISTS webhookkit_outbox_pending_seq ON webhookkit_outbox (subscription_id, seq) WHERE status = 'pending';
-- Dead-letter lists, counts and purging.
CREATE INDEX IF NOT EXISTS webhookkit_outbox_status ON webhookkit_outbox (status, updated_at, seq);
-- Message queries (newest first by created_at, then id in code-point order as in memory; keyset paging)
-- per status, per subscription and over all; the status one also finds the oldest pending message.
CREATE INDEX IF NOT EXISTS webhookkit_outbox_status_created ON webhookkit_outbox (status, created_at, id COLLATE "C");
CREATE INDEX IF NOT EXISTS webhookkit_outbox_sub_created ON webhookkit_outbox (subscription_id, created_at, id COLLATE "C");
CREATE INDEX IF NOT EXISTS webhookkit_outbox_created ON webhookkit_outbox (created_at, id COLLATE "C");

-- The delivery log: every attempt, including test sends of messages that are not in the outbox.
-- Partitioned like the outbox's finished messages, by the attempt's start:
--   webhookkit_attempt_by_day            carried_over FALSE, by started_at:
--     webhookkit_attempt_dYYYYMMDD       one per UTC day, dropped with the outbox's day
--     webhookkit_attempt_by_day_default  an attempt whose day has no table yet
--   webhookkit_attempt_carried           carried_over TRUE: attempts of a message still kept when their
--                                        day was dropped, moved here first; deleted with their message
CREATE SEQUENCE IF NOT EXISTS webhookkit_attempt_seq;
CREATE TABLE IF NOT EXISTS webhookkit_attempt (
    seq              BIGINT NOT NULL DEFAULT nextval('webhookkit_attempt_seq'),
    message_id       VARCHAR(255) NOT NULL,
    subscription_id  VARCHAR(255) NOT NULL,
    attempt_number   INTEGER NOT NULL,
    url              TEXT NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    latency_nanos    BIGINT NOT NULL,
    outcome          VARCHAR(32) NOT NULL,                    -- success | client_error | timeout | …
    status_code      INTEGER NOT NULL,                        -- 0 when no answer came
    response_snippet TEXT NOT NULL,
    error            TEXT NOT NULL,
    unsigned         BOOLEAN NOT NULL DEFAULT FALSE,          -- sent to a subscription that opted out of signing
    carried_over     BOOLEAN NOT NULL DEFAULT FALSE           -- see webhookkit_attempt_carried
) PARTITION BY LIST (carried_over);
ALTER SEQUENCE webhookkit_attempt_seq OWNED BY webhookkit_attempt.seq;
CREATE TABLE IF NOT EXISTS webhookkit_attempt_by_day PARTITION OF webhookkit_attempt FOR VALUES IN (FALSE) PARTITION BY RANGE (started_at);
CREATE TABLE IF NOT EXISTS webhookkit_attempt_by_day_default PARTITION OF webhookkit_attempt_by_day DEFAULT;
CREATE TABLE IF NOT EXISTS webhookkit_attempt_carried PARTITION OF webhookkit_attempt FOR VALUES IN (TRUE);

CREATE INDEX IF NOT EXISTS webhookkit_attempt_message ON webhookkit_attempt (message_id, seq);
CREATE INDEX IF NOT EXISTS webhookkit_attempt_subscription ON webhookkit_attempt (subscription_id, seq);

-- The inbound event history (JdbcEventLog): one row per received request, replaced by event id.
CREATE TABLE IF NOT EXISTS webhookkit_event (
    event_id             VARCHAR(255) NOT NULL PRIMARY KEY,
    seq                  BIGINT GENERATED BY DEFAULT AS IDENTITY,  -- first-recorded order, for recent()
    endpoint             VARCHAR(255) NOT NULL,
    received_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    status               INTEGER NOT NULL,
    reason               VARCHAR(64) NOT NULL,
    event_type           TEXT NOT NULL,
    delivery_key         TEXT NOT NULL,
    remote_address       VARCHAR(255) NOT NULL,
    body                 BYTEA NOT NULL,
    body_truncated       BOOLEAN NOT NULL,
    alerts               TEXT NOT NULL,                           -- JSON array of normalized alerts
    message              TEXT NOT NULL,
    handler_content_type VARCHAR(255) NOT NULL,
    handler_body         BYTEA NOT NULL,
    error                TEXT NOT NULL,
    matched_key_id       VARCHAR(255) NOT NULL,
    duration_nanos       BIGINT NOT NULL
);

CREATE INDEX IF NOT EXISTS webhookkit_event_seq ON webhookkit_event (seq);
CREATE INDEX IF NOT EXISTS webhookkit_event_received ON webhookkit_event (received_at);

-- Event history, issue 12 (JdbcEventLog): recorded headers (credentials redacted), verification, replays.
-- Tables created before these columns get them here; older rows read as unverified, without headers.
ALTER TABLE webhookkit_event ADD COLUMN IF NOT EXISTS headers TEXT NOT NULL DEFAULT '[]';      -- JSON [[name, value], …]
ALTER TABLE webhookkit_event ADD COLUMN IF NOT EXISTS verified BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE webhookkit_event ADD COLUMN IF NOT EXISTS replay_of VARCHAR(255) NOT NULL DEFAULT '';
-- Issue 13: what each configured action did (webhook-actions), JSON [{"name","status","detail","durationNanos"}, …].
ALTER TABLE webhookkit_event ADD COLUMN IF NOT EXISTS actions TEXT NOT NULL DEFAULT '[]';
-- The endpoint's tenant at record time ('' for none), who may read and replay the event; older rows
-- read as no tenant. Whether the event was let in unsigned (never replayed into a signed endpoint).
ALTER TABLE webhookkit_event ADD COLUMN IF NOT EXISTS tenant VARCHAR(255) NOT NULL DEFAULT '';
ALTER TABLE webhookkit_event ADD COLUMN IF NOT EXISTS accepted_unsigned BOOLEAN NOT NULL DEFAULT FALSE;
-- query(): newest first by (received_at, event_id in byte order), keyset paging; one index per filter.
-- The time index also serves since/until, retention purges and the unfiltered listing.
CREATE INDEX IF NOT EXISTS webhookkit_event_time ON webhookkit_event (received_at DESC, event_id COLLATE "C" DESC);
CREATE INDEX IF NOT EXISTS webhookkit_event_endpoint_time ON webhookkit_event (endpoint, received_at DESC, event_id COLLATE "C" DESC);
CREATE INDEX IF NOT EXISTS webhookkit_event_reason_time ON webhookkit_event (reason, received_at DESC, event_id COLLATE "C" DESC);

-- Durable registries (JdbcEndpointRegistry, JdbcSubscriptionRegistry): one row per entry, holding
-- what the registry's codec writes, SECRETS INCLUDED (signing secrets of endpoints and subscriptions):
-- grant this table only to the application's own database role.
CREATE TABLE IF NOT EXISTS webhookkit_registry (
    kind       VARCHAR(32) NOT NULL,                      -- endpoint | subscription
    entry_key  TEXT NOT NULL,                             -- endpoint name, subscription id
    body       TEXT NOT NULL,                             -- the codec's text
    version    BIGINT NOT NULL,                           -- the kind's generation that last wrote the row
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (kind, entry_key)
);
-- One generation per kind, raised in the same transaction by every write: a reader compares it with
-- its snapshot's (one row read) and reloads the kind only when it moved.
CREATE TABLE IF NOT EXISTS webhookkit_registry_version (
    kind    VARCHAR(32) NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);

-- Endpoint health (JdbcEndpointHealthStore, issue 16): per subscription, the failures since its last
-- success and why the dispatcher disabled it, shared by every instance on the database and kept
-- across restarts. Each change is one atomic statement (INSERT … ON CONFLICT DO UPDATE), so instances
-- counting failures of one subscription at the same moment lose none. No row: nothing is known against it.
CREATE TABLE IF NOT EXISTS webhookkit_endpoint_health (
    subscription_id VARCHAR(255) NOT NULL PRIMARY KEY,
    failures        BIGINT NOT NULL,                          -- failed attempts since the last success
    failing_since   TIMESTAMP WITH TIME ZONE,                 -- the first of them; NULL when none
    failed_messages BIGINT NOT NULL,                          -- messages given up since the last success
    disabled_reason VARCHAR(32),                              -- GONE | FAILING_TOO_LONG | TOO_MANY_FAILED_MESSAGES
    disabled_at     TIMESTAMP WITH TIME ZONE
);

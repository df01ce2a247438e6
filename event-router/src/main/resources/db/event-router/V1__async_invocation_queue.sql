-- Event router schema, version 1: the durable queue of asynchronous invocations, which is
-- also the dead-letter store. Portable SQL: runs on PostgreSQL and on H2 (standalone mode).
--
-- A row is one unit of work:
--   kind INVOCATION: invoke namespace/function_name:qualifier with the payload (the event);
--   kind DELIVERY:   deliver a destination record (the payload) about that function's
--                    invocation to the address in destination.
-- Life of a row: QUEUED -> RUNNING (claimed under a lease) -> SUCCEEDED | DEAD | QUEUED (retry).
-- A RUNNING row whose lease expired (its router died) goes back to QUEUED: at-least-once.

CREATE TABLE async_invocation (
    id                UUID                     PRIMARY KEY,
    kind              VARCHAR(16)              NOT NULL,
    namespace         VARCHAR(64)              NOT NULL,
    function_name     VARCHAR(64)              NOT NULL,
    qualifier         VARCHAR(128)             NOT NULL,
    -- What produced the event: invoke-api, route, schedule, s3, sqs, amqp, kafka, destination.
    source            VARCHAR(32)              NOT NULL,
    -- DELIVERY rows: where the destination record goes (function ARN, queue ARN or URL).
    destination       VARCHAR(2048),
    idempotency_key   VARCHAR(256),
    payload           BYTEA                    NOT NULL,
    -- The configuration revision the function was known at when the row was written.
    config_revision   BIGINT                   NOT NULL,
    -- QUEUED, RUNNING, SUCCEEDED, DEAD (in the dead-letter store).
    state             VARCHAR(16)              NOT NULL,
    -- Attempts that reached the function (Lambda's approximateInvokeCount), or delivery attempts.
    attempts          INTEGER                  NOT NULL,
    -- Throttles and platform errors since the last attempt that reached the function (back-off).
    deferrals         INTEGER                  NOT NULL,
    enqueued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_owner       VARCHAR(64),
    lease_expires_at  TIMESTAMP WITH TIME ZONE,
    completed_at      TIMESTAMP WITH TIME ZONE,
    dead_letter_reason VARCHAR(32),
    last_error        VARCHAR(4096),
    -- The function's answer to the last attempt that failed, for the failure record.
    last_response     BYTEA,
    executed_version  VARCHAR(32),
    CONSTRAINT async_invocation_idempotency UNIQUE (namespace, function_name, idempotency_key)
);

-- Workers claim due work with FOR UPDATE SKIP LOCKED in this order.
CREATE INDEX async_invocation_due ON async_invocation (state, next_attempt_at);

-- Dead letters are paged, and finished rows purged, by completion time.
CREATE INDEX async_invocation_completed ON async_invocation (state, completed_at, id);

-- The reaper looks for expired leases.
CREATE INDEX async_invocation_lease ON async_invocation (state, lease_expires_at);

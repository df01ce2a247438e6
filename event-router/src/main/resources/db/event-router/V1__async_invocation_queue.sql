-- Event router schema, version 1: the durable queue of asynchronous invocations.
-- Portable SQL: runs on PostgreSQL and on H2 (standalone mode).

CREATE TABLE async_invocation (
    id                UUID                     PRIMARY KEY,
    namespace         VARCHAR(64)              NOT NULL,
    function_name     VARCHAR(64)              NOT NULL,
    qualifier         VARCHAR(128)             NOT NULL,
    -- What produced the event: invoke-api, route, schedule, s3, sqs, amqp, kafka.
    source            VARCHAR(32)              NOT NULL,
    idempotency_key   VARCHAR(256),
    payload           BYTEA                    NOT NULL,
    -- QUEUED, RUNNING (claimed under a lease), SUCCEEDED, DEAD (in the dead-letter store).
    state             VARCHAR(16)              NOT NULL,
    attempts          INTEGER                  NOT NULL,
    enqueued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    lease_expires_at  TIMESTAMP WITH TIME ZONE,
    last_error        VARCHAR(4096),
    CONSTRAINT async_invocation_idempotency UNIQUE (namespace, function_name, idempotency_key)
);

-- Workers claim due work with FOR UPDATE SKIP LOCKED in this order.
CREATE INDEX async_invocation_due ON async_invocation (state, next_attempt_at);

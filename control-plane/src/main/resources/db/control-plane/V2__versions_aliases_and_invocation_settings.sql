-- Control plane schema, version 2: published versions, aliases, reserved concurrency and the
-- settings of asynchronous invocations. Portable SQL: runs on PostgreSQL and on H2.

-- Version numbers grow from 1 and are never reused, even after a version is deleted.
ALTER TABLE function_definition ADD COLUMN last_published_version INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE function_definition ADD COLUMN reserved_concurrency INTEGER;

-- An immutable snapshot of a function's code and configuration.
CREATE TABLE function_version (
    id                    UUID                     PRIMARY KEY,
    function_id           UUID                     NOT NULL REFERENCES function_definition (id) ON DELETE CASCADE,
    version               INTEGER                  NOT NULL,
    runtime               VARCHAR(32)              NOT NULL,
    handler               VARCHAR(128)             NOT NULL,
    memory_mb             INTEGER                  NOT NULL,
    timeout_seconds       INTEGER                  NOT NULL,
    ephemeral_storage_mb  INTEGER                  NOT NULL,
    description           VARCHAR(256)             NOT NULL,
    environment           VARCHAR(1048576)         NOT NULL,
    code_sha256           CHAR(64)                 NOT NULL REFERENCES code_artifact (sha256),
    code_size_bytes       BIGINT                   NOT NULL,
    revision_id           UUID                     NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT function_version_unique UNIQUE (function_id, version)
);

-- A name for a published version, optionally sending a share of invocations to a second one.
CREATE TABLE function_alias (
    id                         UUID                     PRIMARY KEY,
    function_id                UUID                     NOT NULL REFERENCES function_definition (id) ON DELETE CASCADE,
    name                       VARCHAR(128)             NOT NULL,
    function_version           VARCHAR(16)              NOT NULL,
    additional_version         VARCHAR(16),
    additional_version_weight  DOUBLE PRECISION         DEFAULT 0 NOT NULL,
    description                VARCHAR(256)             NOT NULL,
    revision_id                UUID                     NOT NULL,
    entity_version             BIGINT                   NOT NULL,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT function_alias_unique UNIQUE (function_id, name)
);

-- How asynchronous invocations of a function qualifier are retried, and where outcomes go.
CREATE TABLE event_invoke_config (
    function_id                UUID                     NOT NULL REFERENCES function_definition (id) ON DELETE CASCADE,
    qualifier                  VARCHAR(128)             NOT NULL,
    maximum_retry_attempts     INTEGER                  NOT NULL,
    maximum_event_age_seconds  INTEGER                  NOT NULL,
    on_success_destination     VARCHAR(1024),
    on_failure_destination     VARCHAR(1024),
    updated_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (function_id, qualifier)
);

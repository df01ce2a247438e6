-- Control plane schema, version 1. Portable SQL: runs on PostgreSQL and on H2 (standalone mode).

CREATE TABLE namespace (
    name        VARCHAR(64)              PRIMARY KEY,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO namespace (name, created_at) VALUES ('default', CURRENT_TIMESTAMP);

-- Code archives, stored once per content.
CREATE TABLE code_artifact (
    sha256      CHAR(64)                 PRIMARY KEY,
    size_bytes  BIGINT                   NOT NULL,
    content     BYTEA                    NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE function_definition (
    id                    UUID                     PRIMARY KEY,
    namespace             VARCHAR(64)              NOT NULL REFERENCES namespace (name),
    name                  VARCHAR(64)              NOT NULL,
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
    entity_version        BIGINT                   NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT function_definition_name_unique UNIQUE (namespace, name)
);

CREATE TABLE route (
    id              UUID                     PRIMARY KEY,
    namespace       VARCHAR(64)              NOT NULL REFERENCES namespace (name),
    method          VARCHAR(16)              NOT NULL,
    path            VARCHAR(1024)            NOT NULL,
    path_shape      VARCHAR(1024)            NOT NULL,
    function_name   VARCHAR(64)              NOT NULL,
    qualifier       VARCHAR(128)             NOT NULL,
    entity_version  BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Routes share one path space on the gateway: two routes may not match the same requests.
    CONSTRAINT route_shape_unique UNIQUE (method, path_shape)
);

-- The configuration feed: the latest state of each resource followers need (a tombstone, with a
-- NULL payload, once deleted), at the revision it was written.
CREATE TABLE config_resource (
    id            VARCHAR(600)  PRIMARY KEY,
    kind          VARCHAR(32)   NOT NULL,
    resource_key  VARCHAR(512)  NOT NULL,
    revision      BIGINT        NOT NULL,
    payload       VARCHAR(1048576)
);

CREATE INDEX config_resource_revision ON config_resource (revision);

-- One row. Every change bumps it in its own transaction, which serialises writers so revisions
-- become visible in order. compacted_revision: tombstones up to here have been removed.
CREATE TABLE config_revision (
    id                  INTEGER PRIMARY KEY,
    revision            BIGINT  NOT NULL,
    compacted_revision  BIGINT  NOT NULL
);

INSERT INTO config_revision (id, revision, compacted_revision) VALUES (1, 0, 0);

-- Control plane schema, version 3: access keys and who may do what in which namespace.
-- Portable SQL: runs on PostgreSQL and on H2.

-- An access key: an id (AKIA...) and a secret. The secret is sealed with the master key, not
-- hashed, because verifying AWS Signature V4 needs it.
CREATE TABLE access_key (
    id             VARCHAR(20)              PRIMARY KEY,
    secret_sealed  VARCHAR(512)             NOT NULL,
    description    VARCHAR(256)             NOT NULL,
    enabled        BOOLEAN                  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A key's role in a namespace; the namespace '*' means every namespace.
CREATE TABLE role_binding (
    access_key_id  VARCHAR(20)              NOT NULL REFERENCES access_key (id) ON DELETE CASCADE,
    namespace      VARCHAR(64)              NOT NULL,
    role           VARCHAR(16)              NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (access_key_id, namespace)
);

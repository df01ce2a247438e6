-- Control plane schema, version 15: collecting code artifacts no function or version uses.
-- Portable SQL: runs on PostgreSQL and on H2.
--
-- last_used_at: when the artifact was last stored or reused by an upload. An artifact is
-- collected only once no function_definition and no function_version references it and it
-- was not used within the grace period (aloft.control-plane.code.gc.grace-period), so an
-- upload that reuses it has that long to commit the function row that references it.
-- Artifacts stored before count as used when they were created. Rows written without it (by a
-- control plane of an earlier version, during a rolling upgrade) count as used when written.
ALTER TABLE code_artifact ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
UPDATE code_artifact SET last_used_at = created_at;
ALTER TABLE code_artifact ALTER COLUMN last_used_at SET NOT NULL;
ALTER TABLE code_artifact ALTER COLUMN last_used_at SET DEFAULT CURRENT_TIMESTAMP;

CREATE INDEX code_artifact_last_used ON code_artifact (last_used_at);

-- PostgreSQL does not index referencing columns: without these, deleting an artifact would scan
-- every function and version twice (the collection's NOT EXISTS and the foreign-key check).
CREATE INDEX function_definition_code ON function_definition (code_sha256);
CREATE INDEX function_version_code ON function_version (code_sha256);

-- Bytes in an object store whose artifact row was collected and that are still to be deleted.
-- The row is written in the transaction that deletes the artifact; whoever deletes the bytes
-- removes it in the transaction that is open while they do. An upload of the same content
-- removes it before storing the bytes again: it waits for a deletion under way, or cancels one
-- not yet begun, so a collection never deletes bytes a new artifact row names.
CREATE TABLE code_content_deletion (
    sha256      CHAR(64)                 PRIMARY KEY,
    location    VARCHAR(1024)            NOT NULL,
    size_bytes  BIGINT                   NOT NULL,
    deleted_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

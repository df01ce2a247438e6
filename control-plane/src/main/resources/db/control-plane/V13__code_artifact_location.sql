-- Control plane schema, version 13: code kept in an S3-compatible store. Portable SQL: runs on
-- PostgreSQL and on H2.
--
-- With aloft.control-plane.code.store=s3 a zip's bytes are in a bucket, and its row keeps only
-- the metadata: the hash, the size and the location (s3://<bucket>/<key>), with no content.
-- With the database store (and for every artifact stored before) content holds the bytes and
-- location is NULL. Every row has one or the other.
ALTER TABLE code_artifact ADD COLUMN location VARCHAR(1024);
ALTER TABLE code_artifact ALTER COLUMN content DROP NOT NULL;
ALTER TABLE code_artifact ADD CONSTRAINT code_artifact_bytes_somewhere
    CHECK (content IS NOT NULL OR location IS NOT NULL);

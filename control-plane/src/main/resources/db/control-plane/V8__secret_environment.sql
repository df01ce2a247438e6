-- Control plane schema, version 8: secret environment variables. Portable SQL: runs on
-- PostgreSQL and on H2.
--
-- A JSON object of name -> value sealed with the master key (AES-256-GCM) for
-- env:<namespace>/<function>/<name>; never the plain value. A published version holds a copy
-- of the sealed values of $LATEST when it was published.
ALTER TABLE function_definition ADD COLUMN secret_environment VARCHAR(1048576) DEFAULT '{}' NOT NULL;

ALTER TABLE function_version ADD COLUMN secret_environment VARCHAR(1048576) DEFAULT '{}' NOT NULL;

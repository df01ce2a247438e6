-- Control plane schema, version 10: provisioned concurrency, per published version or
-- alias. Portable SQL: runs on PostgreSQL and on H2.

-- How many initialised environments invokers keep ready for a qualifier. The rows go
-- with their function; versions and aliases delete theirs explicitly (and retract them
-- from the feed).
CREATE TABLE provisioned_concurrency (
    function_id                         UUID                     NOT NULL REFERENCES function_definition (id) ON DELETE CASCADE,
    qualifier                           VARCHAR(128)             NOT NULL,
    provisioned_concurrent_executions   INTEGER                  NOT NULL,
    updated_at                          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (function_id, qualifier)
);

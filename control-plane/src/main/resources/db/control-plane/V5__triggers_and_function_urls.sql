-- Control plane schema, version 5: what invokes functions besides HTTP routes (event-source
-- mappings, schedules, bucket notifications) and function URLs. Portable SQL: runs on
-- PostgreSQL and on H2. Lists are JSON arrays in text columns.
--
-- Every trigger belongs to a function and goes with it (ON DELETE CASCADE); the feature's
-- service retracts the feed entries. It also names the function, which cannot be renamed,
-- so the feed records need no join.

-- A queue or stream the router polls for a function.
CREATE TABLE event_source_mapping (
    id                               UUID                     PRIMARY KEY,
    namespace                        VARCHAR(64)              NOT NULL REFERENCES namespace (name),
    function_id                      UUID                     NOT NULL,
    function_name                    VARCHAR(64)              NOT NULL,
    qualifier                        VARCHAR(128)             NOT NULL,
    source_type                      VARCHAR(16)              NOT NULL,
    -- SHA-256 (hex) of the source's identity: type, ARN or endpoints, topic or queue.
    source_key                       VARCHAR(64)              NOT NULL,
    event_source_arn                 VARCHAR(1024),
    endpoints                        VARCHAR(16384)           NOT NULL,
    topics                           VARCHAR(1024)            NOT NULL,
    queues                           VARCHAR(2048)            NOT NULL,
    enabled                          BOOLEAN                  NOT NULL,
    batch_size                       INTEGER                  NOT NULL,
    maximum_batching_window_seconds  INTEGER                  NOT NULL,
    starting_position                VARCHAR(16),
    starting_position_timestamp      BIGINT,
    report_batch_item_failures       BOOLEAN                  NOT NULL,
    bisect_batch_on_function_error   BOOLEAN                  NOT NULL,
    maximum_retry_attempts           INTEGER                  NOT NULL,
    maximum_record_age_seconds       INTEGER                  NOT NULL,
    on_failure_destination           VARCHAR(1024),
    maximum_concurrency              INTEGER,
    filter_patterns                  VARCHAR(65536)           NOT NULL,
    entity_version                   BIGINT                   NOT NULL,
    created_at                       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT event_source_mapping_function_fk FOREIGN KEY (function_id)
        REFERENCES function_definition (id) ON DELETE CASCADE,
    -- One mapping per source and function, as in Lambda.
    CONSTRAINT event_source_mapping_source_unique UNIQUE (function_id, source_key)
);

CREATE INDEX event_source_mapping_page ON event_source_mapping (namespace, created_at, id);

-- A schedule that invokes a function.
CREATE TABLE function_schedule (
    id              UUID                     PRIMARY KEY,
    namespace       VARCHAR(64)              NOT NULL REFERENCES namespace (name),
    name            VARCHAR(64)              NOT NULL,
    function_id     UUID                     NOT NULL,
    function_name   VARCHAR(64)              NOT NULL,
    qualifier       VARCHAR(128)             NOT NULL,
    expression      VARCHAR(256)             NOT NULL,
    time_zone       VARCHAR(64)              NOT NULL,
    input           VARCHAR(8192),
    enabled         BOOLEAN                  NOT NULL,
    entity_version  BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT function_schedule_function_fk FOREIGN KEY (function_id)
        REFERENCES function_definition (id) ON DELETE CASCADE,
    CONSTRAINT function_schedule_name_unique UNIQUE (namespace, name)
);

CREATE INDEX function_schedule_function ON function_schedule (function_id);
CREATE INDEX function_schedule_page ON function_schedule (namespace, created_at, id);

-- Object events of a bucket that invoke a function.
CREATE TABLE bucket_notification (
    id              UUID                     PRIMARY KEY,
    namespace       VARCHAR(64)              NOT NULL REFERENCES namespace (name),
    bucket          VARCHAR(63)              NOT NULL,
    function_id     UUID                     NOT NULL,
    function_name   VARCHAR(64)              NOT NULL,
    qualifier       VARCHAR(128)             NOT NULL,
    events          VARCHAR(4096)            NOT NULL,
    prefix          VARCHAR(1024),
    suffix          VARCHAR(1024),
    entity_version  BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT bucket_notification_function_fk FOREIGN KEY (function_id)
        REFERENCES function_definition (id) ON DELETE CASCADE
);

CREATE INDEX bucket_notification_bucket ON bucket_notification (namespace, bucket);
CREATE INDEX bucket_notification_function ON bucket_notification (function_id);
CREATE INDEX bucket_notification_page ON bucket_notification (namespace, created_at, id);

-- One row per bucket that has (or had) notifications in a namespace. Writers lock it, so
-- the overlap check and the write of one bucket's notifications go one at a time.
CREATE TABLE notified_bucket (
    namespace  VARCHAR(64)  NOT NULL REFERENCES namespace (name) ON DELETE CASCADE,
    bucket     VARCHAR(63)  NOT NULL,
    PRIMARY KEY (namespace, bucket)
);

-- A function's URL on the gateway: $LATEST's, or an alias's.
CREATE TABLE function_url (
    id              UUID                     PRIMARY KEY,
    namespace       VARCHAR(64)              NOT NULL REFERENCES namespace (name),
    function_id     UUID                     NOT NULL,
    function_name   VARCHAR(64)              NOT NULL,
    qualifier       VARCHAR(128)             NOT NULL,
    url_id          VARCHAR(32)              NOT NULL,
    auth_type       VARCHAR(16)              NOT NULL,
    cors            VARCHAR(1048576),
    invoke_mode     VARCHAR(16)              NOT NULL,
    entity_version  BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT function_url_function_fk FOREIGN KEY (function_id)
        REFERENCES function_definition (id) ON DELETE CASCADE,
    CONSTRAINT function_url_qualifier_unique UNIQUE (function_id, qualifier),
    CONSTRAINT function_url_url_id_unique UNIQUE (url_id)
);

-- Control plane schema, version 12: the tags of functions (Lambda's TagResource, UntagResource,
-- ListTags and CreateFunction's Tags). Portable SQL: runs on PostgreSQL and on H2.
--
-- At most 50 per function, keys 1-128 characters, values 0-256, as in Lambda; they go with the
-- function.
CREATE TABLE function_tag (
    function_id  UUID         NOT NULL REFERENCES function_definition (id) ON DELETE CASCADE,
    tag_key      VARCHAR(128) NOT NULL,
    tag_value    VARCHAR(256) NOT NULL,
    PRIMARY KEY (function_id, tag_key)
);

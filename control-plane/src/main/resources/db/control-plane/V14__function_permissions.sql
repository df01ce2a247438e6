-- Statements of functions' resource policies: one access key may invoke one function
-- (every qualifier when qualifier is NULL, else only that one) without a role in its
-- namespace. Rows go with their function and with their key.
CREATE TABLE function_permission (
    id              UUID                     PRIMARY KEY,
    namespace       VARCHAR(64)              NOT NULL REFERENCES namespace (name),
    function_id     UUID                     NOT NULL,
    function_name   VARCHAR(64)              NOT NULL,
    statement_id    VARCHAR(100)             NOT NULL,
    access_key_id   VARCHAR(20)              NOT NULL,
    qualifier       VARCHAR(128),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT function_permission_function_fk FOREIGN KEY (function_id)
        REFERENCES function_definition (id) ON DELETE CASCADE,
    CONSTRAINT function_permission_access_key_fk FOREIGN KEY (access_key_id)
        REFERENCES access_key (id) ON DELETE CASCADE,
    CONSTRAINT function_permission_statement_unique UNIQUE (function_id, statement_id)
);

CREATE INDEX function_permission_by_function ON function_permission (namespace, function_name);

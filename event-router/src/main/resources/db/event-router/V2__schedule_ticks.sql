-- Event router schema, version 2: the tick each schedule fired last. Portable SQL.
--
-- A router fires a tick by moving last_fired_at forward and enqueueing the invocation in
-- one transaction, holding the row's lock (or inserting it: a second router inserting
-- the same schedule's first row fails on the key). So each tick fires once, however many
-- routers run, and after downtime the next tick due is the latest one missed.

CREATE TABLE schedule_tick (
    schedule_id       VARCHAR(128)             PRIMARY KEY,
    last_fired_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The invocation the last tick enqueued; null when its function did not exist.
    last_invocation   UUID,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

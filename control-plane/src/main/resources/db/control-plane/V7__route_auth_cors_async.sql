-- Control plane schema, version 7: routes say who may call them, answer browsers with CORS
-- headers, and may be asynchronous. Portable SQL: runs on PostgreSQL and on H2.

-- How callers authenticate, as the feed publishes it (RouteAuth as JSON): API keys only as
-- SHA-256 digests, an HS256 secret only sealed with the master key. NULL (routes created
-- before this version): anyone may call.
ALTER TABLE route ADD COLUMN auth VARCHAR(65536);

-- The CORS settings as a JSON object, or NULL for none.
ALTER TABLE route ADD COLUMN cors VARCHAR(1048576);

-- Whether the gateway queues the event with the event router and answers 202.
ALTER TABLE route ADD COLUMN invoke_async BOOLEAN DEFAULT FALSE NOT NULL;

-- Routes can now be replaced.
ALTER TABLE route ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;

UPDATE route SET updated_at = created_at;

ALTER TABLE route ALTER COLUMN updated_at SET NOT NULL;

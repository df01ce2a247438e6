-- Control plane schema, version 11: functions that run a container image. Portable SQL: runs
-- on PostgreSQL and on H2.
--
-- package_type is Zip (code_sha256 names the stored zip) or Image (image_uri names the image,
-- and there is no stored code, so code_sha256 is NULL). image_config is Lambda's ImageConfig
-- as a JSON object ({"entryPoint":[...],"command":[...],"workingDirectory":"..."}), or NULL.
-- A zip function keeps its runtime and handler; an image function stores them empty.
ALTER TABLE function_definition ADD COLUMN package_type VARCHAR(8) DEFAULT 'Zip' NOT NULL;
ALTER TABLE function_definition ADD COLUMN image_uri VARCHAR(1024);
ALTER TABLE function_definition ADD COLUMN image_config VARCHAR(1048576);
ALTER TABLE function_definition ALTER COLUMN code_sha256 DROP NOT NULL;

ALTER TABLE function_version ADD COLUMN package_type VARCHAR(8) DEFAULT 'Zip' NOT NULL;
ALTER TABLE function_version ADD COLUMN image_uri VARCHAR(1024);
ALTER TABLE function_version ADD COLUMN image_config VARCHAR(1048576);
ALTER TABLE function_version ALTER COLUMN code_sha256 DROP NOT NULL;

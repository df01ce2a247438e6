-- Control plane schema, version 6: every namespace has the 12-digit account id its functions
-- carry in ARNs. The default namespace is account 000000000000; namespaces created before this
-- version get theirs when the control plane starts.
ALTER TABLE namespace ADD COLUMN account_id VARCHAR(12);

UPDATE namespace SET account_id = '000000000000' WHERE name = 'default';

CREATE UNIQUE INDEX namespace_account_id ON namespace (account_id);

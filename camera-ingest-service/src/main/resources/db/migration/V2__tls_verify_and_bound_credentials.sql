-- Credentials are bound to their camera's scheme, host and port (the AES-GCM associated data, see CredentialCipher):
-- 2 for rows written from this version on; rows written before carry 1 (camera id only) until the service
-- re-encrypts them at start (CredentialRebinding).
ALTER TABLE cameras ADD COLUMN credentials_binding smallint NOT NULL DEFAULT 1;

-- rtsps cameras have their certificate verified unless an admin turns it off for one.
ALTER TABLE cameras ADD COLUMN tls_verify boolean NOT NULL DEFAULT true;

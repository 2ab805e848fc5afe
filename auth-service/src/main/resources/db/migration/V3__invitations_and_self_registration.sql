-- Who may join a tenant (issue 14): self-registration creates STUDENT accounts only, and only where the tenant's admin
-- turned it on (off for every tenant, existing ones included); TEACHER and ADMIN accounts come from an admin's
-- invitation (or a role grant). An invitation is single use: registering with it deletes it. Only the SHA-256 of its
-- code is stored.
ALTER TABLE tenants ADD COLUMN self_registration boolean NOT NULL DEFAULT false;

CREATE TABLE invitations (
    id uuid PRIMARY KEY,
    tenant_id character varying(64) NOT NULL,
    email character varying(320) NOT NULL,
    email_normalised character varying(320) NOT NULL,
    role character varying(20) NOT NULL CHECK (role IN ('ADMIN', 'TEACHER', 'STUDENT')),
    code_hash character varying(64) NOT NULL UNIQUE,
    created_by uuid NOT NULL,
    created_at timestamp(6) with time zone NOT NULL,
    expires_at timestamp(6) with time zone NOT NULL
);

CREATE INDEX invitations_tenant ON invitations (tenant_id, created_at);
CREATE INDEX invitations_expiry ON invitations (expires_at);

-- Version 1.0 of the schema, as Hibernate's schema update created it before migrations were versioned.
-- A database left by that version already has it: Flyway baselines such a database at version 1.

CREATE TABLE refresh_tokens (
    id uuid NOT NULL,
    created_at timestamp(6) with time zone NOT NULL,
    expires_at timestamp(6) with time zone NOT NULL,
    family_id uuid NOT NULL,
    revocation character varying(20),
    revoked_at timestamp(6) with time zone,
    tenant_id character varying(64) NOT NULL,
    token_hash character varying(64) NOT NULL,
    user_id uuid NOT NULL,
    CONSTRAINT refresh_tokens_revocation_check CHECK (((revocation)::text = ANY ((ARRAY['ROTATED'::character varying, 'LOGOUT'::character varying, 'REUSE_DETECTED'::character varying, 'PASSWORD_CHANGED'::character varying, 'DISABLED'::character varying])::text[])))
);

CREATE TABLE signing_keys (
    kid character varying(64) NOT NULL,
    created_at timestamp(6) with time zone NOT NULL,
    private_key_encrypted text NOT NULL,
    public_key text NOT NULL,
    retired_at timestamp(6) with time zone
);

CREATE TABLE tenants (
    id character varying(64) NOT NULL,
    created_at timestamp(6) with time zone NOT NULL,
    name character varying(120) NOT NULL
);

CREATE TABLE users (
    id uuid NOT NULL,
    created_at timestamp(6) with time zone NOT NULL,
    disabled boolean NOT NULL,
    display_name character varying(120) NOT NULL,
    email character varying(320) NOT NULL,
    email_normalised character varying(320) NOT NULL,
    password_hash character varying(100) NOT NULL,
    roles character varying(64) NOT NULL,
    tenant_id character varying(64) NOT NULL,
    updated_at timestamp(6) with time zone NOT NULL,
    version bigint NOT NULL
);

ALTER TABLE ONLY refresh_tokens
    ADD CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id);

ALTER TABLE ONLY signing_keys
    ADD CONSTRAINT signing_keys_pkey PRIMARY KEY (kid);

ALTER TABLE ONLY tenants
    ADD CONSTRAINT tenants_pkey PRIMARY KEY (id);

ALTER TABLE ONLY users
    ADD CONSTRAINT uk_users_tenant_email UNIQUE (tenant_id, email_normalised);

ALTER TABLE ONLY refresh_tokens
    ADD CONSTRAINT uko2mlirhldriil2y7krapq4frt UNIQUE (token_hash);

ALTER TABLE ONLY users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

CREATE INDEX ix_refresh_tokens_family ON refresh_tokens USING btree (family_id);

CREATE INDEX ix_refresh_tokens_user ON refresh_tokens USING btree (user_id);

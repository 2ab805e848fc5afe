-- Version 1.0 of the schema, as CameraRepository created it at start before migrations were versioned.
-- A database left by that version already has it: Flyway baselines such a database at version 1.

CREATE TABLE cameras (
    id uuid NOT NULL,
    tenant_id text NOT NULL,
    name text NOT NULL,
    description text,
    room_id text,
    location text,
    rtsp_url text NOT NULL,
    credentials bytea,
    analysis_fps double precision NOT NULL,
    output_width integer NOT NULL,
    output_height integer NOT NULL,
    jpeg_quality integer NOT NULL,
    enabled boolean NOT NULL,
    run_requested boolean DEFAULT false NOT NULL,
    session_id uuid,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY cameras
    ADD CONSTRAINT cameras_pkey PRIMARY KEY (id);

CREATE INDEX cameras_runnable_idx ON cameras USING btree (id) WHERE (run_requested AND enabled);

CREATE INDEX cameras_tenant_idx ON cameras USING btree (tenant_id, name);

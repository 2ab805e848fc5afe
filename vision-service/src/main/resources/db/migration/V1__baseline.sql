-- Version 1.0 of the schema, as the service created it at start-up before migrations were versioned.
-- A database left by that version already has it: Flyway baselines such a database at version 1.

CREATE TABLE gallery_face (
    face_id uuid NOT NULL,
    tenant_id text NOT NULL,
    user_id uuid NOT NULL,
    model_id text NOT NULL,
    vector real[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE source_calibration (
    tenant_id text NOT NULL,
    source_id text NOT NULL,
    board_yaw_deg double precision NOT NULL,
    board_pitch_deg double precision NOT NULL,
    yaw_tolerance_deg double precision NOT NULL,
    pitch_tolerance_deg double precision NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY gallery_face
    ADD CONSTRAINT gallery_face_pkey PRIMARY KEY (face_id);

ALTER TABLE ONLY source_calibration
    ADD CONSTRAINT source_calibration_pkey PRIMARY KEY (tenant_id, source_id);

CREATE INDEX gallery_face_user ON gallery_face USING btree (tenant_id, user_id);

-- Version 1.0 of the schema, as Hibernate's schema update created it before migrations were versioned.
-- A database left by that version already has it: Flyway baselines such a database at version 1.

CREATE TABLE tracking_attendance_override (
    id uuid NOT NULL,
    actorid uuid,
    at timestamp(6) with time zone NOT NULL,
    newstatus character varying(16) NOT NULL,
    previousstatus character varying(16),
    reason character varying(500) NOT NULL,
    recordid uuid NOT NULL,
    sessionid uuid NOT NULL,
    tenantid character varying(64) NOT NULL,
    userid uuid,
    CONSTRAINT tracking_attendance_override_newstatus_check CHECK (((newstatus)::text = ANY ((ARRAY['PENDING'::character varying, 'PRESENT'::character varying, 'ABSENT'::character varying])::text[]))),
    CONSTRAINT tracking_attendance_override_previousstatus_check CHECK (((previousstatus)::text = ANY ((ARRAY['PENDING'::character varying, 'PRESENT'::character varying, 'ABSENT'::character varying])::text[])))
);

CREATE TABLE tracking_attendance_record (
    id uuid NOT NULL,
    classid character varying(255) NOT NULL,
    computedstatus character varying(16),
    engagedseconds bigint NOT NULL,
    engagementpct double precision NOT NULL,
    eventid uuid NOT NULL,
    firstseenat timestamp(6) with time zone,
    lastseenat timestamp(6) with time zone,
    late boolean NOT NULL,
    leftearly boolean NOT NULL,
    overridereason character varying(255),
    presentseconds bigint NOT NULL,
    published boolean NOT NULL,
    sessionendedat timestamp(6) with time zone,
    sessionid uuid NOT NULL,
    sessionstartedat timestamp(6) with time zone,
    status character varying(16) NOT NULL,
    tenantid character varying(64) NOT NULL,
    userid uuid,
    CONSTRAINT tracking_attendance_record_computedstatus_check CHECK (((computedstatus)::text = ANY ((ARRAY['PENDING'::character varying, 'PRESENT'::character varying, 'ABSENT'::character varying])::text[]))),
    CONSTRAINT tracking_attendance_record_status_check CHECK (((status)::text = ANY ((ARRAY['PENDING'::character varying, 'PRESENT'::character varying, 'ABSENT'::character varying])::text[])))
);

CREATE TABLE tracking_class_session (
    id uuid NOT NULL,
    classid character varying(255) NOT NULL,
    classname character varying(255),
    endedat timestamp(6) with time zone,
    lategraceseconds bigint NOT NULL,
    plannedend timestamp(6) with time zone,
    rostersize integer NOT NULL,
    startedat timestamp(6) with time zone NOT NULL,
    teacherid uuid,
    tenantid character varying(64) NOT NULL,
    thresholdpct double precision NOT NULL
);

CREATE TABLE tracking_personal_session (
    id uuid NOT NULL,
    activeseconds bigint NOT NULL,
    activitiesjson text,
    activitysource character varying(16),
    distractionseconds bigint NOT NULL,
    endedat timestamp(6) with time zone,
    focusseconds bigint NOT NULL,
    lasttransitionat timestamp(6) with time zone,
    pausesjson text,
    reportedjson text,
    startedat timestamp(6) with time zone NOT NULL,
    status character varying(16) NOT NULL,
    tenantid character varying(64) NOT NULL,
    title character varying(200),
    userid uuid NOT NULL,
    CONSTRAINT tracking_personal_session_status_check CHECK (((status)::text = ANY ((ARRAY['ACTIVE'::character varying, 'PAUSED'::character varying, 'ENDED'::character varying])::text[])))
);

ALTER TABLE ONLY tracking_attendance_override
    ADD CONSTRAINT tracking_attendance_override_pkey PRIMARY KEY (id);

ALTER TABLE ONLY tracking_attendance_record
    ADD CONSTRAINT tracking_attendance_record_pkey PRIMARY KEY (id);

ALTER TABLE ONLY tracking_class_session
    ADD CONSTRAINT tracking_class_session_pkey PRIMARY KEY (id);

ALTER TABLE ONLY tracking_personal_session
    ADD CONSTRAINT tracking_personal_session_pkey PRIMARY KEY (id);

ALTER TABLE ONLY tracking_attendance_record
    ADD CONSTRAINT uq_attendance_session_user UNIQUE (sessionid, userid);

CREATE INDEX ix_attendance_class ON tracking_attendance_record USING btree (tenantid, classid);

CREATE INDEX ix_attendance_unpublished ON tracking_attendance_record USING btree (published);

CREATE INDEX ix_attendance_user ON tracking_attendance_record USING btree (tenantid, userid);

CREATE INDEX ix_class_session_class ON tracking_class_session USING btree (tenantid, classid);

CREATE INDEX ix_override_record ON tracking_attendance_override USING btree (recordid);

CREATE INDEX ix_personal_owner ON tracking_personal_session USING btree (tenantid, userid);

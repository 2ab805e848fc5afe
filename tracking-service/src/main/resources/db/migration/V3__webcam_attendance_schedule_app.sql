-- Issue 15: webcam attendance credited to its owner, scheduled starts, personal sessions per application, and the
-- rosters that tell which teacher may list which student's personal sessions.

-- Personal sessions belong to an application (^[a-z][a-z0-9-]{1,39}$); earlier ones to the web client.
ALTER TABLE tracking_personal_session ADD COLUMN app character varying(40) NOT NULL DEFAULT 'classroom-web';
CREATE INDEX ix_personal_app_owner ON tracking_personal_session USING btree (tenantid, app, userid);

-- Lateness counts from the scheduled start when there is one.
ALTER TABLE tracking_class_session
    ADD COLUMN scheduledstart timestamp(6) with time zone,
    ADD COLUMN starttrigger character varying(32);
ALTER TABLE tracking_attendance_record
    ADD COLUMN sessionscheduledstart timestamp(6) with time zone,
    ADD COLUMN webcamframes bigint NOT NULL DEFAULT 0,
    ADD COLUMN frameswithothers bigint NOT NULL DEFAULT 0;

-- Roster members of the class sessions tracked here.
CREATE TABLE tracking_class_session_member (
    id uuid PRIMARY KEY,
    sessionid uuid NOT NULL,
    tenantid character varying(64) NOT NULL,
    userid uuid NOT NULL,
    CONSTRAINT uq_member_session_user UNIQUE (sessionid, userid)
);
CREATE INDEX ix_member_user ON tracking_class_session_member USING btree (tenantid, userid);

-- Sessions that ended before this version: their final records name their roster.
INSERT INTO tracking_class_session_member (id, sessionid, tenantid, userid)
SELECT gen_random_uuid(), sessionid, tenantid, userid
FROM tracking_attendance_record
WHERE userid IS NOT NULL
ON CONFLICT DO NOTHING;

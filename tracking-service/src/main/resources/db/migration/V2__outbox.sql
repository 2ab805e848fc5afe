-- One transactional outbox for every event this service publishes (CONTRIBUTING.md, "Messaging").
CREATE TABLE outbox (
    id uuid PRIMARY KEY,
    seq bigint GENERATED ALWAYS AS IDENTITY,
    topic text NOT NULL,
    record_key text NOT NULL,
    type text NOT NULL,
    payload text NOT NULL,
    traceparent text,
    created_at timestamp(6) with time zone NOT NULL
);

CREATE UNIQUE INDEX outbox_seq ON outbox (seq);

-- Attendance stored but not yet acknowledged by Kafka under the old per-record flag moves to the outbox.
INSERT INTO outbox (id, topic, record_key, type, payload, created_at)
SELECT eventid,
       'tracking.attendance.v1',
       sessionid::text,
       'AttendanceFinalized',
       jsonb_build_object(
               'eventId', eventid,
               'type', 'AttendanceFinalized',
               'occurredAt', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
               'tenantId', tenantid,
               'sessionId', sessionid,
               'classId', classid,
               'userId', userid,
               'presentSeconds', presentseconds,
               'engagedSeconds', engagedseconds,
               'engagementPct', engagementpct,
               'status', status,
               'late', late,
               'leftEarly', leftearly,
               'firstSeenAt', to_char(firstseenat AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'lastSeenAt', to_char(lastseenat AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'sessionStartedAt', to_char(sessionstartedat AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'sessionEndedAt', to_char(sessionendedat AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
               'overrideReason', overridereason)::text,
       now()
FROM tracking_attendance_record
WHERE NOT published AND userid IS NOT NULL;

DROP INDEX ix_attendance_unpublished;
ALTER TABLE tracking_attendance_record DROP COLUMN published, DROP COLUMN eventid;

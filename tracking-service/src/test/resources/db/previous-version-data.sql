-- Data as the version before migrations left it: a final record whose AttendanceFinalized was never acknowledged.
INSERT INTO tracking_class_session (id, classid, classname, lategraceseconds, rostersize, startedat, endedat, tenantid,
                                    thresholdpct, teacherid)
VALUES ('5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', '{schema}', 'Physics', 300, 1, '2026-09-01T08:00:00Z',
        '2026-09-01T08:45:00Z', '{schema}', 75, 'b9e8d7c6-b5a4-4938-8271-605f4e3d2c1b');
INSERT INTO tracking_attendance_record (id, classid, engagedseconds, engagementpct, eventid, late, leftearly,
                                        presentseconds, published, sessionid, sessionstartedat, sessionendedat, status,
                                        tenantid, userid)
VALUES ('0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', '{schema}', 2400, 88.9, gen_random_uuid(), false, false, 2600, false,
        '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', '2026-09-01T08:00:00Z', '2026-09-01T08:45:00Z', 'PRESENT', '{schema}',
        '3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10');
-- A personal session of the student, from before sessions had an application.
INSERT INTO tracking_personal_session (id, activeseconds, distractionseconds, focusseconds, pausesjson, reportedjson,
                                       startedat, status, tenantid, title, userid)
VALUES ('7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e', 0, 0, 0, '[]', '[]', '2026-09-05T14:00:00Z', 'ACTIVE', '{schema}',
        'Homework', '3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10');

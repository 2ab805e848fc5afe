-- Data as the version before migrations left it: a final record whose AttendanceFinalized was never acknowledged.
INSERT INTO tracking_class_session (id, classid, classname, lategraceseconds, rostersize, startedat, endedat, tenantid,
                                    thresholdpct)
VALUES ('5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', '{schema}', 'Physics', 300, 1, '2026-09-01T08:00:00Z',
        '2026-09-01T08:45:00Z', '{schema}', 75);
INSERT INTO tracking_attendance_record (id, classid, engagedseconds, engagementpct, eventid, late, leftearly,
                                        presentseconds, published, sessionid, sessionstartedat, sessionendedat, status,
                                        tenantid, userid)
VALUES ('0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', '{schema}', 2400, 88.9, gen_random_uuid(), false, false, 2600, false,
        '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', '2026-09-01T08:00:00Z', '2026-09-01T08:45:00Z', 'PRESENT', '{schema}',
        '3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10');

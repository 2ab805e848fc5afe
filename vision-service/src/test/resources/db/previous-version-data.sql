-- Data as the version before migrations left it: an enrolled face (a unit vector along the first axis) and a camera's
-- calibration, in the tenant named after the test's schema.
INSERT INTO gallery_face (face_id, tenant_id, user_id, model_id, vector, created_at)
VALUES ('0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', '{schema}', '3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10', 'mobilefacenet-foamliu',
        ARRAY[1]::real[] || array_fill(0::real, ARRAY[127]), '2026-09-01T08:00:00Z');
INSERT INTO source_calibration (tenant_id, source_id, board_yaw_deg, board_pitch_deg, yaw_tolerance_deg,
                                pitch_tolerance_deg)
VALUES ('{schema}', 'cam-front', 30, -10, 20, 15);

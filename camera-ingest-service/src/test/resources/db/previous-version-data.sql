-- Data as the version before migrations left it: a camera with credentials encrypted by the test key (camera id as
-- associated data); its tenant is the schema's name.
INSERT INTO cameras (id, tenant_id, name, description, room_id, location, rtsp_url, credentials, analysis_fps,
                     output_width, output_height, jpeg_quality, enabled, run_requested, session_id, created_at,
                     updated_at)
VALUES ('6d1f0c2e-8a4b-4f3c-9e21-7b5a0d3c4e1f', '{schema}', 'Front (1.0)', 'above the board', 'room-a', 'front wall',
        'rtsp://192.0.2.10:554/stream1',
        '\x0102030405060708090a0b0ca513dedab5d1aa10638375078dd1d4ec1790f4097e4612079840dbd4ec1366ffad'::bytea, 2.5,
        640, 360, 80, true, false, NULL, '2026-09-01T07:00:00Z', '2026-09-01T07:30:00Z');

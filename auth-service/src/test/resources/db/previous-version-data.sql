-- Data as the version before migrations left it: a tenant (named after the test's schema), a student whose password
-- is "correct horse battery" (bcrypt cost 6) and one of her refresh tokens (the SHA-256 of
-- "previous-version-refresh-token").
INSERT INTO tenants (id, created_at, name)
VALUES ('{schema}', '2026-09-01T07:00:00Z', 'School of the previous version');
INSERT INTO users (id, created_at, disabled, display_name, email, email_normalised, password_hash, roles, tenant_id,
                   updated_at, version)
VALUES ('3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10', '2026-09-01T08:00:00Z', false, 'Ada Lovelace', 'Ada@School.example',
        'ada@school.example', '$2a$06$HqVAo8CcZ1RMEc08Bk5U4.KLFtBSR.NsYC9tkiuHwmIX5R8vUC5eW', 'STUDENT', '{schema}',
        '2026-09-01T08:00:00Z', 0);
INSERT INTO refresh_tokens (id, created_at, expires_at, family_id, revocation, revoked_at, tenant_id, token_hash,
                            user_id)
VALUES ('0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e', now(), now() + interval '14 days',
        '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9', NULL, NULL, '{schema}',
        '681914ca9f920e21a9dea0b14ac660f91a1f189360d900b50dace469c20a7f0a', '3f1c2a9e-5b7d-4c2e-9a61-0d2b8e4f7a10');

-- One role and database per service that uses PostgreSQL (docker compose only; local runs: deploy/local).
CREATE ROLE auth LOGIN PASSWORD 'auth';
CREATE DATABASE auth OWNER auth;
CREATE ROLE tracking LOGIN PASSWORD 'tracking';
CREATE DATABASE tracking OWNER tracking;
CREATE ROLE vision LOGIN PASSWORD 'vision';
CREATE DATABASE vision OWNER vision;
CREATE ROLE ingest LOGIN PASSWORD 'ingest';
CREATE DATABASE ingest OWNER ingest;

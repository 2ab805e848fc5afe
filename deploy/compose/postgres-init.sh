#!/bin/sh
# One role and database per service that uses PostgreSQL, each with its own password from the environment
# (docker compose only; local runs: deploy/local). Runs once, when the data volume is new.
set -eu
for service in auth tracking vision ingest; do
  variable=$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD
  password=$(printenv "$variable")
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -v role="$service" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
SQL
done

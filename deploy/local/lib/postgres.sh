# shellcheck shell=bash
# PostgreSQL 15 from Debian (cluster 15/main), plus one role and database per service that needs one.

PG_PORT=${PG_PORT:-5432}
PG_VERSION=15
PG_CLUSTER=main
# role = database = password (local only).
PG_SERVICE_DBS=(auth tracking vision ingest)

postgres_describe() { printf 'PostgreSQL'; }
postgres_port() { printf '%s' "$PG_PORT"; }
postgres_packages() { printf '%s\n' "postgresql-$PG_VERSION"; }
# A reused server still needs psql for the roles and databases.
postgres_reuse_packages() { command -v psql >/dev/null || printf '%s\n' "postgresql-client-$PG_VERSION"; }
postgres_ready_timeout() { printf 30; }
postgres_log_file() { printf '/var/log/postgresql/postgresql-%s-%s.log' "$PG_VERSION" "$PG_CLUSTER"; }

# SSLRequest: a PostgreSQL server answers a single 'S' or 'N'.
postgres_probe() {
  local hex
  hex=$(tcp_exchange_hex "$PG_PORT" '\x00\x00\x00\x08\x04\xd2\x16\x2f')
  [[ $hex == 53 || $hex == 4e ]]
}

pg_cluster_exists() { pg_lsclusters --no-header 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1 == v && $2 == c { f = 1 } END { exit !f }'; }

# Ours = we started the Debian cluster and it still serves the port (no pid file: pg_ctlcluster manages it).
postgres_ours() {
  is_owned postgres && port_listening "$PG_PORT" || return 1
  port_owner_pid "$PG_PORT"
}

postgres_prepare() {
  [[ $(id -u) == 0 ]] || die "starting PostgreSQL needs root (pg_ctlcluster); or start it yourself on $PG_PORT"
  if ! pg_cluster_exists; then
    pg_createcluster "$PG_VERSION" "$PG_CLUSTER" --port "$PG_PORT" >>"$LOG_DIR/postgres.log" 2>&1 ||
      die "pg_createcluster $PG_VERSION $PG_CLUSTER failed; $(log_hint postgres)"
  fi
  local port
  port=$(pg_conftool -s "$PG_VERSION" "$PG_CLUSTER" show port 2>/dev/null || printf '%s' "$PG_PORT")
  [[ $port == "$PG_PORT" ]] ||
    die "cluster $PG_VERSION/$PG_CLUSTER is configured for port $port, not $PG_PORT (/etc/postgresql/$PG_VERSION/$PG_CLUSTER/postgresql.conf)"
}

postgres_start() {
  # Without systemd, pg_ctlcluster must not hand over to systemctl.
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start >>"$LOG_DIR/postgres.log" 2>&1 9>&- ||
    die "pg_ctlcluster $PG_VERSION $PG_CLUSTER start failed; see $(rel "$LOG_DIR/postgres.log") and $(postgres_log_file)"
  mark_owned postgres
}

# Runs psql as the superuser: over the local socket when the cluster is on this machine, else over TCP.
pg_admin_psql() {
  if (cd / && runuser -u postgres -- psql -p "$PG_PORT" -XAtqc 'select 1') >/dev/null 2>&1; then
    (cd / && runuser -u postgres -- psql -p "$PG_PORT" -X -v ON_ERROR_STOP=1 -Atq "$@")
  else
    psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -X -v ON_ERROR_STOP=1 -Atq "$@"
  fi
}

pg_can_login() { PGPASSWORD=$1 PGCONNECT_TIMEOUT=5 psql -h 127.0.0.1 -p "$PG_PORT" -U "$1" -d "$1" -XAtqc 'select 1' >/dev/null 2>&1; }

pg_create_roles() {
  local n sql=''
  for n in "${PG_SERVICE_DBS[@]}"; do
    # Roles: create or reset the password; databases: CREATE DATABASE cannot run in a DO block, hence \gexec.
    sql+="DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$n') THEN CREATE ROLE $n LOGIN PASSWORD '$n';
  ELSE ALTER ROLE $n LOGIN PASSWORD '$n'; END IF;
END \$\$;
SELECT 'CREATE DATABASE $n OWNER $n' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$n')
\\gexec
"
  done
  pg_admin_psql <<<"$sql" >/dev/null
}

# Password logins over 127.0.0.1 must work (the services connect so). If the first matching pg_hba.conf rule
# rejects them and the file is ours to edit, put a scram rule first and reload.
pg_ensure_tcp_login() {
  local n failed=()
  for n in "${PG_SERVICE_DBS[@]}"; do pg_can_login "$n" || failed+=("$n"); done
  ((${#failed[@]})) || return 0
  local hba
  hba=$(pg_admin_psql -c 'SHOW hba_file') || true
  if [[ -n $hba && -w $hba ]]; then
    warn "password login over 127.0.0.1 failed for ${failed[*]}: adding 'host all all 127.0.0.1/32 scram-sha-256' on top of $hba"
    sed -i "1i host all all 127.0.0.1/32 scram-sha-256  # added by deploy/local/stack" "$hba"
    pg_admin_psql -c 'SELECT pg_reload_conf()' >/dev/null
    sleep 0.5
    for n in "${failed[@]}"; do pg_can_login "$n" || die "password login for role $n over 127.0.0.1 still fails; check $hba"; done
  else
    die "password login over 127.0.0.1:$PG_PORT fails for ${failed[*]}: let 'host all all 127.0.0.1/32' in with scram-sha-256, md5 or trust in pg_hba.conf"
  fi
}

postgres_setup() {
  pg_create_roles ||
    die "could not create the roles/databases (${PG_SERVICE_DBS[*]}): as root the stack uses 'runuser -u postgres -- psql', else 'psql -h 127.0.0.1 -U postgres'"
  pg_ensure_tcp_login
  printf 'roles+dbs %s (password = name)' "${PG_SERVICE_DBS[*]}"
}

postgres_stop() {
  pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" stop -m fast >>"$LOG_DIR/postgres.log" 2>&1 ||
    die "pg_ctlcluster $PG_VERSION $PG_CLUSTER stop failed; $(log_hint postgres)"
}

# shellcheck shell=bash
# Redis 7 from Debian, daemonised, no persistence (live state only).

REDIS_PORT=${REDIS_PORT:-6379}

redis_describe() { printf 'Redis'; }
redis_port() { printf '%s' "$REDIS_PORT"; }
redis_packages() { printf '%s\n' redis-server; }
redis_ready_timeout() { printf 15; }
redis_ours() { owned_pid redis; }
redis_log_file() { printf '%s' "$LOG_DIR/redis.log"; }

# PING answers +PONG, or -NOAUTH on a password-protected Redis (still Redis).
redis_probe() {
  local hex
  hex=$(tcp_exchange_hex "$REDIS_PORT" 'PING\r\n')
  [[ $hex == 2b504f4e47* || $hex == 2d4e4f41555448* ]]
}

redis_prepare() { mkdir -p "$LOCAL_DIR/redis"; }

redis_start() {
  local pidf
  pidf=$(pid_file redis)
  rm -f "$pidf"
  # --daemonize: Redis forks and writes its own pid file, which is the one `down` reads.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --save '' --appendonly no \
    --dir "$LOCAL_DIR/redis" --pidfile "$pidf" --logfile "$LOG_DIR/redis.log" 9>&- ||
    die "redis-server failed to start; $(log_hint redis)"
  mark_owned redis
  wait_for 5 "" test -s "$pidf" || die "redis-server wrote no pid file; $(log_hint redis)"
}

redis_setup() {
  local hex
  hex=$(tcp_exchange_hex "$REDIS_PORT" 'PING\r\n')
  if [[ $hex == 2d4e4f41555448* ]]; then
    warn "the Redis on $REDIS_PORT wants a password: give the services its credentials"
  fi
  printf 'redis://127.0.0.1:%s' "$REDIS_PORT"
}

redis_stop() { stop_pid "$1" 10; }

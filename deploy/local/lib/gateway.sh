# shellcheck shell=bash
# The API gateway: Debian's nginx on 127.0.0.1:8080 with the same routes as docker compose and Kubernetes
# (deploy/gateway/nginx.conf.template), pointed at the local service ports.

GATEWAY_PORT=8080
GATEWAY_DIR=$LOCAL_DIR/gateway

gateway_install() {
  pkg_installed nginx-light && return 0
  # The package would start a system nginx on port 80; keep apt from starting any daemon during the install.
  local policy=/usr/sbin/policy-rc.d created=false
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=true
  fi
  ensure_packages nginx-light gettext-base
  $created && rm -f "$policy"
  return 0
}

gateway_render() {
  mkdir -p "$GATEWAY_DIR/logs" "$GATEWAY_DIR/tmp"
  cp "$REPO_ROOT/deploy/gateway/ws.conf" "$GATEWAY_DIR/ws.conf"
  # The variable names are for envsubst, not for this shell.
  # shellcheck disable=SC2016
  GATEWAY_LISTEN=127.0.0.1:$GATEWAY_PORT AUTH_UPSTREAM=127.0.0.1:8081 CLASSROOM_UPSTREAM=127.0.0.1:8082 \
    TRACKING_UPSTREAM=127.0.0.1:8083 VISION_UPSTREAM=127.0.0.1:8084 INGEST_UPSTREAM=127.0.0.1:8085 \
    ANALYTICS_UPSTREAM=127.0.0.1:8086 CONSOLE_ROOT=$REPO_ROOT/console \
    envsubst '$GATEWAY_LISTEN $AUTH_UPSTREAM $CLASSROOM_UPSTREAM $TRACKING_UPSTREAM $VISION_UPSTREAM $INGEST_UPSTREAM $ANALYTICS_UPSTREAM $CONSOLE_ROOT' \
    <"$REPO_ROOT/deploy/gateway/nginx.conf.template" >"$GATEWAY_DIR/routes.conf"
  cat >"$GATEWAY_DIR/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $GATEWAY_DIR/nginx.pid;
error_log $LOG_DIR/gateway.log warn;
events { worker_connections 1024; }
http {
    access_log $LOG_DIR/gateway-access.log;
    client_body_temp_path $GATEWAY_DIR/tmp/body;
    proxy_temp_path $GATEWAY_DIR/tmp/proxy;
    fastcgi_temp_path $GATEWAY_DIR/tmp/fastcgi;
    uwsgi_temp_path $GATEWAY_DIR/tmp/uwsgi;
    scgi_temp_path $GATEWAY_DIR/tmp/scgi;
    include routes.conf;
}
CONF
}

gateway_up() {
  local pid
  if pid=$(owned_pid gateway); then
    say gateway running "pid=$pid http://127.0.0.1:$GATEWAY_PORT"
    return 0
  fi
  port_listening "$GATEWAY_PORT" && die "port $GATEWAY_PORT for the gateway is taken by $(port_owner "$GATEWAY_PORT")"
  gateway_install
  gateway_render
  /usr/sbin/nginx -t -q -p "$GATEWAY_DIR" -c "$GATEWAY_DIR/nginx.conf" 2>>"$LOG_DIR/gateway.log" ||
    die "the gateway configuration is invalid; $(log_hint gateway)"
  start_detached gateway /usr/sbin/nginx -p "$GATEWAY_DIR" -c "$GATEWAY_DIR/nginx.conf"
  pid=$(read_pid gateway)
  if ! wait_for 10 "$pid" curl -fsS -m 1 -o /dev/null "http://127.0.0.1:$GATEWAY_PORT/healthz"; then
    say gateway failed "$(log_hint gateway)"
    return 1
  fi
  say gateway running "pid=$pid http://127.0.0.1:$GATEWAY_PORT"
}

gateway_down() {
  local pid
  if pid=$(owned_pid gateway); then
    stop_pid "$pid" 10 || warn "gateway (pid $pid) did not stop"
    say gateway stopped "pid=$pid"
  fi
  clear_marks gateway
}

gateway_status() {
  local pid
  if pid=$(owned_pid gateway); then say gateway running "pid=$pid port=$GATEWAY_PORT"; else say gateway stopped "port=$GATEWAY_PORT"; fi
}

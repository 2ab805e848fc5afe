# shellcheck shell=bash
# The six suite services as local processes: packaged jars run with the `local` profile (connection settings for
# the servers of this stack), one log and pid file each, ready when /q/health/ready answers UP.

SERVICES=(auth-service classroom-service tracking-service vision-service camera-ingest-service analytics-service)

# A further instance of a service is named <service>-<n> (n >= 2, e.g. vision-service-2): same jar, port + 10*(n-1).
service_base() { [[ $1 =~ ^(.*-service)-([2-9])$ ]] && printf '%s' "${BASH_REMATCH[1]}" || printf '%s' "$1"; }
service_instance() { [[ $1 =~ -service-([2-9])$ ]] && printf '%s' "${BASH_REMATCH[1]}" || printf 1; }

service_port() {
  local base
  case $(service_base "$1") in
    auth-service) base=8081 ;; classroom-service) base=8082 ;; tracking-service) base=8083 ;;
    vision-service) base=8084 ;; camera-ingest-service) base=8085 ;; analytics-service) base=8086 ;;
    *) die "unknown service $1" ;;
  esac
  echo $((base + 10 * ($(service_instance "$1") - 1)))
}

service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$REPO_ROOT" "$(service_base "$1")"; }

# The services this stack runs now, further instances included.
running_services() {
  local f svc
  for svc in "${SERVICES[@]}"; do printf '%s\n' "$svc"; done
  for f in "$RUN_DIR"/*-service-[2-9].pid; do
    [[ -e $f ]] && basename "$f" .pid
  done
  return 0
}

# Builds the jars when one is missing or older than its module's sources or the root pom.
ensure_service_jars() {
  local stale=() svc jar
  for svc in "${SERVICES[@]}"; do
    jar=$(service_jar "$svc")
    if [[ ! -f $jar ]] || [[ -n $(find "$REPO_ROOT/$svc/src/main" "$REPO_ROOT/$svc/pom.xml" "$REPO_ROOT/pom.xml" -newer "$jar" -print -quit) ]]; then
      stale+=("$svc")
    fi
  done
  ((${#stale[@]})) || return 0
  local log=$LOG_DIR/build.log start
  start=$(now_ms)
  info "building ${stale[*]} (log: $(rel "$log"))"
  local modules
  modules=$(IFS=,; echo "${stale[*]}")
  # -am: the test-scoped test-support module is part of every service's build.
  if ! (cd "$REPO_ROOT" && ./mvnw -B -q package -DskipTests -pl "$modules" -am) >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    die "the build failed; see $(rel "$log")"
  fi
  note "built in $(elapsed "$start")"
}

service_ready() { curl -fsS -m 2 "http://127.0.0.1:$(service_port "$1")/q/health/ready" 2>/dev/null | grep -q '"status" *: *"UP"'; }

service_up() {
  local svc=$1 port pid
  port=$(service_port "$svc")
  if pid=$(owned_pid "$svc"); then
    say "$svc" running "pid=$pid port=$port"
    return 0
  fi
  port_listening "$port" && die "port $port for $svc is taken by $(port_owner "$port"); stop it or free the port"
  # Relative paths in the local profile (models, assets) resolve from the repository root.
  (cd "$REPO_ROOT" && start_detached "$svc" env VISION_MODELS_DIR="$ASSETS_DIR/models" \
    java -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError -Dquarkus.profile=local \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
    -jar "$(service_jar "$svc")")
}

services_up() {
  ensure_service_jars
  local svc start pid
  start=$(now_ms)
  for svc in "${SERVICES[@]}"; do service_up "$svc"; done
  for svc in "${SERVICES[@]}"; do
    pid=$(read_pid "$svc")
    if ! wait_for 120 "$pid" service_ready "$svc"; then
      say "$svc" failed "not ready after 120 s; $(log_hint "$svc")"
      tail_log "$svc" 20
      return 1
    fi
    say "$svc" running "pid=$pid http://127.0.0.1:$(service_port "$svc") ready"
  done
  note "services ready in $(elapsed "$start")"
}

services_down() {
  local svc pid
  for svc in $(running_services); do
    if pid=$(owned_pid "$svc"); then
      stop_pid "$pid" 20 || warn "$svc (pid $pid) did not stop"
      say "$svc" stopped "pid=$pid"
    fi
    clear_marks "$svc"
  done
}

services_status() {
  local svc pid port
  for svc in $(running_services); do
    port=$(service_port "$svc")
    if pid=$(owned_pid "$svc"); then
      if service_ready "$svc"; then say "$svc" running "pid=$pid port=$port ready"; else say "$svc" starting "pid=$pid port=$port not ready"; fi
    else
      say "$svc" stopped "port=$port"
    fi
  done
}

# One service or instance, for the resilience checks: start (and wait until ready), stop (SIGTERM), kill
# (SIGKILL: no shutdown hooks, no leaving the Kafka group), restart (stop + start).
service_control() {
  local action=$1 svc=$2 pid
  service_port "$svc" >/dev/null
  case $action in
    start)
      service_up "$svc"
      pid=$(read_pid "$svc")
      wait_for 120 "$pid" service_ready "$svc" || { tail_log "$svc" 20; die "$svc not ready after 120 s; $(log_hint "$svc")"; }
      say "$svc" running "pid=$pid port=$(service_port "$svc") ready"
      ;;
    stop | kill)
      if pid=$(owned_pid "$svc"); then
        if [[ $action == kill ]]; then
          kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
          wait_for 10 "" eval "! pid_alive $pid" || die "$svc (pid $pid) survived SIGKILL"
          say "$svc" killed "pid=$pid (SIGKILL)"
        else
          stop_pid "$pid" 20 || die "$svc (pid $pid) did not stop"
          say "$svc" stopped "pid=$pid"
        fi
      else
        say "$svc" stopped "(was not running)"
      fi
      clear_marks "$svc"
      ;;
    restart)
      service_control stop "$svc"
      service_control start "$svc"
      ;;
    *) die "usage: deploy/local/stack service start|stop|kill|restart <service>[-<n>]" ;;
  esac
}

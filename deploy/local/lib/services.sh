# shellcheck shell=bash
# The six suite services as local processes: packaged jars run with the `local` profile (connection settings for
# the servers of this stack), one log and pid file each, ready when /q/health/ready answers UP.

SERVICES=(auth-service classroom-service tracking-service vision-service camera-ingest-service analytics-service)

service_port() {
  case $1 in
    auth-service) echo 8081 ;; classroom-service) echo 8082 ;; tracking-service) echo 8083 ;;
    vision-service) echo 8084 ;; camera-ingest-service) echo 8085 ;; analytics-service) echo 8086 ;;
    *) die "unknown service $1" ;;
  esac
}

service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$REPO_ROOT" "$1"; }

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
  if ! (cd "$REPO_ROOT" && ./mvnw -B -q package -DskipTests -pl "$modules") >"$log" 2>&1; then
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
    java -Xms64m -Xmx512m -XX:+ExitOnOutOfMemoryError -Dquarkus.profile=local -jar "$(service_jar "$svc")")
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
  for svc in "${SERVICES[@]}"; do
    if pid=$(owned_pid "$svc"); then
      stop_pid "$pid" 20 || warn "$svc (pid $pid) did not stop"
      say "$svc" stopped "pid=$pid"
    fi
    clear_marks "$svc"
  done
}

services_status() {
  local svc pid port
  for svc in "${SERVICES[@]}"; do
    port=$(service_port "$svc")
    if pid=$(owned_pid "$svc"); then
      if service_ready "$svc"; then say "$svc" running "pid=$pid port=$port ready"; else say "$svc" starting "pid=$pid port=$port not ready"; fi
    else
      say "$svc" stopped "port=$port"
    fi
  done
}

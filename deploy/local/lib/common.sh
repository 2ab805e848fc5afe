# shellcheck shell=bash
# Shared helpers of deploy/local/stack: paths, logging, port probes, waiting, pid handling, apt.
# Sourced by the stack script; every component file (lib/<name>.sh) builds on these.

STACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_ROOT=$(cd "$STACK_DIR/../.." && pwd)
# Everything the stack writes lives here (git-ignored).
LOCAL_DIR=${LOCAL_DIR:-$REPO_ROOT/.local}
LOG_DIR=$LOCAL_DIR/logs
RUN_DIR=$LOCAL_DIR/run
TOOLS_DIR=$LOCAL_DIR/tools
ASSETS_DIR=${ASSETS_DIR:-$LOCAL_DIR/assets}
export ASSETS_DIR

# Paths in messages are shown relative to the repo root: shorter, and the same on every machine.
rel() { printf '%s' "${1#"$REPO_ROOT"/}"; }

if [[ -t 1 ]]; then
  C_RED=$'\e[31m' C_GREEN=$'\e[32m' C_YELLOW=$'\e[33m' C_DIM=$'\e[2m' C_OFF=$'\e[0m'
else
  C_RED='' C_GREEN='' C_YELLOW='' C_DIM='' C_OFF=''
fi

info() { printf '%s\n' "$*"; }
note() { printf '%s%s%s\n' "$C_DIM" "$*" "$C_OFF"; }
warn() { printf '%swarning:%s %s\n' "$C_YELLOW" "$C_OFF" "$*" >&2; }
die() {
  printf '%serror:%s %s\n' "$C_RED" "$C_OFF" "$*" >&2
  exit 1
}
# One status line per component: "<component> <state> <details>".
say() {
  local comp=$1 state=$2
  shift 2
  local color=$C_GREEN
  case $state in
    reused | skipped) color=$C_YELLOW ;;
    failed | stopped) color=$C_RED ;;
  esac
  printf '%-21s %s%-8s%s %s\n' "$comp" "$color" "$state" "$C_OFF" "$*"
}

now_ms() { date +%s%3N; }
# Seconds since a now_ms timestamp, one decimal.
elapsed() { local d=$(($(now_ms) - $1)); printf '%d.%ds' $((d / 1000)) $((d % 1000 / 100)); }

# --- ports -------------------------------------------------------------------------------------

port_listening() { [[ -n $(ss -Hltn "sport = :$1" 2>/dev/null) ]]; }

# "name pid=N" of the process listening on a port ("unknown process" when ss cannot tell, e.g. not root).
port_owner() {
  local line
  line=$(ss -Hltnp "sport = :$1" 2>/dev/null | head -n 1)
  if [[ $line =~ users:\(\(\"([^\"]+)\",pid=([0-9]+) ]]; then
    printf '%s pid=%s' "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
  else
    printf 'unknown process'
  fi
}

port_owner_pid() {
  local owner
  owner=$(port_owner "$1")
  [[ $owner =~ pid=([0-9]+) ]] && printf '%s' "${BASH_REMATCH[1]}"
}

# Sends bytes (printf format) to 127.0.0.1:PORT and prints the first chunk of the answer (one read) as hex.
# Used to recognise servers by their protocol without starting a client JVM.
tcp_exchange_hex() {
  local port=$1 payload=$2
  # shellcheck disable=SC2016 # expanded by the inner shell
  timeout 3 bash -c '
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf "$2" >&3
    timeout 2 dd bs=4096 count=1 status=none <&3 | od -An -v -tx1 | tr -d " \n"
  ' _ "$port" "$payload" 2>/dev/null
}

# --- waiting -----------------------------------------------------------------------------------

# wait_for SECONDS PID CMD...: polls CMD until it succeeds; fails early when PID (if not empty) dies.
wait_for() {
  local secs=$1 pid=$2
  shift 2
  local deadline=$(($(now_ms) + secs * 1000))
  until "$@"; do
    if [[ -n $pid ]] && ! pid_alive "$pid"; then return 2; fi
    (($(now_ms) < deadline)) || return 1
    sleep 0.2
  done
}

# --- pids and ownership markers ----------------------------------------------------------------
# run/<comp>.pid     pid of the process we started (also the process group: started with setsid)
# run/<comp>.owned   marker: this stack started it, so `down` may stop it
# run/<comp>.reused  marker: something else already served the port (content says what)

pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }
is_owned() { [[ -f $RUN_DIR/$1.owned ]]; }
mark_owned() { : >"$RUN_DIR/$1.owned"; rm -f "$RUN_DIR/$1.reused"; }
mark_reused() { printf '%s\n' "$2" >"$RUN_DIR/$1.reused"; rm -f "$RUN_DIR/$1.owned"; }
clear_marks() { rm -f "$RUN_DIR/$1.owned" "$RUN_DIR/$1.reused" "$(pid_file "$1")"; }

read_pid() {
  local f
  f=$(pid_file "$1")
  [[ -s $f ]] && tr -dc '0-9' <"$f"
}

# Alive and not a zombie: PID 1 here does not reap orphans, so killed daemons linger as <defunct>.
pid_alive() {
  local pid=$1 state
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != Z && $state != X ]]
}

# The pid we started for a component, if it still runs.
owned_pid() {
  local pid
  is_owned "$1" || return 1
  pid=$(read_pid "$1") || return 1
  pid_alive "$pid" && printf '%s' "$pid"
}

# start_detached COMP CMD...: runs CMD in its own session (survives this shell, own process group),
# output appended to logs/<comp>.log, pid recorded. Servers never inherit the stack lock (fd 9).
start_detached() {
  local comp=$1
  shift
  local log=$LOG_DIR/$comp.log
  printf '\n=== %s: %s\n' "$(date -Is)" "$*" >>"$log"
  setsid "$@" </dev/null >>"$log" 2>&1 9>&- &
  printf '%s\n' "$!" >"$(pid_file "$comp")"
  mark_owned "$comp"
}

# stop_pid PID SECONDS: TERM (the whole process group when PID leads one), wait, then KILL.
stop_pid() {
  local pid=$1 secs=${2:-15} target=$1
  pid_alive "$pid" || return 0
  # A group kill also reaches children (e.g. a launcher's JVM).
  [[ $(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ') == "$pid" ]] && target=-$pid
  kill -TERM -- "$target" 2>/dev/null || true
  if ! wait_for "$secs" "" eval "! pid_alive $pid"; then
    warn "pid $pid ignored SIGTERM for ${secs}s, sending SIGKILL"
    kill -KILL -- "$target" 2>/dev/null || true
    wait_for 5 "" eval "! pid_alive $pid" || return 1
  fi
}

log_hint() { printf 'see %s' "$(rel "$LOG_DIR/$1.log")"; }

tail_log() {
  local f=$LOG_DIR/$1.log
  [[ -f $f ]] && { note "--- last lines of $(rel "$f"):"; tail -n "${2:-15}" "$f" >&2; }
  return 0
}

# --- Debian packages ---------------------------------------------------------------------------

APT_UPDATED=false

pkg_installed() { [[ $(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null) == ii* ]]; }

# ensure_packages PKG...: installs the missing ones (apt-get update at most once per run).
ensure_packages() {
  local missing=() p
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  [[ $(id -u) == 0 ]] || die "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})"
  local log=$LOG_DIR/apt.log start
  start=$(now_ms)
  info "installing Debian packages: ${missing[*]} (log: $(rel "$log"))"
  # Another apt run (unattended upgrades, a second shell) holds the dpkg lock for a while: wait for it, don't fail.
  local apt=(apt-get -o DPkg::Lock::Timeout=600)
  if ! $APT_UPDATED; then
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" update >>"$log" 2>&1 || die "apt-get update failed, see $(rel "$log")"
    APT_UPDATED=true
  fi
  if ! DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; then
    tail -n 5 "$log" >&2
    die "apt-get install failed for: ${missing[*]}; see $(rel "$log")"
  fi
  for p in "${missing[@]}"; do pkg_installed "$p" || die "package $p is still not installed; see $(rel "$log")"; done
  note "installed in $(elapsed "$start")"
}

# --- tool jars from Maven Central --------------------------------------------------------------

# ensure_tool_libs TOOL: fetches .local/tools/<tool>/libs once through deploy/local/tools/pom.xml.
ensure_tool_libs() {
  local tool=$1 dir=$TOOLS_DIR/$1/libs
  # The stamp tells a complete download from one that was interrupted.
  [[ -f $dir/.complete ]] && return 0
  local log=$LOG_DIR/tools-$tool.log start
  start=$(now_ms)
  info "fetching $tool jars from Maven Central into $(rel "$dir") (log: $(rel "$log"))"
  rm -rf "$dir"
  if ! (cd "$REPO_ROOT" && ./mvnw -q -B -f deploy/local/tools/pom.xml -P"$tool" package) >"$log" 2>&1; then
    tail -n 10 "$log" >&2
    die "could not fetch the $tool jars; see $(rel "$log")"
  fi
  : >"$dir/.complete"
  note "fetched in $(elapsed "$start")"
}

ensure_dirs() { mkdir -p "$LOG_DIR" "$RUN_DIR" "$TOOLS_DIR"; }

# Serialises the commands that start or stop things: several shells may drive the same .local at once.
# The lock is fd 9 of this shell (released when it exits); a nested call in the same shell is a no-op.
STACK_LOCKED=false
stack_lock() {
  $STACK_LOCKED && return 0
  ensure_dirs
  exec 9>"$RUN_DIR/stack.lock"
  if ! flock -n 9; then
    note "another deploy/local/stack command is running; waiting for it (at most 5 min)"
    flock -w 300 9 || die "gave up waiting for the other deploy/local/stack command (lock: $(rel "$RUN_DIR/stack.lock"))"
  fi
  STACK_LOCKED=true
}

# Reused servers are remembered (and shown) with the process that serves the port.
reuse_port() {
  local comp=$1 port=$2 what
  what=$(port_owner "$port")
  mark_reused "$comp" "$what"
  printf '%s' "$what"
}

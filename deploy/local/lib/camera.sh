# shellcheck shell=bash
# RTSP test camera: GStreamer's RTSP server (deploy/local/rtsp/camera.py) serving the demo video in a loop.
# Options through the environment: CAMERA_MOUNTS=N adds /cam1../camN; CAMERA_USER/CAMERA_PASSWORD add /secure.

CAMERA_PORT=${CAMERA_PORT:-8554}
CAMERA_VIDEO=$ASSETS_DIR/media/classroom/demo.mp4

camera_describe() { printf 'RTSP camera'; }
camera_port() { printf '%s' "$CAMERA_PORT"; }
# h264parse is in -bad; nothing is decoded or encoded, so neither -ugly (x264) nor -libav is needed.
# ffmpeg is what the suite's ingest (and the checks in the README) use to pull the stream.
camera_packages() {
  printf '%s\n' python3-gi gir1.2-gstreamer-1.0 gir1.2-gst-plugins-base-1.0 gir1.2-gst-rtsp-server-1.0 \
    gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad ffmpeg
}
camera_ready_timeout() { printf 30; }
camera_ours() { owned_pid camera; }
camera_log_file() { printf '%s' "$LOG_DIR/camera.log"; }

camera_probe() {
  local hex
  hex=$(tcp_exchange_hex "$CAMERA_PORT" "OPTIONS rtsp://127.0.0.1:$CAMERA_PORT/ RTSP/1.0\\r\\nCSeq: 1\\r\\n\\r\\n")
  [[ $hex == 525453502f312e30* ]] # "RTSP/1.0"
}

# camera_has_mount PATH: the camera answers DESCRIBE for PATH (e.g. /cam4) with 200, i.e. it serves that mount.
camera_has_mount() {
  local hex
  hex=$(tcp_exchange_hex "$CAMERA_PORT" "DESCRIBE rtsp://127.0.0.1:$CAMERA_PORT$1 RTSP/1.0\\r\\nCSeq: 1\\r\\n\\r\\n")
  [[ $hex == 525453502f312e3020323030* ]] # "RTSP/1.0 200"
}

camera_prepare() {
  # The video is a pinned asset (assets.lock): fetched/verified into .local/assets.
  "$REPO_ROOT/deploy/assets/fetch" --quiet || die "fetching the assets failed (deploy/assets/fetch)"
  [[ -f $CAMERA_VIDEO ]] || die "no demo video at $(rel "$CAMERA_VIDEO") after deploy/assets/fetch"
}

camera_start() {
  local args=(--video "$CAMERA_VIDEO" --cache-dir "$LOCAL_DIR/camera" --host 127.0.0.1 --port "$CAMERA_PORT")
  [[ -n ${CAMERA_MOUNTS:-} ]] && args+=(--mounts "$CAMERA_MOUNTS")
  [[ -n ${CAMERA_USER:-} ]] && args+=(--user "$CAMERA_USER" --password "${CAMERA_PASSWORD:-}")
  # Debian's python: a pyenv python3 earlier on PATH has no gi.
  start_detached camera /usr/bin/python3 "$STACK_DIR/rtsp/camera.py" "${args[@]}"
}

camera_setup() {
  local extra=''
  [[ -n ${CAMERA_MOUNTS:-} ]] && extra+=" +/cam1../cam$CAMERA_MOUNTS"
  [[ -n ${CAMERA_USER:-} ]] && extra+=" +/secure (basic auth)"
  printf 'rtsp://127.0.0.1:%s/classroom%s' "$CAMERA_PORT" "$extra"
}

camera_stop() { stop_pid "$1" 10; }

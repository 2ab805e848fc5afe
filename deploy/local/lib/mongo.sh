# shellcheck shell=bash
# MongoDB-wire-compatible server for local runs: mongo-java-server with its H2 backend (data survives restarts),
# reporting server version 5.0 (driver 5.x refuses the default 3.6) with the oplog on (change streams).

MONGO_PORT=${MONGO_PORT:-27017}
MONGO_LIBS=$TOOLS_DIR/mongo/libs

mongo_describe() { printf 'MongoDB-compatible server'; }
mongo_port() { printf '%s' "$MONGO_PORT"; }
mongo_packages() { :; }
mongo_ready_timeout() { printf 60; }
mongo_ours() { owned_pid mongo; }
mongo_log_file() { printf '%s' "$LOG_DIR/mongo.log"; }

# A legacy OP_QUERY isMaster on admin.$cmd: real MongoDB and mongo-java-server both answer with maxWireVersion.
mongo_probe() {
  local hex
  hex=$(tcp_exchange_hex "$MONGO_PORT" '\x3a\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xd4\x07\x00\x00\x00\x00\x00\x00admin.\x24cmd\x00\x00\x00\x00\x00\xff\xff\xff\xff\x13\x00\x00\x00\x10isMaster\x00\x01\x00\x00\x00\x00')
  [[ $hex == *6d61785769726556657273696f6e* ]] # "maxWireVersion"
}

mongo_prepare() {
  ensure_tool_libs mongo
  mkdir -p "$LOCAL_DIR/mongo"
}

mongo_start() {
  # The JDK's single-file source launcher compiles the tiny launcher on the fly (~1 s).
  # Connection open/close lines at INFO would drown the log.
  start_detached mongo java -Xmx1g -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dorg.slf4j.simpleLogger.log.de.bwaldvogel.mongo.wire=warn -cp "$MONGO_LIBS/*" \
    "$STACK_DIR/tools/MongoServerMain.java" --host 127.0.0.1 --port "$MONGO_PORT" --data "$LOCAL_DIR/mongo/data.mv"
}

mongo_setup() { printf 'mongodb://127.0.0.1:%s' "$MONGO_PORT"; }

# The launcher's shutdown hook closes the H2 file cleanly on SIGTERM.
mongo_stop() { stop_pid "$1" 20; }

# Sourced by ./test.sh and tests/e2e/run.sh: installs what the tests need when missing (as root, from
# Debian and npm), starts a private RabbitMQ node and a MongoDB-wire server on free ports, and exports
# where they are. Idempotent: a second source reuses what is running.
set -euo pipefail

KONOMI_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="$KONOMI_ROOT/.test-state"
mkdir -p "$STATE"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

install_missing() {
  local need=()
  command -v rabbitmq-server >/dev/null || need+=(rabbitmq-server)
  command -v docker-compose >/dev/null || need+=(docker-compose)
  /usr/bin/python3 -c 'import sklearn' 2>/dev/null || need+=(python3-sklearn)
  # The web app's browser tests drive Debian's chromium (no browser download); CJK fonts so Japanese renders.
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
  if [ ${#need[@]} -gt 0 ]; then
    echo "infra: installing ${need[*]} (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
  if { [ ! -x "$STATE/node_modules/@jongodb/memory-server-bin-linux-x64-gnu/bin/jongodb" ] && \
       [ ! -d "$STATE/node_modules/@jongodb/memory-server-bin-linux-x64-gnu" ]; } || \
     [ ! -d "$STATE/node_modules/@kubernetes-models/keda" ] || [ ! -d "$STATE/node_modules/@kubernetes/client-node" ]; then
    echo "infra: installing the MongoDB-wire test server and deploy validators (npm)"
    (cd "$STATE" && npm install --silent --no-audit --no-fund \
      @jongodb/memory-server-bin-linux-x64-gnu@0.1.6 kubernetes-models@4 @kubernetes-models/keda@2 @kubernetes/client-node@2 js-yaml@4 >/dev/null)
  fi
}

start_rabbitmq() {
  # One node per checkout, so two clones on one machine (a developer's and CI's) never share a broker.
  local key
  key="$(printf %s "$STATE" | md5sum | cut -c1-8)"
  export RABBITMQ_NODENAME="konomi-test-$key@localhost"
  # Debian's wrapper runs the broker as the rabbitmq user, who may not enter the checkout (a 0700 mktemp -d,
  # /root/...): its state lives in a folder of its own under /var/tmp instead.
  local base="/var/tmp/konomi-rabbitmq-$key"
  install -d -m 0755 "$base"
  export RABBITMQ_MNESIA_BASE="$base/mnesia" RABBITMQ_LOG_BASE="$base/log"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins"
  mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
  [ -f "$RABBITMQ_ENABLED_PLUGINS_FILE" ] || echo "[]." > "$RABBITMQ_ENABLED_PLUGINS_FILE"
  if id rabbitmq >/dev/null 2>&1; then chown -R rabbitmq: "$base"; fi
  if [ -f "$base/port" ] && rabbitmqctl -n "$RABBITMQ_NODENAME" -q status >/dev/null 2>&1; then
    export RABBITMQ_NODE_PORT="$(cat "$base/port")"
  else
    local attempt
    for attempt in 1 2 3; do
      # A node of this name left over from an earlier run would block the new one.
      rabbitmqctl -n "$RABBITMQ_NODENAME" -q stop >/dev/null 2>&1 || true
      # Fresh ports on every try: one taken between choosing and binding only costs a retry.
      export RABBITMQ_NODE_PORT="$(free_port)" RABBITMQ_DIST_PORT="$(free_port)"
      echo "infra: starting RabbitMQ on port $RABBITMQ_NODE_PORT (state in $base)"
      rabbitmq-server -detached || true
      local up=no
      for _ in $(seq 1 60); do
        if rabbitmq-diagnostics -n "$RABBITMQ_NODENAME" -q ping >/dev/null 2>&1; then up=yes; break; fi
        sleep 1
      done
      if [ "$up" = yes ] && rabbitmqctl -n "$RABBITMQ_NODENAME" -q await_startup; then
        echo "$RABBITMQ_NODE_PORT" > "$base/port"
        break
      fi
      echo "infra: RabbitMQ did not start (try $attempt of 3); last log lines:" >&2
      tail -n 5 "$RABBITMQ_LOG_BASE"/*.log 2>/dev/null >&2 || true
      [ "$attempt" = 3 ] && return 1
    done
  fi
  export KONOMI_TEST_RABBITMQ="127.0.0.1:$RABBITMQ_NODE_PORT"
}

start_mongo_wire() {
  local port_file="$STATE/mongo.port"
  if [ -f "$port_file" ] && (exec 3<>"/dev/tcp/127.0.0.1/$(cat "$port_file")") 2>/dev/null; then
    :
  else
    local port bin
    port="$(free_port)"
    bin="$(find "$STATE/node_modules/@jongodb" -type f -name 'jongodb*' -perm -u+x | head -n1)"
    echo "infra: starting the MongoDB-wire test server on port $port"
    nohup "$bin" --host=127.0.0.1 --port="$port" >"$STATE/mongo.log" 2>&1 &
    echo $! > "$STATE/mongo.pid"
    echo "$port" > "$port_file"
    for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.2; done
  fi
  export KONOMI_TEST_MONGO_WIRE="mongodb://127.0.0.1:$(cat "$port_file")"
}

install_missing
start_rabbitmq
start_mongo_wire
export KONOMI_NODE_MODULES="$STATE/node_modules"

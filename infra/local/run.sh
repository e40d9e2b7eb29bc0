#!/usr/bin/env bash
# Serves the product's HTTP routes on http://127.0.0.1:${PORT:-8080}, with API Gateway's contract, like
# `sam local start-api` but without Docker. DynamoDB: $DYNAMODB_ENDPOINT if set, else a moto_server started here.
# Vtiger and webhook secrets come from the environment (MVSYNC_VTIGER_URL, MVSYNC_VTIGER_USERNAME,
# MVSYNC_VTIGER_ACCESS_KEY, MVSYNC_WEBHOOK_HMAC_SECRETS, MVSYNC_WEBHOOK_SHARED_SECRET, ...; see README.md).
#
# --demo: no CRM at hand? Starts the Vtiger double and a Magento double with sample data (test code, run from the
# test classpath: com.mvsync.demo.DemoDoubles), points the sync at them, queues every customer, product, order and
# invoice, and opens the admin console at http://127.0.0.1:${PORT:-8080}/console (token: $MVSYNC_LOCAL_ADMIN_TOKEN,
# default "demo").
set -euo pipefail
cd "$(dirname "$0")/../.."

demo=false
if [ "${1:-}" = "--demo" ]; then demo=true; shift; fi

PORT="${PORT:-8080}"
mkdir -p target
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if [ -z "${DYNAMODB_ENDPOINT:-}" ]; then
  # The tests' moto (one request at a time, transactions undone by item): see the script's docstring.
  if python3 -c 'import moto.server' 2>/dev/null; then moto=(python3 src/test/resources/moto/moto_server.py)
  elif command -v moto_server >/dev/null 2>&1; then moto=(moto_server)
  else echo "moto_server is required for the local DynamoDB (pip install 'moto[server]'), or set DYNAMODB_ENDPOINT" >&2; exit 1
  fi
  moto_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${moto[@]}" -H 127.0.0.1 -p "$moto_port" > target/moto-local.log 2>&1 &
  pids+=($!)
  DYNAMODB_ENDPOINT="http://127.0.0.1:$moto_port"
  for _ in $(seq 1 60); do curl -fs "$DYNAMODB_ENDPOINT/" >/dev/null 2>&1 && break; sleep 0.5; done
  export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-local}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-local}"
  echo "DynamoDB (moto) on $DYNAMODB_ENDPOINT"
fi

if $demo; then
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/demo.classpath -Dmdep.includeScope=test
  rm -f target/demo.env
  java -cp "target/test-classes:target/classes:$(cat target/demo.classpath)" com.mvsync.demo.DemoDoubles target/demo.env \
    > target/demo-doubles.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 60); do [ -f target/demo.env ] && break; sleep 0.5; done
  [ -f target/demo.env ] || { echo "the demo doubles did not start; see target/demo-doubles.log" >&2; exit 1; }
  set -a; . target/demo.env; set +a
  export MVSYNC_LOCAL_ADMIN_TOKEN="${MVSYNC_LOCAL_ADMIN_TOKEN:-demo}" MVSYNC_WEBHOOK_HMAC_SECRETS="${MVSYNC_WEBHOOK_HMAC_SECRETS:-demo}"
  echo "Demo: Vtiger double $MVSYNC_VTIGER_URL, Magento double $MVSYNC_MAGENTO_BASE_URL"
  # Once the API answers, queue the sample store (the drain syncs it within a minute or two).
  ( for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/console/config.json" >/dev/null 2>&1 && break; sleep 1; done
    for t in customers products orders invoices; do
      for _ in $(seq 1 30); do
        curl -s -o /dev/null -w '%{http_code}' -XPOST "http://127.0.0.1:$PORT/admin/backfill/$t" \
          -H "Authorization: Bearer $MVSYNC_LOCAL_ADMIN_TOKEN" | grep -q '^200$' && break
        sleep 1
      done
    done
    echo "Demo: sample store queued. Console: http://127.0.0.1:$PORT/console (token: $MVSYNC_LOCAL_ADMIN_TOKEN)" ) &
  pids+=($!)
fi

runner=target/magento-vtiger-sync-1.0.0-SNAPSHOT-runner.jar
if [ ! -f "$runner" ] || [ -n "$(find src pom.xml -newer "$runner" -print -quit)" ]; then
  mvn -B -q package -DskipTests
fi

java -Dquarkus.profile=local \
     -Dquarkus.dynamodb.endpoint-override="$DYNAMODB_ENDPOINT" \
     -Dmvsync.connection.ssm.endpoint-override="${SSM_ENDPOINT:-$DYNAMODB_ENDPOINT}" \
     -Dmvsync.local.port="$PORT" \
     -jar "$runner" &
pids+=($!)
wait "${pids[-1]}"

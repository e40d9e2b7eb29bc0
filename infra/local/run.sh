#!/usr/bin/env bash
# Serves the product's HTTP routes on http://127.0.0.1:${PORT:-8080}, with API Gateway's contract, like
# `sam local start-api` but without Docker. DynamoDB: $DYNAMODB_ENDPOINT if set, else a moto_server started here.
# Vtiger and webhook secrets come from the environment (MVSYNC_VTIGER_URL, MVSYNC_VTIGER_USERNAME,
# MVSYNC_VTIGER_ACCESS_KEY, MVSYNC_WEBHOOK_HMAC_SECRETS, MVSYNC_WEBHOOK_SHARED_SECRET, ...; see README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${PORT:-8080}"
mkdir -p target
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if [ -z "${DYNAMODB_ENDPOINT:-}" ]; then
  if python3 -c 'import moto.server' 2>/dev/null; then moto=(python3 infra/local/moto_serialized.py)
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

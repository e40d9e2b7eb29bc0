#!/usr/bin/env bash
# Cold-start harness: bash infra/coldstart/run.sh [N]   (N runs per scenario and variant, default 5)
#
# Builds target/function.zip, unzips it as Lambda's task root, fetches the AWS Lambda Java Runtime Interface Client
# from Maven Central, starts moto_server (DynamoDB) and the test suite's Vtiger double, and launches the function N
# times per scenario exactly as the java21 managed runtime does (AWSLambda main class, the runtime's JVM flags, the
# template's JAVA_TOOL_OPTIONS) against a local Lambda Runtime API stand-in; prints launch -> first answer figures.
# See infra/coldstart/README.md. Needs JDK 17+, Maven, python3 and moto_server (no Docker, no AWS account).
#
# Environment knobs:
#   COLDSTART_SKIP_BUILD=1     use the existing target/function.zip (default: mvn -B -q package -DskipTests)
#   COLDSTART_CDS=0            skip the AppCDS variant (default: also measure with a dynamic AppCDS archive)
#   COLDSTART_PRIMING=0        skip the "priming at init" variant (SnapStart model, MVSYNC_PRIMING_AT_STARTUP=true)
#   COLDSTART_SCENARIOS=unauth only the refused-webhook scenario (default: unauth,sync)
#   COLDSTART_CPUS=0           pin the function JVM to these CPUs with taskset (e.g. 0 = one core, like <1769 MB)
#   COLDSTART_BASELINE_ZIP=f.zip  also measure this (e.g. an older) function.zip, interleaved with the current one
#   COLDSTART_EXTRA_FLAGS=...  more JVM flags for the function
#   COLDSTART_ENV="A=1 B=2"    more environment variables for the function
#   JAVA=/path/to/java         the JVM to measure (default: java on PATH)
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS="${1:-5}"
JAVA="${JAVA:-java}"
OUT=target/coldstart
mkdir -p "$OUT"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

if [ "${COLDSTART_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/function.zip ]; then
  echo "==> mvn -B -q package -DskipTests"
  mvn -B -q package -DskipTests
fi

echo "==> Lambda task root: $OUT/task (unzipped target/function.zip)"
rm -rf "$OUT/task" && mkdir -p "$OUT/task"
(cd "$OUT/task" && unzip -q ../../function.zip)

baseline_args=()
if [ -n "${COLDSTART_BASELINE_ZIP:-}" ]; then
  echo "==> baseline task root: $OUT/baseline-task (unzipped $COLDSTART_BASELINE_ZIP)"
  zip_abs=$(realpath "$COLDSTART_BASELINE_ZIP")
  rm -rf "$OUT/baseline-task" && mkdir -p "$OUT/baseline-task"
  (cd "$OUT/baseline-task" && unzip -q "$zip_abs")
  baseline_args=(--baseline-task "$PWD/$OUT/baseline-task" --baseline-zip "$zip_abs")
fi

echo "==> Lambda runtime: Runtime Interface Client from Maven Central -> $OUT/runtime"
if [ ! -f "$OUT/runtime/.ok" ]; then
  rm -rf "$OUT/runtime"
  mvn -B -q -f infra/coldstart/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$OUT/runtime" \
      -DincludeScope=runtime
  touch "$OUT/runtime/.ok"
fi
# As in /var/runtime/lib: the RIC and its two Lambda libraries on the class path; the function is NOT on it (the RIC
# loads it from the working directory = task root and task root/lib/*.jar with its own class loader).
runtime_cp=$(ls "$PWD/$OUT"/runtime/aws-lambda-java-*.jar | tr '\n' ':')
runtime_cp="${runtime_cp%:}"
case "$(uname -m)" in aarch64|arm64) arch=aarch_64 ;; *) arch=x86_64 ;; esac
jni="$PWD/$OUT/runtime/jni/libaws-lambda-jni.linux-$arch.so"
if [ ! -f "$jni" ]; then
  (cd "$OUT/runtime" && unzip -q -o aws-lambda-java-runtime-interface-client-*.jar "jni/*")
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "==> DynamoDB: moto_server"
if command -v moto_server >/dev/null 2>&1; then moto=(moto_server)
elif python3 -c 'import moto.server' 2>/dev/null; then moto=(python3 -m moto.server)
else echo "moto_server is required (pip install 'moto[server]')" >&2; exit 1
fi
moto_port=$(free_port)
"${moto[@]}" -H 127.0.0.1 -p "$moto_port" > "$OUT/moto.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$moto_port/" >/dev/null 2>&1 && break; sleep 0.5; done

echo "==> Vtiger: the test suite's FakeVtigerServer"
jackson=$(ls "$PWD/$OUT"/task/lib/com.fasterxml.jackson.core.jackson-*.jar | tr '\n' ':')
mkfifo "$OUT/vtiger.stdin" 2>/dev/null || true
"$JAVA" -cp "target/test-classes:${jackson%:}" infra/coldstart/FakeVtiger.java < "$OUT/vtiger.stdin" \
    > "$OUT/vtiger.out" 2> "$OUT/vtiger.log" &
pids+=($!)
exec 9> "$OUT/vtiger.stdin"   # keeps the double's stdin open until this script exits
for _ in $(seq 1 100); do [ -s "$OUT/vtiger.out" ] && break; sleep 0.1; done
vtiger_url=$(head -1 "$OUT/vtiger.out")
[ -n "$vtiger_url" ] || { echo "the Vtiger double did not start; see $OUT/vtiger.log" >&2; exit 1; }

# What template.yaml gives every function, so the harness follows the template.
java_tool_options=$(sed -n 's/^ *JAVA_TOOL_OPTIONS: *//p' template.yaml | head -1)
memory=$(awk '/^  MemorySize:/{f=1} f&&/Default:/{print $2; exit}' template.yaml)

prefix=""
[ -n "${COLDSTART_CPUS:-}" ] && prefix="taskset -c $COLDSTART_CPUS"
env_args=()
for kv in ${COLDSTART_ENV:-}; do env_args+=(--env "$kv"); done
cds_args=()
[ "${COLDSTART_CDS:-1}" = 1 ] && cds_args=(--cds "$PWD/$OUT/app-cds.jsa")

[ "${COLDSTART_PRIMING:-1}" = 1 ] && cds_args+=(--priming)

echo "==> $RUNS cold starts per scenario (logs in $OUT/logs)"
rm -rf "$OUT/logs"
python3 infra/coldstart/coldstart.py --runs "$RUNS" --java "$JAVA" \
  --task "$PWD/$OUT/task" --runtime-dir "$PWD/$OUT/runtime" --runtime-cp "$runtime_cp" --jni "$jni" \
  --memory "${memory:-1024}" --java-tool-options="$java_tool_options" \
  --vtiger-url "$vtiger_url" --dynamo-url "http://127.0.0.1:$moto_port" \
  --scenarios "${COLDSTART_SCENARIOS:-unauth,sync}" --extra-flags="${COLDSTART_EXTRA_FLAGS:-}" \
  --prefix="$prefix" "${env_args[@]}" "${cds_args[@]}" "${baseline_args[@]}" \
  --logs "$PWD/$OUT/logs" --zip target/function.zip --results "$OUT/results.md"

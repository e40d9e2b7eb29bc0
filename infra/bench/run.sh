#!/usr/bin/env bash
# Benchmark: bash infra/bench/run.sh [N]   (N cold starts per scenario and variant, default 5)
#
# 1. mvn -B -Pbench verify: the tests tagged "bench" (src/test/java/com/mvsync/bench) call the webhook functions
#    in-process against the Vtiger double and moto, drain the queue, and (with VTIGER_URL, VTIGER_USER and
#    VTIGER_ACCESS_KEY set) sync customers into a real Vtiger; they write target/bench/results.md.
# 2. bash infra/coldstart/run.sh N on the function.zip that step 1 packaged: launch -> first answer.
# 3. Prints the combined table (target/bench/results.md, with the cold start added).
# See infra/bench/README.md. Needs what `mvn -B verify` needs (JDK 17+, Maven, moto_server).
#
# Knobs: BENCH_MAVEN_ARGS="-Dbench.events=500 -Dbench.warmup=100 -Dbench.reps=3 -Dbench.drain.per-slot=5
#        -Dbench.vtiger.delay-ms=40 -Dbench.real.customers=20 -Dbench.real.drain=500 -Dbench.twoway.changed=0,1,250
#        -Dbench.twoway.edits=20"; BENCH_COLDSTART=0 skips the
#        cold start; BENCH_REAL_VTIGER=0 skips starting the packaged real Vtiger;
#        COLDSTART_* as for infra/coldstart/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

RUNS="${1:-5}"
rm -rf target/bench

# The real-Vtiger rows (RealVtigerBenchTest): against VTIGER_URL when set, else against the stock Vtiger 8.2.0
# packaged in ../shared/vtiger-server when it is there (BENCH_REAL_VTIGER=0 leaves them out).
if [ -z "${VTIGER_URL:-}" ] && [ "${BENCH_REAL_VTIGER:-1}" = 1 ]; then
  if vtiger_env="$(bash infra/real-vtiger/server.sh start)"; then
    trap 'bash infra/real-vtiger/server.sh stop' EXIT
    set -a; eval "$vtiger_env"; set +a
    echo "==> real Vtiger at $VTIGER_URL (infra/real-vtiger/server.sh)"
  else
    echo "==> no real Vtiger (no VTIGER_URL, no ../shared/vtiger-server package): its rows say skipped"
  fi
fi
echo "==> mvn -B -Pbench verify ${BENCH_MAVEN_ARGS:-} (function logs: target/surefire-reports/*-output.txt)"
# shellcheck disable=SC2086
mvn -B -q -Pbench verify ${BENCH_MAVEN_ARGS:-} > target/bench-maven.log 2>&1 || {
  tail -50 target/bench-maven.log >&2; echo "the benchmark failed; see target/bench-maven.log" >&2; exit 1; }
[ -f target/bench/results.md ] || { echo "no target/bench/results.md; see target/bench-maven.log" >&2; exit 1; }

if [ "${BENCH_COLDSTART:-1}" = 1 ]; then
  echo "==> bash infra/coldstart/run.sh $RUNS (on the function.zip just built)"
  COLDSTART_SKIP_BUILD=1 bash infra/coldstart/run.sh "$RUNS" > target/bench/coldstart.log 2>&1 || {
    tail -30 target/bench/coldstart.log >&2; echo "the cold-start harness failed" >&2; exit 1; }
  python3 - "$RUNS" <<'PY'
import re, sys
runs = sys.argv[1]
res = open("target/bench/results.md").read()
cold = open("target/coldstart/results.md").read()
rows = []
for line in cold.splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) < 5 or cells[0] in ("variant", "---") or set(cells[0]) <= set("-"):
        continue
    variant, scenario, first = cells[0], cells[1], cells[4]
    rows.append(f"| Cold start, launch → first answer p50 of {runs}: {variant}, {scenario} | {first} | — (see "
                f"infra/coldstart/README.md) | — |")
lines = res.splitlines()
# after the last row of the summary table (the first table of the file)
start = next(i for i, l in enumerate(lines) if l.startswith("## Summary"))
end = start + 1
while end < len(lines) and (lines[end].startswith("|") or lines[end].strip() == "" and end < start + 3):
    end += 1
lines[end:end] = rows
out = "\n".join(lines) + "\n\n## Cold start (infra/coldstart/run.sh " + runs + ")\n\n" + cold
open("target/bench/results.md", "w").write(out)
PY
fi
echo
cat target/bench/results.md

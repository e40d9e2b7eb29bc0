#!/usr/bin/env bash
# The real-Vtiger tier, one command: starts the packaged stock Vtiger 8.2.0 (server.sh beside this file), runs only the
# tests tagged real-vtiger against it (the product's functions, queue and drain; the conformance suite's real side),
# and stops it. Extra arguments go to Maven, e.g. -Dtest='CustomerFlowsTest'.
#
#   bash infra/real-vtiger/run.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

env="$(bash infra/real-vtiger/server.sh start)" || {
    rc=$?
    [ $rc -eq 3 ] && echo "real-Vtiger tier skipped: no ../shared/vtiger-server package here" >&2
    exit $rc
}
trap 'bash infra/real-vtiger/server.sh stop' EXIT
set -a
eval "$env"
set +a
echo "==> real Vtiger at $VTIGER_URL"
# -Dgroups: the main execution then selects nothing (it excludes the tag); the real-vtiger execution runs the tier.
mvn -B verify -Dgroups=real-vtiger -Dsurefire.failIfNoSpecifiedTests=false "$@"

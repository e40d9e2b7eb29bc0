#!/usr/bin/env bash
# The stock Vtiger CRM 8.2.0 of the real-Vtiger test tier, from the package in ../shared/vtiger-server (beside the
# repository; VTIGER_SERVER_HOME to use another copy). Used by .ci/run and by run.sh beside this file.
#
#   bash infra/real-vtiger/server.sh start   # installs its Debian packages when missing, starts it on a free loopback
#                                            # port with a clean database, prints VTIGER_URL/VTIGER_USER/VTIGER_ACCESS_KEY
#   bash infra/real-vtiger/server.sh stop    # stops its PHP server (MariaDB stays up)
#
# Exit code 3 when the package is absent (the tier is then skipped); any other failure is an error.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="${VTIGER_SERVER_HOME:-$ROOT/../shared/vtiger-server}"
SCRIPT="$HOME_DIR/vtiger-server.sh"
DB=mvsync_tier
DIR="${VTIGER_SERVER_DIR:-/tmp/mvsync-real-vtiger}"
PORT_FILE="$DIR.port"

# What vtiger-server.sh needs. Installed here because its own check of them (dpkg-query over the whole list under
# `set -o pipefail`) ends the script silently, exit code 1, when any one of them is not installed.
PKGS="php8.2-cli php8.2-opcache php8.2-mysql php8.2-curl php8.2-xml php8.2-mbstring php8.2-gd php8.2-zip php8.2-intl
      php8.2-bcmath mariadb-server mariadb-client curl xz-utils ca-certificates"

log() { printf '[real-vtiger] %s\n' "$*" >&2; }

ensure_packages() {
    local missing=() p
    for p in $PKGS; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || { log "missing Debian packages (need root to install): ${missing[*]}"; return 1; }
    log "apt-get install ${missing[*]}"
    timeout 300 apt-get update -q >&2 || { log "apt-get update failed"; return 1; }
    DEBIAN_FRONTEND=noninteractive timeout 900 apt-get install -y -q --no-install-recommends "${missing[@]}" >&2 \
        || { log "apt-get install failed"; return 1; }
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "${1:-}" in
    start)
        [ -f "$SCRIPT" ] || { log "no Vtiger package at $HOME_DIR"; exit 3; }
        ensure_packages
        port="$(free_port)"
        echo "$port" > "$PORT_FILE"
        log "starting a stock Vtiger 8.2.0 on 127.0.0.1:$port (db $DB, files $DIR)"
        left=no
        bash "$SCRIPT" status --port "$port" --db "$DB" --dir "$DIR" 2>/dev/null | grep -q "db: $DB loaded" && left=yes
        env="$(bash "$SCRIPT" start --port "$port" --db "$DB" --dir "$DIR")"
        if [ "$left" = yes ]; then
            # A database left by an earlier run holds its records: back to the clean post-install state.
            bash "$SCRIPT" reset --port "$port" --db "$DB" --dir "$DIR" >&2
        fi
        printf '%s\n' "$env"
        ;;
    stop)
        [ -f "$SCRIPT" ] && [ -f "$PORT_FILE" ] || exit 0
        bash "$SCRIPT" stop --port "$(cat "$PORT_FILE")" --db "$DB" --dir "$DIR" >&2 || true
        rm -f "$PORT_FILE"
        ;;
    *)
        echo "usage: $0 start|stop" >&2
        exit 2
        ;;
esac

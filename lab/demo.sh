#!/usr/bin/env bash
# `npm run demo`: the lab, a built dashboard on it, and the URL and token to open it. Ctrl-C ends both.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
bash .ci/setup.sh
npx tsx lab/cli.ts up --clients "${DEMO_CLIENTS:-20}"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; npx tsx lab/cli.ts down >/dev/null' EXIT INT TERM
node_modules/.bin/next build
host=${HOST:-127.0.0.1} port=${PORT:-3000}
export RERUN_DOCTOR_TOKEN=${RERUN_DOCTOR_TOKEN:-$(node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("base64url"))')}
export RERUN_DOCTOR_INVENTORY=${RERUN_DOCTOR_LAB_DIR:-/tmp/rerun-doctor-lab}/inventory.yaml
node_modules/.bin/next start -H "$host" -p "$port" &
server=$!
echo
echo "Rerun Doctor on the lab: http://$host:$port"
echo "admin token:             $RERUN_DOCTOR_TOKEN"
echo "(Ctrl-C stops the dashboard and tears the lab down)"
wait "$server"

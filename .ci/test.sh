#!/usr/bin/env bash
# `npm test`: every check, against real parts (the lab, Next, Chromium). Leaves nothing behind.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 RERUN_DOCTOR_LAB_DIR="${RERUN_DOCTOR_LAB_DIR:-/tmp/rerun-doctor-lab}"
passed=0 failed=0 started=$(date +%s)

cleanup() {
  npx tsx lab/cli.ts down >/dev/null 2>&1 || true
  # next-server renames itself: find ours by working directory, never by name alone.
  for pid in $(pgrep -f 'next-server|next start' 2>/dev/null); do
    [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$PWD" ] && kill "$pid" 2>/dev/null
  done
  rm -rf .tmp test-results
}
trap cleanup EXIT INT TERM

step() {
  local name=$1; shift
  local t0=$(date +%s)
  echo "::: $name"
  if "$@"; then passed=$((passed + 1)); echo "::: $name ok ($(( $(date +%s) - t0 )) s)"
  else failed=$((failed + 1)); echo "::: $name FAILED ($(( $(date +%s) - t0 )) s)"; fi
}

bash .ci/setup.sh || { echo "setup: 0 passed, 1 failed"; exit 1; }
step typecheck npx tsc --noEmit
step lint npx eslint . --max-warnings 0
step format npx prettier --check .
step unit npx vitest run --project unit
step lab-lifecycle npx vitest run --project lifecycle
step build node_modules/.bin/next build
step lab-up npx tsx lab/cli.ts up --clients 50 --hostile --reach
step integration npx vitest run --project integration
step e2e npx playwright test
# The load test gets the lab at 118 clients (its own lab, after every test that reads the 77-client one).
step lab-load npx tsx lab/cli.ts up --clients 76 --hostile
step load npx vitest run --project load
step bench-smoke npx tsx bench/cli.ts --smoke
step lab-down npx tsx lab/cli.ts down

echo "total $(( $(date +%s) - started )) s"
echo "steps: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

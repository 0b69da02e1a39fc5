#!/usr/bin/env bash
# Issue 11's proof: clone this repository into a fresh `mktemp -d` folder and run .ci/run (the
# README's `npm ci && npm test`) while one busy loop is pinned to each core. Usage: .ci/squeeze.sh [LOG]
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
log=${1:-/tmp/squeeze-$(date +%H%M).log}
dir=$(mktemp -d)
git clone -q "$repo" "$dir/rerun-doctor"
pids=()
for core in $(seq 0 $(($(nproc) - 1))); do
  taskset -c "$core" bash -c 'while :; do :; done' &
  pids+=($!)
done
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
start=$(date +%s)
(cd "$dir/rerun-doctor" && .ci/run) >"$log" 2>&1
rc=$?
echo "squeeze rc=$rc in $(($(date +%s) - start)) s, clone $dir, commit $(git -C "$dir/rerun-doctor" rev-parse --short HEAD)" >>"$log"
rm -rf "$dir"
exit "$rc"

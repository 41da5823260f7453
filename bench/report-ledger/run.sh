#!/usr/bin/env bash
# Times `proofgate report --since 30d` and a /metrics scrape over a ledger
# of N generated submissions (bench/report-ledger/gen_ledger.py).
#
#   bench/report-ledger/run.sh [N]        default N=1000000; RUNS=3 SCRAPES=20
#
# Work files go to ${WORK:-/tmp/proofgate-report-bench} (about 1 GB for 1M).
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-1000000}"
work="${WORK:-/tmp/proofgate-report-bench}"
bin="build/daemon/proofgate"
mkdir -p "$work"
ledger="$work/ledger-$n.sqlite"
if [ ! -f "$ledger" ]; then
  python3 bench/report-ledger/gen_ledger.py "$ledger" --submissions "$n"
  # The first open migrates the version-0 ledger (totals, first_submitted_at).
  /usr/bin/time -f "migration: %e s wall, %M KB peak" \
    "$bin" report --ledger "$ledger" --since 1s --format json -o /dev/null
fi
for i in $(seq 1 "${RUNS:-3}"); do
  /usr/bin/time -f "report --since 30d: %e s wall, %U s user, %M KB peak" \
    "$bin" report --ledger "$ledger" --since 30d --format json -o "$work/report.json"
done
port=$((20000 + RANDOM % 20000))
printf 'spool: %s/spool\nledger: %s\nhttp: {listen: "127.0.0.1:%s"}\nlinks: {network: false}\n' \
  "$work" "$ledger" "$port" > "$work/proofgate.yaml"
"$bin" run --config "$work/proofgate.yaml" 2> "$work/daemon.log" &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  grep -q "serving the exception queue" "$work/daemon.log" && break
  sleep 0.1
done
for _ in $(seq 1 "${SCRAPES:-20}"); do
  curl -s -o /dev/null -w "%{time_total}\n" "http://127.0.0.1:$port/metrics"
done | sort -n | awk '{a[NR]=$1} END {printf "/metrics: %d scrapes, median %.1f ms, max %.1f ms\n", NR, a[int((NR+1)/2)]*1000, a[NR]*1000}'

#!/usr/bin/env bash
# Times GET /api/queue with N drafts waiting in review/: this build, which
# lists the ledger's queue index (one indexed SELECT), against a build that
# reads every proof record in review/ per request (BEFORE, default the main
# checkout's build), on the same spool in the same run.
#
#   bench/queue-index/run.sh [N]     default N=10000; REQUESTS=20
#   BEFORE=/path/to/older/proofgate bench/queue-index/run.sh
#
# The N drafts are routed by this build's daemon (real verification, real
# proof records, the index rows written with their routing); each fails
# headings/skipped-level, so all land in review/. The older build gets a
# copy of the spool without the ledger (its schema is older) and lists
# review/ from the file system. Work files go to
# ${WORK:-/tmp/proofgate-queue-bench}.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-10000}"
requests="${REQUESTS:-20}"
work="${WORK:-/tmp/proofgate-queue-bench}"
bin="$PWD/build/daemon/proofgate"
before="${BEFORE:-/work/main/build/daemon/proofgate}"
rm -rf "$work"
mkdir -p "$work"
daemons=()
trap 'for d in "${daemons[@]}"; do kill "$d" 2>/dev/null || true; done' EXIT

# Starts `$1 run` on spool $2 logging to $3; sets $port.
start() {
  port=$((20000 + RANDOM % 20000))
  printf 'links: {network: false}\nworkers: 2\n' > "$work/proofgate.yaml"
  "$1" run --config "$work/proofgate.yaml" --spool "$2" \
    --listen "127.0.0.1:$port" 2> "$3" &
  daemons+=($!)
  for _ in $(seq 1 300); do
    grep -q "serving the exception queue" "$3" && return 0
    sleep 0.1
  done
  echo "the daemon did not start: $3" >&2
  exit 1
}

# Times $requests GETs of /api/queue$1 on $port: "median X ms, max Y ms".
time_queue() {
  local items
  items=$(curl -s "http://127.0.0.1:$port/api/queue${1:-}" |
    python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
  for _ in $(seq 1 "$requests"); do
    curl -s -o /dev/null -w "%{time_total}\n" "http://127.0.0.1:$port/api/queue${1:-}"
  done | sort -n | awk -v items="$items" '{a[NR]=$1} END {
    printf "%d items, %d requests, median %.1f ms, max %.1f ms\n",
      items, NR, a[int((NR+1)/2)]*1000, a[NR]*1000}'
}

start "$bin" "$work/spool" "$work/after.log"
after_pid=${daemons[-1]}
python3 - "$work/spool/inbox" "$n" <<'PY'
import os, sys
inbox, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    folder = os.path.join(inbox, f"team-{i % 40:02d}")
    os.makedirs(folder, exist_ok=True)
    text = (f"---\ntitle: Draft number {i}\ndescription: A generated draft "
            f"that fails one heading rule and waits for an editor.\n"
            f"author: Writer {i % 17}\n---\n\nIntro paragraph {i}.\n\n"
            f"#### Too deep\n\nSome text.\n")
    tmp = os.path.join(inbox, f".tmp-{i}")
    with open(tmp, "w") as f:
        f.write(text)
    os.rename(tmp, os.path.join(folder, f"draft-{i:05d}.md"))
PY
t0=$(date +%s)
for _ in $(seq 1 3600); do
  routed=$(find "$work/spool/review" -name '*.proof.json' | wc -l)
  [ "$routed" -ge "$n" ] && [ -z "$(ls -A "$work/spool/inbox" | grep -v '^team-' || true)" ] && break
  sleep 1
done
echo "routed $routed drafts to review/ in $(( $(date +%s) - t0 )) s"
sleep 2  # the last ledger commits
echo "after (queue index, this build):  $(time_queue)"
echo "after, one page (?limit=100):  $(time_queue '?limit=100')"
echo "after, a later page (?offset=9000&limit=100):  $(time_queue '?offset=9000&limit=100')"
kill "$after_pid"; wait "$after_pid" 2>/dev/null || true

if [ -x "$before" ]; then
  cp -a "$work/spool" "$work/spool-before"
  rm -f "$work/spool-before/.proofgate/ledger.sqlite"*
  start "$before" "$work/spool-before" "$work/before.log"
  echo "before (review/ read per request, $before):  $(time_queue)"
else
  echo "no older build at $before: set BEFORE=" >&2
fi

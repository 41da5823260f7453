#!/usr/bin/env bash
# Times the prohibited check against ripgrep on the same terms, over the
# whole shared corpus (../shared/corpus), in the same run, and prints the
# ratios proofgate / ripgrep (median wall time, and mean user CPU time,
# which a loaded machine disturbs less; below 1 means proofgate is faster).
#
#   ripgrep:       rg -c -i -w -f terms.txt CORPUS
#   ripgrep-terms: rg -c -i -w -f terms-only.txt CORPUS
#   proofgate:     proofgate check --rules prohibited-only.yaml CORPUS
#
# terms.txt holds the default rulebook's prohibited terms (regex-escaped,
# whitespace as \s+) and its patterns; terms-only.txt leaves the patterns
# out: ripgrep's `\b` is Unicode-aware, which sends its regex engine off
# the fast DFA on non-ASCII text (about 9 s of CPU instead of 0.5 s on this
# corpus). prohibited-only.yaml is the default rulebook's `prohibited`
# settings with no other check. proofgate does more than rg here: it parses
# each draft as Markdown (front matter, code, URLs excluded from the scan),
# hashes it for the proof record, then maps each match to line:col. All
# three use every core.
#
# Usage: bench/prohibited-vs-ripgrep.sh [RUNS]   (default 10 runs each)
# Needs a build (scripts/build). Installs ripgrep with apt when missing;
# uses hyperfine when installed, else a bounded loop timed with date.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
corpus="$(cd .. && pwd)/shared/corpus"
proofgate="build/daemon/proofgate"
book="rules/books/default.yaml"

[ -d "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
[ -x "$proofgate" ] || { echo "build first: scripts/build" >&2; exit 2; }
if ! command -v rg >/dev/null; then
  sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  "${sudo[@]}" apt-get install -y -q --no-install-recommends ripgrep >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The terms and patterns, and a rulebook with only the prohibited check.
python3 - "$book" "$work" <<'PY'
import re, sys, yaml
book, work = sys.argv[1], sys.argv[2]
with open(book, encoding="utf-8") as f:
    prohibited = yaml.safe_load(f)["checks"]["prohibited"]
terms, patterns = [], []
for lst in prohibited["lists"]:
    for item in lst.get("terms", []):
        term = item["term"] if isinstance(item, dict) else str(item)
        # Whitespace in a term matches any whitespace run, as in proofgate.
        terms.append(r"\s+".join(re.escape(w) for w in term.split()))
    for item in lst.get("patterns", []):
        patterns.append(item["pattern"] if isinstance(item, dict) else str(item))
lines = terms + patterns
with open(f"{work}/terms.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
with open(f"{work}/terms-only.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(terms) + "\n")
with open(f"{work}/prohibited-only.yaml", "w", encoding="utf-8") as f:
    yaml.safe_dump({"name": "prohibited-only", "version": "1",
                    "checks": {"prohibited": prohibited}}, f,
                   allow_unicode=True, sort_keys=False)
print(f"{len(terms)} terms, {len(patterns)} patterns", file=sys.stderr)
PY

rg_cmd=(rg -c -i -w -f "$work/terms.txt" "$corpus")
rgt_cmd=(rg -c -i -w -f "$work/terms-only.txt" "$corpus")
pg_cmd=("$proofgate" check --rules "$work/prohibited-only.yaml" "$corpus")
# Sanity: both run; proofgate exits 1 when a draft fails (expected here).
"${rg_cmd[@]}" >/dev/null || true
"${pg_cmd[@]}" | tail -1 >&2 || true
echo "ripgrep: $("${rg_cmd[@]}" | awk -F: '{n += $NF} END {print n}') matching lines" >&2

quote() { printf '%q ' "$@"; }
if command -v hyperfine >/dev/null; then
  hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$work/times.json" \
    -n ripgrep "$(quote "${rg_cmd[@]}")" \
    -n ripgrep-terms "$(quote "${rgt_cmd[@]}")" \
    -n proofgate "$(quote "${pg_cmd[@]}")" >&2
  python3 - "$work/times.json" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
pg = results["proofgate"]
for name in ("ripgrep", "ripgrep-terms"):
    rg = results[name]
    print(f"{name:13}  wall {rg['median']*1000:7.0f} ms  user {rg['user']*1000:7.0f} ms   "
          f"proofgate/{name}: wall {pg['median']/rg['median']:.2f}x, "
          f"user {pg['user']/rg['user']:.2f}x")
print(f"{'proofgate':13}  wall {pg['median']*1000:7.0f} ms  user {pg['user']*1000:7.0f} ms")
PY
else
  # Bounded: `runs` runs of each, interleaved; median wall time of each.
  median_ms() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  : >"$work/rg.ms"
  : >"$work/rgt.ms"
  : >"$work/pg.ms"
  for _ in $(seq 1 "$runs"); do
    t0=$(date +%s%N); "${rg_cmd[@]}" >/dev/null || true
    t1=$(date +%s%N); "${rgt_cmd[@]}" >/dev/null || true
    t2=$(date +%s%N); "${pg_cmd[@]}" >/dev/null || true
    t3=$(date +%s%N)
    echo $(((t1 - t0) / 1000000)) >>"$work/rg.ms"
    echo $(((t2 - t1) / 1000000)) >>"$work/rgt.ms"
    echo $(((t3 - t2) / 1000000)) >>"$work/pg.ms"
  done
  pg_ms=$(median_ms <"$work/pg.ms")
  for name in rg rgt; do
    r_ms=$(median_ms <"$work/$name.ms")
    awk -v n="$name" -v p="$pg_ms" -v r="$r_ms" 'BEGIN {
      label = (n == "rg" ? "ripgrep" : "ripgrep-terms")
      printf "%-13s  wall %7d ms   proofgate/%s: wall %.2fx\n", label, r, label,
             (r > 0 ? p / r : 0)}'
  done
  printf '%-13s  wall %7d ms\n' proofgate "$pg_ms"
fi

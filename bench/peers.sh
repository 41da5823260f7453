#!/usr/bin/env bash
# Throughput and memory of `proofgate check` against peers over the shared
# corpus (see bench/README.md):
#   proofgate      check with the shipped default rulebook, offline, once
#                  per thread count: -j 1, 2, 4, ... and -j <cores>
#   markdownlint   markdownlint-cli2 with only its heading rules MD001, MD024,
#                  MD025 (the closest peer to proofgate's headings check)
#   ripgrep        counting the default rulebook's prohibited terms
#   cat            reading every draft: the I/O floor
# One hyperfine run times them all (bounded: --runs, --warmup below), so
# ratios and the scaling table come from the same run; GNU time -v measures
# each one's peak RSS in one more run.
#
# Usage: bench/peers.sh [CORPUS_DIR]   (default: ../shared/corpus)
# Env:   RUNS (default 5), WARMUP (default 1), PROOFGATE (binary; default
#        build/daemon/proofgate, built with scripts/build when missing),
#        MARKDOWNLINT=0 to leave markdownlint-cli2 out.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

corpus="$(cd "${1:-$root/../shared/corpus}" && pwd)"
runs="${RUNS:-5}"
warmup="${WARMUP:-1}"
peers="$root/bench/.peers"
markdownlint_version="0.24.1"
mkdir -p "$peers"

# --- peers ------------------------------------------------------------------
apt_missing=()
command -v hyperfine >/dev/null || apt_missing+=(hyperfine)
command -v rg >/dev/null || apt_missing+=(ripgrep)
[ -x /usr/bin/time ] || apt_missing+=(time)
/usr/bin/python3 -c 'import yaml' 2>/dev/null || apt_missing+=(python3-yaml)
if [ ${#apt_missing[@]} -gt 0 ]; then
  sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  echo "bench/peers.sh: installing ${apt_missing[*]}" >&2
  "${sudo[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q \
    --no-install-recommends "${apt_missing[@]}"
fi
markdownlint="$peers/node_modules/.bin/markdownlint-cli2"
if [ ! -x "$markdownlint" ]; then
  echo "bench/peers.sh: installing markdownlint-cli2@$markdownlint_version" >&2
  npm install --prefix "$peers" --no-audit --no-fund --loglevel=error \
    "markdownlint-cli2@$markdownlint_version" >&2
fi
proofgate="${PROOFGATE:-$root/build/daemon/proofgate}"
[ -x "$proofgate" ] || scripts/build >&2

# --- inputs -----------------------------------------------------------------
# The drafts, as proofgate finds them (*.md, *.markdown; no dot-folders or
# node_modules), NUL-separated, and their count and bytes.
list="$peers/drafts.list"
find "$corpus" \( -name '.*' -o -name node_modules \) -prune -o -type f \
  \( -name '*.md' -o -name '*.markdown' \) -print0 | sort -z >"$list"
files=$(tr -cd '\0' <"$list" | wc -c)
bytes=$(xargs -0 cat <"$list" | wc -c)

# markdownlint-cli2: only the three heading rules, nothing else.
cat >"$peers/.markdownlint-cli2.jsonc" <<'EOF'
{
  "config": {"default": false, "MD001": true, "MD024": true, "MD025": true},
  "noInlineConfig": false
}
EOF

# The default rulebook, kept offline: should it ever enable the
# link-reachability check, a derived rulebook turns that off.
book="$root/rules/books/default.yaml"
if grep -q 'link-reachability' "$book"; then
  cat >"$peers/offline.yaml" <<EOF
name: bench-offline
version: "1"
extends: $book
checks:
  link-reachability:
    enabled: false
EOF
  book="$peers/offline.yaml"
fi

# The prohibited terms and patterns of the default rulebook, read now. When the rulebook
# has none yet, a small built-in sample stands in (and the report says so).
terms_note=$(/usr/bin/python3 - "$root/rules/books/default.yaml" \
  "$peers/prohibited.rg" <<'EOF'
import sys, yaml

book = yaml.safe_load(open(sys.argv[1])) or {}
section = ((book.get("checks") or {}).get("prohibited")) or {}
terms, patterns = [], []

def text_of(item, keys):
    if isinstance(item, str):
        return item
    if isinstance(item, dict):
        for key in keys:
            if isinstance(item.get(key), str):
                return item[key]
    return None

TERM_KEYS = ("term", "text", "match", "phrase")
PATTERN_KEYS = ("pattern", "regex", "re2")

def collect(node, into, keys):
    for item in node if isinstance(node, list) else []:
        value = text_of(item, keys)
        if value:
            into.append(value)

# Strings count only in lists named terms / patterns (at any depth, e.g.
# checks.prohibited.lists[].terms); other lists (scope, unless_after) are
# settings, not terms.
def walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("terms", "words", "phrases"):
                collect(value, terms, TERM_KEYS)
            elif key in ("patterns", "regexes"):
                collect(value, patterns, PATTERN_KEYS)
            elif isinstance(value, (dict, list)):
                walk(value)
    elif isinstance(node, list):
        for item in node:
            if isinstance(item, (dict, list)):
                walk(item)

walk(section)
note = "from rules/books/default.yaml"
if not terms and not patterns:
    terms = ["simply", "just", "obviously", "easy", "click here",
             "blacklist", "whitelist", "master", "slave", "utilize"]
    note = "built-in sample: rules/books/default.yaml lists no prohibited terms yet"

# Terms go to ripgrep as fixed strings with -w (whole words): far faster
# than \b in a regex, which makes ripgrep 13 leave its DFA on non-ASCII
# text. Patterns are written out (RE2 syntax) but not timed, see below.
with open(sys.argv[2] + ".terms", "w") as out:
    for term in terms:
        out.write(term + "\n")
with open(sys.argv[2] + ".patterns", "w") as out:
    for pattern in patterns:
        out.write(pattern + "\n")
print(f"{len(terms)} terms (timed) and {len(patterns)} patterns (not timed), {note}")
EOF
)

# proofgate once per thread count of the scaling table: 1, 2, 4, ... below
# the core count, and the core count (here `nproc`; nothing assumes 2).
cores=$(nproc)
jobs_list=(1)
for ((j = 2; j < cores; j *= 2)); do jobs_list+=("$j"); done
[ "$cores" -gt 1 ] && jobs_list+=("$cores")
names=()
cmds=()
for j in "${jobs_list[@]}"; do
  names+=("proofgate -j $j")
  cmds+=("'$proofgate' check --offline -j $j --rules '$book' '$corpus' >/dev/null")
done
# MARKDOWNLINT=0 leaves markdownlint-cli2 out (about 100x slower than the
# rest: minutes per run).
if [ "${MARKDOWNLINT:-1}" != 0 ]; then
  names+=(markdownlint-cli2)
  cmds+=("cd '$peers' && '$markdownlint' --config '$peers/.markdownlint-cli2.jsonc' '$corpus/**/*.{md,markdown}' >/dev/null 2>&1")
fi
# Terms only: the rulebook's patterns use \b, which is Unicode-aware in
# ripgrep and sends its regex engine off the fast DFA on non-ASCII text
# (seconds of CPU instead of a fraction; bench/prohibited-vs-ripgrep.sh
# measures that case), so timing them would measure that slow path rather
# than ripgrep.
names+=(ripgrep cat)
cmds+=("rg --no-ignore -c -i -w -F -f '$peers/prohibited.rg.terms' -g '*.md' -g '*.markdown' '$corpus' >/dev/null")
cmds+=("xargs -0 cat <'$list' >/dev/null")

echo "corpus: $corpus ($files drafts, $bytes bytes)"
echo "prohibited terms for ripgrep: $terms_note"
echo "machine: $cores cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# --- timing: one hyperfine run over every command ---------------------------
# -i: proofgate and markdownlint exit 1 when they find problems, ripgrep
# when nothing matches.
args=()
for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine -i --style basic --runs "$runs" --warmup "$warmup" \
  --export-json "$peers/hyperfine.json" "${args[@]}"

# --- peak RSS: one run each under GNU time ----------------------------------
rss() {
  /usr/bin/time -v -o "$peers/time.txt" sh -c "$1" >/dev/null 2>&1 || true
  awk -F': ' '/Maximum resident set size/ {print $2}' "$peers/time.txt"
}
rss_kb=()
for i in "${!names[@]}"; do
  cmd="${cmds[$i]}"
  if [ "${names[$i]}" = markdownlint-cli2 ]; then
    cmd="${cmd%% >/dev/null 2>&1} >'$peers/markdownlint.log' 2>&1"
  fi
  rss_kb+=("${names[$i]}=$(rss "$cmd")")
done

echo
if [ "${MARKDOWNLINT:-1}" != 0 ]; then
  echo "markdownlint-cli2 $(grep -m1 '^Linting:' "$peers/markdownlint.log" || echo 'linted an unknown number of files'); $(grep -m1 '^Summary:' "$peers/markdownlint.log" || true)"
fi
echo "proofgate: $(sh -c "${cmds[0]%% >/dev/null}" | tail -n 1)"
echo
/usr/bin/python3 - "$peers/hyperfine.json" "$files" "$bytes" "$cores" \
  "${rss_kb[@]}" <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
files, size, cores = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rss = {}
for item in sys.argv[5:]:
    name, _, kb = item.rpartition("=")
    rss[name] = int(kb or 0) / 1024
mean = {r["command"]: r["mean"] for r in runs}
cpu = {r["command"]: r["user"] + r["system"] for r in runs}
base = f"proofgate -j {cores}"
print(f"{'tool':18} {'mean s':>8} {'± s':>6} {'cpu s':>7} {'files/s':>9} "
      f"{'MB/s':>7} {'peak RSS MB':>11} {'proofgate speed x':>18} "
      f"{'cpu x':>7}")
for r in runs:
    name = r["command"]
    print(f"{name:18} {r['mean']:8.3f} {r['stddev'] or 0:6.3f} "
          f"{cpu[name]:7.3f} {files / r['mean']:9.0f} "
          f"{size / 1e6 / r['mean']:7.1f} {rss[name]:11.1f} "
          f"{r['mean'] / mean[base]:18.2f} {cpu[name] / cpu[base]:7.2f}")
print()
print(f"proofgate speed x = the tool's wall time / {base}'s wall time "
      "(above 1: proofgate is faster);")
print("cpu x = the same for CPU time (user + system), steadier on a busy "
      "machine; the peers use one core.")
print()
print("scaling (proofgate check, same run):")
print(f"{'threads':>7} {'mean s':>8} {'cpu s':>7} {'speed-up':>9} "
      f"{'efficiency':>10}")
one = mean["proofgate -j 1"]
for r in runs:
    if not r["command"].startswith("proofgate -j "):
        continue
    j = int(r["command"].split()[-1])
    speedup = one / r["mean"]
    print(f"{j:7} {r['mean']:8.3f} {cpu[r['command']]:7.3f} "
          f"{speedup:8.2f}x {speedup / j:9.0%}")
print()


def verdict(ok):
    return "met" if ok else "NOT met"


if cores > 1:
    speedup = one / mean[base]
    print(f"target: -j {cores} at least {0.9 * cores:.1f}x faster than -j 1: "
          f"{speedup:.2f}x ({verdict(speedup >= 0.9 * cores)})")
over_rg = mean[base] / mean["ripgrep"]
print(f"target: wall time at most 3x ripgrep's (stretch 2x): {over_rg:.2f}x "
      f"({verdict(over_rg <= 3)}; stretch {verdict(over_rg <= 2)})")
print(f"target: peak RSS under 100 MB: {rss[base]:.1f} MB "
      f"({verdict(rss[base] < 100)})")
if "markdownlint-cli2" in mean:
    over_ml = mean["markdownlint-cli2"] / mean[base]
    print(f"target: at least 10x markdownlint-cli2's throughput: "
          f"{over_ml:.1f}x ({verdict(over_ml >= 10)})")
EOF

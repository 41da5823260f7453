#!/usr/bin/env bash
# Throughput and memory of `proofgate check` against peers over the shared
# corpus (see bench/README.md):
#   proofgate      check with the shipped default rulebook, offline
#   markdownlint   markdownlint-cli2 with only its heading rules MD001, MD024,
#                  MD025 (the closest peer to proofgate's headings check)
#   ripgrep        counting the default rulebook's prohibited terms
#   cat            reading every draft: the I/O floor
# One hyperfine run times all four (bounded: --runs, --warmup below); GNU
# time -v measures each one's peak RSS in one more run.
#
# Usage: bench/peers.sh [CORPUS_DIR]   (default: ../shared/corpus)
# Env:   RUNS (default 5), WARMUP (default 1), PROOFGATE (binary; default
#        build/daemon/proofgate, built with scripts/build when missing).
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

cmd_proofgate="'$proofgate' check --rules '$book' '$corpus' >/dev/null"
cmd_markdownlint="cd '$peers' && '$markdownlint' --config '$peers/.markdownlint-cli2.jsonc' '$corpus/**/*.{md,markdown}' >/dev/null 2>&1"
# Terms only: the rulebook's patterns use \b, which is Unicode-aware in
# ripgrep and sends its regex engine off the fast DFA on non-ASCII text
# (seconds of CPU instead of a fraction; bench/prohibited-vs-ripgrep.sh
# measures that case), so timing them would measure that slow path rather
# than ripgrep.
cmd_ripgrep="rg --no-ignore -c -i -w -F -f '$peers/prohibited.rg.terms' -g '*.md' -g '*.markdown' '$corpus' >/dev/null"
cmd_cat="xargs -0 cat <'$list' >/dev/null"

echo "corpus: $corpus ($files drafts, $bytes bytes)"
echo "prohibited terms for ripgrep: $terms_note"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# --- timing: one hyperfine run over all four --------------------------------
# -i: proofgate and markdownlint exit 1 when they find problems, ripgrep
# when nothing matches.
hyperfine -i --style basic --runs "$runs" --warmup "$warmup" \
  --export-json "$peers/hyperfine.json" \
  -n proofgate "$cmd_proofgate" \
  -n markdownlint-cli2 "$cmd_markdownlint" \
  -n ripgrep "$cmd_ripgrep" \
  -n cat "$cmd_cat"

# --- peak RSS: one run each under GNU time ----------------------------------
rss() {
  /usr/bin/time -v -o "$peers/time.txt" sh -c "$1" >/dev/null 2>&1 || true
  awk -F': ' '/Maximum resident set size/ {print $2}' "$peers/time.txt"
}
rss_proofgate=$(rss "$cmd_proofgate")
rss_markdownlint=$(rss "${cmd_markdownlint%% >/dev/null 2>&1} >'$peers/markdownlint.log' 2>&1")
rss_ripgrep=$(rss "$cmd_ripgrep")
rss_cat=$(rss "$cmd_cat")

echo
echo "markdownlint-cli2 $(grep -m1 '^Linting:' "$peers/markdownlint.log" || echo 'linted an unknown number of files'); $(grep -m1 '^Summary:' "$peers/markdownlint.log" || true)"
echo "proofgate: $(sh -c "${cmd_proofgate%% >/dev/null}" | tail -n 1)"
echo
/usr/bin/python3 - "$peers/hyperfine.json" "$files" "$bytes" \
  "$rss_proofgate" "$rss_markdownlint" "$rss_ripgrep" "$rss_cat" <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))["results"]
files, size = int(sys.argv[2]), int(sys.argv[3])
rss = dict(zip(["proofgate", "markdownlint-cli2", "ripgrep", "cat"],
               (int(k) / 1024 for k in sys.argv[4:8])))
mean = {r["command"]: r["mean"] for r in runs}
print(f"{'tool':18} {'mean s':>8} {'± s':>6} {'cpu s':>7} {'files/s':>9} "
      f"{'MB/s':>7} {'peak RSS MB':>11} {'proofgate speed x':>18} "
      f"{'cpu x':>7}")
cpu0 = next(r["user"] + r["system"] for r in runs
            if r["command"] == "proofgate")
for r in runs:
    name = r["command"]
    cpu = r["user"] + r["system"]
    ratio = r["mean"] / mean["proofgate"]
    print(f"{name:18} {r['mean']:8.3f} {r['stddev'] or 0:6.3f} {cpu:7.3f} "
          f"{files / r['mean']:9.0f} {size / 1e6 / r['mean']:7.1f} "
          f"{rss[name]:11.1f} {ratio:18.2f} {cpu / cpu0:7.2f}")
print()
print("proofgate speed x = peer's wall time / proofgate's wall time "
      "(proofgate's throughput over the peer's; above 1: proofgate is faster);")
print("cpu x = the same for CPU time (user + system), steadier on a busy "
      "machine; proofgate uses every core, the peers mostly one.")
target = mean["markdownlint-cli2"] / mean["proofgate"]
print(f"target: >= 10x markdownlint-cli2's throughput: {target:.1f}x "
      f"({'met' if target >= 10 else 'NOT met'}); "
      f"peak RSS < 200 MB: {rss['proofgate']:.1f} MB "
      f"({'met' if rss['proofgate'] < 200 else 'NOT met'})")
EOF

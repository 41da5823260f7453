#!/usr/bin/env python3
"""Recall of proofgate's rules on whole articles read by an editor.

    tests/precision/recall.py PROOFGATE SHARED_DIR [--update]

tests/precision/recall.json lists articles of the shared corpora (paths
relative to SHARED_DIR), each read in full before looking at proofgate's
output, with every problem of proofgate's kinds: line, kind, clarity
(`clear` or `borderline`), the quoted span and why. A problem counts as
caught when a finding of the rule family for its kind is on its line or
the next or previous one (a sentence may wrap).

Prints recall per kind for clear and borderline problems and the clear
problems missed. Fails (exit 1) when the recall of clear problems of a kind
falls below its floor in recall.json ("floors"); --update raises the floors
to today's figures. Exit 77 (CTest: skipped) without the corpora.
"""
import collections
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
RECALL = HERE / "recall.json"
BOOKS = HERE.parent.parent / "rules" / "books"

# The rule ids that catch each kind of problem.
FAMILIES = {
    "claim-statistic": ("claims/",),
    "claim-superlative": ("claims/", "prohibited/absolute-claims"),
    "claim-absolute": ("claims/", "prohibited/absolute-claims"),
    "claim-unnamed-evidence": ("claims/",),
    "hype": ("prohibited/hype",),
    "non-inclusive": ("prohibited/non-inclusive", "prohibited/gendered-address"),
    "heading": ("headings/",),
    "link": ("links/",),
    "metadata": ("metadata/",),
}


def findings_by_path(proofgate, shared, paths):
    run = subprocess.run(
        [proofgate, "check", "--offline", "--format", "json",
         "--rules", str(BOOKS), *paths],
        cwd=shared, capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"recall: proofgate check failed: {run.stderr.strip()}")
    return {str(pathlib.PurePosixPath(d["path"])): d["findings"]
            for d in json.loads(run.stdout)["drafts"]}


def caught(problem, findings):
    prefixes = FAMILIES[problem["kind"]]
    return any(abs(int(f["line"]) - int(problem["line"])) <= 1 and
               f["rule"].startswith(prefixes) for f in findings)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    proofgate = str(pathlib.Path(sys.argv[1]).resolve())
    shared = pathlib.Path(sys.argv[2])
    data = json.loads(RECALL.read_text())
    paths = [a["path"] for a in data["articles"]]
    if not all((shared / p).is_file() for p in paths):
        print(f"recall: skipped, the articles are not under {shared}")
        return 77
    found = findings_by_path(proofgate, shared, paths)
    total, hits, misses = collections.Counter(), collections.Counter(), []
    for article in data["articles"]:
        for problem in article["problems"]:
            key = (problem["kind"], problem["clarity"])
            total[key] += 1
            if caught(problem, found.get(article["path"], [])):
                hits[key] += 1
            elif problem["clarity"] == "clear":
                misses.append(f"missed {article['path']}:{problem['line']} "
                              f"{problem['kind']}: {problem['quote']!r}")
    floors = data.setdefault("floors", {})
    failures = []
    print(f"{'kind':24} {'clear':>9} {'borderline':>11}")
    for kind in sorted({k for k, _ in total}):
        clear, border = (kind, "clear"), (kind, "borderline")
        print(f"{kind:24} {hits[clear]:4}/{total[clear]:<4} "
              f"{hits[border]:5}/{total[border]:<5}")
        share = hits[clear] / total[clear] if total[clear] else 1.0
        if share + 1e-9 < floors.get(kind, 0.0):
            failures.append(f"recall of clear {kind} fell to {share:.2f} "
                            f"(floor {floors[kind]:.2f})")
        floors[kind] = max(floors.get(kind, 0.0), share) if "--update" in \
            sys.argv else floors.get(kind, 0.0)
    clear_total = sum(v for k, v in total.items() if k[1] == "clear")
    clear_hits = sum(v for k, v in hits.items() if k[1] == "clear")
    print(f"{'all clear problems':24} {clear_hits:4}/{clear_total}")
    for miss in misses:
        print(miss)
    if "--update" in sys.argv[3:]:
        RECALL.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
        print(f"recall: floors in {RECALL} updated")
        return 0
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Precision of proofgate's rules on real content, from judged findings.

    tests/precision/precision.py PROOFGATE SHARED_DIR [--update]

Runs `PROOFGATE check --offline --format json` with the shipped rulebooks
over each corpus in SHARED_DIR (corpus/, corpus-formats/), a site whose
editors set a rulebook of their own with that one (SITE_BOOKS below), and
compares the findings with tests/precision/labels/*.tsv (one file per rule family,
named after the rule id's prefix: claims.tsv holds claims/*), one judged
finding a line:

    path  line  rule  label  status  reason

path is relative to SHARED_DIR; label is TP (an editor of that site would
act on it) or FP (they would dismiss it); status says what the last run
saw: `kept` (a TP still reported), `open` (an FP still reported), `fixed`
(an FP no longer reported), `lost` (a TP no longer reported: never
committed), `dropped` (a TP given up on purpose when a shipped rulebook
stopped asking for the rule; the reason says why; counted as missed). Findings are matched on (path, line, rule).

Fails (exit 1) when a TP is no longer reported or a fixed FP is reported
again. Prints, per rule, the precision over the judged findings that the
rules report today: TP / (TP + open FP). An open FP that is no longer
reported is listed; --update rewrites the status column to match.
Exit 77 (CTest: skipped) when SHARED_DIR has no corpus.
"""
import collections
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
LABELS = HERE / "labels"
BOOKS = HERE.parent.parent / "rules" / "books"
CORPORA = ("corpus", "corpus-formats")
# Rule families no shipped rulebook uses (the default rulebook has no
# required, escalate or sources rules): judged on the example rulebook that defines
# them, applied to every draft; only that family's findings are taken from
# its run.
EXAMPLE_BOOKS = {
    HERE.parent.parent / "examples" / "rulebooks" / "finance-marketing.yaml":
        ("required/", "escalate/", "sources/"),
}
# Sites judged with their own rulebook, as their editors would run
# proofgate: every finding on a draft under the folder (relative to
# SHARED_DIR) comes from a run with that rulebook instead of the shipped
# ones. The Rust blog's templates do not publish a post's description
# (examples/rulebooks/rust-blog.yaml says where that is seen).
SITE_BOOKS = {
    "corpus-formats/rust-blog":
        HERE.parent.parent / "examples" / "rulebooks" / "rust-blog.yaml",
}
HEADER = ["path", "line", "rule", "label", "status", "reason"]


def reported(proofgate, shared):
    """The set of (path, line, rule) reported over every corpus present."""
    found = reported_by(proofgate, shared, BOOKS)
    for site, book in SITE_BOOKS.items():
        if not (shared / site).is_dir():
            continue
        found = {f for f in found if not f[0].startswith(site + "/")}
        found |= reported_in(proofgate, shared, site, book)
    for book, families in EXAMPLE_BOOKS.items():
        found |= {f for f in reported_by(proofgate, shared, book)
                  if f[2].startswith(families)}
    return found


def reported_by(proofgate, shared, books):
    """(path, line, rule) reported with the rulebooks `books`."""
    found = set()
    for corpus in CORPORA:
        if (shared / corpus).is_dir():
            found |= reported_in(proofgate, shared, corpus, books)
    return found


def reported_in(proofgate, shared, folder, books):
    """(path, line, rule) reported under SHARED_DIR/folder with `books`."""
    root = shared / folder
    run = subprocess.run(
        [proofgate, "check", "--offline", "--format", "json",
         "--rules", str(books), "."],
        cwd=root, capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"precision: proofgate check failed in {root}: "
                 f"{run.stderr.strip()}")
    found = set()
    for draft in json.loads(run.stdout)["drafts"]:
        path = f"{folder}/{pathlib.PurePosixPath(draft['path'])}"
        for finding in draft["findings"]:
            found.add((path, int(finding["line"]), finding["rule"]))
    return found


def read_labels():
    """Every judged finding, each row remembering the file it came from."""
    rows = []
    for path in sorted(LABELS.glob("*.tsv")):
        with path.open() as f:
            header = f.readline().rstrip("\n").split("\t")
            if header != HEADER:
                sys.exit(f"precision: {path}:1: header must be {HEADER}")
            for number, line in enumerate(f, 2):
                cells = line.rstrip("\n").split("\t")
                if len(cells) != len(HEADER) or cells[3] not in ("TP", "FP"):
                    sys.exit(f"precision: {path}:{number}: expected "
                             f"{len(HEADER)} tab-separated cells, label TP or FP")
                row = dict(zip(HEADER, cells))
                if not row["rule"].startswith(path.stem + "/"):
                    sys.exit(f"precision: {path}:{number}: rule {row['rule']} "
                             f"belongs in {row['rule'].split('/')[0]}.tsv")
                row["file"] = path
                rows.append(row)
    return rows


def write_labels(rows):
    """Rewrites each labels file with the rows' new statuses, order kept."""
    by_file = collections.defaultdict(list)
    for row in rows:
        row["status"] = row.pop("new")
        by_file[row["file"]].append(row)
    for path, file_rows in by_file.items():
        with path.open("w") as f:
            f.write("\t".join(HEADER) + "\n")
            for row in file_rows:
                f.write("\t".join(row[h] for h in HEADER) + "\n")


def judge(rows, found):
    """Sets each row's new status; returns (failures, notes)."""
    failures, notes = [], []
    for row in rows:
        key = (row["path"], int(row["line"]), row["rule"])
        here = key in found
        where = f"{row['path']}:{row['line']} {row['rule']}"
        if row["label"] == "TP" and row["status"] == "dropped" and not here:
            row["new"] = "dropped"
        elif row["label"] == "TP":
            if not here:
                failures.append(f"lost true positive: {where} ({row['reason']})")
            row["new"] = "kept" if here else "lost"
        else:
            if here and row["status"] == "fixed":
                failures.append(f"false positive back: {where} ({row['reason']})")
            if not here and row["status"] == "open":
                notes.append(f"no longer reported (mark fixed): {where}")
            row["new"] = "open" if here else "fixed"
    return failures, notes


def print_table(rows):
    per_rule = collections.defaultdict(lambda: [0, 0, 0])
    for row in rows:
        counts = per_rule[row["rule"]]
        if row["new"] == "kept":
            counts[0] += 1
        elif row["new"] == "open":
            counts[1] += 1
        elif row["new"] == "fixed":
            counts[2] += 1
    print(f"{'rule':34} {'TP':>4} {'FP':>4} {'fixed':>6} {'precision':>9}")
    total = [0, 0]
    for rule in sorted(per_rule):
        tp, fp, fixed = per_rule[rule]
        total[0] += tp
        total[1] += fp
        share = f"{100 * tp / (tp + fp):.0f} %" if tp + fp else "-"
        print(f"{rule:34} {tp:4} {fp:4} {fixed:6} {share:>9}")
    if sum(total):
        print(f"{'all judged findings':34} {total[0]:4} {total[1]:4} "
              f"{'':6} {100 * total[0] / sum(total):7.0f} %")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    proofgate = str(pathlib.Path(sys.argv[1]).resolve())
    shared = pathlib.Path(sys.argv[2])
    if not any((shared / c).is_dir() for c in CORPORA):
        print(f"precision: skipped, no corpus in {shared}")
        return 77
    rows = read_labels()
    failures, notes = judge(rows, reported(proofgate, shared))
    print_table(rows)
    for note in notes:
        print(note)
    if "--update" in sys.argv[3:]:
        write_labels(rows)
        print(f"precision: {LABELS}/*.tsv updated")
        return 0
    for failure in failures:
        print(failure)
    print(f"precision: {len(rows)} judged findings, {len(failures)} regressions")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

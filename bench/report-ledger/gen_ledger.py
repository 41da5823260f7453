#!/usr/bin/env python3
"""Generates a proofgate ledger for benchmarks (standard library only).

    bench/report-ledger/gen_ledger.py OUT.sqlite [--submissions N] [--days D]
                                      [--seed S]

Writes a version-0 ledger (the tables of daemon/ledger/ledger_schema.cc
before metric_totals and first_submitted_at existed), so the first
proofgate command that opens it also times the migration. N submissions
(default 1,000,000, bounded to 5,000,000) spread evenly over the last D
days (default 60): paths in 40 folders, 1-4 submissions each; verdicts pass
70 %, fail 25 %, review 5 %; 1-3 rule ids on each failing submission and a
warning on 10 % of the passing ones; 5 checks timed per submission; 90 %
of the drafts in review decided (approve 60 %, return 40 %) 1 min to 3 days
after routing, the rest superseded by the path's next submission or left
waiting. Deterministic for a given seed.
"""
import argparse
import datetime
import json
import os
import random
import sqlite3
import sys

SCHEMA_V0 = """
CREATE TABLE submissions(id TEXT PRIMARY KEY, path TEXT NOT NULL,
  sha256 TEXT NOT NULL, size INTEGER NOT NULL, rulebook TEXT,
  rulebook_version TEXT, rulebook_sha256 TEXT, verdict TEXT NOT NULL,
  area TEXT NOT NULL, submitted_at TEXT NOT NULL, verified_at TEXT NOT NULL,
  routed_at TEXT NOT NULL, supersedes TEXT, superseded_by TEXT);
CREATE INDEX submissions_path ON submissions(path);
CREATE TABLE routing_events(seq INTEGER PRIMARY KEY AUTOINCREMENT,
  submission TEXT NOT NULL, path TEXT NOT NULL, from_area TEXT,
  to_area TEXT NOT NULL, at TEXT NOT NULL, UNIQUE(submission, to_area));
CREATE TABLE submission_findings(submission TEXT NOT NULL, rule TEXT NOT NULL,
  count INTEGER NOT NULL, PRIMARY KEY(submission, rule));
CREATE TABLE check_runs(submission TEXT NOT NULL, check_name TEXT NOT NULL,
  seconds REAL NOT NULL, PRIMARY KEY(submission, check_name));
CREATE TABLE decisions(submission TEXT PRIMARY KEY, path TEXT NOT NULL,
  decision TEXT NOT NULL, reason TEXT NOT NULL, editor TEXT NOT NULL,
  verdict TEXT NOT NULL, rules TEXT NOT NULL, routed_at TEXT NOT NULL,
  decided_at TEXT NOT NULL, first_submitted_at TEXT NOT NULL);
CREATE INDEX decisions_path ON decisions(path);
"""

RULES = ["headings/skipped-level", "headings/first-not-h1", "metadata/missing-key",
         "metadata/title-length", "links/bare-url", "prohibited/term",
         "claims/superlative", "claims/unsupported-statistic"]
WARNINGS = ["links/bare-url", "claims/superlative"]
CHECKS = ["headings", "metadata", "prohibited", "links", "claims"]


def stamp(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--submissions", type=int, default=1_000_000)
    ap.add_argument("--days", type=int, default=60)
    ap.add_argument("--seed", type=int, default=15)
    a = ap.parse_args()
    n = max(1, min(a.submissions, 5_000_000))
    rnd = random.Random(a.seed)
    if os.path.exists(a.out):
        sys.exit(f"{a.out} exists")
    db = sqlite3.connect(a.out)
    db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;" + SCHEMA_V0)
    end = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    start = end - datetime.timedelta(days=a.days)
    step = (end - start) / n
    paths = max(1, n // 2)  # about two submissions per path
    last = {}  # path -> (id, area, decided)
    subs, finds, runs, decs = [], [], [], []

    def flush():
        db.executemany("INSERT INTO submissions VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)", subs)
        db.executemany("INSERT INTO submission_findings VALUES(?,?,?)", finds)
        db.executemany("INSERT INTO check_runs VALUES(?,?,?)", runs)
        db.executemany("INSERT INTO decisions VALUES(?,?,?,?,?,?,?,?,?,?)", decs)
        subs.clear(); finds.clear(); runs.clear(); decs.clear()

    for i in range(n):
        t = start + step * i
        p = rnd.randrange(paths)
        path = f"folder{p % 40}/post{p}.md"
        sid = f"{int(t.timestamp() * 1e6)}-{i}-1"
        r = rnd.random()
        verdict = "pass" if r < 0.70 else "fail" if r < 0.95 else "review"
        area = "ready" if verdict == "pass" else "review"
        routed = t + datetime.timedelta(milliseconds=3)
        prev = last.get(path)
        supersedes = None
        if prev and prev[1] == "review" and not prev[2]:
            supersedes = prev[0]
            db_update = (sid, prev[0])
            subs_idx = None
            # the earlier row may still be buffered or already written
            for row_i in range(len(subs) - 1, -1, -1):
                if subs[row_i][0] == prev[0]:
                    subs[row_i] = subs[row_i][:13] + (sid,)
                    subs_idx = row_i
                    break
            if subs_idx is None:
                db.execute("UPDATE submissions SET superseded_by=? WHERE id=?", db_update)
        subs.append((sid, path, "0" * 64, 1000, "default", "3", "f" * 64,
                     verdict, area, stamp(t), stamp(t), stamp(routed),
                     supersedes, None))
        rules = []
        if verdict != "pass":
            rules = rnd.sample(RULES, rnd.randint(1, 3))
        elif rnd.random() < 0.1:
            rules = [rnd.choice(WARNINGS)]
        for rule in rules:
            finds.append((sid, rule, rnd.randint(1, 3)))
        for c in CHECKS:
            runs.append((sid, c, rnd.uniform(0.00002, 0.002)))
        decided = False
        if verdict != "pass" and rnd.random() < 0.9:
            decided = True
            at = routed + datetime.timedelta(seconds=rnd.uniform(60, 3 * 86400))
            if at < end:
                decs.append((sid, path, "approve" if rnd.random() < 0.6 else "return",
                             "bench", "Dana", verdict, json.dumps(rules),
                             stamp(routed), stamp(at), stamp(t)))
            else:
                decided = False
        last[path] = (sid, area, decided)
        if len(subs) >= 50_000:
            flush()
    flush()
    db.commit()
    db.close()
    print(f"{a.out}: {n} submissions over {a.days} days")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Driver for bench/daemon-latency: drops drafts into a running daemon's
inbox at a steady rate, waits until each is routed, and reports latency from
the ledger (submitted -> routed, as the daemon saw it) and from the driver's
own clock (dropped -> routed in the ledger), plus the daemon's peak RSS.

Usage: daemon_latency.py SPOOL PID RATE SECONDS CORPUS_DIR
RATE 0 drops everything at once (for the maximum sustained rate)."""
import datetime
import os
import sqlite3
import sys
import time


def parse(ts):
    return datetime.datetime.strptime(ts, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
        tzinfo=datetime.timezone.utc).timestamp()


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def cpu_seconds(pid):
    with open("/proc/%d/stat" % pid) as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    spool, pid, rate, seconds, corpus = sys.argv[1], int(sys.argv[2]), float(
        sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    sources = []
    for root, _, files in os.walk(corpus):
        for f in sorted(files):
            if f.endswith(".md"):
                with open(os.path.join(root, f), "rb") as fh:
                    sources.append(fh.read())
    sources.sort(key=len)
    count = int(rate * seconds) if rate > 0 else int(seconds)
    run = "r%d" % int(time.time())
    inbox = os.path.join(spool, "inbox", run)
    os.makedirs(inbox, exist_ok=True)
    time.sleep(0.5)  # the daemon's watch on the new folder
    dropped = {}
    cpu_before = cpu_seconds(pid)
    start = time.time()
    for i in range(count):
        if rate > 0:
            target = start + i / rate
            delay = target - time.time()
            if delay > 0:
                time.sleep(delay)
        rel = "%s/d%06d.md" % (run, i)
        tmp = os.path.join(inbox, ".d%06d.md.tmp" % i)
        with open(tmp, "wb") as fh:
            fh.write(sources[(i * 7919) % len(sources)])
        os.rename(tmp, os.path.join(spool, "inbox", rel))
        dropped[rel] = time.time()
    drop_seconds = time.time() - start
    db = sqlite3.connect(os.path.join(spool, ".proofgate", "ledger.sqlite"),
                         timeout=10)
    deadline = time.time() + 300
    rows = []
    while time.time() < deadline:
        rows = db.execute(
            "SELECT path, submitted_at, routed_at FROM submissions WHERE path LIKE ?",
            (run + "/%",)).fetchall()
        if len(rows) >= count:
            break
        time.sleep(0.05)
    if len(rows) < count:
        print("only %d of %d routed" % (len(rows), count))
        return 1
    cpu = cpu_seconds(pid) - cpu_before
    ledger = [(parse(r) - parse(s)) * 1000 for _, s, r in rows]
    e2e = [(parse(r) - dropped[p]) * 1000 for p, _, r in rows]
    first = min(parse(s) for _, s, _ in rows)
    last = max(parse(r) for _, _, r in rows)
    with open("/proc/%d/status" % pid) as fh:
        status = dict(line.split(":", 1) for line in fh if ":" in line)
    print("drafts %d, dropped in %.1f s (%.0f/s)" % (count, drop_seconds,
                                                   count / drop_seconds))
    print("ledger submitted->routed ms: p50 %.1f  p99 %.1f  max %.1f" %
          (pct(ledger, 50), pct(ledger, 99), max(ledger)))
    print("driver dropped->routed ms:   p50 %.1f  p99 %.1f  max %.1f" %
          (pct(e2e, 50), pct(e2e, 99), max(e2e)))
    print("routed %d in %.2f s: %.0f drafts/s" % (count, last - first,
                                                 count / (last - first)))
    print("daemon CPU %.2f ms per draft (user + system)" % (cpu * 1000 / count))
    print("daemon RSS now %s, peak %s" % (status["VmRSS"].strip(),
                                         status["VmHWM"].strip()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Driver for bench/daemon-latency: drops drafts into a running daemon's
inbox at a steady rate, waits until each is routed, and reports latency
from the driver's own clock (dropped -> the draft visible in ready/ or
review/, which is what a writer sees: the moment inotify reports the draft's
rename into either folder, so the driver itself costs next to no CPU on the
daemon's cores), from the ledger (submitted -> the routing decision, as the
daemon saw it, before the proof record is written), plus the daemon's CPU
time and peak RSS.

Usage: daemon_latency.py SPOOL PID RATE SECONDS CORPUS_DIR [PROOFGATE]
RATE 0 drops everything at once (for the maximum sustained rate). With
PROOFGATE (the binary), a burst is followed by the peer measured in the same
run: `proofgate check` over the same drafts (verification only, no routing,
no proof records, no fsync), for the ratio of the daemon's rate and CPU per
draft to the bare checks'."""
import ctypes
import datetime
import os
import resource
import select
import sqlite3
import struct
import subprocess
import sys
import threading
import time


IN_MOVED_TO, IN_CREATE, IN_Q_OVERFLOW = 0x80, 0x100, 0x4000


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


def machine_ticks():
    # (busy, stolen, total) jiffies of all CPUs, from /proc/stat's first
    # line: idle and iowait count as not busy; stolen is time the
    # hypervisor gave to other machines (this one's cores are shared).
    with open("/proc/stat") as fh:
        fields = [int(v) for v in fh.readline().split()[1:]]
    total = sum(fields[:8])
    return total - fields[3] - fields[4] - fields[7], fields[7], total


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
    visible = {}
    stop = threading.Event()

    # The routed folders exist before the first drop, so one inotify watch
    # on each sees every draft arrive (a team folder that already exists,
    # as in a running spool).
    folders = [os.path.join(spool, area, run) for area in ("ready", "review")]
    for folder in folders:
        os.makedirs(folder, exist_ok=True)
    libc = ctypes.CDLL(None, use_errno=True)
    notify = libc.inotify_init1(os.O_CLOEXEC | os.O_NONBLOCK)
    if notify < 0:
        raise OSError(ctypes.get_errno(), "inotify_init1")
    for folder in folders:
        if libc.inotify_add_watch(notify, folder.encode(),
                                  IN_MOVED_TO | IN_CREATE) < 0:
            raise OSError(ctypes.get_errno(), "inotify_add_watch " + folder)

    def note(name):
        if name.endswith(".md"):
            visible.setdefault(run + "/" + name, time.time())

    def watch():
        # First time each draft is seen in ready/RUN or review/RUN.
        while not stop.is_set():
            if not select.select([notify], [], [], 0.05)[0]:
                continue
            try:
                data = os.read(notify, 1 << 20)
            except BlockingIOError:
                continue
            offset = 0
            while offset < len(data):
                _, mask, _, size = struct.unpack_from("iIII", data, offset)
                name = data[offset + 16:offset + 16 + size].rstrip(b"\0")
                offset += 16 + size
                if mask & IN_Q_OVERFLOW:
                    # Events were lost: list the folders (late, not lost).
                    for folder in folders:
                        for entry in os.listdir(folder):
                            note(entry)
                else:
                    note(name.decode())

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    cpu_before = cpu_seconds(pid)
    driver_before = resource.getrusage(resource.RUSAGE_SELF)
    ticks_before = machine_ticks()
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
    while time.time() < deadline and len(visible) < count:
        time.sleep(0.01)
    stop.set()
    watcher.join()
    os.close(notify)
    if len(rows) < count or len(visible) < count:
        print("only %d of %d routed" % (min(len(rows), len(visible)), count))
        return 1
    cpu = cpu_seconds(pid) - cpu_before
    driver_after = resource.getrusage(resource.RUSAGE_SELF)
    ticks_after = machine_ticks()
    driver_cpu = (driver_after.ru_utime - driver_before.ru_utime +
                  driver_after.ru_stime - driver_before.ru_stime)
    ledger = [(parse(r) - parse(s)) * 1000 for _, s, r in rows]
    e2e = [(visible[p] - dropped[p]) * 1000 for p in dropped]
    first = min(dropped.values())
    last = max(visible.values())
    with open("/proc/%d/status" % pid) as fh:
        status = dict(line.split(":", 1) for line in fh if ":" in line)
    print("drafts %d, dropped in %.1f s (%.0f/s)" % (count, drop_seconds,
                                                   count / drop_seconds))
    print("dropped->visible in ready|review ms: p50 %.1f  p99 %.1f  max %.1f" %
          (pct(e2e, 50), pct(e2e, 99), max(e2e)))
    print("ledger submitted->decided ms:       p50 %.1f  p99 %.1f  max %.1f" %
          (pct(ledger, 50), pct(ledger, 99), max(ledger)))
    print("routed %d in %.2f s: %.0f drafts/s" % (count, last - first,
                                                 count / (last - first)))
    print("daemon CPU %.2f ms per draft (user + system); this driver %.2f ms" %
          (cpu * 1000 / count, driver_cpu * 1000 / count))
    total = max(1, ticks_after[2] - ticks_before[2])
    print("machine CPUs busy %.0f%%, stolen by the host %.0f%% of the time "
          "(all processes, %d CPUs)" %
          (100.0 * (ticks_after[0] - ticks_before[0]) / total,
           100.0 * (ticks_after[1] - ticks_before[1]) / total, os.cpu_count()))
    print("daemon RSS now %s, peak %s" % (status["VmRSS"].strip(),
                                         status["VmHWM"].strip()))
    if rate == 0 and len(sys.argv) > 6:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.time()
        subprocess.run([sys.argv[6], "check", "--format", "json",
                        os.path.join(spool, "ready", run),
                        os.path.join(spool, "review", run)],
                       stdout=subprocess.DEVNULL, check=False)
        wall = time.time() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        check_cpu = (after.ru_utime - before.ru_utime +
                     after.ru_stime - before.ru_stime)
        daemon_rate = count / (last - first)
        print("peer: proofgate check on the same %d drafts: %.0f drafts/s, "
              "CPU %.2f ms per draft" % (count, count / wall,
                                         check_cpu * 1000 / count))
        print("daemon / check: rate %.2fx, CPU per draft %.2fx" %
              (daemon_rate / (count / wall), cpu / check_cpu))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Driver for bench/webhook-latency (see there).

Usage: webhook_latency.py PROOFGATE CORPUS_DIR DRAFTS RATE"""
import http.server
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from daemon_latency import parse, pct  # RFC 3339 to seconds; percentiles

ARRIVALS = {}  # event id -> (arrival time, payload "at")


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        now = time.time()
        event = json.loads(body)
        ARRIVALS.setdefault(event["id"], (now, event["at"]))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def run(proofgate, pages, rate, port):
    """Routes `pages` through a daemon (with a webhook to `port` unless
    None); returns (drafts/s routed, the daemon's spool)."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="pg-webhook-bench-"))
    spool = work / "spool"
    config = work / "c.yaml"
    text = "spool: %s\nlinks: {network: false}\n" % spool
    if port is not None:
        text += ("notify:\n  webhooks:\n    - url: http://127.0.0.1:%d/h\n"
                 "      allow_private: true\n      events: [draft.review, "
                 "draft.failed, draft.ready]\n" % port)
    config.write_text(text)
    log = open(work / "daemon.log", "w")
    daemon = subprocess.Popen([proofgate, "run", "--config", str(config),
                               "--listen", "127.0.0.1:0"], stderr=log)
    try:
        deadline = time.time() + 300
        while not (spool / "inbox").is_dir() and time.time() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        start = time.time()
        for i, page in enumerate(pages):
            tmp = spool / "inbox" / (".d%d.tmp" % i)
            tmp.write_bytes(page.read_bytes())
            os.rename(tmp, spool / "inbox" / ("d%d.md" % i))
            if rate > 0:
                time.sleep(max(0.0, start + (i + 1) / rate - time.time()))
        routed = lambda: sum(1 for a in ("ready", "review")
                             for f in (spool / a).glob("d*.md"))
        while routed() < len(pages) and time.time() < deadline:
            time.sleep(0.01)
        rate_seen = routed() / (time.time() - start)
        if port is not None:
            while len(ARRIVALS) < len(pages) and time.time() < deadline:
                time.sleep(0.01)
        return rate_seen
    finally:
        daemon.terminate()
        daemon.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


def main():
    proofgate, corpus, drafts, rate = sys.argv[1], sys.argv[2], int(
        sys.argv[3]), float(sys.argv[4])
    pages = sorted(pathlib.Path(corpus).rglob("*.md"))
    if not pages:
        sys.exit("no corpus at %s" % corpus)
    pages = pages[::max(1, len(pages) // drafts)][:drafts]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with_hook = run(proofgate, pages, rate, server.server_address[1])
    without = run(proofgate, pages, rate, None)
    server.shutdown()
    lat = [(arrived - parse(at)) * 1000 for arrived, at in ARRIVALS.values()]
    print("drafts %d at %s/s: %d events received" % (
        len(pages), rate or "burst", len(ARRIVALS)))
    if lat:
        print("routed -> webhook request: p50 %.1f ms, p90 %.1f ms, "
              "p99 %.1f ms, max %.1f ms" % (pct(lat, 50), pct(lat, 90),
                                            pct(lat, 99), max(lat)))
    print("routing rate: %.0f drafts/s with the webhook, %.0f without" % (
        with_hook, without))


if __name__ == "__main__":
    main()

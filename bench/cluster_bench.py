#!/usr/bin/env python3
"""Driver for bench/cluster (see there).

Usage: cluster_bench.py PROOFGATE CORPUS_DIR SUBMISSIONS NODES...

Starts a PostgreSQL server of its own (initdb + pg_ctl on a temporary
folder, Unix socket only, as `nobody` when run as root), then for each
count in NODES: a fresh database, that many `proofgate run` daemons on it
(each with its own spool and `node`), SUBMISSIONS corpus pages POSTed to
/api/submissions round-robin over the nodes by 8 client threads, and the
time until every one is routed (http_submissions.status = 'routed').
Then the claim query alone: EXPLAIN (ANALYZE, BUFFERS) on a table of
200,000 rows, and pgbench running it for 10 s with 1 and 4 clients.
"""
import concurrent.futures
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

PG = "/usr/lib/postgresql/15/bin"
PASSWORD = "cluster-bench-secret"
NOBODY = 65534

# The claim statement of daemon/ledger/pg_submission_queue.cc (PgSubmission
# Queue::Claim), with its parameters written in.
CLAIM = (
    "UPDATE http_submissions SET status = 'checking', node = 'bench', "
    "lease_token = lease_token + 1, lease_expires_at = "
    "'2099-01-01T00:00:00.000000Z' WHERE id = (SELECT id FROM "
    "http_submissions WHERE status = 'pending' OR (status = 'checking' AND "
    "lease_expires_at < '2026-01-01T00:00:00.000000Z') ORDER BY "
    "submitted_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id")


def as_nobody():
    if os.geteuid() == 0:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)


def pg(tool, *args, check=True, **kw):
    return subprocess.run([PG + "/" + tool, *args], preexec_fn=as_nobody,
                          check=check, capture_output=True, text=True, **kw)


class Server:
    def __init__(self):
        self.dir = pathlib.Path(tempfile.mkdtemp(prefix="pg-cluster-bench-"))
        os.chmod(self.dir, 0o755)
        if os.geteuid() == 0:
            os.chown(self.dir, NOBODY, NOBODY)
        pw = self.dir / "pw"
        pw.write_text(PASSWORD + "\n")
        if os.geteuid() == 0:
            os.chown(pw, NOBODY, NOBODY)
        pg("initdb", "-D", str(self.dir / "data"), "-U", "proofgate",
           "--pwfile", str(pw), "--auth=scram-sha-256", "--no-sync")
        pg("pg_ctl", "-D", str(self.dir / "data"), "-l",
           str(self.dir / "server.log"), "-w", "-o",
           "-c listen_addresses='' -k %s -c max_connections=100" % self.dir,
           "start")

    def psql(self, db, sql):
        env = dict(os.environ, PGPASSWORD=PASSWORD)
        return pg("psql", "-h", str(self.dir), "-U", "proofgate", "-d", db,
                  "-tAqc", sql, env=env).stdout.strip()

    def uri(self, db):
        return "postgresql:///%s?host=%s&user=proofgate" % (db, self.dir)

    def stop(self):
        pg("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "stop",
           check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


def start_daemons(proofgate, server, db, nodes, work):
    """Starts `nodes` daemons on database `db`; their (process, url)."""
    (work / "pw").write_text(PASSWORD + "\n")
    daemons = []
    for i in range(nodes):
        spool = work / ("spool%d" % i)
        config = work / ("node%d.yaml" % i)
        config.write_text(
            "node: bench-%d\nspool: %s\nlinks: {network: false}\n"
            "ledger: %s\nledger_password_file: %s\n" %
            (i, spool, server.uri(db), work / "pw"))
        log = work / ("node%d.log" % i)
        proc = subprocess.Popen([proofgate, "run", "--config", str(config),
                                 "--listen", "127.0.0.1:0"],
                                stderr=open(log, "w"))
        url = None
        deadline = time.time() + 60
        while url is None and time.time() < deadline:
            m = re.search(r"serving the exception queue on (http://\S+/)",
                          log.read_text())
            url = m.group(1) if m else None
            time.sleep(0.05)
        if url is None:
            raise SystemExit("node %d did not start: %s" % (i, log.read_text()))
        daemons.append((proc, url))
    return daemons


def post(url, path, body):
    req = urllib.request.Request(
        url + "api/submissions?path=" + path, data=body, method="POST",
        headers={"Content-Type": "text/markdown"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.status


def run_nodes(proofgate, server, pages, nodes):
    """Submissions per second routed by `nodes` daemons."""
    db = "cluster_%d" % nodes
    server.psql("postgres", "CREATE DATABASE %s" % db)
    work = pathlib.Path(tempfile.mkdtemp(prefix="pg-cluster-nodes-"))
    daemons = start_daemons(proofgate, server, db, nodes, work)
    try:
        start = time.time()
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            jobs = [pool.submit(post, daemons[i % nodes][1],
                                "p/d%d.md" % i, page.read_bytes())
                    for i, page in enumerate(pages)]
            assert all(j.result() == 202 for j in jobs)
        posted = time.time()
        deadline = time.time() + 900
        routed = 0
        while time.time() < deadline:
            routed = int(server.psql(db, "SELECT count(*) FROM "
                                     "http_submissions WHERE status = "
                                     "'routed'"))
            if routed == len(pages):
                break
            time.sleep(0.1)
        done = time.time()
        rows = int(server.psql(db, "SELECT count(*) FROM routing_events "
                               "WHERE from_area IS NULL"))
        return (len(pages) / (done - start), posted - start, done - start,
                routed, rows)
    finally:
        for proc, _ in daemons:
            proc.terminate()
        for proc, _ in daemons:
            proc.wait(timeout=120)
        shutil.rmtree(work, ignore_errors=True)


def claim_query(proofgate, server):
    """EXPLAIN ANALYZE of the claim on 200,000 rows, and pgbench."""
    db = "claims"
    server.psql("postgres", "CREATE DATABASE %s" % db)
    work = pathlib.Path(tempfile.mkdtemp(prefix="pg-cluster-claims-"))
    # The schema, as a daemon creates it.
    proc, _ = start_daemons(proofgate, server, db, 1, work)[0]
    proc.terminate()
    proc.wait(timeout=120)
    server.psql(db, "INSERT INTO http_submissions(id, path, author, sha256, "
                "size, bytes, status, submitted_at) SELECT "
                "lpad(g::text, 12, '0'), 'p/' || g || '.md', 'a', 'x', 1, "
                "'\\x00', CASE WHEN g <= 100000 THEN 'routed' ELSE 'pending' "
                "END, '2026-12-04T00:00:00.' || lpad(g::text, 6, '0') || 'Z' "
                "FROM generate_series(1, 200000) g")
    server.psql(db, "ANALYZE http_submissions")
    plan = server.psql(db, "BEGIN; EXPLAIN (ANALYZE, BUFFERS) " + CLAIM +
                       "; ROLLBACK")
    script = work / "claim.sql"
    script.write_text(CLAIM + ";\n")
    os.chmod(work, 0o755)
    os.chmod(script, 0o644)
    env = dict(os.environ, PGPASSWORD=PASSWORD)
    rates = {}
    for clients in (1, 4):
        out = pg("pgbench", "-h", str(server.dir), "-U", "proofgate", "-n",
                 "-f", str(script), "-T", "10", "-c", str(clients), db,
                 env=env).stdout
        m = re.search(r"tps = ([0-9.]+)", out)
        rates[clients] = float(m.group(1)) if m else 0.0
    shutil.rmtree(work, ignore_errors=True)
    return plan, rates


def main():
    proofgate, corpus, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    node_counts = [int(n) for n in sys.argv[4:]] or [1, 2, 3]
    pages = sorted(pathlib.Path(corpus).rglob("*.md"))[:count]
    server = Server()
    try:
        print("| nodes | submissions | posted in | all routed in | "
              "submissions/s | routed | first routings |")
        print("|--:|--:|--:|--:|--:|--:|--:|")
        for nodes in node_counts:
            rate, posted, done, routed, rows = run_nodes(
                proofgate, server, pages, nodes)
            print("| %d | %d | %.1f s | %.1f s | %.0f | %d | %d |" %
                  (nodes, len(pages), posted, done, rate, routed, rows))
        plan, rates = claim_query(proofgate, server)
        print("\nClaim query on 200,000 rows (100,000 pending):\n")
        print(plan)
        for clients, tps in rates.items():
            print("\npgbench, claim alone, %d client(s): %.0f claims/s" %
                  (clients, tps))
    finally:
        server.stop()


if __name__ == "__main__":
    main()

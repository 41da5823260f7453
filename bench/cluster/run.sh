#!/usr/bin/env bash
# Throughput of 1, 2 and 3 daemons sharing one PostgreSQL ledger, fed HTTP
# submissions (POST /api/submissions, round-robin over the nodes), and the
# cost of the claim query alone (EXPLAIN ANALYZE, pgbench). The server is
# started by the driver on a temporary folder (bench/cluster_bench.py).
#
#   bench/cluster/run.sh [SUBMISSIONS [NODES...]]   default 1000, nodes 1 2 3
#
# Needs the build (scripts/build) and ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."
n="${1:-1000}"
shift || true
exec python3 bench/cluster_bench.py build/daemon/proofgate ../shared/corpus \
  "$n" "$@"

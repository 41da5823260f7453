// DaemonConfig: the settings of `proofgate run`, loaded from YAML
// (config/proofgate.yaml documents every key with its default):
//
//   spool: var/drafts            # spool root (inbox/, ready/, review/, ...)
//   rules: ""                    # rulebook file or folder; "" = shipped
//   workers: 0                   # verifier threads; 0 = eight per core
//   max_draft_bytes: 5242880     # larger drafts get input/too-large
//   node: <host name>            # this daemon's name; unique per daemon
//   ledger: ""                   # "" = <spool>/.proofgate/ledger.sqlite;
//                                # a path: SQLite there; postgresql://...:
//                                # PostgreSQL (daemon/ledger/ledger_location.h)
//   ledger_password_file: ""     # file holding the PostgreSQL password
//   export_dir: ""               # "" = none; else every draft reaching
//                                # ready/ is copied there too
//                                # (daemon/spool/ready_export.h)
//   log: {level: info, format: text}
//   settle_ms: 0                 # quiet time after a file event, in ms
//   submission_lease_ms: 30000   # an HTTP submission's lease, in ms
//                                # (daemon/service/submission_worker.h)
//   submission_max_attempts: 3   # claims that check a submission; the
//                                # next routes it to review/ unchecked
//   decision_poll_ms: 2000       # how often a node looks for decisions
//                                # other nodes took on its drafts, in ms
//   decision_listen: true        # also LISTEN for them (PostgreSQL)
//                                # (daemon/service/decision_relay.h)
//   links: {network: true, concurrency: 32, per_host: 4,
//           cache_ttl_s: 86400, failure_cache_ttl_s: 3600}
//   http:                        # the exception queue (daemon/queue_site.h)
//     listen: 127.0.0.1:8686     # HOST:PORT; "" = no HTTP server
//     token_file: ""             # file holding the auth token; required
//                                # when listen is not a loopback address
//     allowed_hosts: []          # Host names served besides loopback ones
//   review:
//     sla: {}                    # {default: 48h, "legal/**": 24h}: how long
//                                # a draft may wait in review/ (none: never
//                                # overdue; daemon/review/review_sla.h)
//   notify:                      # webhooks (daemon/service/notify_config.h)
//     webhooks: []               # [{url, events, format, secret_file,
//                                #   allow_private}]
//     public_url: ""             # base of proof page links in payloads
//     digest_at: null            # "08:00": daily digest time, UTC
//     retry_max_s: 300           # longest wait between delivery attempts
//
// Relative paths are taken relative to the working directory of the daemon
// (as for every path given on the command line).
#ifndef PROOFGATE_DAEMON_SERVICE_DAEMON_CONFIG_H_
#define PROOFGATE_DAEMON_SERVICE_DAEMON_CONFIG_H_

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "checks/config_error.h"
#include "checks/expected.h"
#include "daemon/notify/notify_event.h"
#include "daemon/review/review_sla.h"

namespace proofgate {

struct DaemonConfig {
  std::filesystem::path spool = "var/drafts";
  // A rulebook file or folder; empty means the rulebooks that ship with
  // proofgate.
  std::filesystem::path rules;
  // Threads verifying drafts; 0 means std::thread::hardware_concurrency().
  int workers = 0;
  // Same default and reason as ParseOptions::max_bytes (checks/document.h).
  size_t max_draft_bytes = 5 * 1024 * 1024;
  // This daemon's name among several sharing a ledger: 1 to 63 of
  // [A-Za-z0-9._-]; the host name when not given.
  std::string node;
  // Empty means <spool>/.proofgate/ledger.sqlite; a PostgreSQL URI
  // (postgresql://...) selects the PostgreSQL ledger (LedgerLocationOf).
  std::filesystem::path ledger;
  // A file whose content (surrounding white space removed) is the
  // PostgreSQL ledger's password; empty: libpq's PGPASSFILE or ~/.pgpass.
  // Only with a PostgreSQL `ledger`. The password is never logged.
  std::filesystem::path ledger_password_file;
  // Where every draft that reaches ready/ is also written, under its
  // relative path, for a publishing pipeline (daemon/spool/ready_export.h);
  // empty: nowhere. Read at start: a reload does not change it.
  std::filesystem::path export_dir;
  std::string log_level = "info";   // trace|debug|info|warn|error|off
  std::string log_format = "text";  // text | json (one object per line)
  // How long a file must be quiet (no further close-after-write or
  // moved-in event) before it is claimed, in milliseconds. 0 claims on the
  // first event: a writer that closes a file once is done with it. Raise it
  // for tools that close and reopen a file while saving.
  int settle_ms = 0;
  // How long a node's claim of an HTTP submission holds without a
  // heartbeat (heartbeats come every third of it): a node killed mid-check
  // loses its work to another node after at most this long. 30 s: far
  // above one check (milliseconds to a few seconds with link probes),
  // short enough that a crash delays a submission by half a minute.
  int submission_lease_ms = 30'000;
  // How many claims of an HTTP submission check it; the next routes it to
  // review/ unchecked with an input/check-failed finding
  // (daemon/service/submission_worker.h). 3: a crash or a failed check is
  // retried twice (a node killed mid-check is not the draft's fault),
  // while a draft that stops every node costs at most three of them.
  int submission_max_attempts = 3;
  // With a PostgreSQL ledger: how often this node reads the decisions
  // other nodes recorded for drafts it holds (DecisionRelay), in ms. The
  // fallback when a notification is lost: 2 s keeps an editor's wait
  // short at one indexed query per node every 2 s.
  int decision_poll_ms = 2000;
  // Whether to LISTEN for those decisions too (applied at once rather than
  // at the next poll); false behind a pooler that does not pass LISTEN.
  bool decision_listen = true;
  // The network part of the link-reachability check (checks/link_prober.h):
  // false makes no network request at all (air-gapped installs); the
  // limits are for the whole daemon, over all workers and drafts.
  bool links_network = true;
  int links_concurrency = 32;  // LinkProber::Options::concurrency
  int links_per_host = 4;      // LinkProber::Options::per_host
  // How long a link's answer is reused, in seconds (0: not reused): the
  // defaults of LinkProber::Options::ok_ttl_s (works or permanently
  // redirected) and failure_ttl_s (any other answer).
  int64_t links_cache_ttl_s = 24 * 3600;
  int64_t links_failure_cache_ttl_s = 3600;
  // Where the exception queue is served: "HOST:PORT" (an IP address; port
  // 8686, unassigned by IANA, as the product's default); "" serves nothing.
  // Loopback by default: drafts are unpublished work.
  std::string http_listen = "127.0.0.1:8686";
  // A file whose content (surrounding white space removed) is the token
  // every HTTP request must carry; empty means none. Required when
  // http_listen is not a loopback address.
  std::filesystem::path http_token_file;
  // Host names (lower-cased, no port: "queue.example.com", "10.0.0.5",
  // "[fd00::1]") that requests may name in their Host header besides the
  // loopback names; for a reverse proxy that passes its own name on.
  // Empty: without a token only loopback names are served, with one any
  // name (daemon/request_origin.h).
  std::vector<std::string> http_allowed_hosts;
  // Review service levels (`review.sla`); empty: nothing is ever overdue.
  ReviewSla review_sla;
  // Webhook notifications (`notify`, daemon/service/notify_config.h);
  // read at start: a reload does not change them.
  NotifySettings notify;
};

// This machine's host name (gethostname), or "localhost" when it cannot
// be read: the default `node`.
std::string HostName();

// Loads and validates the YAML file at `file`: the configuration (keys not
// given keep the defaults above), or every problem found, each at
// file:line:col (unreadable file, YAML syntax, unknown key, wrong type,
// value out of range). Thread-safe.
Expected<DaemonConfig, std::vector<ConfigError>> LoadDaemonConfig(
    const std::filesystem::path& file);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_DAEMON_CONFIG_H_

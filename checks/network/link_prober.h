// LinkProber: checks whether external URLs answer, for the
// `link-reachability` check. One prober is shared by every rulebook, worker
// and draft of a process; whoever runs checks (the daemon, `proofgate
// check`) owns it and hands it to checks through CheckServices.
//
// How a URL is probed:
//   1. Only http:// and https:// URLs are probed (others: kRefused).
//   2. The host is resolved by the prober itself (getaddrinfo, on one of
//      its resolver threads), and every address it resolves to is
//      classified (address_policy.h): if any is special-purpose and not
//      allowed, the URL is kRefused before any connection is attempted.
//   3. The transfer connects only to the address that was checked: it is
//      pinned with CURLOPT_RESOLVE, and CURLOPT_OPENSOCKETFUNCTION refuses
//      any other address, so DNS rebinding cannot bypass step 2. Proxies
//      from the environment are not used.
//   4. HEAD first; when the server refuses HEAD (405, 403 or 501), GET,
//      keeping only the headers and at most kMaxBodyBytes of body: the
//      transfer ends at that byte.
//   5. Redirects are followed by the prober, not by libcurl, so each hop
//      goes through steps 1-4; at most ProbePolicy::max_redirects hops.
//   6. 429 and 503 are retried up to ProbePolicy::retries times, after the
//      Retry-After the server asks for (seconds or an HTTP date), or else
//      after ProbePolicy::retry_backoff_ms doubled per retry (500 ms, 1 s,
//      2 s...); either wait is capped at ProbePolicy::retry_after_max_ms.
//
// All transfers of the process share one libcurl multi handle driven by one
// thread, so Options::concurrency and Options::per_host are global limits.
// Results are cached (Options::ok_ttl_s / failure_ttl_s) and written through
// to an optional LinkCacheStore, so a restart does not re-check everything
// (a stored answer lives no longer than the TTLs of the prober reading it);
// a URL already in flight is not fetched again: later askers wait for the
// same answer (request coalescing).
//
// Thread safety: Probe() may be called from any number of threads at once.
#ifndef PROOFGATE_CHECKS_NETWORK_LINK_PROBER_H_
#define PROOFGATE_CHECKS_NETWORK_LINK_PROBER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/network/address_policy.h"

namespace proofgate {

// What a probe found.
enum class ProbeOutcome {
  kOk,           // a 2xx, or a status in ProbePolicy::accept
  kRedirected,   // a permanent redirect (301, 308) chain ending in kOk
  kBroken,       // 404 or 410, or the host name does not exist
  kServerError,  // 5xx or 429 after retries, any other 4xx, no connection,
                 // or the prober was destroyed first (see ~LinkProber)
  kTimeout,      // connect or total timeout
  kRefused,      // not probed by policy: scheme, or a special address
};

// The wire name of `outcome` ("ok", "redirected", ...), as the cache stores
// it; ParseProbeOutcome is its inverse (false for an unknown name).
const char* ProbeOutcomeName(ProbeOutcome outcome);
bool ParseProbeOutcome(const std::string& name, ProbeOutcome& outcome);

struct ProbeResult {
  ProbeOutcome outcome = ProbeOutcome::kOk;
  int status = 0;         // last HTTP status seen; 0 when none
  std::string final_url;  // kRedirected: where the permanent redirects lead
  std::string detail;     // one phrase for messages ("HTTP 404", "refused
                          // address 10.0.0.1 (private (RFC 1918))", ...)
};

// Per-rulebook settings that change what a probe does or concludes; part of
// the cache key, so two rulebooks with different policies never share an
// answer.
struct ProbePolicy {
  AddressAllowList allow;
  std::vector<int> accept;  // statuses counted as kOk besides 2xx
  // libcurl's CURLOPT_CONNECTTIMEOUT_MS and CURLOPT_TIMEOUT_MS, per hop.
  long connect_timeout_ms = 5000;
  long timeout_ms = 10000;
  int max_redirects = 5;
  int retries = 2;  // extra attempts after a 429 or 503
  // The longest wait before a retry, whatever Retry-After asks for.
  long retry_after_max_ms = 10000;
  // The wait before the first retry when the server sends no Retry-After;
  // doubled for each further retry. 500 ms: long enough for a brief
  // overload to pass, short enough for a draft to wait on. Not a rulebook
  // setting (tests shorten it).
  long retry_backoff_ms = 500;
  std::string user_agent;

  // A string that differs whenever two policies could answer differently.
  std::string Fingerprint() const;
};

// Where probe results outlive the process (the daemon's ledger). The
// prober serializes its calls (one at a time, from its own threads);
// implementations must not throw.
class LinkCacheStore {
 public:
  struct Entry {
    std::string key;  // policy fingerprint + '\n' + URL
    ProbeResult result;
    int64_t expires_unix_s = 0;  // seconds since the Unix epoch
  };
  virtual ~LinkCacheStore() = default;
  // Every unexpired entry, read once when the prober starts.
  virtual std::vector<Entry> LoadAll(int64_t now_unix_s) = 0;
  // Records (or replaces) one entry.
  virtual void Put(const Entry& entry) = 0;
  // The unexpired entry for `key`, asked before a URL's first request: a
  // store several daemons share (PostgreSQL) holds answers the others
  // found since LoadAll(). The default, for a store only this process
  // writes, has nothing LoadAll() did not give.
  virtual std::optional<Entry> Get(const std::string& /*key*/,
                                   int64_t /*now_unix_s*/) {
    return std::nullopt;
  }
};

// The host name lookup, replaceable in tests so that no name is ever
// resolved over the network there.
struct Resolution {
  enum class Status { kOk, kNoSuchName, kTemporaryFailure };
  Status status = Status::kOk;
  std::vector<IpAddress> addresses;
  std::string error;  // gai_strerror() text when not kOk
};
using Resolver = std::function<Resolution(const std::string& host)>;

// The system resolver: getaddrinfo(host), both families. Thread-safe.
Resolution SystemResolve(const std::string& host);

class LinkProber {
 public:
  // At most this many bytes of a GET body are taken: the transfer ends at
  // the first byte beyond (a longer body is not an error: the status and
  // headers are in). libcurl receives at most one buffer (CURLOPT_BUFFERSIZE,
  // 16 KiB) more from the socket before it stops. 16 KiB: enough for the
  // headers' status, without downloading pages.
  static constexpr size_t kMaxBodyBytes = 16 * 1024;

  struct Options {
    // Transfers open at once, over all hosts. 32 keeps a 2,000-link draft
    // within seconds (bench/link-reachability) without flooding anyone.
    int concurrency = 32;
    // Transfers open at once to one host name, like browsers' 6 per host
    // (Chromium and Firefox); 4 is politer for a crawler.
    int per_host = 4;
    // How long an answer is reused, in seconds: 24 h for kOk/kRedirected,
    // 1 h for every other outcome (failures are often transient). 0: not
    // reused (a URL being probed is still shared by its askers). The
    // daemon sets them from links.cache_ttl_s / links.failure_cache_ttl_s.
    int64_t ok_ttl_s = 24 * 3600;
    int64_t failure_ttl_s = 3600;
    int resolver_threads = 4;
    Resolver resolver;                      // empty: SystemResolve
    std::shared_ptr<LinkCacheStore> store;  // may be null: memory only
  };

  struct Stats {
    uint64_t probes = 0;      // URLs probed (cache misses not coalesced)
    uint64_t cache_hits = 0;  // answered from the cache or an in-flight probe
    uint64_t transfers = 0;   // HTTP requests started (every hop and retry)
    uint64_t refused = 0;     // hops refused by policy before connecting
    uint64_t body_bytes = 0;  // bytes of GET bodies taken (kMaxBodyBytes
                              // at most per transfer)
  };

  explicit LinkProber(Options options);
  // Stops the threads at once, abandoning transfers in flight; every URL
  // not answered yet (resolving, waiting for a slot or a retry, or being
  // fetched) completes as kServerError with detail "not checked: the link
  // checker stopped first", which is not cached, so no Probe() caller is
  // left waiting. It waits only for resolver threads inside getaddrinfo(),
  // which cannot be interrupted.
  ~LinkProber();
  LinkProber(const LinkProber&) = delete;
  LinkProber& operator=(const LinkProber&) = delete;

  // Probes every URL in `urls` under `policy`, and returns one result per
  // URL in the same order. Blocks until all are known (each URL is bounded
  // by its timeouts, redirects and retries). Never throws. Must not be
  // called once the destructor has started (a call already waiting then
  // returns, as the destructor says).
  std::vector<ProbeResult> Probe(const std::vector<std::string>& urls,
                                 const ProbePolicy& policy);

  Stats stats() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_NETWORK_LINK_PROBER_H_

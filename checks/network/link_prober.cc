#include "checks/network/link_prober.h"

#include <curl/curl.h>
#include <idn2.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <unordered_map>

#include "checks/ascii.h"

namespace proofgate {

namespace {

using SteadyClock = std::chrono::steady_clock;

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// One caller's Probe() call: the results it waits for.
struct Batch {
  std::mutex mu;
  std::condition_variable cv;
  size_t remaining = 0;
  std::vector<ProbeResult> results;
};

struct Waiter {
  Batch* batch;
  size_t index;
};

// One URL being probed, hop by hop.
struct Job {
  std::string key;
  ProbePolicy policy;
  std::vector<Waiter> waiters;

  std::string url;   // the current hop
  std::string host;  // lower case, IPv6 without brackets
  long port = 0;
  IpAddress pinned;
  int redirects = 0;
  bool all_permanent = true;
  int attempt = 0;  // retries done for this hop
  bool use_get = false;
  size_t body_bytes = 0;     // of the current transfer's body, taken so far
  bool body_cut = false;     // the body went past kMaxBodyBytes
  bool store_asked = false;  // LinkCacheStore::Get() was asked already

  CURL* easy = nullptr;
  curl_slist* resolve = nullptr;
  SteadyClock::time_point due;  // for retries
};

using JobPtr = std::shared_ptr<Job>;

struct CacheEntry {
  ProbeResult result;
  int64_t expires_unix_s = 0;
};

}  // namespace

const char* ProbeOutcomeName(ProbeOutcome outcome) {
  switch (outcome) {
    case ProbeOutcome::kOk:
      return "ok";
    case ProbeOutcome::kRedirected:
      return "redirected";
    case ProbeOutcome::kBroken:
      return "broken";
    case ProbeOutcome::kServerError:
      return "server-error";
    case ProbeOutcome::kTimeout:
      return "timeout";
    case ProbeOutcome::kRefused:
      return "refused";
  }
  return "ok";
}

bool ParseProbeOutcome(const std::string& name, ProbeOutcome& outcome) {
  for (ProbeOutcome o : {ProbeOutcome::kOk, ProbeOutcome::kRedirected,
                         ProbeOutcome::kBroken, ProbeOutcome::kServerError,
                         ProbeOutcome::kTimeout, ProbeOutcome::kRefused}) {
    if (name == ProbeOutcomeName(o)) {
      outcome = o;
      return true;
    }
  }
  return false;
}

std::string ProbePolicy::Fingerprint() const {
  std::string fp = "v1";
  for (const IpRange& r : allow.ranges) {
    fp += " r" + r.base.ToString() + "/" + std::to_string(r.prefix_bits);
  }
  for (const std::string& h : allow.hosts) fp += " h" + h;
  for (int s : accept) fp += " a" + std::to_string(s);
  fp += " c" + std::to_string(connect_timeout_ms) + " t" +
        std::to_string(timeout_ms) + " m" + std::to_string(max_redirects) +
        " n" + std::to_string(retries) + " w" +
        std::to_string(retry_after_max_ms) + " b" +
        std::to_string(retry_backoff_ms) + " u" + user_agent;
  return fp;
}

Resolution SystemResolve(const std::string& host) {
  Resolution out;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  const int rc = getaddrinfo(host.c_str(), nullptr, &hints, &list);
  if (rc != 0) {
    out.status = (rc == EAI_NONAME
#ifdef EAI_NODATA
                  || rc == EAI_NODATA
#endif
                  )
                     ? Resolution::Status::kNoSuchName
                     : Resolution::Status::kTemporaryFailure;
    out.error = gai_strerror(rc);
    return out;
  }
  for (addrinfo* ai = list; ai != nullptr; ai = ai->ai_next) {
    IpAddress a;
    if (ai->ai_family == AF_INET) {
      const auto* sin = reinterpret_cast<const sockaddr_in*>(ai->ai_addr);
      a.bytes[10] = a.bytes[11] = 0xff;
      std::memcpy(a.bytes.data() + 12, &sin->sin_addr, 4);
    } else if (ai->ai_family == AF_INET6) {
      const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(ai->ai_addr);
      std::memcpy(a.bytes.data(), &sin6->sin6_addr, 16);
    } else {
      continue;
    }
    if (std::find(out.addresses.begin(), out.addresses.end(), a) ==
        out.addresses.end()) {
      out.addresses.push_back(a);
    }
  }
  freeaddrinfo(list);
  if (out.addresses.empty()) {
    out.status = Resolution::Status::kNoSuchName;
    out.error = "no address";
  }
  return out;
}

// What the prober decides a hop on, read from its URL.
struct HopTarget {
  enum class Problem {
    kNone,
    kNotUrl,       // libcurl cannot parse the URL
    kNotHostName,  // an internationalized host IDNA cannot convert
  };
  Problem problem = Problem::kNone;
  std::string scheme;  // lower case
  // Lower case, as the DNS knows it (ASCII); with kNone also without IPv6
  // brackets or a final dot.
  std::string host;
  long port = 0;    // the URL's, or its scheme's default; 0 when not a URL
  std::string url;  // the URL, with an internationalized host in ASCII
};

// An internationalized name is looked up, and requested, as the DNS knows
// it ("bücher.example" -> "xn--bcher-kva.example", IDNA2008 with the
// UTS #46 mapping browsers use), so libcurl never resolves a name of its
// own. Rewrites target.host, and target.url through `u`, the URL's handle;
// false when the host is not a valid name.
bool ToDnsName(CURLU* u, HopTarget& target) {
  const std::string& h = target.host;
  if (std::none_of(h.begin(), h.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x80;
      })) {
    return true;
  }
  char* ascii = nullptr;
  char* url = nullptr;
  const bool ok =
      idn2_to_ascii_8z(h.c_str(), &ascii,
                       IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) == IDN2_OK &&
      curl_url_set(u, CURLUPART_HOST, ascii, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_URL, &url, 0) == CURLUE_OK;
  if (ok) {
    target.host = AsciiLower(ascii);
    target.url = url;
  }
  idn2_free(ascii);
  curl_free(url);
  return ok;
}

// Reads the scheme, host and port of `url` as libcurl would request it.
HopTarget ParseHopUrl(const std::string& url) {
  HopTarget target;
  target.url = url;
  CURLU* u = curl_url();
  char* scheme = nullptr;
  char* host = nullptr;
  char* port = nullptr;
  const bool parsed =
      curl_url_set(u, CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) ==
          CURLUE_OK &&
      curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK;
  if (parsed) {
    target.scheme = AsciiLower(scheme);
    target.host = AsciiLower(host);
    target.port = std::strtol(port, nullptr, 10);
  }
  curl_free(scheme);
  curl_free(host);
  curl_free(port);
  if (!parsed) {
    target.problem = HopTarget::Problem::kNotUrl;
  } else if (!ToDnsName(u, target)) {
    target.problem = HopTarget::Problem::kNotHostName;
  }
  curl_url_cleanup(u);
  if (target.problem != HopTarget::Problem::kNone) return target;
  std::string& h = target.host;
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') {
    h = h.substr(1, h.size() - 2);
  }
  if (!h.empty() && h.back() == '.') h.pop_back();
  return target;
}

// What a finished transfer's answer says, for deciding the hop's next step.
struct HopAnswer {
  long status = 0;             // the HTTP status; 0 when none came
  curl_off_t retry_after = 0;  // Retry-After, in seconds; 0 when none
  std::string location;        // a 3xx's redirect URL; "" when none
};

struct LinkProber::State {
  Options options;
  CURLM* multi = nullptr;

  mutable std::mutex mu;  // guards everything down to `stop`
  std::unordered_map<std::string, CacheEntry> cache;
  std::unordered_map<std::string, JobPtr> in_flight;
  std::deque<JobPtr> to_resolve;
  std::deque<JobPtr> to_transfer;  // resolved, for the multi thread
  bool stop = false;
  Stats stats;
  std::condition_variable resolve_cv;

  static constexpr size_t kFirstSweep = 4096;
  size_t next_sweep = kFirstSweep;  // cache size that triggers a sweep

  std::mutex store_mu;  // serializes calls into options.store

  // The multi thread's own state.
  std::deque<JobPtr> ready;     // waiting for a free slot
  std::vector<JobPtr> retries;  // waiting for their due time
  std::map<CURL*, JobPtr> active;
  std::map<std::string, int> per_host;

  std::vector<std::thread> resolvers;
  std::thread driver;

  // How long `result` may be reused: options' TTL for an answer (ok or
  // redirected) or a failure, in seconds.
  int64_t TtlOf(const ProbeResult& result) const {
    const bool ok = result.outcome == ProbeOutcome::kOk ||
                    result.outcome == ProbeOutcome::kRedirected;
    return ok ? options.ok_ttl_s : options.failure_ttl_s;
  }

  // When a stored entry expires: its own expiry, or today's TTL from `now`
  // when that is sooner (lowering a TTL applies to what is stored too).
  int64_t ExpiryOf(const LinkCacheStore::Entry& e, int64_t now) const {
    return std::min(e.expires_unix_s, now + TtlOf(e.result));
  }

  // Records the final result of `job` (in the cache and the store unless
  // `keep` is false) and wakes everyone waiting for it.
  void Finish(const JobPtr& job, ProbeResult result, bool keep = true) {
    LinkCacheStore::Entry entry{job->key, result, NowUnix() + TtlOf(result)};
    Answer(job, result, keep ? entry.expires_unix_s : 0);
    // After the waiters: a draft's answer never waits for the disk.
    if (keep && options.store) {
      std::lock_guard<std::mutex> lock(store_mu);
      options.store->Put(entry);
    }
  }

  // Gives `result` to everyone waiting for `job` and keeps it in memory
  // until `expires_unix_s` (0: not kept).
  void Answer(const JobPtr& job, const ProbeResult& result,
              int64_t expires_unix_s) {
    std::vector<Waiter> waiters;
    {
      std::lock_guard<std::mutex> lock(mu);
      if (expires_unix_s > 0) {
        cache[job->key] = CacheEntry{result, expires_unix_s};
      }
      in_flight.erase(job->key);
      waiters.swap(job->waiters);
      SweepExpired();
    }
    for (const Waiter& w : waiters) {
      std::lock_guard<std::mutex> lock(w.batch->mu);
      w.batch->results[w.index] = result;
      if (--w.batch->remaining == 0) w.batch->cv.notify_all();
    }
  }

  // Before a job's first request: an unexpired answer the store holds
  // (another daemon sharing it may have probed the URL since this one
  // started) answers the job. Whether it did.
  bool AnsweredByStore(const JobPtr& job) {
    if (!options.store || job->store_asked) return false;
    job->store_asked = true;
    const int64_t now = NowUnix();
    std::optional<LinkCacheStore::Entry> stored;
    {
      std::lock_guard<std::mutex> lock(store_mu);
      stored = options.store->Get(job->key, now);
    }
    if (!stored || ExpiryOf(*stored, now) <= now) return false;
    {
      std::lock_guard<std::mutex> lock(mu);
      --stats.probes;
      ++stats.cache_hits;
    }
    Answer(job, stored->result, ExpiryOf(*stored, now));
    return true;
  }

  // Drops expired answers whenever the cache has doubled since the last
  // sweep, so a long-running daemon keeps only live answers in memory, at
  // amortized O(1) per answer. Called with `mu` held.
  void SweepExpired() {
    if (cache.size() < next_sweep) return;
    const int64_t now = NowUnix();
    std::erase_if(cache, [&](const auto& item) {
      return item.second.expires_unix_s <= now;
    });
    next_sweep = std::max<size_t>(kFirstSweep, 2 * cache.size());
  }

  void Refuse(const JobPtr& job, std::string detail) {
    {
      std::lock_guard<std::mutex> lock(mu);
      ++stats.refused;
    }
    Finish(job, ProbeResult{ProbeOutcome::kRefused, 0, "", std::move(detail)});
  }

  // Steps 1-2 of the header for the current hop: on success the job goes
  // to the multi thread with its pinned address.
  void ResolveHop(const JobPtr& job) {
    const HopTarget target = ParseHopUrl(job->url);
    job->port = target.port;
    job->url = target.url;
    switch (target.problem) {
      case HopTarget::Problem::kNone:
        break;
      case HopTarget::Problem::kNotHostName:
        Finish(job, ProbeResult{ProbeOutcome::kBroken, 0, "",
                                "not a valid host name (" + target.host + ")"});
        return;
      case HopTarget::Problem::kNotUrl:
        Finish(job, ProbeResult{ProbeOutcome::kBroken, 0, "",
                                "not a valid URL (" + job->url + ")"});
        return;
    }
    if (target.scheme != "http" && target.scheme != "https") {
      Refuse(job, "only http and https URLs are checked (" + job->url + ")");
      return;
    }
    job->host = target.host;
    std::vector<IpAddress> addresses;
    if (!ResolveHost(job, addresses) || RefusedAddress(job, addresses)) return;
    job->pinned = addresses.front();
    {
      std::lock_guard<std::mutex> lock(mu);
      to_transfer.push_back(job);
    }
    curl_multi_wakeup(multi);
  }

  // The addresses of job->host (itself when it is an address literal).
  // False when it has none: the job is then finished, kBroken when the
  // name does not exist, kServerError when the lookup failed.
  bool ResolveHost(const JobPtr& job, std::vector<IpAddress>& addresses) {
    const std::string& h = job->host;
    if (auto literal = ParseIpAddress(h)) {
      addresses.push_back(*literal);
      return true;
    }
    const Resolution r =
        options.resolver ? options.resolver(h) : SystemResolve(h);
    if (r.status == Resolution::Status::kNoSuchName) {
      Finish(job, ProbeResult{ProbeOutcome::kBroken, 0, "",
                              "the host name " + h + " does not exist"});
      return false;
    }
    if (r.status != Resolution::Status::kOk || r.addresses.empty()) {
      Finish(job, ProbeResult{ProbeOutcome::kServerError, 0, "",
                              "the host name " + h +
                                  " could not be "
                                  "resolved (" +
                                  r.error + ")"});
      return false;
    }
    addresses = r.addresses;
    return true;
  }

  // Whether the policy refuses one of `addresses` (then the job is
  // refused). Any refused address refuses the name: a name that mixes
  // public and private addresses is how rebinding attacks start.
  bool RefusedAddress(const JobPtr& job,
                      const std::vector<IpAddress>& addresses) {
    const std::string& h = job->host;
    for (const IpAddress& a : addresses) {
      if (!job->policy.allow.Allows(h, a)) {
        Refuse(job,
               h + " leads to " + a.ToString() + ", a " +
                   SpecialPurposeRange(a) +
                   " address that links may not reach (readers outside this "
                   "network cannot reach it either: link to a public "
                   "page, or list it in allow_private)");
        return true;
      }
    }
    return false;
  }

  void ResolverLoop() {
    for (;;) {
      JobPtr job;
      {
        std::unique_lock<std::mutex> lock(mu);
        resolve_cv.wait(lock, [&] { return stop || !to_resolve.empty(); });
        if (stop) return;
        job = std::move(to_resolve.front());
        to_resolve.pop_front();
      }
      if (!AnsweredByStore(job)) ResolveHop(job);
    }
  }

  void QueueResolve(JobPtr job) {
    {
      std::lock_guard<std::mutex> lock(mu);
      to_resolve.push_back(std::move(job));
    }
    resolve_cv.notify_one();
  }

  static curl_socket_t OpenSocket(void* clientp, curlsocktype purpose,
                                  curl_sockaddr* address) {
    const Job* job = static_cast<const Job*>(clientp);
    if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
    const std::optional<IpAddress> a = IpAddressOfSockaddr(&address->addr);
    if (!a || !(*a == job->pinned)) return CURL_SOCKET_BAD;
    return socket(address->family, address->socktype, address->protocol);
  }

  // Takes body bytes up to kMaxBodyBytes exactly. Returning less than
  // given ends the transfer (CURLE_WRITE_ERROR), which Done() reads as
  // "answered" through `body_cut`: the status line and headers are in.
  static size_t TakeBody(char*, size_t size, size_t n, void* clientp) {
    Job* job = static_cast<Job*>(clientp);
    const size_t given = size * n;  // size is always 1 (libcurl's docs)
    const size_t room = kMaxBodyBytes - job->body_bytes;
    if (given > room) {
      job->body_bytes = kMaxBodyBytes;
      job->body_cut = true;
      return room;
    }
    job->body_bytes += given;
    return given;
  }

  void StartTransfer(const JobPtr& job) {
    CURL* e = curl_easy_init();
    job->easy = e;
    job->body_bytes = 0;
    job->body_cut = false;
    curl_easy_setopt(e, CURLOPT_URL, job->url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, job.get());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_PROXY, "");  // never an environment proxy
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS,
                     job->policy.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, job->policy.timeout_ms);
    curl_easy_setopt(e, CURLOPT_USERAGENT, job->policy.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &OpenSocket);
    curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, job.get());
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &TakeBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, job.get());
    if (job->use_get) {
      curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else {
      curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    }
    if (!ParseIpAddress(job->host)) {
      const std::string addr = job->pinned.IsV4()
                                   ? job->pinned.ToString()
                                   : "[" + job->pinned.ToString() + "]";
      const std::string entry =
          job->host + ":" + std::to_string(job->port) + ":" + addr;
      job->resolve = curl_slist_append(nullptr, entry.c_str());
      curl_easy_setopt(e, CURLOPT_RESOLVE, job->resolve);
    }
    active[e] = job;
    ++per_host[job->host];
    {
      std::lock_guard<std::mutex> lock(mu);
      ++stats.transfers;
    }
    curl_multi_add_handle(multi, e);
  }

  // Launches ready jobs while the global and per-host limits allow, in
  // arrival order except that a job for a busy host waits its turn.
  void LaunchReady() {
    for (auto it = ready.begin();
         it != ready.end() &&
         static_cast<int>(active.size()) < options.concurrency;) {
      if (per_host[(*it)->host] >= options.per_host) {
        ++it;
        continue;
      }
      JobPtr job = std::move(*it);
      it = ready.erase(it);
      StartTransfer(job);
    }
  }

  // Decides what follows `job`'s transfer `e`, which ended with `code`
  // (steps 4-6 of the header): the final result, the GET after a refused
  // HEAD, the next hop of a redirect, or a retry.
  void Done(CURL* e, CURLcode code) {
    const JobPtr job = active[e];
    active.erase(e);
    const HopAnswer answer = EndTransfer(e, *job);
    const ProbePolicy& p = job->policy;
    if (code == CURLE_OPERATION_TIMEDOUT) {
      Finish(job, ProbeResult{ProbeOutcome::kTimeout, 0, "",
                              "no answer within " +
                                  std::to_string(p.timeout_ms) + " ms"});
      return;
    }
    const bool cut_body = code == CURLE_WRITE_ERROR && job->body_cut;
    if ((code != CURLE_OK && !cut_body) || answer.status == 0) {
      Finish(job, ProbeResult{ProbeOutcome::kServerError, 0, "",
                              std::string("no HTTP answer (") +
                                  curl_easy_strerror(code) + ")"});
      return;
    }
    const int st = static_cast<int>(answer.status);
    const bool accepted =
        (st >= 200 && st < 300) ||
        std::find(p.accept.begin(), p.accept.end(), st) != p.accept.end();
    if (accepted) {
      if (job->redirects > 0 && job->all_permanent) {
        Finish(job, ProbeResult{ProbeOutcome::kRedirected, st, job->url,
                                "permanently redirected"});
      } else {
        Finish(job, ProbeResult{ProbeOutcome::kOk, st, "", ""});
      }
      return;
    }
    if (st >= 300 && st < 400 && !answer.location.empty()) {
      FollowRedirect(job, st, answer.location);
      return;
    }
    if (!job->use_get && (st == 405 || st == 403 || st == 501)) {
      job->use_get = true;
      ready.push_back(job);
      return;
    }
    if ((st == 429 || st == 503) && job->attempt < p.retries) {
      ScheduleRetry(job, answer.retry_after);
      return;
    }
    if (st == 404 || st == 410) {
      Finish(job, ProbeResult{ProbeOutcome::kBroken, st, "",
                              "HTTP " + std::to_string(st)});
      return;
    }
    std::string detail = "HTTP " + std::to_string(st);
    if (st == 429 || st == 503) {
      detail += " after " + std::to_string(job->attempt) + " retries";
    }
    Finish(job, ProbeResult{ProbeOutcome::kServerError, st, "", detail});
  }

  // Reads the answer of `job`'s ended transfer `e` (already out of
  // `active`), then takes `e` off the multi handle and frees it.
  HopAnswer EndTransfer(CURL* e, Job& job) {
    if (--per_host[job.host] == 0) per_host.erase(job.host);
    HopAnswer answer;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &answer.status);
    curl_easy_getinfo(e, CURLINFO_RETRY_AFTER, &answer.retry_after);
    if (answer.status >= 300 && answer.status < 400) {
      char* redirect = nullptr;
      curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &redirect);
      if (redirect != nullptr) answer.location = redirect;
    }
    curl_multi_remove_handle(multi, e);
    curl_easy_cleanup(e);
    curl_slist_free_all(job.resolve);
    job.resolve = nullptr;
    job.easy = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu);
      stats.body_bytes += job.body_bytes;
    }
    return answer;
  }

  // Step 5: the redirect with status `status` to `location` becomes the
  // next hop, resolved and checked again from step 1; past max_redirects
  // the job ends as kServerError.
  void FollowRedirect(const JobPtr& job, int status,
                      const std::string& location) {
    const ProbePolicy& p = job->policy;
    if (job->redirects >= p.max_redirects) {
      Finish(job, ProbeResult{ProbeOutcome::kServerError, status, "",
                              "more than " + std::to_string(p.max_redirects) +
                                  " redirects"});
      return;
    }
    ++job->redirects;
    job->all_permanent = job->all_permanent && (status == 301 || status == 308);
    job->url = location;
    job->attempt = 0;
    job->use_get = false;
    QueueResolve(job);
  }

  // Step 6: the job waits for its next attempt, after the server's
  // `retry_after_s` when it sent one, else the doubling backoff.
  void ScheduleRetry(const JobPtr& job, curl_off_t retry_after_s) {
    const ProbePolicy& p = job->policy;
    ++job->attempt;
    // A day bounds Retry-After before it is scaled, against overflow;
    // the cap is far lower anyway.
    long delay_ms =
        retry_after_s > 0
            ? static_cast<long>(std::min<curl_off_t>(retry_after_s, 86400)) *
                  1000
            : p.retry_backoff_ms << (job->attempt - 1);
    delay_ms = std::min(delay_ms, p.retry_after_max_ms);
    job->due = SteadyClock::now() + std::chrono::milliseconds(delay_ms);
    retries.push_back(job);
  }

  void DriverLoop() {
    for (;;) {
      {
        std::lock_guard<std::mutex> lock(mu);
        if (stop) break;
        while (!to_transfer.empty()) {
          ready.push_back(std::move(to_transfer.front()));
          to_transfer.pop_front();
        }
      }
      const auto now = SteadyClock::now();
      for (auto it = retries.begin(); it != retries.end();) {
        if ((*it)->due <= now) {
          ready.push_back(std::move(*it));
          it = retries.erase(it);
        } else {
          ++it;
        }
      }
      LaunchReady();
      int running = 0;
      curl_multi_perform(multi, &running);
      int left = 0;
      bool ended = false;
      while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
        if (msg->msg != CURLMSG_DONE) continue;
        Done(msg->easy_handle, msg->data.result);
        ended = true;
      }
      // A transfer that ended freed a slot or queued its next step (the GET
      // after a refused HEAD); a transfer started now can end within that
      // first curl_multi_perform (a reused connection, a quick server), and
      // then no socket would wake the poll below: go round again first.
      // Each round that does not sleep ends a transfer, so this is bounded
      // by the transfers there are to make.
      if (ended) continue;
      // Sleep until curl has work, a resolver or caller wakes us, or the
      // next retry is due (at most 1 s, to notice `stop`).
      auto next_due = SteadyClock::now() + std::chrono::seconds(1);
      for (const JobPtr& job : retries) next_due = std::min(next_due, job->due);
      const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
          next_due - SteadyClock::now());
      curl_multi_poll(multi, nullptr, 0,
                      static_cast<int>(std::max<long>(1, wait.count())),
                      nullptr);
    }
    // Abandoned: the destructor answers their waiters.
    for (auto& [e, job] : active) {
      curl_multi_remove_handle(multi, e);
      curl_easy_cleanup(e);
      curl_slist_free_all(job->resolve);
      job->resolve = nullptr;
      job->easy = nullptr;
    }
    active.clear();
    ready.clear();
    retries.clear();
  }

  // The answer for a URL the prober stopped before answering.
  static ProbeResult Stopped() {
    return ProbeResult{ProbeOutcome::kServerError, 0, "",
                       "not checked: the link checker stopped first"};
  }
};

LinkProber::LinkProber(Options options) : state_(std::make_unique<State>()) {
  static std::once_flag curl_init;
  std::call_once(curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  State& s = *state_;
  s.options = std::move(options);
  s.options.concurrency = std::max(1, s.options.concurrency);
  s.options.per_host = std::max(1, s.options.per_host);
  s.multi = curl_multi_init();
  // Idle keep-alive connections count too: at most `concurrency` sockets
  // in all and `per_host` to one host are ever open (curl closes the oldest
  // idle one when it needs a new one).
  curl_multi_setopt(s.multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                    static_cast<long>(s.options.per_host));
  curl_multi_setopt(s.multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
                    static_cast<long>(s.options.concurrency));
  if (s.options.store) {
    const int64_t now = NowUnix();
    for (LinkCacheStore::Entry& e : s.options.store->LoadAll(now)) {
      const int64_t expires = s.ExpiryOf(e, now);
      if (expires <= now) continue;
      s.cache[e.key] = CacheEntry{std::move(e.result), expires};
    }
  }
  for (int i = 0; i < std::max(1, s.options.resolver_threads); ++i) {
    s.resolvers.emplace_back([&s] { s.ResolverLoop(); });
  }
  s.driver = std::thread([&s] { s.DriverLoop(); });
}

LinkProber::~LinkProber() {
  State& s = *state_;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.stop = true;
  }
  s.resolve_cv.notify_all();
  curl_multi_wakeup(s.multi);
  for (std::thread& t : s.resolvers) t.join();
  s.driver.join();
  // No thread is left to answer what is still in flight: every job
  // resolving, queued, waiting for a retry or abandoned mid-transfer is
  // in `in_flight`.
  std::vector<JobPtr> unanswered;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    for (auto& [key, job] : s.in_flight) unanswered.push_back(job);
    s.to_resolve.clear();
    s.to_transfer.clear();
  }
  for (const JobPtr& job : unanswered) {
    s.Finish(job, State::Stopped(), /*keep=*/false);
  }
  curl_multi_cleanup(s.multi);
}

std::vector<ProbeResult> LinkProber::Probe(const std::vector<std::string>& urls,
                                           const ProbePolicy& policy) {
  State& s = *state_;
  Batch batch;
  batch.results.resize(urls.size());
  const std::string fingerprint = policy.Fingerprint();
  const int64_t now = NowUnix();
  std::vector<JobPtr> fresh;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    for (size_t i = 0; i < urls.size(); ++i) {
      const std::string key = fingerprint + "\n" + urls[i];
      auto cached = s.cache.find(key);
      if (cached != s.cache.end() && cached->second.expires_unix_s > now) {
        batch.results[i] = cached->second.result;
        ++s.stats.cache_hits;
        continue;
      }
      if (s.stop) {
        batch.results[i] = State::Stopped();
        continue;
      }
      ++batch.remaining;
      auto flying = s.in_flight.find(key);
      if (flying != s.in_flight.end()) {
        flying->second->waiters.push_back(Waiter{&batch, i});
        ++s.stats.cache_hits;
        continue;
      }
      auto job = std::make_shared<Job>();
      job->key = key;
      job->policy = policy;
      job->url = urls[i];
      job->waiters.push_back(Waiter{&batch, i});
      s.in_flight[key] = job;
      ++s.stats.probes;
      fresh.push_back(std::move(job));
    }
    for (JobPtr& job : fresh) s.to_resolve.push_back(std::move(job));
  }
  s.resolve_cv.notify_all();
  std::unique_lock<std::mutex> lock(batch.mu);
  batch.cv.wait(lock, [&] { return batch.remaining == 0; });
  return std::move(batch.results);
}

LinkProber::Stats LinkProber::stats() const {
  std::lock_guard<std::mutex> lock(state_->mu);
  return state_->stats;
}

}  // namespace proofgate

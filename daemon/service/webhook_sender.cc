#include "daemon/service/webhook_sender.h"

#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>

#include "checks/network/address_policy.h"
#include "daemon/notify/webhook_request.h"
#include "daemon/notify/webhook_url.h"
#include "daemon/service/notify_config.h"
#include "daemon/service/notify_timers.h"
#include "proofgate_version.h"

namespace proofgate {

namespace {

// How often SLA breaches and the digest are looked for.
constexpr auto kTimersEvery = std::chrono::seconds(5);

// libcurl's open-socket callback: refuses an address the webhook may not
// reach (see the header's DELIVERY); `clientp` is the WebhookTarget.
curl_socket_t GuardedSocket(void* clientp, curlsocktype purpose,
                            curl_sockaddr* address) {
  const auto* target = static_cast<const WebhookTarget*>(clientp);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  const std::optional<IpAddress> a = IpAddressOfSockaddr(&address->addr);
  if (!a) return CURL_SOCKET_BAD;
  if (!target->allow_private && !SpecialPurposeRange(*a).empty()) {
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

// Discards the answer's body.
size_t IgnoreBody(char*, size_t size, size_t n, void*) { return size * n; }

const WebhookTarget* TargetOf(const NotifySettings& s, const std::string& url) {
  for (const WebhookTarget& t : s.webhooks) {
    if (t.url == url) return &t;
  }
  return nullptr;
}

}  // namespace

std::chrono::seconds RetryDelay(long long attempts, int cap_s) {
  const long long exponent = std::clamp(attempts - 1, 0LL, 30LL);
  return std::chrono::seconds(
      std::min<long long>(1LL << exponent, std::max(1, cap_s)));
}

WebhookSender::WebhookSender(const Spool& spool,
                             std::shared_ptr<spdlog::logger> log)
    : spool_(spool), log_(std::move(log)) {}

WebhookSender::~WebhookSender() { Stop(); }

Status WebhookSender::Start(Options options) {
  options_ = std::move(options);
  if (options_.settings.webhooks.empty()) return {};
  targets_ = TargetsFor(options_.settings, "");
  for (const WebhookTarget& t : options_.settings.webhooks) {
    if (t.secret_file.empty()) continue;
    const std::string secret = ReadWebhookSecret(t.secret_file);
    if (secret.empty()) {
      return Unexpected("cannot read the webhook secret file " +
                        t.secret_file.string());
    }
    secrets_[t.url] = secret;
  }
  Expected<std::unique_ptr<NotifyOutbox>> opened =
      NotifyOutbox::Open(options_.ledger);
  if (!opened) {
    return Unexpected("cannot open the webhook outbox: " + opened.error());
  }
  outbox_ = std::move(*opened);
  // Before the threads: libcurl's global state, once per process.
  static std::once_flag curl_ready;
  std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  threads_.emplace_back([this] { TimersLoop(); });
  for (const std::string& target : targets_) {
    threads_.emplace_back([this, &target] { Loop(target); });
  }
  return {};
}

void WebhookSender::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++wakes_;
  }
  cv_.notify_all();
}

void WebhookSender::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  for (std::thread& t : threads_) {
    if (t.joinable()) t.join();
  }
}

bool WebhookSender::WaitForWork(std::chrono::steady_clock::duration wait,
                                unsigned long long* seen) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, wait,
               [&] { return stop_ || (seen != nullptr && wakes_ != *seen); });
  if (seen != nullptr) *seen = wakes_;
  return !stop_;
}

bool WebhookSender::Stopping() {
  std::lock_guard<std::mutex> lock(mu_);
  return stop_;
}

void WebhookSender::TimersLoop() {
  do {
    const WallTime now = std::chrono::system_clock::now();
    // An exception here (a library's, on input nobody foresaw) is logged
    // and the loop goes on: the sender never takes the daemon down.
    try {
      RecordSlaBreaches(*outbox_, options_.settings, options_.sla, spool_, now,
                        *log_);
      RecordDigestIfDue(*outbox_, options_.settings, options_.sla,
                        options_.ledger, now, *log_);
    } catch (const std::exception& e) {
      log_->error("webhook sender: {}", e.what());
    }
    // Wake-ups (new rows) do not concern the timers: the full period.
  } while (WaitForWork(kTimersEvery, nullptr));
}

void WebhookSender::Loop(const std::string& target) {
  unsigned long long seen = 0;
  std::string last_error;  // logged once until it changes
  const auto lease =
      std::chrono::milliseconds(options_.timeout_ms) + kLeaseMargin;
  while (!Stopping()) {
    const WallTime now = std::chrono::system_clock::now();
    bool sent = false;
    try {  // as in TimersLoop
      // One row per claim: the lease covers one request.
      std::string error;
      const std::vector<OutboxRow> rows = outbox_->Claim(
          target, now,
          now + std::chrono::duration_cast<WallTime::duration>(lease), 1,
          &error);
      if (error != last_error && !error.empty()) {
        log_->error("webhook outbox: cannot claim deliveries for {}: {}",
                    RedactedUrl(target), error);
      }
      last_error = error;
      for (const OutboxRow& row : rows) Deliver(row);
      sent = !rows.empty();
    } catch (const std::exception& e) {
      log_->error("webhook sender: {}", e.what());
    }
    if (sent) continue;
    if (!WaitForWork(std::chrono::seconds(1), &seen)) return;
  }
}

void WebhookSender::Deliver(const OutboxRow& row) {
  const WebhookTarget* target = TargetOf(options_.settings, row.target);
  if (target == nullptr) return;  // Due() only returns configured targets
  nlohmann::json payload = nlohmann::json::parse(row.payload, nullptr, false);
  std::string error;
  if (payload.is_discarded()) {
    error = "the outbox row holds no JSON";
  } else {
    const std::string body = WebhookBody(
        WithProofUrl(std::move(payload), options_.base_url), target->format);
    error = Post(*target, row, body);
  }
  const WallTime now = std::chrono::system_clock::now();
  Status marked;
  if (error.empty()) {
    marked = outbox_->MarkDelivered(row.seq, now);
    log_->debug("webhook {}: delivered {}", RedactedUrl(row.target),
                row.event_id);
  } else {
    const long long attempts = row.attempts + 1;
    const auto delay = RetryDelay(attempts, options_.settings.retry_max_s);
    marked = outbox_->MarkFailed(row, attempts, now + delay, error);
    log_->warn("webhook {}: {} not delivered (attempt {}): {}; next in {} s",
               RedactedUrl(row.target), row.event_id, attempts, error,
               delay.count());
  }
  if (!marked) {
    log_->error("webhook outbox: cannot record the outcome of {}: {}",
                row.event_id, marked.error());
  }
}

std::string WebhookSender::Post(const WebhookTarget& target,
                                const OutboxRow& row, const std::string& body) {
  CURL* e = curl_easy_init();
  if (e == nullptr) return "libcurl could not start a request";
  curl_slist* headers = nullptr;
  std::vector<std::string> lines = {"Content-Type: application/json",
                                    "X-Proofgate-Event: " + row.event,
                                    "X-Proofgate-Delivery: " + row.event_id};
  if (auto s = secrets_.find(target.url); s != secrets_.end()) {
    const auto unix_s = std::chrono::duration_cast<std::chrono::seconds>(
        std::chrono::system_clock::now().time_since_epoch());
    for (const auto& [name, value] :
         SignatureHeaders(s->second, unix_s.count(), body)) {
      lines.push_back(name + ": " + value);
    }
  }
  for (const std::string& line : lines) {
    headers = curl_slist_append(headers, line.c_str());
  }
  const std::string agent = "proofgate/" + std::string(kProofgateVersion);
  curl_easy_setopt(e, CURLOPT_URL, target.url.c_str());
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_PROXY, "");
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(e, CURLOPT_USERAGENT, agent.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(e, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, &GuardedSocket);
  curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, &target);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &IgnoreBody);
  const CURLcode rc = curl_easy_perform(e);
  long status = 0;
  curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(e);
  if (rc == CURLE_COULDNT_CONNECT && !target.allow_private) {
    return std::string(curl_easy_strerror(rc)) +
           " (or the address is private or loopback, which this webhook "
           "may not reach without allow_private)";
  }
  if (rc != CURLE_OK) return curl_easy_strerror(rc);
  if (status < 200 || status > 299) {
    return "the webhook answered HTTP " + std::to_string(status);
  }
  return "";
}

}  // namespace proofgate

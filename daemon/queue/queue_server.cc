#include "daemon/queue/queue_server.h"

#include "daemon/files/durable_file.h"
#include "daemon/queue/decision.h"

namespace proofgate {

namespace {

// The queue index rows of daemon `node` made to match its review/ (a
// ledger from before the index; decisions or removals made while the
// ledger was out of reach). Logs what it did.
void SyncQueueIndex(const Spool& spool, DecisionLedger& ledger,
                    const std::string& node, spdlog::logger& log) {
  const std::vector<QueueDraft> drafts = ReviewDrafts(spool, node);
  std::vector<QueueIndexRow> rows;
  rows.reserve(drafts.size());
  for (const QueueDraft& d : drafts) {
    rows.push_back({d.item, QueueRecordText(d.record), d.bytes});
  }
  if (const Status synced = ledger.SyncQueue(node, rows); !synced) {
    log.error("the queue index could not be filled from review/ ({})",
              synced.error());
    return;
  }
  log.info("queue index: {} drafts of node {} waiting in review/", rows.size(),
           node);
}

}  // namespace

QueueServer::QueueServer(boost::asio::io_context& io, const Spool& spool,
                         QueueSite::PathBusy busy,
                         std::shared_ptr<spdlog::logger> log)
    : io_(io), spool_(spool), busy_(std::move(busy)), log_(std::move(log)) {}

QueueServer::~QueueServer() { Stop(); }

Status QueueServer::Start(const Settings& settings) {
  Expected<std::unique_ptr<DecisionLedger>> opened =
      OpenDecisionLedger(settings.ledger);
  if (!opened) {
    return Unexpected("cannot open the ledger for decisions: " +
                      opened.error());
  }
  ledger_ = std::move(*opened);
  ledger_->SetNotify(settings.notify, settings.notify_enqueued);
  if (const int n = FinishDecisions(spool_, ledger_.get(), *log_); n > 0) {
    log_->info("finished {} decisions interrupted by a stop", n);
  }
  SyncQueueIndex(spool_, *ledger_, settings.node, *log_);
  node_ = settings.node;
  if (settings.ledger.postgres()) {
    Expected<std::unique_ptr<PendingDecisions>> pending =
        OpenPendingDecisions(settings.ledger);
    if (!pending) {
      return Unexpected("cannot open the ledger for pending decisions: " +
                        pending.error());
    }
    pending_ = std::move(*pending);
  }
  if (settings.listen.empty()) {
    MakeSite(settings, "");  // for ApplyPendingDecisions()
    return {};
  }

  const auto endpoint = ParseListenAddress(settings.listen);
  if (!endpoint) {
    return Unexpected(
        "http.listen '" + settings.listen +
        "' is not HOST:PORT with an IP address (e.g. 127.0.0.1:8686)");
  }
  std::string token;
  if (!settings.token_file.empty()) {
    if (!ReadSecretFile(settings.token_file, token)) {
      return Unexpected("cannot read the auth token file " +
                        settings.token_file.string());
    }
    if (token.empty()) {
      return Unexpected("the auth token file " + settings.token_file.string() +
                        " is empty");
    }
  }
  if (!endpoint->address().is_loopback() && token.empty()) {
    return Unexpected(
        "http.listen " + settings.listen +
        " is not a loopback address: set http.token_file to a file "
        "holding the token every request must carry");
  }
  MakeSite(settings, std::move(token));
  http_ = std::make_unique<HttpServer>(
      io_, [this](const HttpRequest& r) { return site_->Handle(r); }, log_);
  const size_t max = std::max(settings.max_submission_bytes, kMaxBodyBytes);
  http_->SetBodyLimit(
      [max](const std::string& method, const std::string& target) {
        const bool submission =
            method == "POST" && (target == "/api/submissions" ||
                                 target.starts_with("/api/submissions?"));
        return submission ? max : kMaxBodyBytes;
      },
      max);
  if (const Status started = http_->Start(*endpoint); !started) {
    return Unexpected("cannot serve HTTP on " + settings.listen + ": " +
                      started.error());
  }
  const auto bound = http_->local_endpoint();
  const std::string host = bound.address().is_v6()
                               ? "[" + bound.address().to_string() + "]"
                               : bound.address().to_string();
  url_ = "http://" + host + ":" + std::to_string(bound.port()) + "/";
  return {};
}

void QueueServer::MakeSite(const Settings& settings, std::string token) {
  site_ = std::make_unique<QueueSite>(
      spool_, ledger_.get(),
      QueueSite::Access{std::move(token), settings.allowed_hosts}, busy_, log_);
  site_->SetReview(settings.sla, settings.ledger, settings.rule_ids);
  site_->SetSubmissions(settings.submissions, settings.new_id);
  site_->SetNode(settings.node);
  site_->SetExport(settings.exporter);
  site_->SetPendingDecisions(pending_.get());
}

int QueueServer::ApplyPendingDecisions() {
  if (!pending_ || !site_) return 0;
  const WallTime now = std::chrono::system_clock::now();
  Expected<int> marked = pending_->ApplyPending(
      node_,
      [&](const PendingDecision& d) {
        PendingResult result = site_->ApplyPending(d, now);
        log_->info("{}: decision {} by {} (taken through node {}): {} ({})",
                   d.path, d.decision, d.editor, d.made_on,
                   result.kind == PendingResult::Kind::kRetry
                       ? "left pending"
                       : PendingStatusOf(result.kind),
                   result.message);
        return result;
      },
      Rfc3339Utc(now), kPendingPerRound);
  if (!marked) {
    log_->error("pending decisions cannot be read: {}", marked.error());
    return 0;
  }
  return *marked;
}

void QueueServer::SetNotify(NotifySettings settings,
                            std::function<void()> enqueued) {
  if (ledger_) ledger_->SetNotify(std::move(settings), std::move(enqueued));
}

void QueueServer::Stop() {
  if (http_) http_->Stop();
}

}  // namespace proofgate

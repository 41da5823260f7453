#include "daemon/queue/queue_site.h"

#include <random>

#include "daemon/http/request_origin.h"
#include "daemon/http/url_form.h"
#include "daemon/queue/decision.h"
#include "daemon/queue/metrics.h"
#include "daemon/queue/queue_page.h"
#include "daemon/queue/queue_view.h"
#include "daemon/text/percent_encode.h"

namespace proofgate {

namespace http = boost::beast::http;
using nlohmann::json;

namespace {

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kJson = "application/json";

std::string RandomToken() {
  std::random_device device;  // /dev/urandom on Linux
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 8; ++i) {
    uint32_t word = device();
    for (int j = 0; j < 8; ++j) {
      token += kHex[word & 15];
      word >>= 4;
    }
  }
  return token;
}

HttpResponse Respond(const HttpRequest& request, http::status status,
                     std::string_view type, std::string body) {
  HttpResponse res(status, request.version());
  res.set(http::field::server, "proofgate");
  res.set(http::field::content_type,
          boost::beast::string_view(type.data(), type.size()));
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  // Not "no-referrer": with it, browsers send "Origin: null" on form
  // posts, which the same-origin check below refuses.
  res.set("Referrer-Policy", "same-origin");
  // Only the daemon's own script and styles; nothing inline runs, so a
  // <script> that escaped escaping still would not.
  res.set("Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; "
          "connect-src 'self'; img-src 'self'; form-action 'self'; "
          "frame-ancestors 'none'; base-uri 'none'");
  res.keep_alive(request.keep_alive());
  res.body() = std::move(body);
  res.prepare_payload();
  return res;
}

HttpResponse Json(const HttpRequest& request, http::status status,
                  const json& body) {
  return Respond(
      request, status, kJson,
      body.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

HttpResponse JsonError(const HttpRequest& request, http::status status,
                       const std::string& message) {
  return Json(request, status, {{"error", message}});
}

http::status StatusOf(DecisionOutcome::Status s) {
  switch (s) {
    case DecisionOutcome::Status::kApplied:
      return http::status::ok;
    case DecisionOutcome::Status::kInvalid:
      return http::status::bad_request;
    case DecisionOutcome::Status::kNotFound:
    case DecisionOutcome::Status::kStale:
      return http::status::conflict;
    case DecisionOutcome::Status::kError:
      break;
  }
  return http::status::internal_server_error;
}

QueueFilter FilterOf(const std::map<std::string, std::string>& query) {
  QueueFilter f;
  auto get = [&](const char* key) {
    auto it = query.find(key);
    return it == query.end() ? std::string() : it->second;
  };
  f.rule = get("rule");
  f.verdict = get("verdict");
  f.folder = get("folder");
  while (!f.folder.empty() && f.folder.back() == '/') f.folder.pop_back();
  return f;
}

json HistoryJson(const std::vector<SubmissionHistoryRow>& rows) {
  json out = json::array();
  for (const auto& h : rows) {
    json row = {{"submission", h.submission},
                {"submitted", h.submitted_at},
                {"verdict", h.verdict},
                {"area", h.area},
                {"sha256", h.sha256}};
    if (!h.decision.empty()) {
      row["decision"] = {
          {"decision", h.decision}, {"editor", h.editor}, {"reason", h.reason}};
    }
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

QueueSite::QueueSite(const Spool& spool, DecisionLedger* ledger, Access access,
                     PathBusy busy, std::shared_ptr<spdlog::logger> log)
    : spool_(spool),
      ledger_(ledger),
      access_(std::move(access)),
      csrf_(RandomToken()),
      busy_(std::move(busy)),
      log_(std::move(log)) {}

HttpResponse QueueSite::Handle(const HttpRequest& request) {
  try {
    return Route(request);
  } catch (const std::exception& e) {
    log_->error("http: {} {}: {}", std::string(request.method_string()),
                std::string(request.target()), e.what());
    return Respond(request, http::status::internal_server_error,
                   "text/plain; charset=utf-8",
                   "internal error; see the daemon's log\n");
  }
}

HttpResponse QueueSite::Route(const HttpRequest& request) {
  const std::string target(request.target());
  const size_t qmark = target.find('?');
  const std::optional<std::string> path_decoded =
      PercentDecode(target.substr(0, qmark), /*plus_is_space=*/false);
  const auto query = ParseFormFields(
      qmark == std::string::npos ? ""
                                 : std::string_view(target).substr(qmark + 1));
  if (!path_decoded || path_decoded->empty() || path_decoded->front() != '/') {
    return Respond(request, http::status::bad_request,
                   "text/plain; charset=utf-8", "bad request target\n");
  }
  const std::string& path = *path_decoded;
  const bool get = request.method() == http::verb::get ||
                   request.method() == http::verb::head;
  const bool post = request.method() == http::verb::post;

  if (path == "/healthz") {
    return Respond(request, http::status::ok, "text/plain; charset=utf-8",
                   "ok\n");
  }

  // Only the host names the daemon serves (DNS rebinding).
  const std::string host = RequestHeader(request, "Host");
  const std::string& token = access_.token;
  if (!HostAllowed(host, access_.allowed_hosts, !token.empty())) {
    return Respond(
        request, http::status::misdirected_request, "text/plain; charset=utf-8",
        "this daemon does not serve the host name in the request (Host: " +
            host +
            "): open it as http://localhost:PORT/ or "
            "http://127.0.0.1:PORT/, or list the name in http.allowed_hosts "
            "(see the README, \"Security\")\n");
  }

  // Auth, when a token is configured.
  if (!token.empty()) {
    std::string given = RequestCookie(request, "proofgate_token");
    const std::string auth = RequestHeader(request, "Authorization");
    if (auth.rfind("Bearer ", 0) == 0) given = auth.substr(7);
    auto from_query = query.find("token");
    if (get && from_query != query.end() &&
        ConstantTimeEquals(from_query->second, token)) {
      // A browser's first visit: keep the token in a cookie, and drop it
      // from the address bar and history.
      HttpResponse res = Respond(request, http::status::see_other,
                                 "text/plain; charset=utf-8", "");
      // The raw (still encoded) path: it cannot hold a line break.
      res.set(http::field::location, target.substr(0, qmark));
      res.set(
          http::field::set_cookie,
          "proofgate_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
      return res;
    }
    if (!ConstantTimeEquals(given, token)) {
      HttpResponse res = Respond(
          request, http::status::unauthorized, "text/plain; charset=utf-8",
          "an auth token is required: send \"Authorization: Bearer <token>\" "
          "or open the page once with ?token=<token>\n");
      res.set(http::field::www_authenticate, "Bearer realm=\"proofgate\"");
      return res;
    }
  }

  // Requests from pages of another origin (a browser says so in Origin)
  // never reach the queue.
  const std::string origin = RequestHeader(request, "Origin");
  if (!origin.empty() && !SameOrigin(origin, host)) {
    return Respond(request, http::status::forbidden,
                   "text/plain; charset=utf-8",
                   "cross-origin request refused\n");
  }

  const WallTime now = std::chrono::system_clock::now();
  if (get && path == "/") {
    const QueueFilter filter = FilterOf(query);
    // After a decision, the form redirects here with its submission id;
    // the notice says what the ledger holds for that id, so a link cannot
    // make the page announce anything that did not happen.
    std::string notice;
    if (auto d = query.find("decided");
        d != query.end() && IsSubmissionId(d->second) && ledger_) {
      if (std::optional<DecisionRow> row = ledger_->Decision(d->second)) {
        const bool approved = row->decision == "approve";
        notice = "Decision applied: " + row->path +
                 (approved ? " approved" : " returned") + " by " + row->editor +
                 "; moved to " + (approved ? "ready" : kReturnedArea) + "/.";
      }
    }
    return Respond(
        request, http::status::ok, kHtml,
        QueuePageHtml(ListQueue(spool_, filter), filter, notice, now));
  }
  if (get && path == "/assets/queue.css") {
    return Respond(request, http::status::ok, "text/css; charset=utf-8",
                   QueueCss());
  }
  if (get && path == "/favicon.ico") {
    // Browsers ask for it on every page; there is none.
    return Respond(request, http::status::no_content, "image/x-icon", "");
  }
  if (get && path == "/assets/queue.js") {
    return Respond(request, http::status::ok, "text/javascript; charset=utf-8",
                   std::string(QueueScript()));
  }
  if (get && path == "/metrics") {
    const LedgerCounts counts = ledger_ ? ledger_->Counts() : LedgerCounts{};
    return Respond(request, http::status::ok,
                   "text/plain; version=0.0.4; charset=utf-8",
                   MetricsText(counts, ListQueue(spool_), now));
  }
  if (get && path == "/api/queue") {
    json items = json::array();
    for (const QueueItem& item : ListQueue(spool_, FilterOf(query))) {
      items.push_back(QueueItemJson(item, now));
    }
    return Json(request, http::status::ok,
                {{"items", std::move(items)}, {"csrf_token", csrf_}});
  }

  // /drafts/<id>[/decision] and /api/drafts/<id>[/decision]
  const bool api = path.rfind("/api/drafts/", 0) == 0;
  if (!api && path.rfind("/drafts/", 0) != 0) {
    return Respond(request, http::status::not_found,
                   "text/plain; charset=utf-8", "not found\n");
  }
  std::string rest = path.substr(api ? 12 : 8);
  bool decision = false;
  if (const size_t slash = rest.find('/'); slash != std::string::npos) {
    if (rest.substr(slash) != "/decision") rest.clear();
    rest.resize(std::min(rest.size(), slash));
    decision = true;
  }
  const std::string id = rest;
  if (!IsSubmissionId(id)) {
    return api ? JsonError(request, http::status::not_found,
                           "not a draft id: ids are submission ids as "
                           "listed by /api/queue")
               : Respond(request, http::status::not_found, kHtml,
                         MessagePageHtml("Not found",
                                         "No such draft. Draft ids are the "
                                         "ones the queue links to."));
  }

  if (!decision) {
    if (!get) {
      return Respond(request, http::status::method_not_allowed,
                     "text/plain; charset=utf-8", "use GET\n");
    }
    std::optional<QueueDraft> draft = FindQueueDraft(spool_, id);
    if (!draft) {
      const std::string message =
          "No draft with id " + id +
          " is waiting in review/: it was decided, resubmitted or removed.";
      return api ? JsonError(request, http::status::not_found, message)
                 : Respond(request, http::status::not_found, kHtml,
                           MessagePageHtml("Not in the queue", message));
    }
    const auto history = ledger_ ? ledger_->History(draft->item.path)
                                 : std::vector<SubmissionHistoryRow>{};
    if (!api) {
      return Respond(request, http::status::ok, kHtml,
                     DraftPageHtml(*draft, history, csrf_, ""));
    }
    return Json(request, http::status::ok,
                {{"item", QueueItemJson(draft->item, now)},
                 {"record", draft->record},
                 {"text", draft->bytes},
                 {"history", HistoryJson(history)}});
  }

  // A decision.
  if (!post) {
    return Respond(request, http::status::method_not_allowed,
                   "text/plain; charset=utf-8", "decisions are POSTed\n");
  }
  DecisionRequest d;
  d.id = id;
  std::string csrf;
  if (api) {
    csrf = RequestHeader(request, "X-CSRF-Token");
    const json body = json::parse(request.body(), nullptr, false);
    if (!body.is_object()) {
      return JsonError(request, http::status::bad_request,
                       "the body must be a JSON object {\"decision\", "
                       "\"reason\", \"editor\", \"sha256\"}");
    }
    auto field = [&](const char* key) {
      return body.contains(key) && body[key].is_string()
                 ? body[key].get<std::string>()
                 : std::string();
    };
    d.decision = field("decision");
    d.reason = field("reason");
    d.editor = field("editor");
    d.sha256 = field("sha256");
  } else {
    auto fields = ParseFormFields(request.body());
    csrf = fields["csrf"];
    d.decision = fields["decision"];
    d.reason = fields["reason"];
    d.editor = fields["editor"];
    d.sha256 = fields["sha256"];
  }
  if (!ConstantTimeEquals(csrf, csrf_)) {
    const std::string message =
        "the CSRF token is missing or wrong: decide from the queue's page, or "
        "send the csrf_token of GET /api/queue as X-CSRF-Token";
    return api ? JsonError(request, http::status::forbidden, message)
               : Respond(request, http::status::forbidden, kHtml,
                         MessagePageHtml("Refused", message));
  }

  DecisionOutcome outcome;
  std::optional<QueueDraft> current = FindQueueDraft(spool_, id);
  if (current && busy_ && busy_(current->item.path)) {
    outcome.status = DecisionOutcome::Status::kStale;
    outcome.path = current->item.path;
    outcome.message = current->item.path +
                      ": a new version is being verified right now; nothing "
                      "was changed: reload and decide on the new version";
  } else {
    outcome = ApplyDecision(spool_, ledger_, d, now, *log_);
  }
  const http::status status = StatusOf(outcome.status);
  if (api) {
    if (outcome.status != DecisionOutcome::Status::kApplied) {
      return JsonError(request, status, outcome.message);
    }
    return Json(request, status,
                {{"status", "applied"},
                 {"path", outcome.path},
                 {"area", outcome.area},
                 {"message", outcome.message},
                 {"decision", outcome.record["decision"]}});
  }
  if (outcome.status == DecisionOutcome::Status::kApplied) {
    HttpResponse res = Respond(request, http::status::see_other,
                               "text/plain; charset=utf-8", "");
    res.set(http::field::location, "/?decided=" + PercentEncodeComponent(id));
    return res;
  }
  if (outcome.status == DecisionOutcome::Status::kInvalid && current) {
    const auto history = ledger_ ? ledger_->History(current->item.path)
                                 : std::vector<SubmissionHistoryRow>{};
    return Respond(request, status, kHtml,
                   DraftPageHtml(*current, history, csrf_, outcome.message));
  }
  return Respond(request, status, kHtml,
                 MessagePageHtml("Decision refused", outcome.message));
}

}  // namespace proofgate

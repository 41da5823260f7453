#include "daemon/queue/queue_site.h"

#include <charconv>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>

#include "daemon/files/durable_file.h"
#include "daemon/http/request_origin.h"
#include "daemon/http/url_form.h"
#include "daemon/queue/metrics.h"
#include "daemon/queue/queue_page.h"
#include "daemon/queue/submission_api.h"
#include "daemon/review/review_report.h"
#include "daemon/review/review_report_html.h"
#include "daemon/text/percent_encode.h"
#include "daemon/text/verdict_text.h"

namespace proofgate {

namespace http = boost::beast::http;
using nlohmann::json;

namespace {

constexpr std::string_view kHtml = "text/html; charset=utf-8";
constexpr std::string_view kJson = "application/json";
constexpr std::string_view kText = "text/plain; charset=utf-8";

// Stands for one path segment in an endpoint's path: a submission id.
constexpr std::string_view kIdSlot = "{id}";

constexpr std::string_view kCsrfRefused =
    "the CSRF token is missing or wrong: decide from the queue's page, or "
    "send the csrf_token of GET /api/queue as X-CSRF-Token";

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

HttpResponse Text(const HttpRequest& request, http::status status,
                  std::string body) {
  return Respond(request, status, kText, std::move(body));
}

HttpResponse Json(const HttpRequest& request, http::status status,
                  const json& body) {
  return Respond(
      request, status, kJson,
      body.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

HttpResponse JsonError(const HttpRequest& request, http::status status,
                       std::string_view message) {
  return Json(request, status, {{"error", message}});
}

// A refusal or error in the form the endpoint answers in: JSON
// {"error": message}, or a short page titled `title`.
HttpResponse Refusal(const HttpRequest& request, bool api, http::status status,
                     std::string_view title, std::string_view message) {
  return api ? JsonError(request, status, message)
             : Respond(request, status, kHtml, MessagePageHtml(title, message));
}

// 404 for a path under /drafts/ or /api/drafts/ that names no draft id.
HttpResponse NoSuchDraft(const HttpRequest& request, bool api) {
  return Refusal(request, api, http::status::not_found, "Not found",
                 api ? "not a draft id: ids are submission ids as listed by "
                       "/api/queue"
                     : "No such draft. Draft ids are the ones the queue "
                       "links to.");
}

// The message for a draft id that names no draft version the daemon
// can find.
std::string NotKnown(const std::string& id) {
  return "No draft with id " + id +
         " is known: not in review/, ready/, returned/ nor history/ (or it "
         "was removed).";
}

// 503 with Retry-After: the ledger failed; the client retries later. The
// database's own message (host, user, SQL) goes to the log, not the client.
HttpResponse LedgerUnavailable(const HttpRequest& request) {
  HttpResponse res =
      JsonError(request, http::status::service_unavailable,
                "the ledger is unavailable, nothing was stored; retry later");
  // 5 s: a restarting PostgreSQL is back within seconds.
  res.set(http::field::retry_after, "5");
  return res;
}

// How many decisions /decisions lists: a week of a busy queue's
// decisions fits, and the page stays small.
constexpr int kRecentDecisions = 200;

// The most items one /api/queue page lists: 1,000 items are about 0.6 MB
// of JSON, a page a client reads in one go.
constexpr size_t kMaxQueuePage = 1000;

http::status StatusOf(DecisionOutcome::Status s) {
  switch (s) {
    case DecisionOutcome::Status::kApplied:
      return http::status::ok;
    case DecisionOutcome::Status::kInvalid:
      return http::status::bad_request;
    case DecisionOutcome::Status::kNotFound:
    case DecisionOutcome::Status::kStale:
      return http::status::conflict;
    case DecisionOutcome::Status::kPending:
      return http::status::accepted;
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
  f.reviewer = get("reviewer");
  f.node = get("node");
  while (!f.folder.empty() && f.folder.back() == '/') f.folder.pop_back();
  return f;
}

// The window of /api/queue's `offset` and `limit` in `query` (both
// optional: every item from the first without them): decimal, offset >= 0,
// limit 1..kMaxQueuePage; anything else is an error naming the parameter.
Expected<QueueWindow> QueueWindowOf(
    const std::map<std::string, std::string>& query) {
  QueueWindow window;
  auto number = [&](const char* key, size_t low, size_t high,
                    size_t& out) -> bool {
    auto it = query.find(key);
    if (it == query.end()) return true;
    const std::string& text = it->second;
    size_t value = 0;
    const auto [end, ec] =
        std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
        value < low || value > high) {
      return false;
    }
    out = value;
    return true;
  };
  if (!number("offset", 0, std::numeric_limits<uint32_t>::max(),
              window.offset)) {
    return Unexpected("offset= takes a whole number of items from 0");
  }
  if (!number("limit", 1, kMaxQueuePage, window.limit)) {
    return Unexpected("limit= takes a whole number of items from 1 to " +
                      std::to_string(kMaxQueuePage));
  }
  return window;
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

// The decision of a form body (x-www-form-urlencoded) on draft `id`;
// `csrf` gets the form's csrf field.
DecisionRequest FormDecision(std::string_view body, const std::string& id,
                             std::string& csrf) {
  auto fields = ParseFormFields(body);
  csrf = fields["csrf"];
  DecisionRequest d;
  d.id = id;
  d.decision = fields["decision"];
  d.reason = fields["reason"];
  d.editor = fields["editor"];
  d.sha256 = fields["sha256"];
  return d;
}

// The decision of a JSON body on draft `id` (fields that are not strings
// read as ""); nullopt when the body is not a JSON object.
std::optional<DecisionRequest> JsonDecision(std::string_view body,
                                            const std::string& id) {
  const json parsed = json::parse(body, nullptr, false);
  if (!parsed.is_object()) return std::nullopt;
  auto field = [&](const char* key) {
    return parsed.contains(key) && parsed[key].is_string()
               ? parsed[key].get<std::string>()
               : std::string();
  };
  DecisionRequest d;
  d.id = id;
  d.decision = field("decision");
  d.reason = field("reason");
  d.editor = field("editor");
  d.sha256 = field("sha256");
  return d;
}

// GET or HEAD: what a kGet endpoint answers.
bool IsGet(http::verb verb) {
  return verb == http::verb::get || verb == http::verb::head;
}

// Whether `path` fits endpoint path `pattern`. In a pattern with kIdSlot,
// the slot takes one path segment (no '/', possibly empty: the caller
// checks it is a submission id), which goes to `id`.
bool PathFits(std::string_view pattern, std::string_view path,
              std::string& id) {
  const size_t slot = pattern.find(kIdSlot);
  if (slot == std::string_view::npos) return pattern == path;
  const std::string_view head = pattern.substr(0, slot);
  const std::string_view tail = pattern.substr(slot + kIdSlot.size());
  if (path.size() < head.size() + tail.size() || !path.starts_with(head) ||
      !path.ends_with(tail)) {
    return false;
  }
  const std::string_view segment =
      path.substr(head.size(), path.size() - head.size() - tail.size());
  if (segment.find('/') != std::string_view::npos) return false;
  id = segment;
  return true;
}

}  // namespace

struct QueueSite::Call {
  const HttpRequest& request;
  std::string raw_path;   // the target's path as sent, still percent-encoded
  std::string path = "";  // decoded; starts with '/'
  std::map<std::string, std::string> query;  // decoded
  std::string id = "";  // what the endpoint's {id} took; "" when none
  WallTime now;         // when the request is answered
};

struct QueueSite::Endpoint {
  enum class Methods { kGet, kPost, kAny };  // kGet: GET and HEAD

  std::string_view path;  // exact, or with kIdSlot for a submission id
  std::string_view help;  // what it answers, in one line
  Handler handler;
  Methods methods = Methods::kGet;
  // The 405 body for other methods; "" when they get 404, as for a path
  // that is not there.
  std::string_view other_methods = "";
  bool api = false;   // answers refusals in JSON rather than HTML
  bool open = false;  // answered before the host, token and Origin checks

  bool TakesId() const { return path.find(kIdSlot) != std::string_view::npos; }

  bool Allows(http::verb verb) const {
    switch (methods) {
      case Methods::kGet:
        return IsGet(verb);
      case Methods::kPost:
        return verb == http::verb::post;
      case Methods::kAny:
        break;
    }
    return true;
  }
};

const std::vector<QueueSite::Endpoint>& QueueSite::Endpoints() {
  using M = Endpoint::Methods;
  static const std::vector<Endpoint> endpoints = {
      {.path = "/healthz",
       .help = "liveness: \"ok\", to any method, before the checks",
       .handler = &QueueSite::Health,
       .methods = M::kAny,
       .open = true},
      {.path = "/",
       .help = "the exception queue; ?rule= &verdict= &folder= &decided=",
       .handler = &QueueSite::QueuePage},
      {.path = "/assets/queue.css",
       .help = "the pages' styles",
       .handler = &QueueSite::StyleAsset},
      {.path = "/assets/report.css",
       .help = "the review report's styles",
       .handler = &QueueSite::ReportStyleAsset},
      {.path = "/favicon.ico",
       .help = "none: 204",
       .handler = &QueueSite::Favicon},
      {.path = "/assets/queue.js",
       .help = "the queue page's script: refreshes the table",
       .handler = &QueueSite::ScriptAsset},
      {.path = "/decisions",
       .help = "the latest decisions, newest first",
       .handler = &QueueSite::RecentDecisions},
      {.path = "/metrics",
       .help = "Prometheus text: the queue and the ledger's counts",
       .handler = &QueueSite::Metrics},
      {.path = "/report",
       .help = "the review report (HTML); ?since= &until= &folder=",
       .handler = &QueueSite::ReportPage},
      {.path = "/api/queue",
       .help = "the queue as JSON, and the CSRF token",
       .handler = &QueueSite::QueueApi},
      {.path = "/drafts/{id}",
       .help = "a draft's proof record, history and decision form (read-only "
               "once decided, ready or superseded)",
       .handler = &QueueSite::DraftPage,
       .other_methods = "use GET\n"},
      {.path = "/drafts/{id}/decision",
       .help = "the decision form's post",
       .handler = &QueueSite::DecisionForm,
       .methods = M::kPost,
       .other_methods = "decisions are POSTed\n"},
      {.path = "/api/drafts/{id}",
       .help = "a draft, its proof record and history as JSON",
       .handler = &QueueSite::DraftApi,
       .other_methods = "use GET\n",
       .api = true},
      {.path = "/api/drafts/{id}/decision",
       .help = "a decision as JSON, with X-CSRF-Token",
       .handler = &QueueSite::DecisionApi,
       .methods = M::kPost,
       .other_methods = "decisions are POSTed\n",
       .api = true},
      {.path = "/api/submissions",
       .help = "a draft's bytes to check and route; ?path= &author=",
       .handler = &QueueSite::SubmitApi,
       .methods = M::kPost,
       .other_methods = "submissions are POSTed\n",
       .api = true},
      {.path = "/api/submissions/{id}",
       .help = "an HTTP submission's state, verdict and proof record",
       .handler = &QueueSite::SubmissionApi,
       .other_methods = "use GET\n",
       .api = true},
      {.path = "/api/submissions/{id}/draft",
       .help = "an HTTP submission's draft, as sent",
       .handler = &QueueSite::SubmissionDraftApi,
       .other_methods = "use GET\n",
       .api = true},
  };
  return endpoints;
}

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
    return Dispatch(request);
  } catch (const std::exception& e) {
    log_->error("http: {} {}: {}", std::string(request.method_string()),
                std::string(request.target()), e.what());
    return Text(request, http::status::internal_server_error,
                "internal error; see the daemon's log\n");
  }
}

const QueueSite::Endpoint* QueueSite::Find(Call& call) {
  for (const Endpoint& e : Endpoints()) {
    if (PathFits(e.path, call.path, call.id)) return &e;
  }
  return nullptr;
}

HttpResponse QueueSite::NotFound(const Call& call) {
  // Under a draft path (/drafts/<id>/<not decision>): no such draft, as
  // for an id that is not one.
  for (const Endpoint& e : Endpoints()) {
    const size_t slot = e.path.find(kIdSlot);
    if (slot != std::string_view::npos &&
        call.path.starts_with(e.path.substr(0, slot))) {
      return NoSuchDraft(call.request, e.api);
    }
  }
  return Text(call.request, http::status::not_found, "not found\n");
}

HttpResponse QueueSite::Dispatch(const HttpRequest& request) {
  const std::string target(request.target());
  const size_t qmark = target.find('?');
  Call call{.request = request,
            .raw_path = target.substr(0, qmark),
            .query = ParseFormFields(
                qmark == std::string::npos
                    ? ""
                    : std::string_view(target).substr(qmark + 1)),
            .now = std::chrono::system_clock::now()};
  std::optional<std::string> path =
      PercentDecode(call.raw_path, /*plus_is_space=*/false);
  if (!path || path->empty() || path->front() != '/') {
    return Text(request, http::status::bad_request, "bad request target\n");
  }
  call.path = std::move(*path);

  const Endpoint* endpoint = Find(call);
  if (endpoint == nullptr || !endpoint->open) {
    if (std::optional<HttpResponse> refusal = Gate(call)) return *refusal;
  }
  if (endpoint == nullptr) return NotFound(call);
  if (endpoint->TakesId() && !IsSubmissionId(call.id)) {
    return NoSuchDraft(request, endpoint->api);
  }
  if (!endpoint->Allows(request.method())) {
    if (endpoint->other_methods.empty()) return NotFound(call);
    return Text(request, http::status::method_not_allowed,
                std::string(endpoint->other_methods));
  }
  return (this->*endpoint->handler)(call);
}

std::optional<HttpResponse> QueueSite::Gate(const Call& call) const {
  const HttpRequest& request = call.request;
  // Only the host names the daemon serves (DNS rebinding).
  const std::string host = RequestHeader(request, "Host");
  const std::string& token = access_.token;
  if (!HostAllowed(host, access_.allowed_hosts, !token.empty())) {
    return Text(
        request, http::status::misdirected_request,
        "this daemon does not serve the host name in the request (Host: " +
            host +
            "): open it as http://localhost:PORT/ or "
            "http://127.0.0.1:PORT/, or list the name in http.allowed_hosts "
            "(see the README, \"Security\")\n");
  }
  if (!token.empty()) {
    if (std::optional<HttpResponse> answer = TokenGate(call)) return answer;
  }
  // Requests from pages of another origin (a browser says so in Origin)
  // never reach the queue.
  const std::string origin = RequestHeader(request, "Origin");
  if (!origin.empty() && !SameOrigin(origin, host)) {
    return Text(request, http::status::forbidden,
                "cross-origin request refused\n");
  }
  return std::nullopt;
}

std::optional<HttpResponse> QueueSite::TokenGate(const Call& call) const {
  const HttpRequest& request = call.request;
  const std::string& token = access_.token;
  std::string given = RequestCookie(request, "proofgate_token");
  const std::string auth = RequestHeader(request, "Authorization");
  if (auth.rfind("Bearer ", 0) == 0) given = auth.substr(7);
  auto from_query = call.query.find("token");
  if (IsGet(request.method()) && from_query != call.query.end() &&
      ConstantTimeEquals(from_query->second, token)) {
    // A browser's first visit: keep the token in a cookie, and drop it
    // from the address bar and history.
    HttpResponse res = Text(request, http::status::see_other, "");
    // The raw (still encoded) path: it cannot hold a line break.
    res.set(http::field::location, call.raw_path);
    res.set(http::field::set_cookie,
            "proofgate_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    return res;
  }
  if (!ConstantTimeEquals(given, token)) {
    HttpResponse res = Text(
        request, http::status::unauthorized,
        "an auth token is required: send \"Authorization: Bearer <token>\" "
        "or open the page once with ?token=<token>\n");
    res.set(http::field::www_authenticate, "Bearer realm=\"proofgate\"");
    return res;
  }
  return std::nullopt;
}

HttpResponse QueueSite::Health(const Call& call) {
  return Text(call.request, http::status::ok, "ok\n");
}

HttpResponse QueueSite::QueuePage(const Call& call) {
  const QueueFilter filter = FilterOf(call.query);
  return Respond(
      call.request, http::status::ok, kHtml,
      QueuePageHtml(Items({}), filter, DecidedNotice(call), call.now, sla_));
}

std::string QueueSite::DecidedNotice(const Call& call) const {
  // After a decision, the form redirects to / with its submission id; the
  // notice says what the ledger holds for that id, so a link cannot make
  // the page announce anything that did not happen.
  auto d = call.query.find("decided");
  if (d == call.query.end() || !IsSubmissionId(d->second) || !ledger_) {
    return "";
  }
  std::optional<DecisionRow> row = ledger_->Decision(d->second);
  if (!row) return "";
  const bool approved = row->decision == "approve";
  return "Decision applied: " + row->path + " " +
         DecisionText(row->decision, row->editor, row->decided_at,
                      approved ? "ready" : kReturnedArea) +
         ".";
}

HttpResponse QueueSite::StyleAsset(const Call& call) {
  return Respond(call.request, http::status::ok, "text/css; charset=utf-8",
                 QueueCss());
}

HttpResponse QueueSite::ReportStyleAsset(const Call& call) {
  return Respond(call.request, http::status::ok, "text/css; charset=utf-8",
                 std::string(ReviewReportCss()));
}

HttpResponse QueueSite::ScriptAsset(const Call& call) {
  return Respond(call.request, http::status::ok,
                 "text/javascript; charset=utf-8", std::string(QueueScript()));
}

HttpResponse QueueSite::Favicon(const Call& call) {
  // Browsers ask for it on every page; there is none.
  return Respond(call.request, http::status::no_content, "image/x-icon", "");
}

HttpResponse QueueSite::Metrics(const Call& call) {
  const LedgerCounts counts = ledger_ ? ledger_->Counts() : LedgerCounts{};
  const std::optional<OutboxBacklog> backlog =
      ledger_ ? ledger_->Backlog() : std::nullopt;
  return Respond(call.request, http::status::ok,
                 "text/plain; version=0.0.4; charset=utf-8",
                 MetricsText(counts, Items({}), call.now, sla_, backlog));
}

HttpResponse QueueSite::ReportPage(const Call& call) {
  if (!review_ledger_.postgres() && review_ledger_.file.empty()) {
    return NotFound(call);
  }
  auto param = [&](const char* key, const char* fallback) {
    auto it = call.query.find(key);
    return it == call.query.end() ? std::string(fallback) : it->second;
  };
  ReportRequest request;
  request.now = call.now;
  const auto since = ParseReportTime(param("since", "7d"), call.now);
  const std::string until_text = param("until", "");
  const auto until = until_text.empty() ? std::optional(call.now)
                                        : ParseReportTime(until_text, call.now);
  if (!since || !until) {
    return Respond(call.request, http::status::bad_request, kHtml,
                   MessagePageHtml("Bad report window",
                                   "since= and until= take 24h, 7d, a date "
                                   "(2026-03-01) or an RFC 3339 UTC time."));
  }
  request.since = *since;
  request.until = *until;
  request.folder = param("folder", "");
  request.sla = sla_;
  if (rule_ids_) request.known_rules = rule_ids_();
  const Expected<ReviewReport> report =
      BuildReviewReport(review_ledger_, request);
  if (!report) {
    log_->error("/report: {}", report.error());
    return Respond(call.request, http::status::internal_server_error, kHtml,
                   MessagePageHtml("Report unavailable", report.error()));
  }
  return Respond(call.request, http::status::ok, kHtml,
                 ReviewReportHtml(*report, ReportStyle::kLinked));
}

HttpResponse QueueSite::QueueApi(const Call& call) {
  const Expected<QueueWindow> window = QueueWindowOf(call.query);
  if (!window) {
    return JsonError(call.request, http::status::bad_request, window.error());
  }
  const QueueListing page = Page(FilterOf(call.query), *window);
  json body = {{"csrf_token", csrf_}, {"total", page.total}};
  json& items = body["items"] = json::array();
  items.get_ref<json::array_t&>().reserve(page.items.size());
  for (const QueueItem& item : page.items) {
    items.push_back(QueueItemJson(item, call.now, sla_));
  }
  const size_t end = window->offset + page.items.size();
  if (!page.items.empty() && end < page.total) body["next_offset"] = end;
  return Json(call.request, http::status::ok, body);
}

std::vector<SubmissionHistoryRow> QueueSite::HistoryOf(
    const std::string& path) const {
  return ledger_ ? ledger_->History(path) : std::vector<SubmissionHistoryRow>{};
}

std::vector<QueueItem> QueueSite::Items(const QueueFilter& filter) const {
  return Page(filter, {}).items;
}

QueueListing QueueSite::Page(const QueueFilter& filter,
                             const QueueWindow& window) const {
  if (ledger_) {
    Expected<QueueListing> page = ledger_->QueueItems(filter, window);
    if (page) return std::move(*page);
    log_->error(
        "the queue index cannot be read ({}); listing this node's review/ "
        "instead",
        page.error());
  }
  return PageOf(ListQueue(spool_, filter, node_), window);
}

std::optional<QueueDraft> QueueSite::FindDraft(const std::string& id) const {
  if (ledger_ && IsSubmissionId(id)) {
    if (std::optional<QueueDraft> queued = ledger_->QueuedDraft(id)) {
      return queued;
    }
  }
  std::optional<QueueDraft> draft = FindQueueDraft(spool_, id);
  if (draft) draft->item.node = node_;
  if (draft || !ledger_) return draft;
  const std::string path = ledger_->PathOf(id);
  if (path.empty()) return std::nullopt;
  std::vector<std::string> later;
  for (const SubmissionHistoryRow& h : ledger_->History(path)) {
    later.push_back(h.submission);
  }
  return FindDraftVersion(spool_, id, path, later);
}

HttpResponse QueueSite::RecentDecisions(const Call& call) {
  return Respond(
      call.request, http::status::ok, kHtml,
      RecentDecisionsHtml(ledger_ ? ledger_->RecentDecisions(kRecentDecisions)
                                  : std::vector<DecisionRow>{}));
}

HttpResponse QueueSite::DraftPage(const Call& call) {
  std::optional<QueueDraft> draft = FindDraft(call.id);
  if (!draft) {
    return Refusal(call.request, /*api=*/false, http::status::not_found,
                   "No such draft", NotKnown(call.id));
  }
  return Respond(call.request, http::status::ok, kHtml,
                 DraftPageHtml(*draft, HistoryOf(draft->item.path), csrf_, ""));
}

HttpResponse QueueSite::DraftApi(const Call& call) {
  std::optional<QueueDraft> draft = FindDraft(call.id);
  if (!draft) {
    return JsonError(call.request, http::status::not_found, NotKnown(call.id));
  }
  return Json(call.request, http::status::ok,
              {{"item", QueueItemJson(draft->item, call.now)},
               {"area", draft->area},
               {"record", draft->record},
               {"text", draft->bytes},
               {"history", HistoryJson(HistoryOf(draft->item.path))}});
}

DecisionOutcome QueueSite::Decide(const DecisionRequest& decision, WallTime now,
                                  std::optional<QueueDraft>& current,
                                  bool may_relay) {
  current = FindQueueDraft(spool_, decision.id);
  if (current && busy_ && busy_(current->item.path)) {
    DecisionOutcome outcome;
    outcome.status = DecisionOutcome::Status::kStale;
    outcome.path = current->item.path;
    outcome.message = current->item.path +
                      ": a new version is being verified right now; nothing "
                      "was changed: reload and decide on the new version";
    return outcome;
  }
  if (!current && may_relay && pending_ != nullptr && ledger_ != nullptr) {
    // Waiting on another node: recorded here, applied there.
    std::optional<QueueDraft> held = ledger_->QueuedDraft(decision.id);
    if (held && held->item.node != node_) {
      return RecordPendingDecision(*pending_, decision, *held, node_, now);
    }
  }
  const DecisionOutcome outcome =
      ApplyDecision(spool_, ledger_, decision, now, *log_);
  ExportApproved(outcome, decision.id);
  return outcome;
}

void QueueSite::ExportApproved(const DecisionOutcome& outcome,
                               const std::string& submission) const {
  if (export_ == nullptr ||
      outcome.status != DecisionOutcome::Status::kApplied ||
      outcome.area != AreaName(Area::kReady)) {
    return;
  }
  try {
    std::string bytes;
    const std::filesystem::path draft =
        spool_.area(Area::kReady) / outcome.path;
    if (const Status read =
            ReadFileUpTo(draft, std::numeric_limits<size_t>::max(),
                         SymlinkPolicy::kRefuse, bytes);
        !read) {
      throw std::runtime_error("cannot read " + draft.string() + ": " +
                               read.error());
    }
    export_->Export(outcome.path, submission, bytes);
  } catch (const std::exception& e) {
    log_->error("{}: approved, not exported ({}); the next start exports it",
                outcome.path, e.what());
  }
}

PendingResult QueueSite::ApplyPending(const PendingDecision& pending,
                                      WallTime now) {
  const DecisionRequest request{pending.submission, pending.decision,
                                pending.reason, pending.editor, pending.sha256};
  const WallTime made = ParseRfc3339Utc(pending.made_at).value_or(now);
  std::optional<QueueDraft> current;
  // Never relayed again: the store is applying this very row (and a draft
  // the index now places on another node is refused below as not found).
  const DecisionOutcome outcome =
      Decide(request, made, current, /*may_relay=*/false);
  using Status = DecisionOutcome::Status;
  using Kind = PendingResult::Kind;
  if (current && busy_ && busy_(current->item.path)) {
    // This version being delivered, or a newer one verified: decided
    // again at the next poll (then applied, or refused as superseded).
    return {Kind::kRetry, outcome.message};
  }
  switch (outcome.status) {
    case Status::kApplied:
      return {Kind::kApplied, outcome.message};
    case Status::kError:
      return {Kind::kRetry, outcome.message};
    case Status::kNotFound:
      if (ledger_ != nullptr) {
        // Not delivered into review/ yet (an HTTP submission this node
        // routed): the queue index already lists it here.
        const std::optional<QueueDraft> queued =
            ledger_->QueuedDraft(request.id);
        if (queued && queued->item.node == node_) {
          return {Kind::kRetry,
                  "not in review/ yet; tried again at the next poll"};
        }
        // Applied before (a replay after a stop between the decision and
        // the row's mark): the ledger holds this very decision.
        const std::optional<DecisionRow> row = ledger_->Decision(request.id);
        if (row && row->decision == request.decision &&
            row->editor == request.editor && row->reason == request.reason) {
          return {Kind::kApplied,
                  "applied before: " + row->path + " " +
                      DecisionText(row->decision, row->editor, row->decided_at,
                                   row->decision == "approve" ? "ready"
                                                              : kReturnedArea)};
        }
      }
      break;
    default:
      break;
  }
  return {Kind::kRefused, outcome.message};
}

HttpResponse QueueSite::DecisionForm(const Call& call) {
  const HttpRequest& request = call.request;
  std::string csrf;
  const DecisionRequest decision = FormDecision(request.body(), call.id, csrf);
  if (!ConstantTimeEquals(csrf, csrf_)) {
    return Refusal(request, /*api=*/false, http::status::forbidden, "Refused",
                   kCsrfRefused);
  }
  std::optional<QueueDraft> current;
  const DecisionOutcome outcome = Decide(decision, call.now, current);
  const http::status status = StatusOf(outcome.status);
  if (outcome.status == DecisionOutcome::Status::kApplied) {
    HttpResponse res = Text(request, http::status::see_other, "");
    res.set(http::field::location,
            "/?decided=" + PercentEncodeComponent(call.id));
    return res;
  }
  if (outcome.status == DecisionOutcome::Status::kPending) {
    return Respond(request, status, kHtml,
                   MessagePageHtml("Decision recorded", outcome.message));
  }
  if (outcome.status == DecisionOutcome::Status::kInvalid && current) {
    return Respond(request, status, kHtml,
                   DraftPageHtml(*current, HistoryOf(current->item.path), csrf_,
                                 outcome.message));
  }
  return Respond(request, status, kHtml,
                 MessagePageHtml("Decision refused", outcome.message));
}

HttpResponse QueueSite::DecisionApi(const Call& call) {
  const HttpRequest& request = call.request;
  const std::string csrf = RequestHeader(request, "X-CSRF-Token");
  const std::optional<DecisionRequest> decision =
      JsonDecision(request.body(), call.id);
  if (!decision) {
    return JsonError(request, http::status::bad_request,
                     "the body must be a JSON object {\"decision\", "
                     "\"reason\", \"editor\", \"sha256\"}");
  }
  if (!ConstantTimeEquals(csrf, csrf_)) {
    return JsonError(request, http::status::forbidden, kCsrfRefused);
  }
  std::optional<QueueDraft> current;
  DecisionOutcome outcome = Decide(*decision, call.now, current);
  const http::status status = StatusOf(outcome.status);
  if (outcome.status == DecisionOutcome::Status::kPending) {
    return Json(request, status,
                {{"status", "pending"},
                 {"path", outcome.path},
                 {"node", outcome.node},
                 {"area", outcome.area},
                 {"message", outcome.message},
                 {"decision", outcome.record}});
  }
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

HttpResponse QueueSite::SubmitApi(const Call& call) {
  const HttpRequest& request = call.request;
  if (submissions_ == nullptr) return NotFound(call);
  Expected<SubmitRequest> submit = ReadSubmitRequest(request, call.query);
  if (!submit) {
    return JsonError(request,
                     IsContentTypeRefusal(submit.error())
                         ? http::status::unsupported_media_type
                         : http::status::bad_request,
                     submit.error());
  }
  const NewSubmission s{new_id_(call.now),       submit->path,
                        submit->author,          request.body(),
                        submit->idempotency_key, call.now};
  Expected<std::string, EnqueueError> id = submissions_->Enqueue(s);
  if (!id && id.error().key_reused) {
    return JsonError(request, http::status::unprocessable_entity,
                     id.error().message);
  }
  if (!id) {
    log_->error("POST /api/submissions: {}", id.error().message);
    return LedgerUnavailable(request);
  }
  std::string status = "pending";
  if (*id != s.id) {  // a retry with the same Idempotency-Key
    Expected<std::optional<QueuedSubmission>> earlier = submissions_->Get(*id);
    if (earlier && *earlier) status = (*earlier)->status;
  }
  HttpResponse res =
      Json(request, http::status::accepted, {{"id", *id}, {"status", status}});
  res.set(http::field::location, "/api/submissions/" + *id);
  return res;
}

Expected<QueuedSubmission, HttpResponse> QueueSite::FindSubmission(
    const Call& call) {
  if (submissions_ == nullptr) return Unexpected(NotFound(call));
  Expected<std::optional<QueuedSubmission>> found = submissions_->Get(call.id);
  if (!found) {
    log_->error("GET /api/submissions/{}: {}", call.id, found.error());
    return Unexpected(LedgerUnavailable(call.request));
  }
  if (!*found) {
    return Unexpected(JsonError(call.request, http::status::not_found,
                                "no submission with id " + call.id));
  }
  return std::move(**found);
}

HttpResponse QueueSite::SubmissionApi(const Call& call) {
  Expected<QueuedSubmission, HttpResponse> s = FindSubmission(call);
  if (!s) return s.error();
  std::optional<DecisionRow> decision;
  if (ledger_ != nullptr && s->status == "routed" && s->area == "review") {
    decision = ledger_->Decision(s->id);
  }
  return Json(call.request, http::status::ok, SubmissionJson(*s, decision));
}

HttpResponse QueueSite::SubmissionDraftApi(const Call& call) {
  Expected<QueuedSubmission, HttpResponse> s = FindSubmission(call);
  if (!s) return s.error();
  // The bytes as sent; served as a download, never rendered.
  HttpResponse res = Respond(call.request, http::status::ok,
                             "text/markdown; charset=utf-8", s->bytes);
  res.set(http::field::content_disposition, "attachment");
  return res;
}

}  // namespace proofgate

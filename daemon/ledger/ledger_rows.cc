#include "daemon/ledger/ledger_rows.h"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include "daemon/ledger/decision_ledger.h"

namespace proofgate {

namespace {

LedgerValue Text(const nlohmann::json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) {
    return j[key].get<std::string>();
  }
  return nullptr;
}

std::string TextOr(const LedgerValue& v) {
  const auto* s = std::get_if<std::string>(&v);
  return s ? *s : std::string();
}

const nlohmann::json& Member(const nlohmann::json& j, const char* key) {
  static const nlohmann::json kNull;
  return j.is_object() && j.contains(key) ? j[key] : kNull;
}

// Findings per rule, the reviewers findings name, and each check's
// seconds, from the record's checks.
void ReadChecks(const nlohmann::json& checks, SubmissionRows& rows) {
  if (!checks.is_array()) return;
  for (const nlohmann::json& check : checks) {
    if (!check.is_object()) continue;
    const nlohmann::json& findings = Member(check, "findings");
    const nlohmann::json& status_value = Member(check, "status");
    const std::string status =
        status_value.is_string() ? status_value.get<std::string>() : "";
    for (const nlohmann::json& f :
         findings.is_array() ? findings : nlohmann::json::array()) {
      if (!f.is_object()) continue;
      if (f.contains("rule") && f["rule"].is_string()) {
        const std::string& rule = f["rule"].get_ref<const std::string&>();
        ++rows.findings_by_rule[rule];
        rows.holding_by_rule[rule] += FindingHeldItsDraft(f, status);
      }
      if (f.contains("reviewer") && f["reviewer"].is_string() &&
          !f["reviewer"].get_ref<const std::string&>().empty()) {
        rows.reviewers.insert(f["reviewer"].get<std::string>());
      }
    }
    if (check.contains("duration_ms") && check["duration_ms"].is_number() &&
        check.contains("name") && check["name"].is_string()) {
      rows.check_seconds.emplace_back(
          check["name"].get<std::string>(),
          check["duration_ms"].get<double>() / 1000.0);
    }
  }
}

// A JSON array of strings as text (read back with DecisionRulesOf).
std::string ListText(const std::vector<std::string>& list) {
  return nlohmann::json(list).dump(-1, ' ', false,
                                   nlohmann::json::error_handler_t::replace);
}

// `text` as PostgreSQL's TEXT takes it: invalid UTF-8 replaced (by
// nlohmann-json's U+FFFD), NUL bytes dropped.
std::string CleanText(const std::string& text) {
  std::string clean =
      nlohmann::json::parse(
          nlohmann::json(text).dump(-1, ' ', false,
                                    nlohmann::json::error_handler_t::replace))
          .get<std::string>();
  std::erase(clean, '\0');
  return clean;
}

int IntOf(const std::string& text) {
  int n = 0;
  std::from_chars(text.data(), text.data() + text.size(), n);
  return n;
}

}  // namespace

long long HoldingOf(const SubmissionRows& rows, const std::string& rule) {
  const auto it = rows.holding_by_rule.find(rule);
  return it == rows.holding_by_rule.end() ? 0 : it->second;
}

std::string QueueRecordText(const nlohmann::json& record) {
  return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<LedgerValue> QueueIndexValues(const QueueIndexRow& row) {
  const QueueItem& i = row.item;
  return {i.id,
          i.path,
          i.folder,
          i.node,
          i.verdict,
          Rfc3339Utc(i.routed),
          CleanText(i.title),
          CleanText(i.author),
          i.sha256,
          ListText(i.rules),
          ListText(i.blocking_rules),
          ListText(i.reviewers),
          CleanText(i.owner),
          CleanText(i.owner_contact),
          static_cast<long long>(i.errors),
          static_cast<long long>(i.warnings),
          static_cast<long long>(i.infos)};
}

QueueItem QueueItemOfIndex(const std::function<std::string(int)>& cell) {
  QueueItem i;
  i.id = cell(0);
  i.path = cell(1);
  i.folder = cell(2);
  i.node = cell(3);
  i.verdict = cell(4);
  i.routed = ParseRfc3339Utc(cell(5)).value_or(WallTime{});
  i.title = cell(6);
  i.author = cell(7);
  i.sha256 = cell(8);
  i.rules = DecisionRulesOf(cell(9));
  i.blocking_rules = DecisionRulesOf(cell(10));
  i.reviewers = DecisionRulesOf(cell(11));
  i.owner = cell(12);
  i.owner_contact = cell(13);
  i.errors = IntOf(cell(14));
  i.warnings = IntOf(cell(15));
  i.infos = IntOf(cell(16));
  return i;
}

namespace {

// " WHERE node = $1 AND verdict = $2" for the filter's node and verdict
// (either, both or "" when neither), their values appended to `params`.
std::string QueueWhereSql(const QueueFilter& filter, char mark,
                          std::vector<std::string>& params) {
  std::string sql;
  const char* joint = " WHERE ";
  for (const auto& [column, value] :
       {std::pair{"node", &filter.node}, {"verdict", &filter.verdict}}) {
    if (value->empty()) continue;
    params.push_back(*value);
    sql += std::string(joint) + column + " = " + mark +
           std::to_string(params.size());
    joint = " AND ";
  }
  return sql;
}

}  // namespace

std::string QueueListSql(const QueueFilter& filter, char mark,
                         std::vector<std::string>& params,
                         const QueueWindow* window) {
  std::string sql = std::string("SELECT ") + kQueueItemColumns +
                    " FROM review_queue" + QueueWhereSql(filter, mark, params) +
                    " ORDER BY routed_at, path, submission";
  if (window == nullptr) return sql;
  // Both dialects take LIMIT before OFFSET; a limit past any count
  // (SIZE_MAX) means none.
  if (window->limit != QueueWindow{}.limit) {
    sql += " LIMIT " + std::to_string(window->limit);
  } else if (window->offset > 0) {
    sql += mark == '?' ? " LIMIT -1" : " LIMIT ALL";
  }
  if (window->offset > 0) sql += " OFFSET " + std::to_string(window->offset);
  return sql;
}

std::string QueueCountSql(const QueueFilter& filter, char mark,
                          std::vector<std::string>& params) {
  return "SELECT count(*) FROM review_queue" +
         QueueWhereSql(filter, mark, params);
}

std::string QueueDraftSql(char mark) {
  return std::string("SELECT ") + kQueueItemColumns +
         ", record, draft FROM review_queue JOIN review_queue_drafts "
         "USING(submission) WHERE submission = " +
         mark + "1";
}

QueueDraft QueueDraftOfIndex(QueueItem item, const std::string& record,
                             std::string bytes) {
  QueueDraft draft;
  draft.item = std::move(item);
  draft.record = nlohmann::json::parse(record, nullptr, false);
  if (draft.record.is_discarded()) draft.record = nullptr;
  draft.bytes = std::move(bytes);
  draft.area = "review";
  return draft;
}

bool SubmissionRows::Supersedes() const { return !TextOr(old_id).empty(); }

SubmissionRows SubmissionRowsOf(const nlohmann::json& record,
                                std::string_view bytes,
                                const std::string& node) {
  const nlohmann::json& draft = Member(record, "draft");
  const nlohmann::json& book = Member(record, "rulebook");
  const nlohmann::json& times = Member(record, "timestamps");
  const nlohmann::json& supersedes = Member(record, "supersedes");
  SubmissionRows rows;
  rows.id = Text(record, "submission");
  rows.path = Text(draft, "path");
  rows.sha256 = Text(draft, "sha256");
  rows.rulebook = Text(book, "name");
  rows.rulebook_version = Text(book, "version");
  rows.rulebook_sha256 = Text(book, "sha256");
  rows.verdict = Text(record, "verdict");
  rows.area = Text(record, "route");
  rows.submitted_at = Text(times, "submitted");
  rows.verified_at = Text(times, "verified");
  rows.routed_at = Text(times, "routed");
  const nlohmann::json& size = Member(draft, "size");
  if (size.is_number_integer()) rows.size = size.get<long long>();
  rows.old_id = Text(supersedes, "submission");
  rows.old_area = Text(supersedes, "area");
  if (!node.empty()) rows.node = node;
  ReadChecks(Member(record, "checks"), rows);
  if (TextOr(rows.area) == "review" && !TextOr(rows.id).empty()) {
    QueueIndexRow queued{QueueItemOf(TextOr(rows.path), record, bytes),
                         QueueRecordText(record), bytes};
    queued.item.node = node;
    rows.queued = std::move(queued);
  }
  return rows;
}

LedgerValue FirstSubmittedAt(const SubmissionRows& rows,
                             const std::optional<EarlierSubmission>& earlier) {
  const auto* own = std::get_if<std::string>(&rows.submitted_at);
  if (own == nullptr) return nullptr;
  if (!rows.Supersedes() || !earlier || earlier->area == "ready" ||
      earlier->first_submitted_at.empty()) {
    return *own;
  }
  return std::min(*own, earlier->first_submitted_at);
}

void AddSubmissionTotals(const SubmissionRows& rows, const LedgerValue& first,
                         TotalsDelta& delta) {
  const std::string verdict = TextOr(rows.verdict);
  const std::string area = TextOr(rows.area);
  const auto* first_at = std::get_if<std::string>(&first);
  std::optional<double> cycle;
  if (verdict == "pass" && area == "ready" && first_at != nullptr) {
    cycle = SecondsBetween(*first_at, TextOr(rows.routed_at));
  }
  delta.AddSubmission(verdict, area, rows.findings_by_rule, rows.check_seconds,
                      cycle);
}

std::optional<std::string> LedgerValueText(const LedgerValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<long long>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    return std::string(buf);
  }
  return std::nullopt;
}

}  // namespace proofgate

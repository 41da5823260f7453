#include "daemon/ledger/ledger_rows.h"

#include <algorithm>
#include <cstdio>

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
    for (const nlohmann::json& f :
         findings.is_array() ? findings : nlohmann::json::array()) {
      if (!f.is_object()) continue;
      if (f.contains("rule") && f["rule"].is_string()) {
        ++rows.findings_by_rule[f["rule"].get<std::string>()];
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

}  // namespace

bool SubmissionRows::Supersedes() const { return !TextOr(old_id).empty(); }

SubmissionRows SubmissionRowsOf(const nlohmann::json& record) {
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
  ReadChecks(Member(record, "checks"), rows);
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

#include "daemon/reports/report_json.h"

#include "daemon/drafts/finding_effect.h"
#include "daemon/drafts/finding_json.h"
#include "daemon/reports/report_summary.h"

namespace proofgate {

nlohmann::json RulebooksJson(const RulebookSet& rules) {
  nlohmann::json books = nlohmann::json::array();
  for (const auto& book : rules.rulebooks()) {
    books.push_back({{"name", book->name},
                     {"version", book->version},
                     {"file", book->file.generic_string()},
                     {"sha256", book->sha256},
                     {"owner", OwnerJson(book->owner)}});
  }
  return books;
}

nlohmann::json JsonReport(const RulebookSet& rules,
                          const std::vector<DraftResult>& results) {
  nlohmann::json drafts = nlohmann::json::array();
  for (const DraftResult& r : results) {
    nlohmann::json findings = nlohmann::json::array();
    for (const Finding& f : r.verification.findings) {
      findings.push_back(FindingJson(f));
    }
    drafts.push_back({{"path", r.path},
                      {"sha256", r.sha256},
                      {"rulebook", r.rulebook ? nlohmann::json(r.rulebook->name)
                                              : nlohmann::json(nullptr)},
                      {"verdict", VerdictName(r.verification.verdict)},
                      {"reviewers", ReviewersOf(r.verification.findings)},
                      {"findings", std::move(findings)}});
  }
  const Summary s = Summarize(results);
  return {
      {"version", 1},
      {"rulebooks", RulebooksJson(rules)},
      {"drafts", std::move(drafts)},
      {"summary", {{"pass", s.pass}, {"fail", s.fail}, {"review", s.review}}}};
}

}  // namespace proofgate

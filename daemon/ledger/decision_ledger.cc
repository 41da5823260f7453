#include "daemon/ledger/decision_ledger.h"

#include <nlohmann/json.hpp>

#include "daemon/ledger/sqlite_decision_ledger.h"

namespace proofgate {

std::vector<std::string> DecisionRulesOf(const std::string& column) {
  std::vector<std::string> rules;
  const nlohmann::json j = nlohmann::json::parse(column, nullptr, false);
  if (!j.is_array()) return rules;
  for (const nlohmann::json& r : j) {
    if (r.is_string()) rules.push_back(r.get<std::string>());
  }
  return rules;
}

void AddDecisionTotals(const DecisionRow& row, TotalsDelta& delta) {
  delta.AddDecision(row.decision, row.rules,
                    SecondsBetween(row.routed_at, row.decided_at),
                    SecondsBetween(row.first_submitted_at, row.decided_at));
}

Expected<std::unique_ptr<DecisionLedger>> DecisionLedger::OpenFile(
    const std::filesystem::path& file) {
  Expected<std::unique_ptr<SqliteDecisionLedger>> opened =
      SqliteDecisionLedger::OpenFile(file);
  if (!opened) return Unexpected(opened.error());
  return std::unique_ptr<DecisionLedger>(std::move(*opened));
}

}  // namespace proofgate

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

void DecisionLedger::SetNotify(NotifySettings settings,
                               std::function<void()> enqueued) {
  auto next = std::make_shared<const NotifySettings>(std::move(settings));
  std::lock_guard<std::mutex> lock(notify_mu_);
  notify_ = std::move(next);
  on_enqueued_ = std::move(enqueued);
}

std::shared_ptr<const NotifySettings> DecisionLedger::notify() const {
  std::lock_guard<std::mutex> lock(notify_mu_);
  return notify_;
}

void DecisionLedger::NotifyEnqueued() const {
  std::function<void()> wake;
  {
    std::lock_guard<std::mutex> lock(notify_mu_);
    wake = on_enqueued_;
  }
  if (wake) wake();
}

Expected<std::unique_ptr<DecisionLedger>> DecisionLedger::OpenFile(
    const std::filesystem::path& file) {
  Expected<std::unique_ptr<SqliteDecisionLedger>> opened =
      SqliteDecisionLedger::OpenFile(file);
  if (!opened) return Unexpected(opened.error());
  return std::unique_ptr<DecisionLedger>(std::move(*opened));
}

}  // namespace proofgate

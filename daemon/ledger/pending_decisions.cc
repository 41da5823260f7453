#include "daemon/ledger/pending_decisions.h"

#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/pg_pending_decisions.h"
#include "daemon/ledger/sqlite_pending_decisions.h"

namespace proofgate {

PendingResult ApplyGuarded(const PendingDecisions::Apply& apply,
                           const PendingDecision& d) {
  try {
    return apply(d);
  } catch (const std::exception& e) {
    return {PendingResult::Kind::kRetry,
            std::string("not applied: ") + e.what()};
  }
}

std::string PendingStatusOf(PendingResult::Kind kind) {
  switch (kind) {
    case PendingResult::Kind::kApplied:
      return "applied";
    case PendingResult::Kind::kRefused:
      return "refused";
    case PendingResult::Kind::kRetry:
      break;
  }
  return "";
}

PendingDecision PendingDecisionOf(const std::function<std::string(int)>& cell) {
  return PendingDecision{cell(0), cell(1), cell(2),  cell(3),
                         cell(4), cell(5), cell(6),  cell(7),
                         cell(8), cell(9), cell(10), cell(11)};
}

Expected<std::unique_ptr<PendingDecisions>> OpenPendingDecisions(
    const LedgerLocation& where) {
  if (where.postgres()) {
    auto opened = PgPendingDecisions::Open(where.uri, where.password);
    if (!opened) return Unexpected(opened.error());
    return std::unique_ptr<PendingDecisions>(std::move(*opened));
  }
  auto opened = SqlitePendingDecisions::OpenFile(where.file);
  if (!opened) return Unexpected(opened.error());
  return std::unique_ptr<PendingDecisions>(std::move(*opened));
}

}  // namespace proofgate

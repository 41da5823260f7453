// QueueView: the exception queue as the editor sees it: every draft in
// review/ with its proof record (review/R and review/R.proof.json), oldest
// first. The daemon reads it from the ledger's queue index
// (daemon/ledger/decision_ledger.h, THE QUEUE INDEX); the functions here
// read the spool, for the index's sync, for the versions a page shows
// after they left review/, and for a daemon without a ledger.
//
// A queue item's id is the submission id of its proof record (see
// Spool::NewSubmissionId: digits and '-' only). It names one version of one
// draft: a resubmission gets a new id, so a page or a decision made on an
// old id finds nothing rather than the wrong version. Ids are validated
// with IsSubmissionId() before any lookup and are never used to build a
// path, so no id reaches outside the spool.
//
// Reads only; safe to call from any thread while the daemon moves files
// (a draft that moves during a scan is skipped or shows up whole).
#ifndef PROOFGATE_DAEMON_QUEUE_QUEUE_VIEW_H_
#define PROOFGATE_DAEMON_QUEUE_QUEUE_VIEW_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/ledger/queue_item.h"
#include "daemon/review/review_sla.h"
#include "daemon/spool/spool.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

// Whether `id` has the shape of a submission id (digits '-' digits '-'
// digits, at most 64 characters). Everything else is refused before it
// touches the file system.
bool IsSubmissionId(std::string_view id);

// The queue as this spool alone holds it: every draft in review/ that has
// a readable proof record, oldest routed first (ties by path), each item's
// node `node` (the daemon's), filtered by `filter`. Drafts whose proof
// record is missing or unreadable (a crash mid-move) are skipped. Reads
// every proof record (and 64 KiB of every draft): the daemon lists the
// ledger's queue index instead (DecisionLedger::QueueItems) and uses this
// only without a ledger or when the index cannot be read.
std::vector<QueueItem> ListQueue(const Spool& spool,
                                 const QueueFilter& filter = {},
                                 const std::string& node = "");

// The drafts ListQueue() lists, whole (record and all their bytes), in no
// particular order, for the queue index's start-up sync
// (DecisionLedger::SyncQueue).
std::vector<QueueDraft> ReviewDrafts(const Spool& spool,
                                     const std::string& node);

// The draft in review/ whose proof record names submission `id`, or
// nullopt when there is none (never was, superseded, decided, or `id` is
// not a submission id).
std::optional<QueueDraft> FindQueueDraft(const Spool& spool,
                                         std::string_view id);

// Draft version `id` wherever it is now, for a read-only page:
// review/R, ready/R or returned/R, else history/S/AREA/R for each
// submission S in `later` (the submissions of R that may have superseded
// it: their folders in history/ hold what they replaced). `path` is R
// (the ledger knows it: DecisionLedger::PathOf). Nullopt when no proof
// record there names `id`, or `id` is not a submission id. Reads only.
std::optional<QueueDraft> FindDraftVersion(
    const Spool& spool, std::string_view id, const std::string& path,
    const std::vector<std::string>& later);

// When `item` becomes overdue under `sla`: routed + its service level;
// nullopt when no level applies. Pure.
std::optional<WallTime> DueOf(const QueueItem& item, const ReviewSla& sla);

// Whether `item` is past its due time at `now` (false without a level).
bool IsOverdue(const QueueItem& item, const ReviewSla& sla, WallTime now);

// `item` as JSON for the API: {"id", "path", "folder", "title", "author",
// "verdict", "sha256", "rules": [...], "blocking_rules": [...],
// "findings": {"error", "warning", "info"}, "reviewer": the first of
// "reviewers" or null, "reviewers": [...], "owner": {"name", "contact"?} |
// null, "routed": RFC 3339, "waiting_seconds": whole seconds since routed,
// as of `now`, "due": RFC 3339 or null (no service level), "overdue":
// whether `now` is past due, "node": the daemon holding it}.
nlohmann::json QueueItemJson(const QueueItem& item, WallTime now,
                             const ReviewSla& sla = {});

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_QUEUE_VIEW_H_

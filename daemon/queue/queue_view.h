// QueueView: the exception queue as the editor sees it, read from the spool:
// every draft in review/ with its proof record (review/R and
// review/R.proof.json), oldest first.
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

#include "daemon/review/review_sla.h"
#include "daemon/spool/spool.h"
#include "daemon/text/timestamp.h"

namespace proofgate {

// One draft waiting for an editor.
struct QueueItem {
  std::string id;       // submission id
  std::string path;     // R, relative to review/, '/'-separated
  std::string folder;   // R's folder ("" at the top)
  std::string title;    // front matter "title" ("" when none)
  std::string author;   // front matter "author" ("" when none)
  std::string verdict;  // "fail" or "review" (shown as "needs judgment")
  std::string sha256;   // of the draft as checked
  // Rule ids of all its error and warning findings (not the suppressed
  // ones), whatever their check's status, sorted, without duplicates.
  std::vector<std::string> rules;
  // Those of `rules` whose findings put the draft here: they fail it or
  // need judgment (a finding's "effect", daemon/spool/proof_record.h). An
  // approval overrides these.
  std::vector<std::string> blocking_rules;
  // Findings by severity, suppressed ones left out.
  int errors = 0;
  int warnings = 0;
  int infos = 0;
  // Who must look, from the escalations of its proof record ("reviewers"),
  // sorted; empty when none.
  std::vector<std::string> reviewers;
  // The owner of the rulebook that decided (proof record rulebook.owner);
  // "" when it names none.
  std::string owner;
  std::string owner_contact;
  WallTime routed;  // when it was routed to review/
};

// What an editor may filter the queue by; empty fields match everything.
struct QueueFilter {
  std::string rule;      // items with this rule id among their rules
  std::string verdict;   // "fail" or "review"
  std::string folder;    // items in this folder or below it
  std::string reviewer;  // items escalated to this reviewer ("legal")
};

// A draft of the queue with everything its page shows.
struct QueueDraft {
  QueueItem item;
  nlohmann::json record;  // its proof record
  std::string bytes;      // the draft's current bytes in review/
  // Where this version is now: "review" (waiting: the only one an editor
  // can decide on), "ready", "returned", or "history" (superseded).
  std::string area = "review";
};

// Whether `item` passes `filter`. Pure.
bool Matches(const QueueItem& item, const QueueFilter& filter);

// Whether `id` has the shape of a submission id (digits '-' digits '-'
// digits, at most 64 characters). Everything else is refused before it
// touches the file system.
bool IsSubmissionId(std::string_view id);

// The queue: every draft in review/ that has a readable proof record,
// oldest routed first (ties by path), filtered by `filter`. Drafts whose
// proof record is missing or unreadable (a crash mid-move) are skipped.
std::vector<QueueItem> ListQueue(const Spool& spool,
                                 const QueueFilter& filter = {});

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

// The queue item for proof record `record` of the draft `bytes` at review
// path `path`; title and author come from the draft's front matter.
QueueItem QueueItemOf(const std::string& path, const nlohmann::json& record,
                      std::string_view bytes);

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
// whether `now` is past due}.
nlohmann::json QueueItemJson(const QueueItem& item, WallTime now,
                             const ReviewSla& sla = {});

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_QUEUE_VIEW_H_

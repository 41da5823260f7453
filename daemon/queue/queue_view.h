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
  std::string verdict;  // "fail" or "review" (low confidence)
  std::string sha256;   // of the draft as checked
  // Rule ids of the findings of failed and low-confidence checks, sorted,
  // without duplicates.
  std::vector<std::string> rules;
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
};

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

// The queue item for proof record `record` of the draft `bytes` at review
// path `path`; title and author come from the draft's front matter.
QueueItem QueueItemOf(const std::string& path, const nlohmann::json& record,
                      std::string_view bytes);

// `item` as JSON for the API: {"id", "path", "folder", "title", "author",
// "verdict", "sha256", "rules": [...], "reviewer": the first of
// "reviewers" or null, "reviewers": [...], "owner": {"name", "contact"?} |
// null, "routed": RFC 3339, "waiting_seconds": whole seconds since routed,
// as of `now`}.
nlohmann::json QueueItemJson(const QueueItem& item, WallTime now);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_QUEUE_VIEW_H_

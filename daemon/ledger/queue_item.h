// A draft waiting for an editor as the exception queue lists it
// (QueueItem), what an editor filters the queue by (QueueFilter) and a
// draft with everything its page shows (QueueDraft), derived from a proof
// record (daemon/spool/proof_record.h) and the draft's bytes. Here, below
// the queue, because the ledger's queue index (daemon/ledger/ledger_rows.h,
// review_queue) stores the same items the spool's review/ yields
// (daemon/queue/queue_view.h).
#ifndef PROOFGATE_DAEMON_LEDGER_QUEUE_ITEM_H_
#define PROOFGATE_DAEMON_LEDGER_QUEUE_ITEM_H_

#include <cstddef>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/text/timestamp.h"

namespace proofgate {

// The queue lists title and author only: front matter sits at the top, and
// 64 KiB holds any real one, so an oversized draft is never read or parsed
// whole for a listing (bytes).
inline constexpr size_t kQueueListingBytes = 64 * 1024;

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
  // The daemon (its config's `node`) whose spool holds the draft; "" in
  // an index row written before nodes were recorded.
  std::string node;
};

// What an editor may filter the queue by; empty fields match everything.
struct QueueFilter {
  std::string rule;      // items with this rule id among their rules
  std::string verdict;   // "fail" or "review"
  std::string folder;    // items in this folder or below it
  std::string reviewer;  // items escalated to this reviewer ("legal")
  std::string node;      // items held by this daemon (its `node`)
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

// Whether the queue index's columns alone decide `filter` (only its node
// and verdict are set), so the database can count and page the items
// without reading every row. Pure.
bool IndexDecides(const QueueFilter& filter);

// A window of the queue: `limit` items from the `offset`-th (0-based) of
// those a filter passes, in the queue's order. The default is all of them.
struct QueueWindow {
  size_t offset = 0;
  size_t limit = std::numeric_limits<size_t>::max();
};

// One page of the queue: the items of a window, and how many items the
// filter passes in all (`total`, whatever the window).
struct QueueListing {
  std::vector<QueueItem> items;
  size_t total = 0;
};

// The page `window` of `items` (every one of which passes the filter),
// with total = items.size(). Pure.
QueueListing PageOf(std::vector<QueueItem> items, const QueueWindow& window);

// The queue item for proof record `record` of the draft `bytes` at review
// path `path`; title and author come from the draft's front matter (read
// from its first 64 KiB at most, where front matter sits); `node` is left
// empty. Pure; never throws on any JSON or bytes.
QueueItem QueueItemOf(const std::string& path, const nlohmann::json& record,
                      std::string_view bytes);

// Whether `finding` (an element of a proof record's check "findings") held
// its draft back, failing it or sending it to an editor: its "effect" is
// "fails" or "review"; in records written before findings had an effect,
// its check's status (`check_status`) was "failed", "low-confidence" or
// "escalated". Pure.
bool FindingHeldItsDraft(const nlohmann::json& finding,
                         const std::string& check_status);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_QUEUE_ITEM_H_

// Router: steps 3 and 5 of a submission (see the crash-safety argument in
// daemon/spool.h): superseding what an earlier submission of the same draft
// left in ready/ or review/, and delivering the draft with its proof record
// into ready/ or review/.
//
// Every method is idempotent over a crash: calling it again for the same
// submission after a partial run finishes the job. Thread-safe for
// different drafts; calls for one draft path must not overlap (the daemon
// serializes by path).
#ifndef PROOFGATE_DAEMON_ROUTER_H_
#define PROOFGATE_DAEMON_ROUTER_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "daemon/spool.h"

namespace proofgate {

// What step 3 did, kept in processing/S/route.json.
struct Supersession {
  std::string path;  // R
  // The superseded submission's id ("" when nothing was superseded, or
  // when the old draft had no readable proof record).
  std::string submission;
  // Where the superseded draft was ("ready" / "review"); "" when nothing.
  std::string area;
};

// The proof record delivered beside a draft.
struct Delivered {
  Area area = Area::kReview;
  nlohmann::json record;  // parsed from AREA/R.proof.json
};

class Router {
 public:
  // `spool` must outlive the router.
  explicit Router(const Spool& spool);

  // Step 3 for submission `id` of draft `path`: moves ready/R, review/R
  // and their proof files (whichever exist) to history/S/AREA/ and writes
  // processing/S/route.json durably. When route.json already exists (a
  // restart after step 3), changes nothing and returns what it says.
  // route.json's folder is not synced here but by Deliver().
  // Throws std::system_error on file system errors.
  Supersession Supersede(const std::string& id, const std::string& path) const;

  // route.json of submission `id`, or nullopt when step 3 has not
  // completed.
  std::optional<Supersession> ReadSupersession(const std::string& id) const;

  // Step 5: fsyncs processing/S (where route.json and the proof files
  // were written without a folder sync), renames processing/S/proof.html
  // and proof.json to
  // AREA/R.proof.html and .proof.json (replacing S's own files from an
  // interrupted earlier attempt), removes S's proof files from the other
  // area if an earlier attempt put them there, then renames the draft
  // processing/S/draft/R to AREA/R (never replacing) and fsyncs AREA/R's
  // folder. Requires Supersede() first. Throws std::system_error.
  void Deliver(const ClaimedDraft& draft, Area area) const;

  // After a crash past step 5: the area holding draft `path` whose proof
  // record names submission `id`, with that record; nullopt when there is
  // none.
  std::optional<Delivered> FindDelivered(const std::string& id,
                                         const std::string& path) const;

 private:
  const Spool& spool_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_ROUTER_H_

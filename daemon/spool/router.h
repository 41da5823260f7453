// Router: steps 3 to 5 of a submission (see the crash-safety argument in
// daemon/spool.h): superseding what an earlier submission of the same draft
// left in ready/ or review/, staging the proof record, and delivering the
// draft with its proof record into ready/ or review/.
//
// Every method is idempotent over a crash: calling it again for the same
// submission after a partial run finishes the job. Thread-safe for
// different drafts; calls for one draft path must not overlap (the daemon
// serializes by path).
#ifndef PROOFGATE_DAEMON_SPOOL_ROUTER_H_
#define PROOFGATE_DAEMON_SPOOL_ROUTER_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "daemon/files/folder_sync.h"
#include "daemon/spool/spool.h"

namespace proofgate {

// What step 3 did; the proof record keeps it as "supersedes".
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
  std::string path;       // R
  nlohmann::json record;  // parsed from AREA/R.proof.json
};

// The "submission" of the proof record at `file` (never through a
// symbolic link), or "" when it cannot be read or names none.
std::string RecordSubmission(const std::filesystem::path& file);

class Router {
 public:
  // `spool` must outlive the router.
  explicit Router(const Spool& spool);

  // Step 3 for submission `id` of draft `path`: moves ready/R, review/R
  // and their proof files (whichever exist) to history/S/AREA/, syncing
  // the folders involved when something moved (history/S/AREA/'s first,
  // then the area's, whose fsync concurrent drafts share). An area whose
  // R.proof.json names `id` holds this submission's own interrupted
  // delivery and is left alone. Safe to call again after a crash: it
  // moves what is still there and reports what was moved before.
  // `first_attempt` (ClaimedDraft::first_attempt) skips looking for S's
  // own files and for an earlier attempt's moves, which cannot exist.
  // Throws std::system_error on file system errors.
  Supersession Supersede(const std::string& id, const std::string& path,
                         bool first_attempt = false) const;

  // Step 4: writes the proof record (`json`, `html`) to
  // processing/S.proof.json and S.proof.html as new files and fsyncs both
  // (not their folder, see spool.h). Unless `first_attempt`, first removes
  // what an earlier attempt staged under those names. Throws
  // std::system_error.
  void Stage(const std::string& id, std::string_view json,
             std::string_view html, bool first_attempt = false) const;

  // Step 5: links processing/S.proof.json to AREA/R.proof.json and renames
  // S.proof.html to AREA/R.proof.html (replacing S's own files from an
  // interrupted earlier attempt), removes S's proof files from the other
  // area if an earlier attempt put them there (not looked for on a
  // ClaimedDraft::first_attempt), then renames the draft
  // (ClaimedDraft::file) to AREA/R (never replacing) and fsyncs AREA/R's
  // folder (one fsync shared by the deliveries into that folder at the
  // same moment, see daemon/folder_sync.h). Requires Supersede() and
  // Stage() first. Throws std::system_error.
  void Deliver(const ClaimedDraft& draft, Area area) const;

  // After a crash past the draft's rename in step 5: the area holding the
  // draft named by processing/S.proof.json, whose proof record there names
  // submission `id`, with that record; nullopt when there is none (no
  // staged record, or the draft was moved away since).
  std::optional<Delivered> FindDelivered(const std::string& id) const;

  // Fsyncs the folder of `done`'s draft in its area, so its delivery is
  // durable before the ledger records it: a delivery found in the same
  // run as the failure that interrupted it may still be in memory only.
  // Throws std::system_error.
  void MakeDurable(const Delivered& done) const;

 private:
  const Spool& spool_;
  // The areas' folder fsyncs (Supersede() and Deliver()), shared by the
  // drafts that change one folder at the same moment.
  mutable FolderSync area_folders_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SPOOL_ROUTER_H_

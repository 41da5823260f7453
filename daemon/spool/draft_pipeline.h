// DraftPipeline: steps 2 to 7 of a submission (verify, supersede, record,
// deliver, ledger, clean; see the crash-safety argument in
// daemon/spool.h), and the restart path that finishes a submission a crash
// interrupted.
//
// Thread-safe for different draft paths: the daemon runs one submission
// per path at a time, on its worker pool. The rulebooks in force are read
// once per submission, so a reload never changes rules mid-draft.
#ifndef PROOFGATE_DAEMON_SPOOL_DRAFT_PIPELINE_H_
#define PROOFGATE_DAEMON_SPOOL_DRAFT_PIPELINE_H_

#include <spdlog/logger.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "checks/document/document.h"
#include "daemon/ledger/ledger.h"
#include "daemon/spool/ready_export.h"
#include "daemon/spool/router.h"
#include "daemon/spool/spool.h"
#include "rules/rulebook_set.h"

namespace proofgate {

class DraftPipeline {
 public:
  // The rulebooks and parse limits in force at the moment of the call.
  struct Rules {
    std::shared_ptr<const RulebookSet> set;
    ParseOptions parse;
  };
  using RulesSource = std::function<Rules()>;

  // All references must outlive the pipeline. `rules` is called once per
  // submission, from worker threads, and must be thread-safe.
  DraftPipeline(Spool& spool, Ledger& ledger, RulesSource rules,
                std::shared_ptr<spdlog::logger> log);

  // Runs steps 2-7 for `draft` (claimed by Spool::Claim, or found in
  // processing/ at start-up) and returns the area it went to. Never
  // throws: a file system or ledger error is logged and leaves the
  // submission in processing/ (returns nullopt; the draft may already be
  // routed when only the ledger failed), for Recover() to finish later.
  std::optional<Area> Process(const ClaimedDraft& draft);

  // Steps 2 and 4's JSON for a draft received over HTTP: verifies `bytes`
  // (in memory) as submission `id` of draft path `path`, submitted at
  // `submitted`, with the rulebooks in force, and returns its proof record
  // (nothing superseded yet: DeliverChecked() fills that in). Never
  // touches the spool. Thread-safe.
  nlohmann::json CheckBytes(const std::string& id, const std::string& path,
                            const std::string& bytes, WallTime submitted);

  // The proof record of a draft received over HTTP that could not be
  // checked (SubmissionWorker's poison limit: claimed too often without a
  // result): submission `id` of `path` with `bytes`, submitted at
  // `submitted`, verdict fail with one input/check-failed finding whose
  // message is `why`, routed to review. The bytes are hashed, not parsed
  // (parsing them may be what failed). Thread-safe.
  nlohmann::json UncheckedRecord(const std::string& id, const std::string& path,
                                 const std::string& bytes, WallTime submitted,
                                 const std::string& why);

  // Steps 3 to 7 for a submission already checked and committed elsewhere
  // (an HTTP submission routed in the ledger): puts `bytes` into
  // processing/ (Spool::Adopt), supersedes what ready/ or review/ holds at
  // its path, writes `record` (with its "supersedes" set by step 3) as
  // the proof record, delivers the draft into the record's "route" area,
  // records the ledger rows (a replay of the same submission: only the
  // superseded one's move to history is new) and cleans up. Returns the
  // area, or nullopt after logging an error (what was written stays in
  // processing/ for Recover(), which verifies it again). Calls for one
  // path must not overlap with any other submission of it.
  std::optional<Area> DeliverChecked(const std::string& id,
                                     const std::string& path,
                                     const std::string& bytes,
                                     nlohmann::json record);

  // Copies every draft this pipeline delivers into ready/ (and every one
  // Recover() finds delivered there) into `exporter`'s folder before the
  // submission is finished (step 7), so a crash before the copy is
  // retried; null (the default) exports nothing. `exporter` must outlive
  // the pipeline. Call before the first submission.
  void SetExport(const ReadyExport* exporter) { export_ = exporter; }

  // What Recover() did with a submission.
  struct Recovery {
    std::string path;  // the draft path R it concerned; "" when none found
    // Whether the submission is done (routed and recorded, or nothing was
    // left to do); false when an error left it in processing/ again.
    bool finished = false;
  };

  // Finishes submission `id` found in processing/ (at start-up, or when
  // the daemon retries a submission whose Process() failed), whatever
  // step it had reached (see spool.h). Never throws; logs what it did.
  Recovery Recover(const std::string& id);

  // The draft path R of submission `id` in processing/ (claimed, or
  // delivered and waiting for its ledger row); "" when none can be found.
  // Reads only; never throws.
  std::string PathOf(const std::string& id) const;

 private:
  Spool& spool_;
  Ledger& ledger_;
  Router router_;
  RulesSource rules_;
  std::shared_ptr<spdlog::logger> log_;
  const ReadyExport* export_ = nullptr;

  // The export of submission `id` of `path` when `area` is ready/ and an
  // export folder is set. Throws std::system_error.
  void ExportReady(Area area, const std::string& path, const std::string& id,
                   std::string_view bytes) const;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SPOOL_DRAFT_PIPELINE_H_

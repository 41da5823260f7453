#include "daemon/draft_pipeline.h"

#include <sys/stat.h>

#include <exception>

#include "daemon/durable_file.h"
#include "daemon/proof_html.h"
#include "daemon/proof_record.h"

#ifndef PROOFGATE_VERSION
#define PROOFGATE_VERSION "0.1.0"
#endif

namespace proofgate {

namespace {

WallTime Now() { return std::chrono::system_clock::now(); }

}  // namespace

DraftPipeline::DraftPipeline(Spool& spool, Ledger& ledger, RulesSource rules,
                             std::shared_ptr<spdlog::logger> log)
    : spool_(spool),
      ledger_(ledger),
      router_(spool),
      rules_(std::move(rules)),
      log_(std::move(log)) {}

std::optional<Area> DraftPipeline::Process(const ClaimedDraft& draft) {
  try {
    // Step 2: verify.
    const Rules rules = rules_();
    struct stat st;
    const uint64_t size = ::lstat(draft.file.c_str(), &st) == 0
                              ? static_cast<uint64_t>(st.st_size)
                              : 0;
    std::string bytes;
    DraftResult result = CheckDraftFile(draft.file.string(), draft.path,
                                        *rules.set, rules.parse, &bytes);
    if (!result.config_error.empty()) {
      // No rulebook could be chosen: a configuration problem an editor
      // must see, so the draft goes to review with the reason.
      Finding f;
      f.rule = "config/no-rulebook";
      f.message = result.config_error;
      result.verification.findings.push_back(std::move(f));
      result.verification.verdict = Verdict::kReview;
    }
    ProofContext context;
    context.submission = draft.id;
    context.size = size;
    context.submitted = draft.submitted;
    context.verified = Now();
    context.route = RouteFor(result);
    context.proofgate_version = PROOFGATE_VERSION;

    // Step 3: supersede an earlier submission of the same path.
    context.supersedes = router_.Supersede(draft.id, draft.path);

    // Step 4: the proof record, durably, staged in processing/.
    context.routed = Now();
    const nlohmann::json record = ProofRecordJson(result, context);
    router_.Stage(draft.id, ProofRecordText(record),
                  ProofRecordHtml(record, bytes));

    // Step 5: deliver (the draft's rename is the commit point).
    router_.Deliver(draft, context.route);

    // Step 6: the ledger.
    const std::string error = ledger_.Record(record);
    if (!error.empty()) {
      log_->error(
          "{}: routed to {}/ but the ledger refused the row ({}); "
          "the next start records it",
          draft.path, AreaName(context.route), error);
      return context.route;
    }
    // Step 7.
    spool_.Discard(draft.id);
    log_->info("{} -> {}/ ({}, {} findings, submission {}{}{})", draft.path,
               AreaName(context.route),
               VerdictName(result.verification.verdict),
               result.verification.findings.size(), draft.id,
               context.supersedes.area.empty() ? "" : ", superseding ",
               context.supersedes.area.empty()
                   ? ""
                   : (context.supersedes.submission.empty()
                          ? context.supersedes.area + "/ copy"
                          : context.supersedes.submission));
    return context.route;
  } catch (const std::exception& e) {
    log_->error(
        "{}: could not finish submission {} ({}); it stays in "
        "processing/ and the next start retries it",
        draft.path, draft.id, e.what());
    return std::nullopt;
  }
}

std::string DraftPipeline::Recover(const std::string& id) {
  try {
    if (std::optional<ClaimedDraft> draft = spool_.FindClaimed(id)) {
      log_->info("recovering {} (submission {}): verifying again", draft->path,
                 id);
      Process(*draft);
      return draft->path;
    }
    if (std::optional<Delivered> done = router_.FindDelivered(id)) {
      const std::string error = ledger_.Record(done->record);
      if (!error.empty()) {
        log_->error("recovering {} (submission {}): ledger error {}",
                    done->path, id, error);
        return done->path;
      }
      log_->info(
          "recovered {} (submission {}): already in {}/, ledger row "
          "recorded",
          done->path, id, AreaName(done->area));
      spool_.Discard(id);
      return done->path;
    }
    // Nothing claimed: an interrupted claim or clean-up.
    spool_.Discard(id);
    log_->debug("recovering submission {}: nothing left to do", id);
  } catch (const std::exception& e) {
    log_->error("recovering submission {}: {}", id, e.what());
  }
  return "";
}

}  // namespace proofgate

#include "daemon/spool/draft_pipeline.h"

#include <sys/stat.h>

#include <chrono>
#include <exception>
#include <fstream>
#include <limits>
#include <thread>

#include "daemon/files/durable_file.h"
#include "daemon/spool/proof_html.h"
#include "daemon/spool/proof_record.h"
#include "proofgate_version.h"
#include "rules/sha256.h"

namespace proofgate {

namespace {

WallTime Now() { return std::chrono::system_clock::now(); }

// How often a draft modified during its check is checked again, and how
// long to wait before each retry: ten times 50 ms covers a writer that
// finishes within half a second of the claim (programs saving a file
// write every few milliseconds; see kScanQuiet in daemon.cc).
constexpr int kMaxVerifyAttempts = 10;
constexpr auto kRewriteWait = std::chrono::milliseconds(50);

// A draft as verified: the result, the bytes it was checked on and the
// file's size before the check.
struct VerifiedDraft {
  DraftResult result;
  std::string bytes;
  uint64_t size = 0;
};

// Whether the file `before` and `after` describe is unchanged between the
// two lstat() calls: same size and modification time.
bool SameFile(const struct stat& before, const struct stat& after) {
  return after.st_size == before.st_size &&
         after.st_mtim.tv_sec == before.st_mtim.tv_sec &&
         after.st_mtim.tv_nsec == before.st_mtim.tv_nsec;
}

// A result without a rulebook (config_error): a configuration problem an
// editor must see, so the draft goes to review with the reason.
void FlagMissingRulebook(DraftResult& result) {
  if (result.config_error.empty()) return;
  Finding f;
  f.rule = "config/no-rulebook";
  f.message = result.config_error;
  result.verification.findings.push_back(std::move(f));
  result.verification.verdict = Verdict::kReview;
}

// Step 2: verifies `draft` under `rules`. A writer that still holds the
// file open may change it under the check: verify again until the file is
// the same after the check as before it, so the proof record describes the
// bytes routed; after kMaxVerifyAttempts, what the last check read.
VerifiedDraft Verify(const ClaimedDraft& draft,
                     const DraftPipeline::Rules& rules, spdlog::logger& log) {
  VerifiedDraft out;
  for (int attempt = 1;; ++attempt) {
    struct stat before, after;
    const bool known = ::lstat(draft.file.c_str(), &before) == 0;
    out.size = known ? static_cast<uint64_t>(before.st_size) : 0;
    out.bytes.clear();
    // Never through a symbolic link: one swapped in for the draft between
    // the claim's check and its rename is routed as unreadable, unread.
    out.result =
        VerifyDraftFile(draft.file.string(), draft.path, *rules.set,
                        rules.parse, &out.bytes, SymlinkPolicy::kRefuse);
    if (!known || ::lstat(draft.file.c_str(), &after) != 0 ||
        SameFile(before, after)) {
      break;
    }
    if (attempt == kMaxVerifyAttempts) {
      log.warn(
          "{}: still being written after {} checks; routing what the last "
          "check read",
          draft.path, attempt);
      break;
    }
    std::this_thread::sleep_for(kRewriteWait);
  }
  FlagMissingRulebook(out.result);
  return out;
}

// Logs where `draft` went: "R -> ready/ (pass, 0 findings, submission ID)",
// with the submission or copy it superseded.
void LogRouted(spdlog::logger& log, const ClaimedDraft& draft,
               const DraftResult& result, const ProofContext& context) {
  const Supersession& superseded = context.supersedes;
  log.info("{} -> {}/ ({}, {} findings, submission {}{}{})", draft.path,
           AreaName(context.route), VerdictName(result.verification.verdict),
           result.verification.findings.size(), draft.id,
           superseded.area.empty() ? "" : ", superseding ",
           superseded.area.empty()         ? ""
           : superseded.submission.empty() ? superseded.area + "/ copy"
                                           : superseded.submission);
}

// The area where submission `id` of draft path `path` was delivered (its
// proof record there names it), or nullopt.
std::optional<Area> DeliveredArea(const Spool& spool, const std::string& id,
                                  const std::string& path) {
  for (const Area area : {Area::kReady, Area::kReview}) {
    std::ifstream in(spool.area(area) / (path + ".proof.json"));
    if (!in) continue;
    const nlohmann::json record =
        nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (record.is_object() && record.value("submission", "") == id) {
      return area;
    }
  }
  return std::nullopt;
}

// The proof record of `result`, HTTP submission `id` of `size` bytes
// submitted at `submitted`, verified and routed now.
nlohmann::json HttpRecord(const DraftResult& result, const std::string& id,
                          uint64_t size, WallTime submitted) {
  ProofContext context;
  context.submission = id;
  context.size = size;
  context.submitted = submitted;
  context.verified = Now();
  context.route = RouteFor(result);
  context.routed = context.verified;
  context.proofgate_version = kProofgateVersion;
  return ProofRecordJson(result, context);
}

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
    // Step 2: verify. `rules` holds the rulebooks the result points into
    // until the proof record is written.
    const Rules rules = rules_();
    const VerifiedDraft verified = Verify(draft, rules, *log_);
    const DraftResult& result = verified.result;
    ProofContext context;
    context.submission = draft.id;
    context.size = verified.size;
    context.submitted = draft.submitted;
    context.verified = Now();
    context.route = RouteFor(result);
    context.proofgate_version = kProofgateVersion;

    // Step 3: supersede an earlier submission of the same path.
    context.supersedes =
        router_.Supersede(draft.id, draft.path, draft.first_attempt);

    // Step 4: the proof record, durably, staged in processing/.
    context.routed = Now();
    const nlohmann::json record = ProofRecordJson(result, context);
    router_.Stage(
        draft.id, ProofRecordText(record),
        ProofRecordHtml(record, verified.bytes, DraftViews::kSourceOnly),
        draft.first_attempt);

    // Step 5: deliver (the draft's rename is the commit point).
    router_.Deliver(draft, context.route);
    ExportReady(context.route, draft.path, draft.id, verified.bytes);

    // Step 6: the ledger.
    if (const Status recorded = ledger_.Record(record, verified.bytes);
        !recorded) {
      log_->error(
          "{}: routed to {}/ but the ledger refused the row ({}); "
          "submission {} stays in processing/ until the row is recorded",
          draft.path, AreaName(context.route), recorded.error(), draft.id);
      return std::nullopt;
    }
    // Step 7.
    spool_.DiscardDelivered(draft);
    LogRouted(*log_, draft, result, context);
    return context.route;
  } catch (const std::exception& e) {
    log_->error(
        "{}: could not finish submission {} ({}); it stays in "
        "processing/ and is retried",
        draft.path, draft.id, e.what());
    return std::nullopt;
  }
}

nlohmann::json DraftPipeline::CheckBytes(const std::string& id,
                                         const std::string& path,
                                         const std::string& bytes,
                                         WallTime submitted) {
  // `rules` holds the rulebooks the result points into until the record
  // is made.
  const Rules rules = rules_();
  DraftResult result = VerifyDraftBytes(path, bytes, *rules.set, rules.parse);
  FlagMissingRulebook(result);
  return HttpRecord(result, id, bytes.size(), submitted);
}

nlohmann::json DraftPipeline::UncheckedRecord(const std::string& id,
                                              const std::string& path,
                                              const std::string& bytes,
                                              WallTime submitted,
                                              const std::string& why) {
  const Rules rules = rules_();
  DraftResult result;
  result.path = path;
  result.sha256 = Sha256Hex(bytes);
  const RulebookSet::Selection selection =
      rules.set->Select(path, FrontMatter());
  result.rulebook = selection.rulebook;
  result.config_error = selection.error;
  Finding f;
  f.rule = "input/check-failed";
  f.message = why;
  result.verification.findings.push_back(std::move(f));
  result.verification.verdict = Verdict::kFail;
  FlagMissingRulebook(result);
  return HttpRecord(result, id, bytes.size(), submitted);
}

std::optional<Area> DraftPipeline::DeliverChecked(const std::string& id,
                                                  const std::string& path,
                                                  const std::string& bytes,
                                                  nlohmann::json record) {
  try {
    // Delivered before a crash that came before it was marked so.
    if (std::optional<Area> done = DeliveredArea(spool_, id, path)) return done;
    const Area area =
        record.value("route", "") == "ready" ? Area::kReady : Area::kReview;
    const ClaimedDraft draft =
        spool_.Adopt(id, path, bytes, Spool::SubmittedAt(id).value_or(Now()));
    record["supersedes"] =
        SupersedesJson(router_.Supersede(id, draft.path, false));
    router_.Stage(id, ProofRecordText(record),
                  ProofRecordHtml(record, bytes, DraftViews::kSourceOnly),
                  false);
    router_.Deliver(draft, area);
    ExportReady(area, path, id, bytes);
    if (const Status recorded = ledger_.Record(record, bytes); !recorded) {
      log_->error(
          "{}: HTTP submission {} delivered to {}/ but the ledger "
          "refused the row ({}); it stays in processing/",
          path, id, AreaName(area), recorded.error());
      return std::nullopt;
    }
    spool_.DiscardDelivered(draft);
    log_->info("{} -> {}/ (HTTP submission {})", path, AreaName(area), id);
    return area;
  } catch (const std::exception& e) {
    log_->error("{}: could not deliver HTTP submission {} ({}); retried", path,
                id, e.what());
    return std::nullopt;
  }
}

void DraftPipeline::ExportReady(Area area, const std::string& path,
                                const std::string& id,
                                std::string_view bytes) const {
  if (export_ == nullptr || area != Area::kReady) return;
  if (export_->Export(path, id, bytes)) {
    log_->debug("{}: exported to {} (submission {})", path,
                export_->folder().string(), id);
  }
}

std::string DraftPipeline::PathOf(const std::string& id) const {
  try {
    if (std::optional<ClaimedDraft> draft = spool_.FindClaimed(id)) {
      return draft->path;
    }
    if (std::optional<Delivered> done = router_.FindDelivered(id)) {
      return done->path;
    }
  } catch (const std::exception&) {
  }
  return "";
}

DraftPipeline::Recovery DraftPipeline::Recover(const std::string& id) {
  try {
    if (std::optional<ClaimedDraft> draft = spool_.FindClaimed(id)) {
      log_->info("recovering {} (submission {}): verifying again", draft->path,
                 id);
      return {draft->path, Process(*draft).has_value()};
    }
    if (std::optional<Delivered> done = router_.FindDelivered(id)) {
      router_.MakeDurable(*done);
      // The bytes for the queue index (a draft in review/; a draft that
      // cannot be read is recorded without them) and for the export of a
      // draft in ready/ (one that cannot be read is left to Sync()).
      std::string bytes;
      if (done->area == Area::kReview || export_ != nullptr) {
        const Status read = ReadFileUpTo(spool_.area(done->area) / done->path,
                                         std::numeric_limits<size_t>::max(),
                                         SymlinkPolicy::kRefuse, bytes);
        if (read) ExportReady(done->area, done->path, id, bytes);
      }
      if (const Status recorded = ledger_.Record(done->record, bytes);
          !recorded) {
        log_->error("recovering {} (submission {}): ledger error {}",
                    done->path, id, recorded.error());
        return {done->path, false};
      }
      log_->info(
          "recovered {} (submission {}): already in {}/, ledger row "
          "recorded",
          done->path, id, AreaName(done->area));
      spool_.Discard(id);
      return {done->path, true};
    }
    // Nothing claimed: an interrupted claim or clean-up.
    spool_.Discard(id);
    log_->debug("recovering submission {}: nothing left to do", id);
    return {"", true};
  } catch (const std::exception& e) {
    log_->error("recovering submission {}: {}", id, e.what());
  }
  return {"", false};
}

}  // namespace proofgate

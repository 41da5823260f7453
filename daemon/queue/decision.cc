#include "daemon/queue/decision.h"

#include <algorithm>
#include <cerrno>

#include "daemon/files/durable_file.h"
#include "daemon/notify/notify_event.h"
#include "daemon/queue/queue_view.h"
#include "daemon/spool/proof_html.h"
#include "daemon/spool/proof_record.h"
#include "daemon/text/verdict_text.h"
#include "rules/sha256.h"

namespace proofgate {

namespace fs = std::filesystem;

namespace {

using OutcomeStatus = DecisionOutcome::Status;

DecisionOutcome Refuse(OutcomeStatus status, std::string message,
                       std::string path = "") {
  DecisionOutcome out;
  out.status = status;
  out.message = std::move(message);
  out.path = std::move(path);
  return out;
}

bool IsBlank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  });
}

bool IsSha256(const std::string& s) {
  return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

fs::path With(const fs::path& file, const char* suffix) {
  return fs::path(file.string() + suffix);
}

std::string DestinationArea(const std::string& decision) {
  return decision == "approve" ? std::string(AreaName(Area::kReady))
                               : std::string(kReturnedArea);
}

// Renames `from` to `to` (never replacing) unless `from` is gone. Throws
// std::system_error on other failures.
void MoveIfPresent(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(from, ec))) return;
  CreateFoldersDurably(to.parent_path());
  ec = RenameNoReplace(from, to);
  if (ec && ec.value() != ENOENT) {
    throw std::system_error(ec, "cannot move " + from.string());
  }
}

// Steps 2-4 for the decided proof record `record` of review/`path`.
// Throws std::system_error on file system errors; returns success, or the
// ledger's error.
Status Finish(const Spool& spool, DecisionLedger* ledger,
              const std::string& path, const nlohmann::json& record) {
  const nlohmann::json& d = record["decision"];
  const std::string area = d.value("area", "");
  const std::string id = record.value("submission", "");
  const fs::path review = spool.area(Area::kReview) / path;
  const fs::path dest = spool.root() / area / path;

  // Step 2: what an earlier decision left at AREA/R goes to history, unless
  // it is this draft (a restart after the draft's move).
  std::string held;
  const bool draft_here = fs::exists(review);
  if (draft_here) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(dest, ec)) ||
        fs::exists(With(dest, ".proof.json"))) {
      const fs::path old = spool.history() / id / area / path;
      for (const char* suffix : {"", ".proof.html", ".proof.json"}) {
        MoveIfPresent(With(dest, suffix), With(old, suffix));
      }
    }
  }
  // Step 3: the draft, then the proof files, the .json last.
  CreateFoldersDurably(dest.parent_path());
  for (const char* suffix : {"", ".proof.html", ".proof.json"}) {
    const std::error_code ec =
        RenameNoReplace(With(review, suffix), With(dest, suffix));
    if (ec && ec.value() != ENOENT) {
      throw std::system_error(
          ec, "cannot move " + path + suffix + " to " + area + "/");
    }
  }
  SyncFolder(dest.parent_path());
  SyncFolder(review.parent_path());

  // Step 4.
  if (ledger == nullptr) return Unexpected(std::string("no ledger"));
  DecisionRow row;
  row.submission = id;
  row.path = path;
  row.decision = d.value("decision", "");
  row.reason = d.value("reason", "");
  row.editor = d.value("editor", "");
  row.verdict = record.value("verdict", "");
  if (d.contains("rules") && d["rules"].is_array()) {
    for (const auto& r : d["rules"]) {
      if (r.is_string()) row.rules.push_back(r.get<std::string>());
    }
  }
  row.routed_at = record.contains("timestamps")
                      ? record["timestamps"].value("routed", "")
                      : "";
  row.decided_at = d.value("at", "");
  row.first_submitted_at = ledger->FirstSubmittedAt(id);
  if (row.first_submitted_at.empty()) {
    row.first_submitted_at = record.contains("timestamps")
                                 ? record["timestamps"].value("submitted", "")
                                 : "";
  }
  const std::optional<NotifyEvent> event = DecisionEventOf(record);
  return ledger->Record(row, event ? &*event : nullptr);
}

// What is wrong with the fields of `request` (decision, reason, editor,
// sha256) for people; "" when nothing is.
std::string FieldProblem(const DecisionRequest& request) {
  if (request.decision != "approve" && request.decision != "return") {
    return "the decision must be \"approve\" or \"return\"";
  }
  if (IsBlank(request.reason)) return "a reason is required";
  if (request.reason.size() > kMaxReasonBytes) {
    return "the reason is longer than " + std::to_string(kMaxReasonBytes) +
           " bytes";
  }
  if (IsBlank(request.editor)) return "the editor's name is required";
  if (request.editor.size() > kMaxEditorBytes) {
    return "the editor's name is longer than " +
           std::to_string(kMaxEditorBytes) + " bytes";
  }
  if (!IsSha256(request.sha256)) {
    return "sha256 must be the 64 lower-case hex digits of the version "
           "decided on";
  }
  return "";
}

// The proof record of `draft` with `request` added as "decision", made at
// `now`, moving the draft to `area`.
nlohmann::json DecidedRecord(QueueDraft& draft, const DecisionRequest& request,
                             WallTime now, const std::string& area) {
  nlohmann::json record = std::move(draft.record);
  record["decision"] = {{"decision", request.decision},
                        {"reason", request.reason},
                        {"editor", request.editor},
                        {"at", Rfc3339Utc(now)},
                        {"area", area},
                        {"rules", draft.item.blocking_rules},
                        {"overrides", request.decision == "approve"
                                          ? draft.item.blocking_rules
                                          : std::vector<std::string>{}}};
  // Where the draft is now; "verdict" and "route" stay as the checks
  // decided them.
  record["area"] = area;
  return record;
}

// Steps 1-4 for the decided proof record `record` of review/`path` (with
// the draft's bytes `draft`). Throws std::system_error on file system
// errors; a ledger error is logged and told in the message.
DecisionOutcome Apply(const Spool& spool, DecisionLedger* ledger,
                      const DecisionRequest& request, const std::string& path,
                      nlohmann::json record, std::string_view draft,
                      spdlog::logger& log) {
  const fs::path review = spool.area(Area::kReview) / path;
  // Step 1: the decision is durable before anything moves.
  WriteFileDurably(With(review, ".proof.html"),
                   ProofRecordHtml(record, draft, DraftViews::kSourceOnly),
                   /*sync_folder=*/false);
  WriteFileDurably(With(review, ".proof.json"), ProofRecordText(record));
  const Status recorded = Finish(spool, ledger, path, record);
  DecisionOutcome out;
  out.status = OutcomeStatus::kApplied;
  out.path = path;
  out.area = record["decision"].value("area", "");
  out.message = path + " " +
                DecisionText(request.decision, request.editor,
                             record["decision"].value("at", ""), out.area);
  if (!recorded) {
    log.error(
        "{}: decided and moved to {}/, but the ledger refused the row "
        "({})",
        path, out.area, recorded.error());
    out.message +=
        " (the ledger row could not be written: " + recorded.error() + ")";
  }
  log.info("{}: {} by {} -> {}/ (submission {})", path, request.decision,
           request.editor, out.area, request.id);
  out.record = std::move(record);
  return out;
}

}  // namespace

std::optional<DecisionOutcome> RefuseDecision(
    const DecisionRequest& request, const std::optional<QueueDraft>& draft) {
  if (std::string problem = FieldProblem(request); !problem.empty()) {
    return Refuse(OutcomeStatus::kInvalid, std::move(problem));
  }
  if (!draft) {
    return Refuse(OutcomeStatus::kNotFound,
                  "no draft with id " + request.id +
                      " is waiting in review/: it was decided, resubmitted "
                      "or removed meanwhile; nothing was changed");
  }
  const std::string& path = draft->item.path;
  const std::string current = Sha256Hex(draft->bytes);
  if (current != request.sha256 || current != draft->item.sha256) {
    return Refuse(OutcomeStatus::kStale,
                  path + " changed since the version decided on (sha256 " +
                      request.sha256.substr(0, 12) + "…, now " +
                      current.substr(0, 12) +
                      "…); nothing was changed: reload and decide again",
                  path);
  }
  return std::nullopt;
}

DecisionOutcome RecordPendingDecision(PendingDecisions& pending,
                                      const DecisionRequest& request,
                                      const QueueDraft& held,
                                      const std::string& this_node,
                                      WallTime now) {
  if (std::optional<DecisionOutcome> refused = RefuseDecision(request, held)) {
    return *refused;
  }
  const std::string& path = held.item.path;
  PendingDecision d;
  d.submission = request.id;
  d.path = path;
  d.sha256 = request.sha256;
  d.node = held.item.node;
  d.decision = request.decision;
  d.editor = request.editor;
  d.reason = request.reason;
  d.made_at = Rfc3339Utc(now);
  d.made_on = this_node;
  const Expected<bool> added = pending.Add(d);
  if (!added) {
    return Refuse(OutcomeStatus::kError,
                  "the decision could not be recorded: " + added.error(), path);
  }
  if (!*added) {
    return Refuse(OutcomeStatus::kNotFound,
                  path + " was already decided (node " + d.node +
                      " applies or applied that decision); nothing was "
                      "changed",
                  path);
  }
  DecisionOutcome out;
  out.status = OutcomeStatus::kPending;
  out.path = path;
  out.node = d.node;
  out.area = DestinationArea(request.decision);
  out.message = path + ": " + request.decision + " by " + request.editor +
                " recorded; node " + d.node +
                " holds the file and applies it within seconds";
  out.record = {{"decision", request.decision},
                {"reason", request.reason},
                {"editor", request.editor},
                {"at", d.made_at},
                {"area", out.area}};
  return out;
}

DecisionOutcome ApplyDecision(const Spool& spool, DecisionLedger* ledger,
                              const DecisionRequest& request, WallTime now,
                              spdlog::logger& log) {
  std::optional<QueueDraft> draft = FindQueueDraft(spool, request.id);
  if (std::optional<DecisionOutcome> refused = RefuseDecision(request, draft)) {
    return *refused;
  }
  const std::string& path = draft->item.path;
  nlohmann::json record =
      DecidedRecord(*draft, request, now, DestinationArea(request.decision));
  try {
    return Apply(spool, ledger, request, path, std::move(record), draft->bytes,
                 log);
  } catch (const std::exception& e) {
    log.error(
        "{}: could not apply the decision ({}); the next start finishes "
        "it if it was recorded",
        path, e.what());
    return Refuse(OutcomeStatus::kError,
                  "the decision could not be applied: " + std::string(e.what()),
                  path);
  }
}

int FinishDecisions(const Spool& spool, DecisionLedger* ledger,
                    spdlog::logger& log) {
  int finished = 0;
  const fs::path review = spool.area(Area::kReview);
  std::vector<std::pair<std::string, nlohmann::json>> pending;
  std::error_code ec;
  fs::recursive_directory_iterator it(review, ec), end;
  const std::string suffix = ".proof.json";
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix)) {
      continue;
    }
    std::string text;
    if (!ReadSmallFile(it->path(), text, SymlinkPolicy::kRefuse)) continue;
    nlohmann::json record = nlohmann::json::parse(text, nullptr, false);
    if (!record.is_object() || !record.contains("decision") ||
        !record["decision"].is_object()) {
      continue;
    }
    const std::string area = record["decision"].value("area", "");
    if (area != "ready" && area != kReturnedArea) continue;
    std::string rel = it->path().lexically_relative(review).generic_string();
    rel.resize(rel.size() - suffix.size());
    pending.emplace_back(std::move(rel), std::move(record));
  }
  for (const auto& [path, record] : pending) {
    try {
      const Status recorded = Finish(spool, ledger, path, record);
      log.info("{}: finished the decision a stop interrupted ({}/){}", path,
               record["decision"].value("area", ""),
               recorded ? "" : "; ledger error: " + recorded.error());
      ++finished;
    } catch (const std::exception& e) {
      log.error("{}: cannot finish an interrupted decision: {}", path,
                e.what());
    }
  }
  return finished;
}

}  // namespace proofgate

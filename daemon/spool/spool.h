// Spool: the folders of `proofgate run`, and claiming a draft from them.
//
// Layout under the spool root (R is a draft's path relative to inbox/,
// subfolders included; S is a submission id, see NewSubmissionId()):
//
//   inbox/R                          writers drop drafts here
//   ready/R, R.proof.json, R.proof.html      verdict pass
//   review/R, R.proof.json, R.proof.html     fail, review, bad input
//   returned/                        editors' returns (later issue)
//   .proofgate/processing/S=E        a claimed draft, E = R with '%'
//                                    and '/' percent-encoded (one flat
//                                    folder: see FLAT below)
//   .proofgate/processing/S/draft/R  a claimed draft whose "S=E" would
//                                    exceed NAME_MAX (255 bytes)
//   .proofgate/processing/S.proof.{json,html}  its proof record, staged
//                                    before it moves beside the draft
//   .proofgate/history/S/AREA/R{,.proof.json,.proof.html}
//                                    what submission S superseded
//   .proofgate/ledger.sqlite         the ledger (daemon/ledger.h)
//
// CRASH SAFETY: the seven steps of a submission, what a restart finishes,
// power failures and the flat processing/ folder are set out in
// ARCHITECTURE.md, "Crash safety". Every method below names its step.
//
// Thread safety: a Spool is immutable after construction except for the
// id counter, which is atomic; every method may be called concurrently.
#ifndef PROOFGATE_DAEMON_SPOOL_SPOOL_H_
#define PROOFGATE_DAEMON_SPOOL_SPOOL_H_

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/text/timestamp.h"

namespace proofgate {

// Where a routed draft goes.
enum class Area { kReady, kReview };

// "ready" or "review", the folder names.
std::string_view AreaName(Area area);

// A draft claimed into processing/.
struct ClaimedDraft {
  std::string id;              // submission id S
  std::string path;            // R, relative to inbox/, '/'-separated
  std::filesystem::path file;  // processing/S=E (or S/draft/R)
  WallTime submitted;          // when the daemon first saw it in inbox/
  // True when Spool::Claim() has just made this claim with a new id: no
  // earlier attempt of submission S can have left anything outside
  // processing/S=E, so steps 3 to 5 skip looking for one (Router). False
  // for a claim found in processing/ (a restart or a retry).
  bool first_attempt = false;
};

class Spool {
 public:
  // `root` need not exist yet (see Create()).
  explicit Spool(std::filesystem::path root);

  // Creates the layout's folders that are missing. Throws
  // std::system_error when it cannot.
  void Create() const;

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path inbox() const { return root_ / "inbox"; }
  std::filesystem::path area(Area area) const {
    return root_ / std::string(AreaName(area));
  }
  std::filesystem::path state() const { return root_ / ".proofgate"; }
  std::filesystem::path processing() const { return state() / "processing"; }
  std::filesystem::path history() const { return state() / "history"; }
  // processing/S.proof.json (`suffix` "json") or S.proof.html ("html"):
  // where step 4 stages submission `id`'s proof record.
  std::filesystem::path staged_proof(const std::string& id,
                                     std::string_view suffix) const {
    return processing() / (id + ".proof." + std::string(suffix));
  }

  // Whether a file or folder named `name` (one path component) in inbox/
  // is never a draft: editors' temporary and backup files (dotfiles, which
  // covers ".#lock" files, "*~", "*.swp", "*.swx", "*.tmp") and names that
  // would collide with proof records ("*.proof.json", "*.proof.html").
  // Such files wait in inbox/ until renamed to a real name.
  static bool IsIgnoredName(std::string_view name);

  // Whether any component of `path` (relative, '/'-separated) is ignored.
  static bool IsIgnoredPath(std::string_view path);

  // Paths (relative to inbox/, sorted) of every regular file below inbox/
  // that is not ignored; symbolic links are neither followed nor listed.
  // Files that vanish during the scan are skipped.
  std::vector<std::string> ScanInbox() const;

  // A new submission id: "<submitted, µs since the Unix epoch, 16
  // digits>-<pid>-<counter>", at most 16 + 1 + 10 + 1 + 20 = 48 bytes.
  // Ids sort by submission time and are unique within one process (the
  // counter) and across restarts (the pid, and a counter that starts at a
  // random 48-bit value, for a restart that gets the same pid).
  std::string NewSubmissionId(WallTime submitted);

  // The submission time encoded in an id from NewSubmissionId(), or
  // nullopt for another string.
  static std::optional<WallTime> SubmittedAt(std::string_view id);

  enum class ClaimStatus {
    kClaimed,
    kVanished,  // inbox/R no longer exists: someone else moved it
    kNotAFile,  // a symbolic link (not followed), folder, fifo...
    kIgnored,   // IsIgnoredPath(R)
  };

  // Step 1: moves inbox/`path` to processing/S=E (or, for a name too long,
  // processing/S/draft/`path`) with one atomic rename and fills `claimed`.
  // `path` is relative to inbox/; a path through a symbolic link is refused
  // (kNotAFile). The folders on the way are opened one by one without
  // following links and the rename is made relative to the last of them,
  // so a folder swapped for a link meanwhile cannot move the claim out of
  // inbox/; a draft swapped for a link after its check is claimed as the
  // link itself, which the daemon then refuses to read (SymlinkPolicy in
  // daemon/durable_file.h). On any status but kClaimed, nothing is left
  // behind. Throws
  // std::system_error on unexpected file system errors (permissions, disk
  // full).
  ClaimStatus Claim(const std::string& path, WallTime submitted,
                    ClaimedDraft& claimed);

  // Step 1 for a draft received over HTTP (daemon/ledger/
  // submission_queue.h): writes `bytes` durably as submission `id` of
  // draft path `path` (relative, checked by CheckSubmissionPath) into
  // processing/S=E (or S/draft/R; staged as processing/.adopt-S, which
  // a crash may leave behind and nothing reads), replacing what an earlier
  // attempt wrote there, and returns the claim (first_attempt false: an earlier
  // attempt may have left files). Throws std::system_error.
  ClaimedDraft Adopt(const std::string& id, const std::string& path,
                     std::string_view bytes, WallTime submitted) const;

  // Ids of the submissions with anything in processing/, sorted (oldest
  // first).
  std::vector<std::string> InProcessing() const;

  // The draft claimed as submission `id` (processing/S=E or
  // processing/S/draft/R), or nullopt when there is none. submitted comes
  // from the id.
  std::optional<ClaimedDraft> FindClaimed(const std::string& id) const;

  // Step 7: removes submission `id`'s staged proof record and, for the
  // folder layout, processing/S with everything in it (the draft itself
  // has left by then). Never throws; returns false when something could
  // not be removed.
  bool Discard(const std::string& id) const;

  // Step 7 for `draft` once Router::Deliver() has succeeded: what Discard()
  // does, with two fewer system calls per draft (it is on every draft's
  // path), as Deliver() leaves only processing/S.proof.json behind: no
  // S.proof.html (renamed into the area) and, for a claim in the flat
  // layout (processing/S=E), no folder processing/S. Never throws; returns
  // false when something could not be removed.
  bool DiscardDelivered(const ClaimedDraft& draft) const;

  // E for R: '%' and '/' percent-encoded, so the name is one component.
  static std::string EncodePath(std::string_view path);
  // R for E, or nullopt when `name` is not a well-formed encoding.
  static std::optional<std::string> DecodePath(std::string_view name);

 private:
  // Where submission `id` of draft path `rel` (normalized, relative) is
  // claimed: processing/S=E, or processing/S/draft/R when that name would
  // exceed NAME_MAX (the folders on the way created).
  std::filesystem::path ClaimTarget(const std::string& id,
                                    const std::filesystem::path& rel) const;

  std::filesystem::path root_;
  // getpid() once, for NewSubmissionId(): the daemon never forks a process
  // that claims drafts.
  long pid_;
  std::atomic<unsigned long long> counter_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SPOOL_SPOOL_H_

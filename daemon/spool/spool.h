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
// CRASH SAFETY. The file system is the source of truth; the ledger is
// derived from it. A submission S of draft R goes through these steps,
// each an atomic rename, link or a synced write:
//
//   1 claim    rename inbox/R -> processing/S=E             (Spool::Claim;
//              no fsync: a lost claim leaves a state restart handles)
//   2 verify   in memory only
//   3 supersede  move ready|review/R and its proof files
//              -> history/S/AREA/ (Router), syncing both folders; an
//              area whose R.proof.json already names S is left alone
//   4 record   write processing/S.proof.{html,json} and fsync both (in
//              place: until step 5 nothing outside processing/ relies
//              on them, and a retry writes new ones)
//   5 deliver  link processing/S.proof.json to AREA/R.proof.json (the
//              JSON first), rename S.proof.html to AREA/R.proof.html, then
//              rename processing/S=E -> AREA/R (never replacing) and
//              fsync AREA/R's folder
//   6 ledger   one SQLite transaction, INSERT OR IGNORE     (Ledger)
//   7 clean    remove S's names from processing/
//
// At most one submission per R is between steps 1 and 7 at any time (the
// daemon serializes by R), and step 3 completes before step 5 starts, so
// during steps 3-5 a proof record at AREA/R.proof.json naming S is S's own
// (an interrupted step 5) and anything else at AREA/R belongs to an older
// submission. A restart (daemon/draft_pipeline.h, Recover), or the retry
// of a submission that failed earlier in the same run, looks at what
// processing/ holds for each S and finishes the job:
//
//   - the draft present: the crash came after 1 and before its rename
//     in step 5. Redo 2-7. Step 3 moves only what is still there and is not
//     S's own (each move is a rename, so a half-done step 3 resumes). Step 5
//     replaces S's own proof files from the earlier attempt and removes
//     them from the other area, in case the re-verification (new
//     rulebooks) routes the draft elsewhere. The draft therefore ends in
//     one place with one proof record: the one written last, which
//     describes the bytes there.
//   - the draft absent, S.proof.json present: the draft's rename in step 5
//     is done (it is the commit point). S.proof.json (still linked in
//     processing/) names R; find the draft and its record beside it,
//     fsync its folder (the rename may not be on disk yet when the retry
//     comes in the same run), redo 6 (idempotent) and 7.
//   - neither: the claim never happened (a folder S was created but the
//     rename found nothing) or step 7 was under way after 6. Redo 7.
//
// Power failures: steps 4 and 5 fsync every file and the destination
// folder before the ledger commits, so a routed draft, its proof record
// and its ledger row survive together. processing/ itself is not synced:
// on journaling file systems (ext4, XFS) its entries are committed in the
// order they were made, so if the draft's rename out of it survived, so
// did the entry of S.proof.json made before. On a file system without that
// ordering, the worst a power failure can leave is a routed draft with its
// proof record and no ledger row.
//
// Costs per draft, which bound the daemon's rate (bench/daemon-latency):
// three fsyncs on the routing path (two files, one folder) plus the
// ledger's commit; concurrent submissions share the folder's fsync
// (daemon/folder_sync.h) and the ledger's commit (daemon/ledger.h).
//
// FLAT. A claim creates no folder and step 7 deletes no inode (S.proof.json
// is a second link to the delivered record): on ext4, every inode freed
// makes the next allocations search past it for 30 s ("recently deleted"
// inodes are not reused), and with a folder per submission that search
// took a third of the daemon's CPU time at a few hundred drafts/s
// (perf, bench/daemon-latency). The folder layout remains only for paths
// too long to encode into one name.
//
// A crash before step 1 leaves the draft in inbox/, which the start-up
// scan finds. A draft is in exactly one of inbox/, processing/, ready/,
// review/ or history/ at every moment, because it only ever moves by
// rename; renames into ready|review and history refuse to replace
// (RENAME_NOREPLACE), so nothing is overwritten silently.
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

  // E for R: '%' and '/' percent-encoded, so the name is one component.
  static std::string EncodePath(std::string_view path);
  // R for E, or nullopt when `name` is not a well-formed encoding.
  static std::optional<std::string> DecodePath(std::string_view name);

 private:
  std::filesystem::path root_;
  std::atomic<unsigned long long> counter_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SPOOL_SPOOL_H_

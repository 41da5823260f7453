// ReadyExport: every draft that reaches ready/ (a folder draft or an HTTP
// submission routed there, a draft an editor approved) also written into
// a folder a publishing pipeline reads (`export_dir` in the daemon's
// configuration, daemon/service/daemon_config.h), e.g. a static site's
// content folder:
//
//   <export_dir>/R                          the draft's bytes, as routed
//   <export_dir>/.proofgate/versions/R      the submission id of that version
//   <export_dir>/.proofgate/staging/S       S's bytes while being written
//   <export_dir>/.proofgate/lock            flock()ed while exporting
//
// What a site build sees: only drafts, under their relative paths (no
// proof records, no temporary names beside them: staging happens under
// the dot-folder, on the same file system, and the rename into place is
// atomic), each file complete. Nothing is ever removed: a newer version
// routed to review/, or returned, leaves the last ready version in place
// until a newer one reaches ready/.
//
// NEWER ONLY. Version S of R is written only when no version of R was
// exported yet, or the one exported came from a submission whose id sorts
// before S. Submission ids begin with the submission time in nanoseconds,
// fixed width (Spool::NewSubmissionId), so this is the order in which the
// spool supersedes R: an older version reaching ready/ later (another
// node, a restart's re-export) never replaces a newer one. Several
// daemons may export into one folder: the comparison and the write hold
// an exclusive flock() on `.proofgate/lock`.
//
// CRASH SAFETY. The bytes are written to the staging file and fsynced,
// renamed over R, R's folder fsynced; then the version file is written
// durably (daemon/files/durable_file.h). A crash between the two leaves R
// new and its version old: exporting S again (the pipeline retries an
// unfinished submission; Sync() at start) writes the same bytes again.
//
// Thread-safe: every method may be called from any thread.
#ifndef PROOFGATE_DAEMON_SPOOL_READY_EXPORT_H_
#define PROOFGATE_DAEMON_SPOOL_READY_EXPORT_H_

#include <filesystem>
#include <string>
#include <string_view>

namespace proofgate {

class ReadyExport {
 public:
  // Exports into `folder` (created when missing, at the first export).
  explicit ReadyExport(std::filesystem::path folder);

  // Writes `bytes`, version `submission` of draft path `path` (relative,
  // as in the spool), unless a version exported before is newer, or is
  // this one and the file already holds these bytes (a crash between
  // recording the version and replacing the file is repaired by the next
  // export of the same version).
  // Returns true when written. Throws std::system_error on a file system
  // failure (nothing is half-written under `path`).
  bool Export(const std::string& path, const std::string& submission,
              std::string_view bytes) const;

  // Exports every draft in the spool's `ready` folder whose proof record
  // (R.proof.json beside it) names a submission newer than the version
  // exported: the start-up pass that catches up with exports a crash
  // interrupted, drafts approved before `export_dir` was set, and an
  // export folder emptied by hand. Returns how many were written. Throws
  // std::system_error on a file system failure.
  int Sync(const std::filesystem::path& ready) const;

  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path folder_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SPOOL_READY_EXPORT_H_

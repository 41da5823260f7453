// Verifying one draft file end to end: read, parse, pick the rulebook,
// verify. Shared by `proofgate check` and the daemon.
#ifndef PROOFGATE_DAEMON_DRAFTS_DRAFT_CHECK_H_
#define PROOFGATE_DAEMON_DRAFTS_DRAFT_CHECK_H_

#include <string>

#include "checks/document/document.h"
#include "daemon/files/durable_file.h"
#include "rules/rulebook_set.h"
#include "rules/verifier.h"

namespace proofgate {

struct DraftResult {
  std::string path;  // as given
  // Of the exact bytes checked; "" when unreadable or over the size limit.
  std::string sha256;
  const Rulebook* rulebook = nullptr;  // null when config_error is set
  Verification verification;
  // Set when no rulebook could be chosen for the draft (see
  // RulebookSet::Select): a configuration problem, not a draft problem.
  std::string config_error;
};

// Reads the draft at `path` and verifies it, with the templating dialect
// of `options` unless the rulebook chosen for it names one. Reads at most
// options.max_bytes + 1 bytes, so an oversized file costs no more memory
// than the limit. An unreadable file yields an input/unreadable finding
// (error) instead of failing. Thread-safe; `rules` must outlive the result.
DraftResult VerifyDraft(const std::string& path, const RulebookSet& rules,
                        const ParseOptions& options);

// Like VerifyDraft(), but reads the file at `file` while naming the draft
// `path` (for rulebook selection, messages and the result), as the daemon
// does for a draft claimed out of the writers' folder. When `bytes` is not
// null it receives the bytes read (at most options.max_bytes + 1; empty
// when unreadable), for the proof record's view of the draft. With
// SymlinkPolicy::kRefuse, a symbolic link, FIFO, folder or device at
// `file` is not read: it yields input/unreadable saying what it is.
DraftResult VerifyDraftFile(const std::string& file, const std::string& path,
                            const RulebookSet& rules,
                            const ParseOptions& options,
                            std::string* bytes = nullptr,
                            SymlinkPolicy links = SymlinkPolicy::kFollow);

// Verifies draft `path` whose bytes are `bytes` (in memory: an HTTP
// submission), as VerifyDraftFile() verifies what it read: a draft over
// options.max_bytes is parsed from its first max_bytes + 1 bytes and gets
// no sha256. Thread-safe; `rules` must outlive the result.
DraftResult VerifyDraftBytes(const std::string& path, std::string bytes,
                             const RulebookSet& rules,
                             const ParseOptions& options);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_DRAFTS_DRAFT_CHECK_H_

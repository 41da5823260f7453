// The draft path of an HTTP submission (POST /api/submissions?path=...):
// where in the spool the draft will be delivered (ready/ or review/ at that
// path), so it must stay inside the spool whatever a client sends.
#ifndef PROOFGATE_DAEMON_SPOOL_SUBMISSION_PATH_H_
#define PROOFGATE_DAEMON_SPOOL_SUBMISSION_PATH_H_

#include <string>
#include <string_view>

#include "checks/expected.h"

namespace proofgate {

// 1024 bytes: far above any real draft path (the corpora's longest is
// under 200), and with the spool's folders well below PATH_MAX (4096).
inline constexpr size_t kMaxSubmissionPathBytes = 1024;

// Checks `path` (already percent-decoded): a relative, '/'-separated path
// of at most kMaxSubmissionPathBytes bytes, valid UTF-8 without NUL or
// other control characters (U+0000-U+001F, U+007F) or backslashes, whose
// components are neither empty, "." nor ".." nor longer than 255 bytes
// (NAME_MAX), nor names the spool ignores (dotfiles, editor backups,
// *.proof.json: Spool::IsIgnoredName), ending in .md, .markdown or .mdx
// (IsDraftName). Returns success, or a message for the client that says
// what is wrong (never echoing control characters). Pure.
Status CheckSubmissionPath(std::string_view path);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SPOOL_SUBMISSION_PATH_H_

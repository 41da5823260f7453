// Applying findings' safe fixes (checks/finding.h, Fix) to a draft's
// bytes, and showing the change as a unified diff. Pure functions: no
// files are read or written here (`proofgate fix`, daemon/cli/fix_command.h,
// does that).
#ifndef PROOFGATE_DAEMON_DRAFTS_DRAFT_FIXES_H_
#define PROOFGATE_DAEMON_DRAFTS_DRAFT_FIXES_H_

#include <string>
#include <string_view>
#include <vector>

#include "checks/finding.h"

namespace proofgate {

struct FixedDraft {
  std::string bytes;  // the draft with the fixes applied
  int applied = 0;    // fixes applied
  // Fixes left out: the file does not hold the fix's `original` text at
  // its range (the draft is not the one the finding was made on), the
  // range spans lines, the text holds a line break, or it overlaps a fix
  // applied before it (the one starting first wins; at the same start, the
  // longer).
  int skipped = 0;
};

// `bytes` (the exact draft the findings were made on) with the fixes of
// the unsuppressed `findings` applied. Ranges are mapped to bytes the way
// SourceRange counts them (code points, a leading BOM not counted), so the
// result differs from `bytes` only inside the fixes' ranges and never in
// its line count. O(bytes + fixes x log fixes). Thread-safe.
FixedDraft ApplyFixes(std::string_view bytes,
                      const std::vector<Finding>& findings);

// A unified diff (as `diff -u`, 3 lines of context) from `before` to
// `after`, labelled a/`path` and b/`path`; "" when they are equal. Both
// must have the same number of lines (true of ApplyFixes' output), which
// keeps the diff a line-by-line comparison. Thread-safe.
std::string UnifiedDiff(std::string_view path, std::string_view before,
                        std::string_view after);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_DRAFTS_DRAFT_FIXES_H_

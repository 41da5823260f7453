// The `headings` check: a draft's outline is well-formed.
//
// Rules (default severity):
//   headings/multiple-h1   (error)   more than one H1 in the body
//   headings/first-not-h1  (warning) the first heading is not an H1 and no
//                                    front-matter title stands in for it
//   headings/skipped-level (error)   a heading more than one level deeper
//                                    than the one before (H2 then H4)
//   headings/empty         (error)   a heading with no text
//   headings/duplicate     (warning) the same text twice under one parent
//   headings/max-depth     (warning) deeper than `max_depth`
//   headings/required      (error)   a required section missing or out of
//                                    order
//
// Settings (all optional):
//   front_matter_title: the front-matter key whose value is the page title
//       and so counts as the H1 (default "title"; "" turns this off). With
//       a title there, the body may start at H2, and skipped-level counts
//       from H1.
//   max_depth: 1..6 (default 6, i.e. no limit).
//   required: list of section titles that must appear as headings, in this
//       order (compared case-insensitively, surrounding spaces ignored).
#ifndef PROOFGATE_CHECKS_HEADINGS_HEADINGS_CHECK_H_
#define PROOFGATE_CHECKS_HEADINGS_HEADINGS_CHECK_H_

#include "checks/check.h"

namespace proofgate {

CheckSpec HeadingsCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_HEADINGS_HEADINGS_CHECK_H_

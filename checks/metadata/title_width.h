// Estimated rendered width of a page title in a search result.
//
// Google's desktop results show titles in Arial at 20 px and cut them at
// about 600 px (the limit used by the title-truncation studies of Moz and
// Portent, and by SERP preview tools). Arial is metrically compatible with
// Helvetica, so the widths of printable ASCII come from Adobe's published
// Helvetica AFM metrics (Core 14 fonts, units of 1/1000 em). Characters
// outside ASCII are estimated: 556/1000 em (Helvetica's width of digits and
// most lower-case letters) for alphabetic scripts, and a full em for
// East Asian wide characters (Unicode East_Asian_Width W/F blocks) and
// emoji. Combining marks, zero-width characters and variation selectors
// add nothing.
#ifndef PROOFGATE_CHECKS_METADATA_TITLE_WIDTH_H_
#define PROOFGATE_CHECKS_METADATA_TITLE_WIDTH_H_

#include <string_view>

namespace proofgate {

// Width in pixels of `title` (UTF-8) set in Arial at `font_px` pixels.
// Invalid UTF-8 bytes count as one average character each.
double EstimateTitleWidthPx(std::string_view title, double font_px = 20.0);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_METADATA_TITLE_WIDTH_H_

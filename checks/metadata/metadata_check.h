// The `metadata` check: the front matter has what publishing needs.
//
// Rules (default severity):
//   metadata/missing-key        (error)   a required key is absent or empty
//   metadata/wrong-type         (error)   a key's value has the wrong type
//   metadata/title-length       (warning) title too short, or too long: over
//                                         title_max characters and, when a
//                                         width limit is set, over it too
//   metadata/title-width        (warning) title within title_max characters
//                                         but wider than a search result
//                                         shows (see title_width.h)
//   metadata/description-length (warning) description too short or long
// A title gets at most one finding.
//
// Lengths are counted in characters (Unicode code points, as an editor's
// character count shows them) of the text a reader sees: inline HTML tags
// and comments left out (an <img> icon in a description is not shown in a
// search result), runs of whitespace counted as one, the ends trimmed.
//
// Settings (all optional):
//   required: list of keys that must be present with a non-empty value
//       (default: [title]). An item that is itself a list names
//       alternatives, any one of which satisfies it: [title, [date,
//       publishDate]] wants a title and a date under either name; the
//       finding names the whole group.
//   types: map of key -> null|string|number|boolean|list|map. A plain
//       number or boolean is accepted where a string is expected.
//   title_keys: keys holding the title, first present wins (default [title]).
//   title_min / title_max: characters (defaults 0, i.e. no minimum, and 60:
//       search engines show about 50-60 characters of a title before
//       cutting it, Moz). No minimum by default because documentation
//       names reference pages after what they describe ("S3", "Go",
//       "Kafka", "Copy-Item"): all 589 titles under 10 characters in the
//       shared corpus of 3,815 pages are such names or year section pages.
//   title_max_width_px: estimated pixels (default 600, Google's desktop
//       result width); 0 turns the width off, and title_max alone decides.
//       When set, it decides whether a title is too long (see above).
//   description_keys: keys holding the description, first present wins
//       (default [description]; e.g. [description, meta_description]).
//   description_min / description_max: characters (defaults 50 and 160:
//       Google cuts snippets at about 155-160 characters, and shorter than
//       about 50 rarely describes a page, Moz).
// A length limit of 0 turns that side of the check off.
//
// What counts as present (author_credit.h and README, "What counts as
// present"): a key in any case when the exact name is absent; for a group
// naming `author`, a byline at the top of the body or a canonical URL of a
// link-out stub. No missing-key when the front matter could not be read
// (its input/ finding says so) or for a template-only page (no body, a
// `template`, `layout`, `redirect_to` or `redirect` key). A description
// within a fifth under description_min that differs from the title passes.
//
// Findings about a block scalar value ("description: >-" and the text on
// the lines below) point at the text, not at the indicator.
#ifndef PROOFGATE_CHECKS_METADATA_METADATA_CHECK_H_
#define PROOFGATE_CHECKS_METADATA_METADATA_CHECK_H_

#include "checks/check.h"

namespace proofgate {

CheckSpec MetadataCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_METADATA_METADATA_CHECK_H_

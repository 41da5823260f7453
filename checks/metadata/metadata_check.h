// The `metadata` check: the front matter has what publishing needs.
//
// Rules (default severity):
//   metadata/missing-key        (error)   a required key is absent or empty
//   metadata/wrong-type         (error)   a key's value has the wrong type
//   metadata/title-length       (warning) title too short or too long
//   metadata/title-width        (warning) title wider than a search result
//                                         shows (see title_width.h)
//   metadata/description-length (warning) description too short or long
//
// Lengths are counted in characters (Unicode code points, as an editor's
// character count shows them), after trimming surrounding whitespace.
//
// Settings (all optional):
//   required: list of keys that must be present with a non-empty value
//       (default: [title]).
//   types: map of key -> null|string|number|boolean|list|map. A plain
//       number or boolean is accepted where a string is expected.
//   title_keys: keys holding the title, first present wins (default [title]).
//   title_min / title_max: characters (defaults 10 and 60: search engines
//       show about 50-60 characters of a title before cutting it, Moz).
//   title_max_width_px: estimated pixels (default 600, Google's desktop
//       result width); 0 turns the rule off.
//   description_keys: keys holding the description, first present wins
//       (default [description]; e.g. [description, meta_description]).
//   description_min / description_max: characters (defaults 50 and 160:
//       Google cuts snippets at about 155-160 characters, and shorter than
//       about 50 rarely describes a page, Moz).
// A length limit of 0 turns that side of the check off.
#ifndef PROOFGATE_CHECKS_METADATA_METADATA_CHECK_H_
#define PROOFGATE_CHECKS_METADATA_METADATA_CHECK_H_

#include "checks/check.h"

namespace proofgate {

CheckSpec MetadataCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_METADATA_METADATA_CHECK_H_

// Templating of static-site generators inside running text: Liquid and
// Jekyll tags ("{% include x %}", "{{ page.title }}") and Hugo shortcodes
// ("{{< disclaimer >}}", "{{% note %}}"). Text inside them is not prose a
// reader sees as written, so a required disclaimer found only there does
// not count.
#ifndef PROOFGATE_CHECKS_MATCHING_TEMPLATING_H_
#define PROOFGATE_CHECKS_MATCHING_TEMPLATING_H_

#include <string>
#include <string_view>

namespace proofgate {

// `text` with every "{{ ... }}" and "{% ... %}" span (delimiters included)
// replaced by spaces, byte for byte, so offsets into the result are offsets
// into `text`; a Liquid "{% comment %}" masks everything up to the end of
// its "{% endcomment %}". An opening delimiter without its closing one masks
// the rest of the text. O(bytes). Pure function; thread-safe.
std::string MaskTemplating(std::string_view text);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_MATCHING_TEMPLATING_H_

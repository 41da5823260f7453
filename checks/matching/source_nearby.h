// A source nearby: whether a sentence of a draft has a link, a footnote or
// a written citation close enough to count as its evidence. Shared by the
// claims check (a statistic or superlative needs one) and the sources check
// (a quotation needs one), so both families mean the same thing by it.
//
// "Nearby" for sentence i: a link (any kind but an image), a footnote
// reference ("[^1]") or a written citation ("[12]", "(Smith et al., 2020)",
// "(Source: ...)") between the sentence's start and the start of the next
// sentence of its block (or the block's end, so a link placed after the
// full stop counts), or in the next sentence when that one reads on in the
// same section: the same block, or the block right after it when no
// heading comes between and sentence i is not a list item (the next list
// item is its own statement).
//
// Pure functions and an immutable value; thread-safe.
#ifndef PROOFGATE_CHECKS_MATCHING_SOURCE_NEARBY_H_
#define PROOFGATE_CHECKS_MATCHING_SOURCE_NEARBY_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/document/document.h"
#include "checks/settings.h"

namespace proofgate {

// A place in the file: (line, column), as SourceRange counts them.
using LineColumn = std::pair<int, int>;

// A stretch of the file from `begin` to `end` (exclusive).
struct SourceSpan {
  LineColumn begin;
  LineColumn end;
};

// The span `range` covers.
SourceSpan SpanOf(const SourceRange& range);

// Whether any of `sources` (sorted by begin, as CollectSources returns
// them) overlaps `zone`. O(log n).
bool Overlaps(const std::vector<SourceSpan>& sources, const SourceSpan& zone);

// Whether `url` is absolute and names a site's home page
// ("https://ebpf.io/", "https://f5.com"): nothing after the host but "/".
bool IsHomePage(std::string_view url);

// Whether `text` holds a written citation: "[12]", "[3, 4]", "(Source:
// ...)", "(via: ...)", "(Smith, 2020)", "(Smith et al. 2020)", "(Smith and
// Jones, 2019a)", "[Stroustrup, 1994]". One RE2 pass, linear in the length of
// `text`.
bool HasWrittenCitation(std::string_view text);

// The links (not images) and footnote references of `doc`, sorted by
// position. Links to a host of `excluded_hosts` (entries as HostMatches in
// url_host.h reads them, lower-cased) are left out: a product's own pricing
// page is no evidence. With `documents_only`, links to a site's home page
// (IsHomePage) are left out too.
std::vector<SourceSpan> CollectSources(
    const Document& doc, const std::vector<std::string>& excluded_hosts,
    bool documents_only = false);

// Per block of `doc`: whether it is a paragraph that opens a list item
// (its first line's prefix ends with "- ", "* ", "+ " or "1. ").
std::vector<bool> ListItemParagraphs(const Document& doc);

// Whether sentence `i` of `doc` has a source of `sources` (CollectSources)
// or a written citation between its start and the next sentence of its
// block (or the block's end).
bool SentenceHasSource(const Document& doc,
                       const std::vector<SourceSpan>& sources, size_t i);

// Whether sentence i + 1 exists and reads on from sentence `i` (see the
// file comment); `list_item` as ListItemParagraphs returns it.
bool FollowsInSameSection(const Document& doc,
                          const std::vector<bool>& list_item, size_t i);

// Whether sentence `i` has a source nearby, as the file comment defines it.
bool SourceNearby(const Document& doc, const std::vector<SourceSpan>& sources,
                  const std::vector<bool>& list_item, size_t i);

// Reads the setting `key` as a list of host names, lower-cased
// ("www.example.com", or ".example.com" for the domain and its
// subdomains). A value that is not a list, or an entry that is empty, "."
// or holds '/', ':' or a space, is an error at that node (file:line:col);
// bad entries are left out.
std::vector<std::string> ReadHostList(Settings& settings, std::string_view key);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_MATCHING_SOURCE_NEARBY_H_

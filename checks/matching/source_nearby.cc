#include "checks/matching/source_nearby.h"

#include <re2/re2.h>

#include <algorithm>
#include <iterator>

#include "checks/ascii.h"
#include "checks/matching/url_host.h"

namespace proofgate {

SourceSpan SpanOf(const SourceRange& range) {
  return {{range.line, range.column}, {range.end_line, range.end_column}};
}

bool Overlaps(const std::vector<SourceSpan>& sources, const SourceSpan& zone) {
  auto it = std::lower_bound(
      sources.begin(), sources.end(), zone.begin,
      [](const SourceSpan& s, const LineColumn& p) { return s.begin < p; });
  if (it != sources.end() && it->begin < zone.end) return true;
  return it != sources.begin() && std::prev(it)->end > zone.begin;
}

bool IsHomePage(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return false;
  const size_t path = url.find_first_of("/?#", scheme + 3);
  return path == std::string_view::npos || url.substr(path) == "/";
}

bool HasWrittenCitation(std::string_view text) {
  static const RE2 kCitation(
      R"(\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]|\(\s*(?i:sources?|via)\s*:|)"
      R"(\([A-Z][\pL'’.-]+(?:\s+(?:et\s+al\.?|and|&)(?:\s+[A-Z][\pL'’.-]+)?)?)"
      R"(,?\s+(?:19|20)\d\d[a-z]?\)|)"
      R"(\[[A-Z][\pL'’.-]+(?:\s+et\s+al\.?)?,?\s+(?:19|20)\d\d[a-z]?\])");
  return RE2::PartialMatch(text, kCitation);
}

std::vector<SourceSpan> CollectSources(
    const Document& doc, const std::vector<std::string>& excluded_hosts,
    bool documents_only) {
  std::vector<SourceSpan> sources;
  for (const Link& link : doc.links()) {
    if (link.kind == LinkKind::kImage) continue;
    if (documents_only && IsHomePage(link.destination)) continue;
    const std::string host = UrlHost(link.destination);
    if (std::any_of(
            excluded_hosts.begin(), excluded_hosts.end(),
            [&](const std::string& h) { return HostMatches(host, h); })) {
      continue;
    }
    sources.push_back(SpanOf(link.range));
  }
  for (const FootnoteReference& ref : doc.footnote_references()) {
    sources.push_back(SpanOf(ref.range));
  }
  std::sort(sources.begin(), sources.end(),
            [](const SourceSpan& a, const SourceSpan& b) {
              return a.begin < b.begin;
            });
  return sources;
}

namespace {

// The source text before `block` on its first line: container markers
// ("> ", "- ", "1. ") for a paragraph.
std::string_view LinePrefix(const Document& doc, const ProseBlock& block) {
  const SourceMap& map = doc.source_map();
  if (block.range.line < 1 || block.range.line > map.line_count()) {
    return {};
  }
  const std::string_view line = map.Line(block.range.line);
  size_t i = 0;
  for (int c = 1; c < block.range.column && i < line.size(); ++c) {
    ++i;
    while (i < line.size() &&
           (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) {
      ++i;
    }
  }
  return line.substr(0, i);
}

}  // namespace

std::vector<bool> ListItemParagraphs(const Document& doc) {
  static const RE2 kListMarker(R"((?:^|[\s>])(?:[-*+]|\d{1,9}[.)])\s+$)");
  std::vector<bool> list_item;
  list_item.reserve(doc.blocks().size());
  for (const ProseBlock& block : doc.blocks()) {
    list_item.push_back(block.kind == ProseBlock::Kind::kParagraph &&
                        RE2::PartialMatch(LinePrefix(doc, block), kListMarker));
  }
  return list_item;
}

bool SentenceHasSource(const Document& doc,
                       const std::vector<SourceSpan>& sources, size_t i) {
  const std::vector<Sentence>& sentences = doc.sentences();
  const Sentence& s = sentences[i];
  const LineColumn end =
      i + 1 < sentences.size() && sentences[i + 1].block == s.block
          ? SpanOf(sentences[i + 1].range).begin
          : SpanOf(doc.blocks()[s.block].range).end;
  return Overlaps(sources, SourceSpan{SpanOf(s.range).begin, end}) ||
         HasWrittenCitation(s.text);
}

bool FollowsInSameSection(const Document& doc,
                          const std::vector<bool>& list_item, size_t i) {
  const std::vector<Sentence>& sentences = doc.sentences();
  if (i + 1 >= sentences.size()) return false;
  const size_t block = sentences[i].block;
  const size_t next = sentences[i + 1].block;
  return next == block ||
         (next == block + 1 && !list_item[block] &&
          doc.blocks()[next].kind != ProseBlock::Kind::kHeading);
}

bool SourceNearby(const Document& doc, const std::vector<SourceSpan>& sources,
                  const std::vector<bool>& list_item, size_t i) {
  return SentenceHasSource(doc, sources, i) ||
         (FollowsInSameSection(doc, list_item, i) &&
          SentenceHasSource(doc, sources, i + 1));
}

std::vector<std::string> ReadHostList(Settings& settings,
                                      std::string_view key) {
  std::vector<std::string> out;
  const SettingValue* hosts = settings.Raw(key);
  if (hosts == nullptr) return out;
  if (!hosts->node.IsSequence()) {
    settings.Error(key, "expected a list of hosts, such as [\".example.com\"]");
    return out;
  }
  for (const YAML::Node& item : hosts->node) {
    std::string host = item.IsScalar() ? item.Scalar() : "";
    for (char& c : host) c = AsciiLower(c);
    if (host.empty() || host == "." ||
        host.find_first_of("/: ") != std::string::npos) {
      settings.Error(item, hosts->file,
                     std::string(key) +
                         ": expected a host name such as "
                         "\"www.example.com\" or \".example.com\"");
      continue;
    }
    out.push_back(std::move(host));
  }
  return out;
}

}  // namespace proofgate

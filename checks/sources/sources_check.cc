#include "checks/sources/sources_check.h"

#include <re2/re2.h>

#include <algorithm>
#include <set>
#include <string>
#include <utility>

#include "checks/ascii.h"
#include "checks/document/front_matter.h"
#include "checks/matching/source_nearby.h"
#include "checks/matching/url_host.h"
#include "checks/sources/quotations.h"

namespace proofgate {

namespace {

struct Config {
  bool quotes = true;
  bool footnotes = true;
  int quote_min_words = 6;
  std::string front_matter_key = "sources";
  std::vector<std::string> trusted;
  std::vector<std::string> untrusted;
  std::vector<std::string> own_hosts;
};

// A link used as a citation: where it points and where it is written.
struct Citation {
  std::string url;
  SourceRange range;
};

bool AnyHost(const std::vector<std::string>& entries, std::string_view host) {
  return std::any_of(entries.begin(), entries.end(), [&](const std::string& e) {
    return HostMatches(host, e);
  });
}

// `url` as links compare (see the header): scheme and host lower-cased, no
// "#fragment", no trailing "/".
std::string ComparableUrl(std::string_view url) {
  url = url.substr(0, url.find('#'));
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  std::string out(url);
  const size_t authority = AuthorityStart(url);
  if (authority != std::string_view::npos) {
    const size_t path = out.find('/', authority + 2);
    const size_t stop = path == std::string::npos ? out.size() : path;
    for (size_t i = 0; i < stop; ++i) out[i] = AsciiLower(out[i]);
  }
  return out;
}

// Indexes of the sentences of `q`: every sentence of its blocks for a
// block quote, those overlapping the quote and its attribution for an
// inline one; empty when none.
std::vector<size_t> SentencesOf(const Document& doc, const Quotation& q) {
  std::vector<size_t> out;
  const std::vector<Sentence>& sentences = doc.sentences();
  for (size_t i = 0; i < sentences.size(); ++i) {
    const Sentence& s = sentences[i];
    if (s.block < q.first_block || s.block > q.last_block) continue;
    if (!q.block_quote && (s.end <= q.span_begin || s.begin >= q.span_end)) {
      continue;
    }
    out.push_back(i);
  }
  return out;
}

// A finding of `rule` at `range` of `doc`, its excerpt the text there.
Finding SourcesFinding(const Document& doc, std::string rule, Severity severity,
                       double confidence, const SourceRange& range) {
  Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.confidence = confidence;
  f.range = range;
  f.excerpt = doc.Excerpt(range);
  return f;
}

class SourcesCheck : public Check {
 public:
  explicit SourcesCheck(Config config) : config_(std::move(config)) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    if (!doc.parsed()) return;
    const bool judge_hosts =
        !config_.trusted.empty() || !config_.untrusted.empty();
    std::vector<Citation> citations;
    if (config_.quotes || judge_hosts) Quotes(doc, citations, out);
    if (config_.footnotes) Footnotes(doc, out);
    UncitedSources(doc, citations, out);
    if (judge_hosts) Untrusted(doc, citations, out);
  }

 private:
  // Reports quotations with no source nearby; the links that do source
  // one go to `citations`.
  void Quotes(const Document& doc, std::vector<Citation>& citations,
              std::vector<Finding>& out) const {
    const std::vector<Quotation> quotes =
        FindQuotations(doc, config_.quote_min_words);
    if (quotes.empty()) return;
    const std::vector<SourceSpan> sources = CollectSources(doc, {});
    const std::vector<bool> list_item = ListItemParagraphs(doc);
    for (const Quotation& q : quotes) {
      std::vector<size_t> zone = SentencesOf(doc, q);
      if (zone.empty()) continue;
      if (FollowsInSameSection(doc, list_item, zone.back()) &&
          !SentenceHasSource(doc, sources, zone.back())) {
        zone.push_back(zone.back() + 1);
      }
      bool sourced = false;
      for (size_t i : zone) sourced |= SentenceHasSource(doc, sources, i);
      if (sourced) {
        CitationsIn(doc, zone, citations, &q.body);
        continue;
      }
      if (!config_.quotes) continue;
      Finding f = SourcesFinding(doc, "sources/unattributed-quote",
                                 Severity::kWarning, 0.9, q.range);
      f.message =
          q.block_quote
              ? "This block quote is attributed to someone but cites no "
                "source; link where it was said or written, or add a "
                "footnote."
              : "This quotation is attributed to someone but cites no "
                "source; link where it was said or written, or add a "
                "footnote.";
      out.push_back(std::move(f));
    }
  }

  // Whether `link` labels a speaker's team or project in an attribution
  // line ("— Ralf Jung ([Miri])"): in parentheses of its own, where a
  // source would read "— Jane Doe, [in her keynote](...)".
  static bool Affiliation(const Document& doc, const Link& link) {
    static const RE2 kAttribution(R"(^\s*(?:—|―|–|--|~))");
    if (link.block >= doc.blocks().size() || link.text.empty()) return false;
    const std::string& text = doc.blocks()[link.block].text;
    return RE2::PartialMatch(text, kAttribution) &&
           text.find("(" + link.text + ")") != std::string::npos;
  }

  // The links within sentences `zone` (indexes into doc.sentences()),
  // except those inside `quoted` (the quoted words: a link there is the
  // speaker's, not the quote's source).
  static void CitationsIn(const Document& doc, const std::vector<size_t>& zone,
                          std::vector<Citation>& citations,
                          const SourceRange* quoted = nullptr) {
    const std::vector<Sentence>& sentences = doc.sentences();
    for (size_t i : zone) {
      if (i >= sentences.size()) continue;
      const SourceSpan span = SpanOf(sentences[i].range);
      for (const Link& link : doc.links()) {
        if (link.kind == LinkKind::kImage) continue;
        const SourceSpan at = SpanOf(link.range);
        if (quoted != nullptr && Overlaps({SpanOf(*quoted)}, at)) continue;
        if (Affiliation(doc, link)) continue;
        if (at.begin >= span.begin && at.begin < span.end) {
          citations.push_back({link.destination, link.range});
        }
      }
    }
  }

  static void Footnotes(const Document& doc, std::vector<Finding>& out) {
    static const RE2 kReference(R"((\[\^[^\]\s]{1,100}\]))");
    for (const ProseBlock& block : doc.blocks()) {
      re2::StringPiece input(block.text);
      re2::StringPiece ref;
      while (RE2::FindAndConsume(&input, kReference, &ref)) {
        // "[^x]:" that the parser did not take as a definition.
        if (!input.empty() && input[0] == ':') continue;
        const size_t begin = ref.data() - block.text.data();
        Finding f =
            FootnoteFinding(doc, doc.Locate(block, begin, begin + ref.size()));
        f.message = "The footnote reference '" + std::string(ref) +
                    "' has no definition: add '" + std::string(ref) +
                    ": ...' with its source, or remove the reference.";
        out.push_back(std::move(f));
      }
    }
    for (const FootnoteDefinition& def : doc.footnote_definitions()) {
      if (def.referenced) continue;
      Finding f = FootnoteFinding(doc, def.range);
      f.message = "The footnote '[^" + def.label +
                  "]' is defined but never referenced: cite it in the text "
                  "with '[^" +
                  def.label + "]', or remove it.";
      out.push_back(std::move(f));
    }
  }

  static Finding FootnoteFinding(const Document& doc, SourceRange range) {
    return SourcesFinding(doc, "sources/orphan-footnote", Severity::kError, 1.0,
                          range);
  }

  // The front matter's sources: each (url, node) with a URL.
  std::vector<std::pair<std::string, YAML::Node>> DeclaredSources(
      const Document& doc) const {
    std::vector<std::pair<std::string, YAML::Node>> out;
    const FieldLookup list =
        doc.front_matter().Get(config_.front_matter_key, ValueType::kList);
    if (list.status != FieldLookup::Status::kFound) return out;
    for (const YAML::Node& item : list.node) {
      if (item.IsScalar() && !item.Scalar().empty()) {
        out.emplace_back(item.Scalar(), item);
        continue;
      }
      if (!item.IsMap()) continue;
      for (const auto& field : item) {
        if (field.first.IsScalar() && field.first.Scalar() == "url" &&
            field.second.IsScalar() && !field.second.Scalar().empty()) {
          out.emplace_back(field.second.Scalar(), field.second);
        }
      }
    }
    return out;
  }

  void UncitedSources(const Document& doc, std::vector<Citation>& citations,
                      std::vector<Finding>& out) const {
    const auto declared = DeclaredSources(doc);
    if (declared.empty()) return;
    std::set<std::string> linked;
    for (const Link& link : doc.links()) {
      if (link.kind != LinkKind::kImage) {
        linked.insert(ComparableUrl(link.destination));
      }
    }
    for (const auto& [url, node] : declared) {
      const SourceRange range = doc.front_matter().RangeOf(node);
      citations.push_back({url, range});
      if (linked.count(ComparableUrl(url)) > 0) continue;
      Finding f = SourcesFinding(doc, "sources/uncited-source",
                                 Severity::kWarning, 1.0, range);
      f.message = "The source '" + url + "' is listed in the front matter's '" +
                  config_.front_matter_key +
                  "' but never cited: link it where the text relies on it, "
                  "or drop it from the list.";
      out.push_back(std::move(f));
    }
  }

  // Links that open a footnote's text, alone or after a citing word ("[^1]:
  // See [the report](...)", "Source: ...", "Quote from <...>").
  static void FootnoteCitations(const Document& doc,
                                std::vector<Citation>& citations) {
    static const RE2 kLead(
        R"((?i)^\s*(?:(?:see|sources?|from|quoted?\s+from|via|cf\.?|)"
        R"(based\s+on|data\s+from|taken\s+from|references?)\b[\s:,]*)"
        R"((?:also\s+|the\s+|related\s+)*)?)");
    std::set<std::pair<int, int>> openers;
    for (const FootnoteDefinition& def : doc.footnote_definitions()) {
      openers.insert({def.range.line, def.range.column});
    }
    const std::vector<ProseBlock>& blocks = doc.blocks();
    for (const Link& link : doc.links()) {
      if (link.kind == LinkKind::kImage || link.block >= blocks.size())
        continue;
      const ProseBlock& block = blocks[link.block];
      const auto def =
          openers.upper_bound({block.range.line, block.range.column});
      if (def == openers.begin() || std::prev(def)->first != block.range.line) {
        continue;
      }
      re2::StringPiece rest(block.text);
      RE2::Consume(&rest, kLead);
      const size_t lead = block.text.size() - rest.size();
      const bool url_text =
          link.kind == LinkKind::kAutolink || link.kind == LinkKind::kBareUrl;
      // The link's text opens the footnote or follows its citing words
      // (or, for a URL, which the text holds as a space, those words).
      if (url_text) {
        // The text holds a URL as a space: compare where it is written
        // (the citing words are ASCII, one column a byte).
        if (link.range.line == block.range.line &&
            link.range.column <=
                block.range.column + static_cast<int>(lead) + 2) {
          citations.push_back({link.destination, link.range});
        }
        continue;
      }
      const size_t at = block.text.find(link.text);
      if (link.text.empty() || at == std::string::npos || at > lead) continue;
      // "[Typosquatting](...) is a technique ...": a definition.
      static const RE2 kDefines(R"(^\s*(?:is|are|was|were)\b)");
      if (RE2::PartialMatch(
              std::string_view(block.text).substr(at + link.text.size()),
              kDefines)) {
        continue;
      }
      citations.push_back({link.destination, link.range});
    }
  }

  // Whether `link`'s text is a code span ("Source: [`scripts/check/`]"
  // says where code lives, it cites nothing). Read from the file: "[`"
  // where the link opens (columns count code points, so only a line that
  // is ASCII up to the link is read).
  static bool CodeText(const Document& doc, const Link& link) {
    const std::string_view line = doc.source_map().Line(link.range.line);
    const size_t at = static_cast<size_t>(link.range.column - 1);
    if (at + 2 > line.size()) return false;
    for (size_t i = 0; i < at; ++i) {
      if (static_cast<unsigned char>(line[i]) >= 0x80) return false;
    }
    return line.substr(at, 2) == "[`";
  }

  // Links right after words that cite ("According to [X]", "Source: [X]",
  // "a study by [X]", "as reported by [X]"; not "via", which in technical
  // writing means "by means of"); "according to" only opening a
  // sentence or clause, where it attributes ("review crates according to
  // the guidelines" follows a rule, it cites nothing).
  static void CuedCitations(const Document& doc,
                            std::vector<Citation>& citations) {
    static const RE2 kCue(
        R"((?i)((?:^|[,;:(]\s*)according\s+to\s+|\bsources?\s*:\s*|)"
        R"(\b(?:cited\s+(?:in|by)|as\s+reported\s+(?:in|by)|reported\s+by|)"
        R"(quoted\s+(?:in|from)|(?:study|report|survey|paper|research)\s+)"
        R"((?:by|from))\s+))");
    constexpr size_t kReach = 40;  // bytes from the cue to the link
    const std::vector<ProseBlock>& blocks = doc.blocks();
    for (const Sentence& s : doc.sentences()) {
      re2::StringPiece input(s.text);
      re2::StringPiece cue;
      while (RE2::FindAndConsume(&input, kCue, &cue)) {
        const ProseBlock& block = blocks[s.block];
        const size_t end = s.begin + (cue.data() - s.text.data()) + cue.size();
        const SourceSpan zone = {
            // From the cue's last character: a link's range opens at its
            // "[", which Locate() leaves out of the text it maps.
            SpanOf(doc.Locate(block, end > 0 ? end - 1 : end, end)).begin,
            SpanOf(doc.Locate(block, end,
                              std::min(block.text.size(), end + kReach)))
                .end};
        for (const Link& link : doc.links()) {
          if (link.kind == LinkKind::kImage || link.block != s.block ||
              CodeText(doc, link)) {
            continue;
          }
          const LineColumn at = SpanOf(link.range).begin;
          if (at >= zone.begin && at < zone.end) {
            citations.push_back({link.destination, link.range});
          }
        }
      }
    }
  }

  void Untrusted(const Document& doc, std::vector<Citation>& citations,
                 std::vector<Finding>& out) const {
    FootnoteCitations(doc, citations);
    CuedCitations(doc, citations);
    std::set<std::pair<int, int>> seen;
    for (const Citation& c : citations) {
      const std::string host = UrlHost(c.url);
      if (host.empty() || AnyHost(config_.own_hosts, host)) continue;
      const bool denied = AnyHost(config_.untrusted, host);
      if (!denied &&
          (config_.trusted.empty() || AnyHost(config_.trusted, host))) {
        continue;
      }
      if (!seen.insert({c.range.line, c.range.column}).second) continue;
      Finding f = SourcesFinding(doc, "sources/untrusted-source",
                                 Severity::kWarning, 0.5, c.range);
      f.message =
          "This citation points to " + host +
          (denied ? ", which the rulebook lists in untrusted_sources"
                  : ", which is not in the rulebook's trusted_sources") +
          ": an editor should confirm the source or replace it.";
      out.push_back(std::move(f));
    }
  }

  Config config_;
};

std::unique_ptr<Check> Build(Settings& settings) {
  Config config;
  config.quotes = settings.Bool("quotes", true);
  config.footnotes = settings.Bool("footnotes", true);
  config.quote_min_words =
      static_cast<int>(settings.Int("quote_min_words", 6, 1, 100));
  config.front_matter_key = settings.String("front_matter_key", "sources");
  if (config.front_matter_key.empty()) {
    settings.Error("front_matter_key", "expected a front-matter key name");
  }
  config.trusted = ReadHostList(settings, "trusted_sources");
  config.untrusted = ReadHostList(settings, "untrusted_sources");
  config.own_hosts = ReadHostList(settings, "own_hosts");
  for (const std::string& host : config.untrusted) {
    if (std::find(config.trusted.begin(), config.trusted.end(), host) !=
        config.trusted.end()) {
      settings.Error("untrusted_sources",
                     "'" + host +
                         "' is in both trusted_sources and "
                         "untrusted_sources");
    }
  }
  return std::make_unique<SourcesCheck>(std::move(config));
}

}  // namespace

CheckSpec SourcesCheckSpec() {
  return CheckSpec{
      "sources",
      "Source completeness: quotations with no source, orphan footnotes, "
      "declared sources never cited, citations to untrusted hosts.",
      {
          {"sources/unattributed-quote", Severity::kWarning,
           "A quotation attributed to someone with no link or citation "
           "nearby."},
          {"sources/orphan-footnote", Severity::kError,
           "A footnote reference with no definition, or a definition never "
           "referenced."},
          {"sources/uncited-source", Severity::kWarning,
           "An entry of the front matter's sources list that the text never "
           "links."},
          {"sources/untrusted-source", Severity::kWarning,
           "A citation to a host outside trusted_sources or inside "
           "untrusted_sources (routes to review)."},
      },
      &Build,
  };
}

}  // namespace proofgate

#include "checks/claims/claims_check.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <iterator>
#include <utility>

#include "checks/ascii.h"
#include "checks/document/utf8.h"

namespace proofgate {

namespace {

// What a pattern detects; decides the rule and the base confidence.
enum class Kind {
  kStatistic,    // claims/unsupported-statistic
  kSuperlative,  // claims/superlative, marketing phrasing
  kAbsolute,     // claims/superlative, bare absolutes (absolutes: true)
  kWeasel,       // claims/weasel-source
};

// Conditions a match must also meet, checked in code since RE2 has no
// look-around.
enum class Filter {
  kNone,
  kPercent,      // in a claim context, and not kTechnical
  kTechnical,    // not in a sentence about configuration or measurement
  kSuperlative,  // not advice ("the best way", "for the best results")
  kNumberOne,    // "#1" reads as a ranking, not "step #1"
  kNotNegated,   // not denied ("isn't 100% reliable", "no zero downtime")
  kAbsolute,     // not qualified ("almost always"), not an opening command
};

struct PatternSpec {
  Kind kind;
  Filter filter;
  const char* regex;  // case-insensitive; group 1 is the claim phrase
};

// The claim patterns. Word lists come from editorial style guides' lists of
// unsupported claims (Microsoft Writing Style Guide, "Superlatives";
// Wikipedia's Manual of Style, "Words to watch": puffery, weasel words) and
// from reading the shared corpus for what technical writing uses otherwise.
constexpr PatternSpec kPatterns[] = {
    // Statistics.
    {Kind::kStatistic, Filter::kPercent,
     R"((?:^|[^\w.])(\d+(?:[.,]\d+)*\s?(?:%|percent\b|per\s?cent\b)))"},
    {Kind::kStatistic, Filter::kNone,
     R"(\b((?:\d+(?:\.\d+)?\s?(?:x|×)|(?:\d+(?:\.\d+)?|two|three|four|five|)"
     R"(six|seven|eight|nine|ten|a\s+hundred|hundred|a\s+thousand|)"
     R"(thousand)\s+times)\s+(?:faster|slower|quicker|cheaper|better|more|)"
     R"(less|fewer|higher|lower|smaller|larger|bigger|greater)|)"
     R"(\d+(?:\.\d+)?x\s+(?:improvement|speed-?up|increase|reduction|boost|)"
     R"(gain)s?|(?:twice|thrice|(?:two|three|four|five|six|seven|eight|nine|)"
     R"(ten|\d+)\s+times)\s+as\s+\w+|\d+-fold|(?:two|three|four|five|ten|)"
     R"(hundred)fold)\b)"},
    {Kind::kStatistic, Filter::kTechnical,
     R"(\b((?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+)"
     R"((?:out\s+of\s+(?:every\s+)?(?:\d+(?:,\d{3})*|two|three|four|five|)"
     R"(six|seven|eight|nine|ten|a\s+hundred|a\s+thousand|hundred|thousand)|)"
     R"(in\s+(?:every\s+)?(?:\d{1,3}(?:,\d{3})*|two|three|four|five|six|)"
     R"(seven|eight|nine|ten|a\s+hundred|a\s+thousand)))\b)"},
    {Kind::kStatistic, Filter::kNone,
     R"(\b(\d+\s+of\s+(?:every\s+)?(?:the\s+)?(?:top\s+)?\d+(?:\s+\w+)?\s+)"
     R"((?:people|users|customers|clients|developers|companies|)"
     R"(organi[sz]ations|businesses|enterprises|teams|respondents|experts|)"
     R"(engineers|doctors|dentists|professionals|leaders|banks|retailers|)"
     R"(brands)|\d+\s+of\s+the\s+(?:fortune|global|forbes)\s+\d+)\b)"},
    {Kind::kStatistic, Filter::kNone,
     R"(\b((?:doubl|tripl|quadrupl)(?:ed|ing)|halv(?:ed|ing)|cut\s+in\s+half|)"
     R"((?:doubles|triples|quadruples|halves)\s+(?:the|your|its|their|our))\b)"},
    // Superlatives and marketing absolutes.
    {Kind::kSuperlative, Filter::kSuperlative,
     R"(\b((?:the|our|its|their)\s+(?:very\s+)?(?:best|fastest|cheapest|)"
     R"(most\s+(?:powerful|advanced|popular|trusted|secure|reliable|complete|)"
     R"(comprehensive|innovative|scalable|efficient|performant|affordable|)"
     R"(accurate|flexible|widely\s+used)))\b)"},
    {Kind::kSuperlative, Filter::kNotNegated,
     R"(\b((?:world|industry|market|class)[- ]leading|best[- ]in[- ]class|)"
     R"(best[- ]of[- ]breed|world[- ]class|world['’]s\s+(?:leading|best|)"
     R"(fastest|first|largest|biggest|most\s+\w+)|second\s+to\s+none|)"
     R"(unparalleled|unrivall?ed|unbeatable|unsurpassed|revolutionary|)"
     R"(game[- ]chang(?:er|ing))\b)"},
    {Kind::kSuperlative, Filter::kNumberOne,
     R"((?:^|[^\w#&])(#\s?1|no\.\s?1|number[- ]one)\b)"},
    {Kind::kSuperlative, Filter::kNotNegated,
     R"(\b((?:money[- ]back|satisfaction|lifetime)\s+guarantee|guaranteed\s+)"
     R"((?:results?|savings?|success|uptime|satisfaction|to\s+(?:work|save|)"
     R"(increase|boost|improve|grow|double|deliver))|(?:results?|)"
     R"(satisfaction|success)\s+guaranteed|we\s+guarantee|100\s?%\s+)"
     R"((?:secure|safe|reliable|accurate|uptime|available|guaranteed|)"
     R"(satisfaction|effective|success|bug[- ]free|risk[- ]free)|zero\s+)"
     R"((?:downtime|risk)|risk[- ]free|fool[- ]?proof|bullet[- ]?proof|never\s+)"
     R"((?:fails?|breaks?|goes\s+down|crash(?:es)?|lets\s+you\s+down)|works\s+)"
     R"(every\s+time)\b)"},
    {Kind::kSuperlative, Filter::kNotNegated,
     R"(\b((?:all|every)\s+(?:of\s+(?:our|the)\s+)?customers?|)"
     R"((?:everyone|everybody)\s+(?:loves|agrees|uses|knows|trusts|prefers|)"
     R"(wants))\b)"},
    // Bare absolutes (only with absolutes: true).
    {Kind::kAbsolute, Filter::kAbsolute,
     R"(\b(always|never|every|everyone|everybody|everything|nobody|forever)\b)"},
    // Appeals to unnamed evidence.
    {Kind::kWeasel, Filter::kNone,
     R"(\b((?:studies|research|experts|scientists|analysts|surveys|)"
     R"(researchers|doctors)\s+(?:have\s+|has\s+)?(?:show|shows|shown|prove|)"
     R"(proves|proven|suggest|suggests|indicate|indicates|confirm|confirms|)"
     R"(agree|agrees|say|says|found|find|finds|demonstrate|demonstrates|)"
     R"(demonstrated|recommend|recommends|believe|believes))\b)"},
    {Kind::kWeasel, Filter::kNone,
     R"(\b((?:many|most|some|leading|top)\s+(?:experts|scientists|analysts|)"
     R"(researchers|doctors)\s+(?:agree|say|believe|think|recommend|consider|)"
     R"(prefer|know)|many\s+people\s+(?:say|believe|think|agree))\b)"},
    {Kind::kWeasel, Filter::kNone,
     R"(\b(it\s+is\s+(?:well[- ]known|widely\s+(?:known|accepted|believed|)"
     R"(recogni[sz]ed|acknowledged)|common\s+knowledge|generally\s+)"
     R"((?:accepted|agreed|believed|known))|(?:widely|generally)\s+)"
     R"((?:regarded|considered|recogni[sz]ed|accepted|believed)\s+)"
     R"((?:as|to\s+be)|according\s+to\s+(?:experts|studies|research|)"
     R"(scientists|analysts|many|some)|(?:clinically|scientifically)\s+proven|)"
     R"(it\s+has\s+been\s+(?:shown|proven|demonstrated)|(?:some|many)\s+)"
     R"((?:say|would\s+say|argue|claim))\b)"},
};

// What makes a percentage a claim: a share of a population ("78% of
// respondents"), a change or comparison ("cut costs by 40%", "30% faster"),
// or survey and business figures. Without one, a percentage describes
// behaviour ("returns 2.5% of documents", "a 10% markup") and is not
// reported.
constexpr const char* kPercentClaim =
    R"((?i)\bof\s+(?:(?:all|the|our|their|total|surveyed)\s+)*(?:\w+\s+)?)"
    R"((?:respondents|users|customers|clients|developers|companies|)"
    R"(organi[sz]ations|businesses|enterprises|teams|people|attendees|)"
    R"(participants|contributors|maintainers|engineers|members|employees|)"
    R"(professionals|adults|consumers|buyers|shoppers|visitors|readers|)"
    R"(marketers|leaders)\b|\b(?:respondents|attendees|participants|)"
    R"(customers|survey\w*|increas\w*|decreas\w*|reduc\w*|improv\w*|)"
    R"(boost\w*|sav(?:e|es|ed|ing|ings)|grow(?:s|th|n)?|grew|drop(?:s|ped)?|)"
    R"(rose|rise[sn]?|jump(?:s|ed)?|gain(?:s|ed)?|cut(?:s|ting)?|slash\w*|)"
    R"(faster|slower|quicker|cheaper|better|worse|fewer|uptime|accuracy|)"
    R"(satisf\w*|majority|minority|market\s+share|adoption|conversions?|)"
    R"(roi|revenue|sales|churn|retention)\b|%\s+(?:more|less|higher|lower|)"
    R"(greater|smaller|larger|bigger)\b)";

// A sentence about configuration or measurement: its percentages and
// ratios are settings or readings, not claims ("set the disk watermark to
// 85%", "reduce the sampling rate to 10%", "1 in 100 requests is sampled").
constexpr const char* kTechnicalPercent =
    R"((?i)\b(?:thresholds?|watermarks?|limits?|settings?|set\s+to|)"
    R"(defaults?|configur\w*|parameters?|percentiles?|quantiles?|p\d\d|)"
    R"(ratio|sampl\w*|exceed\w*|reach\w*|trigger\w*|quota|budget|)"
    R"(opacity|width|height|zoom|progress|probability|weights?|margin|)"
    R"(padding|scale)\b)";

// Words around a superlative that make it advice, not a claim.
constexpr std::string_view kAdviceAfter[] = {
    "way",       "ways",     "practice", "practices", "approach", "approaches",
    "option",    "options",  "method",   "methods",   "fit",      "match",
    "matches",   "effort",   "place",    "places",    "use",      "time",
    "thing",     "things",   "case",     "of",        "known",    "possible",
    "setup",     "strategy", "fits",     "suited",    "chance",   "course",
    "available", "efforts",  "part"};
constexpr std::string_view kAdviceBefore[] = {
    "for",       "get",      "getting", "achieve", "obtain", "ensure",
    "choose",    "choosing", "pick",    "select",  "find",   "finding",
    "determine", "identify", "to",      "which",   "what",   "all",
    "at",        "do",       "does",    "doing",   "did",    "try",
    "tries",     "trying",   "decide",  "detect",  "use"};
// Words that rank, around "#1" / "number one".
constexpr std::string_view kRankBefore[] = {
    "the", "our", "a",  "ranked",  "rated",     "voted",
    "is",  "are", "as", "world's", "industry's"};
constexpr std::string_view kRankAfter[] = {
    "choice",  "platform", "tool",   "solution", "provider",
    "vendor",  "product",  "app",    "brand",    "seller",
    "selling", "rated",    "ranked", "spot",     "position"};
// Words before a claim that deny it.
constexpr std::string_view kNegations[] = {
    "not", "isn't",  "aren't",  "wasn't", "weren't", "no",     "never",
    "nor", "hardly", "without", "isnt",   "arent",   "cannot", "can't"};
// Words before an absolute that qualify it.
constexpr std::string_view kQualifiers[] = {
    "almost", "nearly", "not",     "virtually", "practically", "hardly",
    "if",     "than",   "without", "nor",       "quite"};

// Hedges that soften a superlative or absolute.
constexpr const char* kHedge =
    R"((?i)\b(?:may|might|could|can\s+be|often|usually|typically|generally|)"
    R"(probably|likely|possibly|perhaps|arguably|one\s+of\s+the|among\s+the|)"
    R"(in\s+most\s+cases|tends?\s+to)\b)";
// A named source without a link. Case-sensitive: the name is capitalized.
constexpr const char* kAttribution =
    R"((?:(?i:according\s+to)\s+(?:the\s+)?[A-Z]|(?i:report|study|survey|)"
    R"(paper|benchmark|analysis|research)\s+(?i:by|from)\s+(?:the\s+)?[A-Z]|)"
    R"([A-Z][\w&.-]*['’]s\s+(?:\d{4}\s+)?(?i:report|study|survey|research|)"
    R"(benchmark|analysis)))";
// A written citation: "[12]", "[3, 4]", "(Source: ...)", "(Smith, 2020)",
// "(Smith et al. 2020)", "(Smith and Jones, 2019a)".
constexpr const char* kCitation =
    R"(\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]|\(\s*(?i:sources?|via)\s*:|)"
    R"(\([A-Z][\pL'’.-]+(?:\s+(?:et\s+al\.?|and|&)(?:\s+[A-Z][\pL'’.-]+)?)?)"
    R"(,?\s+(?:19|20)\d\d[a-z]?\))";

template <size_t N>
bool Contains(const std::string_view (&words)[N], std::string_view word) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'';
}

// The lower-cased ASCII word that ends before `at`, skipping spaces and
// quotes; "" when there is none.
std::string WordBefore(std::string_view text, size_t at) {
  size_t end = at;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '"' ||
                     text[end - 1] == '*' || text[end - 1] == '_')) {
    --end;
  }
  size_t begin = end;
  while (begin > 0 && IsWordChar(text[begin - 1])) --begin;
  std::string word(text.substr(begin, end - begin));
  for (char& c : word) c = AsciiLower(c);
  return word;
}

// The lower-cased ASCII word that starts after `at`, skipping spaces and
// hyphens ("best-effort" -> "effort"); "" when there is none.
std::string WordAfter(std::string_view text, size_t at) {
  size_t begin = at;
  while (begin < text.size() && (text[begin] == ' ' || text[begin] == '-')) {
    ++begin;
  }
  size_t end = begin;
  while (end < text.size() && IsWordChar(text[end])) ++end;
  std::string word(text.substr(begin, end - begin));
  for (char& c : word) c = AsciiLower(c);
  return word;
}

// Whether only punctuation comes before `at`: the phrase opens its sentence.
bool OpensSentence(std::string_view text, size_t at) {
  for (size_t i = 0; i < at; ++i) {
    const char c = text[i];
    if (IsWordChar(c) || (c >= '0' && c <= '9')) return false;
  }
  return true;
}

// Sentence excerpt: the sentence, or, when longer, 200 bytes of it that
// start a quarter of the window before the phrase at `begin` (the length
// Finding::excerpt promises), cut on UTF-8 boundaries.
std::string SentenceExcerpt(std::string_view sentence, size_t begin) {
  constexpr size_t kMax = 200;
  if (sentence.size() <= kMax) return std::string(sentence);
  size_t start = begin > kMax / 4 ? begin - kMax / 4 : 0;
  while (start > 0 && IsContinuationByte(sentence[start])) --start;
  const std::string_view rest = sentence.substr(start);
  return std::string(rest.substr(0, Utf8PrefixLength(rest, kMax)));
}

using Position = std::pair<int, int>;  // (line, column)

struct Span {
  Position begin;
  Position end;  // exclusive
};

Position Start(const SourceRange& r) { return {r.line, r.column}; }
Position End(const SourceRange& r) { return {r.end_line, r.end_column}; }

// Whether any of `sources` (sorted by begin) overlaps `zone`.
bool Overlaps(const std::vector<Span>& sources, const Span& zone) {
  auto it = std::lower_bound(
      sources.begin(), sources.end(), zone.begin,
      [](const Span& s, const Position& p) { return s.begin < p; });
  if (it != sources.end() && it->begin < zone.end) return true;
  return it != sources.begin() && std::prev(it)->end > zone.begin;
}

struct Candidate {
  Kind kind;
  size_t begin = 0;  // byte offsets in the sentence text
  size_t end = 0;
};

struct Config {
  bool statistics = true;
  bool superlatives = true;
  bool absolutes = false;
  bool weasel_sources = true;
  std::vector<std::unique_ptr<RE2>> allow;
};

// RE2 options that report errors as values, not on stderr.
RE2::Options QuietOptions();

class ClaimsCheck : public Check {
 public:
  // `patterns` and `allow` are compiled and valid.
  ClaimsCheck(
      Config config,
      std::vector<std::pair<const PatternSpec*, std::unique_ptr<RE2>>> patterns,
      std::unique_ptr<RE2> percent_claim, std::unique_ptr<RE2> technical,
      std::unique_ptr<RE2> hedge, std::unique_ptr<RE2> attribution,
      std::unique_ptr<RE2> citation)
      : config_(std::move(config)),
        patterns_(std::move(patterns)),
        percent_claim_(std::move(percent_claim)),
        technical_(std::move(technical)),
        hedge_(std::move(hedge)),
        attribution_(std::move(attribution)),
        citation_(std::move(citation)) {
    // One pass of a Set over a sentence tells which enabled patterns occur
    // in it at all; most sentences have none, and the others then run only
    // those patterns for positions (instead of every pattern on every
    // sentence). Same options, same text: the Set sees exactly what each
    // pattern would.
    auto set = std::make_unique<RE2::Set>(QuietOptions(), RE2::UNANCHORED);
    for (size_t i = 0; i < patterns_.size(); ++i) {
      if (!Enabled(patterns_[i].first->kind)) continue;
      if (set->Add(patterns_[i].second->pattern(), nullptr) < 0) return;
      set_patterns_.push_back(i);
    }
    if (set->Compile()) prefilter_ = std::move(set);
  }

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    const std::vector<Sentence>& sentences = doc.sentences();
    const std::vector<ProseBlock>& blocks = doc.blocks();
    std::vector<Span> sources;  // built on the first claim
    bool sources_built = false;

    for (size_t i = 0; i < sentences.size(); ++i) {
      const Sentence& s = sentences[i];
      std::vector<Candidate> found = FindClaims(s.text);
      if (found.empty() || Allowed(s.text)) continue;
      if (!sources_built) {
        sources = CollectSources(doc);
        sources_built = true;
      }
      if (HasSource(sentences, blocks, sources, i) ||
          (FollowsInSameSection(sentences, blocks, i) &&
           HasSource(sentences, blocks, sources, i + 1))) {
        continue;
      }
      const ProseBlock& block = blocks[s.block];
      const bool paragraph_source =
          Overlaps(sources, Span{Start(block.range), End(block.range)}) ||
          RE2::PartialMatch(block.text, *citation_);
      const bool attributed = RE2::PartialMatch(s.text, *attribution_);
      const bool hedged =
          RE2::PartialMatch(s.text, *hedge_) || s.text.back() == '?';
      const bool table = block.kind == ProseBlock::Kind::kTableCell;

      bool reported[3] = {false, false, false};  // statistic, sup., weasel
      for (const Candidate& c : found) {
        const int rule = c.kind == Kind::kStatistic ? 0
                         : c.kind == Kind::kWeasel  ? 2
                                                    : 1;
        if (reported[rule]) continue;
        reported[rule] = true;
        int hundredths = c.kind == Kind::kWeasel     ? 70
                         : c.kind == Kind::kAbsolute ? 40
                                                     : 60;
        if (paragraph_source) hundredths -= 20;
        if (attributed) hundredths -= 20;
        if (hedged &&
            (c.kind == Kind::kSuperlative || c.kind == Kind::kAbsolute)) {
          hundredths -= 20;
        }
        if (table) hundredths -= 10;
        hundredths = std::max(hundredths, 10);

        const std::string phrase = s.text.substr(c.begin, c.end - c.begin);
        Finding f;
        f.severity = Severity::kWarning;
        f.range = doc.Locate(block, s.begin + c.begin, s.begin + c.end);
        f.excerpt = SentenceExcerpt(s.text, c.begin);
        f.confidence = hundredths / 100.0;
        switch (c.kind) {
          case Kind::kStatistic:
            f.rule = "claims/unsupported-statistic";
            f.message = "'" + phrase +
                        "' is a statistic with no source in this sentence "
                        "or the next; link or footnote where the number "
                        "comes from.";
            break;
          case Kind::kSuperlative:
            f.rule = "claims/superlative";
            f.message = "'" + phrase +
                        "' is a superlative claim with no source nearby; "
                        "back it with a link or footnote to the evidence, "
                        "or tone it down.";
            break;
          case Kind::kAbsolute:
            f.rule = "claims/superlative";
            f.message = "'" + phrase +
                        "' states an absolute; make sure it holds without "
                        "exception, or qualify it.";
            break;
          case Kind::kWeasel:
            f.rule = "claims/weasel-source";
            f.message = "'" + phrase +
                        "' appeals to unnamed evidence; name and link the "
                        "study or expert, or drop the appeal.";
            break;
        }
        if (paragraph_source) {
          f.message +=
              " The paragraph cites a source elsewhere: if it supports this "
              "claim, move it next to the claim.";
        }
        out.push_back(std::move(f));
      }
    }
  }

 private:
  bool Enabled(Kind kind) const {
    switch (kind) {
      case Kind::kStatistic:
        return config_.statistics;
      case Kind::kSuperlative:
        return config_.superlatives;
      case Kind::kAbsolute:
        return config_.absolutes;
      case Kind::kWeasel:
        return config_.weasel_sources;
    }
    return false;
  }

  // Every accepted match in `text`, in text order; statistics that overlap
  // a superlative ("100% secure") are left to the superlative.
  std::vector<Candidate> FindClaims(const std::string& text) const {
    std::vector<Candidate> found;
    std::vector<size_t> candidates;  // indices into patterns_, in order
    if (prefilter_) {
      std::vector<int> hits;
      if (!prefilter_->Match(text, &hits)) return found;
      for (int hit : hits) candidates.push_back(set_patterns_[hit]);
      std::sort(candidates.begin(), candidates.end());
    } else {
      for (size_t i = 0; i < patterns_.size(); ++i) candidates.push_back(i);
    }
    for (size_t index : candidates) {
      const auto& [spec, re] = patterns_[index];
      if (!Enabled(spec->kind)) continue;
      // RE2::Match with a start position (not FindAndConsume) so that '^'
      // and '\b' see the text before the position.
      re2::StringPiece match[2];
      size_t pos = 0;
      while (pos <= text.size() &&
             re->Match(text, pos, text.size(), RE2::UNANCHORED, match, 2)) {
        const size_t match_end =
            static_cast<size_t>(match[0].data() - text.data()) +
            match[0].size();
        pos = match_end > pos ? match_end : pos + 1;
        if (match[1].empty()) continue;
        const size_t begin = static_cast<size_t>(match[1].data() - text.data());
        const size_t end = begin + match[1].size();
        if (Accept(spec->filter, text, begin, end)) {
          found.push_back({spec->kind, begin, end});
        }
      }
    }
    std::vector<Candidate> kept;
    for (const Candidate& c : found) {
      const bool covered =
          c.kind == Kind::kStatistic &&
          std::any_of(found.begin(), found.end(), [&](const Candidate& o) {
            return o.kind == Kind::kSuperlative && o.begin < c.end &&
                   c.begin < o.end;
          });
      if (!covered) kept.push_back(c);
    }
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Candidate& a, const Candidate& b) {
                       return a.begin < b.begin;
                     });
    return kept;
  }

  bool Accept(Filter filter, const std::string& text, size_t begin,
              size_t end) const {
    switch (filter) {
      case Filter::kNone:
        return true;
      case Filter::kPercent:
        return RE2::PartialMatch(text, *percent_claim_) &&
               !RE2::PartialMatch(text, *technical_);
      case Filter::kTechnical:
        return !RE2::PartialMatch(text, *technical_);
      case Filter::kSuperlative:
        // A hyphen makes a compound adjective ("best-effort",
        // "best-matching"); the superlative compounds that are claims
        // ("best-in-class") have their own pattern.
        return (end >= text.size() || text[end] != '-') &&
               !Contains(kAdviceAfter, WordAfter(text, end)) &&
               !Contains(kAdviceBefore, WordBefore(text, begin));
      case Filter::kNotNegated:
        return !Contains(kNegations, WordBefore(text, begin));
      case Filter::kNumberOne:
        return Contains(kRankBefore, WordBefore(text, begin)) ||
               Contains(kRankAfter, WordAfter(text, end));
      case Filter::kAbsolute: {
        if (Contains(kQualifiers, WordBefore(text, begin))) return false;
        const std::string word = WordAfter(text, begin);
        return !((word == "always" || word == "never") &&
                 OpensSentence(text, begin));
      }
    }
    return true;
  }

  bool Allowed(const std::string& text) const {
    for (const auto& re : config_.allow) {
      if (RE2::PartialMatch(text, *re)) return true;
    }
    return false;
  }

  // Links (not images) and footnote references, sorted by position.
  static std::vector<Span> CollectSources(const Document& doc) {
    std::vector<Span> sources;
    for (const Link& link : doc.links()) {
      if (link.kind == LinkKind::kImage) continue;
      sources.push_back({Start(link.range), End(link.range)});
    }
    for (const FootnoteReference& ref : doc.footnote_references()) {
      sources.push_back({Start(ref.range), End(ref.range)});
    }
    std::sort(sources.begin(), sources.end(),
              [](const Span& a, const Span& b) { return a.begin < b.begin; });
    return sources;
  }

  // Whether sentence i + 1 exists and reads on from sentence `i`: in the same
  // block, or in the block right after it when no heading comes between. A
  // source under the next heading belongs to another section's claims.
  static bool FollowsInSameSection(const std::vector<Sentence>& sentences,
                                   const std::vector<ProseBlock>& blocks,
                                   size_t i) {
    if (i + 1 >= sentences.size()) return false;
    const size_t block = sentences[i].block;
    const size_t next = sentences[i + 1].block;
    return next == block || (next == block + 1 &&
                             blocks[next].kind != ProseBlock::Kind::kHeading);
  }

  // Whether sentence `i` holds a source: a link or footnote between its
  // start and the start of the next sentence of its block (or the block's
  // end), or a written citation in its text.
  bool HasSource(const std::vector<Sentence>& sentences,
                 const std::vector<ProseBlock>& blocks,
                 const std::vector<Span>& sources, size_t i) const {
    const Sentence& s = sentences[i];
    const Position end =
        i + 1 < sentences.size() && sentences[i + 1].block == s.block
            ? Start(sentences[i + 1].range)
            : End(blocks[s.block].range);
    return Overlaps(sources, Span{Start(s.range), end}) ||
           RE2::PartialMatch(s.text, *citation_);
  }

  Config config_;
  std::vector<std::pair<const PatternSpec*, std::unique_ptr<RE2>>> patterns_;
  std::unique_ptr<RE2> percent_claim_;
  std::unique_ptr<RE2> technical_;
  std::unique_ptr<RE2> hedge_;
  std::unique_ptr<RE2> attribution_;
  std::unique_ptr<RE2> citation_;
  // Every enabled pattern of patterns_ as one Set (null if it would not
  // compile: then every pattern runs); set_patterns_[i] is the index in
  // patterns_ of the Set's pattern i.
  std::unique_ptr<RE2::Set> prefilter_;
  std::vector<size_t> set_patterns_;
};

RE2::Options QuietOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

// Compiles a built-in pattern; a failure is a bug in this file, reported
// as a settings error so that it can never pass unnoticed.
std::unique_ptr<RE2> CompileBuiltIn(const std::string& pattern,
                                    Settings& settings) {
  auto re = std::make_unique<RE2>(pattern, QuietOptions());
  if (!re->ok()) {
    settings.Error("", "internal error: built-in pattern does not compile: " +
                           re->error());
    return nullptr;
  }
  return re;
}

// The allow-list regex for one entry (see the header), or an error.
std::unique_ptr<RE2> CompileAllowEntry(const std::string& entry,
                                       std::string& error) {
  if (entry.size() >= 2 && entry.front() == '/' && entry.back() == '/') {
    const std::string pattern = entry.substr(1, entry.size() - 2);
    if (pattern.empty()) {
      error = "the pattern between the slashes is empty";
      return nullptr;
    }
    auto re = std::make_unique<RE2>(pattern, QuietOptions());
    if (!re->ok()) {
      error = "invalid RE2 pattern " + entry + ": " + re->error();
      return nullptr;
    }
    return re;
  }
  std::string pattern = "(?i)";
  bool space = false;
  bool any = false;
  for (char c : entry) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = any;
      continue;
    }
    if (space) pattern += "\\s+";
    space = false;
    any = true;
    pattern += RE2::QuoteMeta(std::string(1, c));
  }
  if (!any) {
    error = "an allowed phrase cannot be empty";
    return nullptr;
  }
  return std::make_unique<RE2>(pattern, QuietOptions());
}

std::unique_ptr<Check> Build(Settings& settings) {
  Config config;
  config.statistics = settings.Bool("statistics", true);
  config.superlatives = settings.Bool("superlatives", true);
  config.absolutes = settings.Bool("absolutes", false);
  config.weasel_sources = settings.Bool("weasel_sources", true);
  if (!config.statistics && !config.superlatives && !config.absolutes &&
      !config.weasel_sources) {
    std::string key = "weasel_sources";
    for (const char* k : {"statistics", "superlatives", "absolutes"}) {
      if (settings.Has(k)) {
        key = k;
        break;
      }
    }
    settings.Error(key,
                   "every category (statistics, superlatives, absolutes, "
                   "weasel_sources) is off; turn the check off with "
                   "'enabled: false' instead");
  }

  if (const SettingValue* allow = settings.Raw("allow")) {
    const auto items = SettingItems(allow->node);
    if (!items) {
      settings.Error("allow", "expected a list of phrases or /patterns/");
    }
    for (const YAML::Node& item : items.value_or(std::vector<YAML::Node>())) {
      if (!item.IsScalar()) {
        settings.Error(item, allow->file,
                       "allow: expected a phrase or /pattern/ in the list");
        continue;
      }
      std::string error;
      auto re = CompileAllowEntry(item.Scalar(), error);
      if (re == nullptr) {
        settings.Error(item, allow->file, "allow: " + error);
        continue;
      }
      config.allow.push_back(std::move(re));
    }
  }

  std::vector<std::pair<const PatternSpec*, std::unique_ptr<RE2>>> patterns;
  for (const PatternSpec& spec : kPatterns) {
    auto re = CompileBuiltIn(std::string("(?i)") + spec.regex, settings);
    if (re == nullptr) return nullptr;
    patterns.emplace_back(&spec, std::move(re));
  }
  auto percent_claim = CompileBuiltIn(kPercentClaim, settings);
  auto technical = CompileBuiltIn(kTechnicalPercent, settings);
  auto hedge = CompileBuiltIn(kHedge, settings);
  auto attribution = CompileBuiltIn(kAttribution, settings);
  auto citation = CompileBuiltIn(kCitation, settings);
  if (!percent_claim || !technical || !hedge || !attribution || !citation) {
    return nullptr;
  }
  return std::make_unique<ClaimsCheck>(
      std::move(config), std::move(patterns), std::move(percent_claim),
      std::move(technical), std::move(hedge), std::move(attribution),
      std::move(citation));
}

}  // namespace

CheckSpec ClaimsCheckSpec() {
  return CheckSpec{
      "claims",
      "Statistics, superlatives and appeals to unnamed evidence with no "
      "source nearby (confidence below 1: an editor judges).",
      {
          {"claims/unsupported-statistic", Severity::kWarning,
           "A statistic (percentage, multiple, ratio, doubled/halved) with "
           "no source in the sentence or the next."},
          {"claims/superlative", Severity::kWarning,
           "A superlative or absolute claim (best, fastest, #1, guaranteed) "
           "with no source nearby."},
          {"claims/weasel-source", Severity::kWarning,
           "An appeal to unnamed evidence (studies show, experts agree) with "
           "no source nearby."},
      },
      &Build,
  };
}

}  // namespace proofgate

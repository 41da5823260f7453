#include "checks/terminology/terminology_check.h"

#include <map>
#include <optional>
#include <set>
#include <utility>

#include "checks/ascii.h"
#include "checks/document/match_case.h"
#include "checks/document/match_range.h"
#include "checks/matching/term_set.h"
#include "checks/terminology/spelling_directives.h"
#include "checks/terminology/variant_families.h"

namespace proofgate {

namespace {

// What one TermSet spec stands for.
struct Entry {
  bool preferred = false;
  std::string replacement;  // preferred: the term to write instead
  size_t family = 0;        // family entries: which family, variant, form
  size_t variant = 0;
  size_t form = 0;
};

// One match in the draft, in document order.
struct Occurrence {
  size_t block = 0;
  TermMatch match;
};

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Whether byte `at` of `text` starts a sentence: only blanks, opening quotes
// or brackets and emphasis stand between it and the block's start or a
// sentence's end (. ! ? :).
bool StartsSentence(std::string_view text, size_t at) {
  while (at > 0) {
    const char c = text[at - 1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '"' || c == '(' ||
        c == '[' || c == '*' || c == '_' || c == '\'') {
      --at;
      continue;
    }
    return c == '.' || c == '!' || c == '?' || c == ':';
  }
  return true;
}

bool IsAsciiAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9');
}

// Whether the match is part of a path, host, handle or identifier rather
// than a word of prose: "kubernetes/enhancements", "github.com",
// "@github", "kubernetes-sigs", "my_plugin". Such names are written as the
// thing they name is spelled.
bool PartOfAName(std::string_view text, const TermMatch& m) {
  const char before = m.begin > 0 ? text[m.begin - 1] : ' ';
  const char after = m.end < text.size() ? text[m.end] : ' ';
  const char next = m.end + 1 < text.size() ? text[m.end + 1] : ' ';
  if (before == '/' || before == '@' || before == '_' || before == '.' ||
      before == '-' || before == '#') {
    return true;
  }
  if (after == '/' || after == '_' || after == '@' || before == '=') {
    return true;
  }
  // Inside templating ({{< tab lang=javascript >}}, {% include x %}): the
  // generator's syntax, not prose.
  const std::string_view head = text.substr(0, m.begin);
  for (const auto& [open, close] : {std::pair{"{{", "}}"}, {"{%", "%}"}}) {
    const size_t o = head.rfind(open);
    if (o != std::string_view::npos &&
        head.find(close, o) == std::string_view::npos) {
      return true;
    }
  }
  return (after == '.' || after == '-' || after == ':') && IsAsciiAlnum(next);
}

class TerminologyCheck : public Check {
 public:
  TerminologyCheck(std::vector<Entry> entries,
                   std::unique_ptr<const TermSet> terms,
                   std::map<size_t, size_t> fixed_variant)
      : entries_(std::move(entries)),
        terms_(std::move(terms)),
        fixed_variant_(std::move(fixed_variant)) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    const std::vector<Occurrence> found = Occurrences(doc);
    // The winning variant of each family: the rulebook's, else the first
    // counted occurrence's.
    std::map<size_t, std::pair<size_t, const Occurrence*>> winner;
    for (const auto& [family, variant] : fixed_variant_) {
      winner[family] = {variant, nullptr};
    }
    // Whether each family occurrence counts, decided once for both passes.
    std::vector<char> counts(found.size());
    const std::set<std::string> accepted =
        found.empty() ? std::set<std::string>{} : SpellingAccepted(doc.bytes());
    for (size_t i = 0; i < found.size(); ++i) {
      const Occurrence& o = found[i];
      const Entry& e = entries_[o.match.spec];
      if (e.preferred) {
        out.push_back(Preferred(doc, o, e));
      } else if ((counts[i] = Counts(doc, o, accepted))) {
        winner.try_emplace(e.family, e.variant, &o);
      }
    }
    for (size_t i = 0; i < found.size(); ++i) {
      const Occurrence& o = found[i];
      const Entry& e = entries_[o.match.spec];
      if (e.preferred || !counts[i]) continue;
      const auto& [variant, first] = winner.at(e.family);
      if (e.variant != variant) {
        out.push_back(Inconsistent(doc, o, e, variant, first));
      }
    }
  }

 private:
  // Every match in prose, outside longer matches found at the same place.
  std::vector<Occurrence> Occurrences(const Document& doc) const {
    std::vector<Occurrence> found;
    std::vector<int> candidates;
    std::vector<TermMatch> matches;
    const std::vector<ProseBlock>& blocks = doc.blocks();
    for (size_t b = 0; b < blocks.size(); ++b) {
      terms_->Candidates(blocks[b].text, candidates);
      if (candidates.empty()) continue;
      matches.clear();
      terms_->FindCandidates(blocks[b].text, candidates, matches);
      size_t covered = 0;
      for (const TermMatch& m : matches) {
        if (m.begin < covered || PartOfAName(blocks[b].text, m)) continue;
        covered = m.end;
        found.push_back(Occurrence{b, m});
      }
    }
    return found;
  }

  // Whether a family occurrence takes part in consistency: not a name,
  // nor a spelling the draft's spell-checker directives accept
  // (`accepted`, SpellingAccepted(): "cSpell:ignore: behaviour" on an
  // Erlang page, where "the `otel_sampler` behaviour" is the language's
  // word). Names keep their spelling: a capitalised form inside a sentence
  // ("the Plugin directory", "Data Center"), an identifier with a capital
  // inside ("UserName", "FileName"), and an emphasised term
  // ("**Timestamp**": a UI label or a term being defined).
  static bool Counts(const Document& doc, const Occurrence& o,
                     const std::set<std::string>& accepted) {
    const std::string& text = doc.blocks()[o.block].text;
    const std::string_view matched = Matched(doc, o);
    if (!accepted.empty() && accepted.count(AsciiLower(matched)) != 0) {
      return false;
    }
    bool inner_upper = false;
    bool inner_lower = false;
    for (size_t i = 1; i < matched.size(); ++i) {
      inner_upper |= IsAsciiUpper(matched[i]);
      inner_lower |= matched[i] >= 'a' && matched[i] <= 'z';
    }
    if (inner_upper && inner_lower) return false;
    if (IsAsciiUpper(matched.front()) && !StartsSentence(text, o.match.begin)) {
      return false;
    }
    const SourceRange at =
        LocateMatch(doc, doc.blocks()[o.block], o.match.begin, o.match.end);
    const size_t begin = RangeBytes(doc, at).first;
    const char before = begin > 0 ? doc.bytes()[begin - 1] : ' ';
    return before != '*' && before != '_';
  }

  static std::string_view Matched(const Document& doc, const Occurrence& o) {
    return std::string_view(doc.blocks()[o.block].text)
        .substr(o.match.begin, o.match.end - o.match.begin);
  }

  static Finding Base(const Document& doc, const Occurrence& o,
                      std::string rule, std::string replacement) {
    Finding f;
    f.rule = std::move(rule);
    f.severity = Severity::kWarning;
    f.range =
        LocateMatch(doc, doc.blocks()[o.block], o.match.begin, o.match.end);
    f.excerpt = doc.Excerpt(f.range);
    f.suggestion = std::move(replacement);
    const std::string_view matched = Matched(doc, o);
    if (SourceHolds(doc, f.range, matched)) {
      f.fix = Fix{f.range, std::string(matched), f.suggestion};
    }
    return f;
  }

  Finding Preferred(const Document& doc, const Occurrence& o,
                    const Entry& e) const {
    Finding f = Base(doc, o, "terminology/preferred", e.replacement);
    f.message = "Write \"" + e.replacement + "\", not \"" +
                std::string(Matched(doc, o)) + "\".";
    return f;
  }

  Finding Inconsistent(const Document& doc, const Occurrence& o, const Entry& e,
                       size_t variant, const Occurrence* first) const {
    const VariantFamily& family = BuiltInFamilies()[e.family];
    const std::string_view matched = Matched(doc, o);
    Finding f = Base(doc, o, "terminology/inconsistent",
                     MatchCase(matched, family.variants[variant][e.form]));
    f.message = "\"" + std::string(matched) + "\" here, but the draft ";
    if (first != nullptr) {
      const SourceRange at = LocateMatch(doc, doc.blocks()[first->block],
                                         first->match.begin, first->match.end);
      f.message += "first writes \"" + std::string(Matched(doc, *first)) +
                   "\" (line " + std::to_string(at.line) + ")";
    } else {
      f.message += "should follow the rulebook's \"" +
                   family.variants[variant][e.form] + "\"";
    }
    f.message +=
        ": use one form (" + family.name + "). Write \"" + f.suggestion + "\".";
    return f;
  }

  std::vector<Entry> entries_;  // one per TermSet spec
  std::unique_ptr<const TermSet> terms_;
  std::map<size_t, size_t> fixed_variant_;  // family -> the rulebook's
};

// Reads `preferred` into specs and entries; every problem goes to
// `settings` with its location. Returns the preferred terms, lower-cased.
std::set<std::string> ReadPreferred(Settings& settings,
                                    std::vector<TermSpec>& specs,
                                    std::vector<Entry>& entries) {
  std::set<std::string> keys;
  const SettingValue* v = settings.Raw("preferred");
  if (v == nullptr) return keys;
  if (!v->node.IsMap()) {
    settings.Error(v->node, v->file,
                   "preferred: expected a map, preferred term -> list of "
                   "variants, such as {JavaScript: [Javascript, javascript]}");
    return keys;
  }
  std::set<std::string> seen;
  for (const auto& item : v->node) {
    const std::string term = item.first.as<std::string>("");
    const std::string where = "preferred." + term;
    if (!item.first.IsScalar() ||
        term.find_first_not_of(" \t") == std::string::npos) {
      settings.Error(item.first, v->file,
                     "preferred: a term must not be empty");
      continue;
    }
    keys.insert(AsciiLower(term));
    const std::optional<std::vector<YAML::Node>> variants =
        SettingItems(item.second);
    if (!variants || variants->empty()) {
      settings.Error(item.second, v->file,
                     where + ": expected a list of variants");
      continue;
    }
    for (const YAML::Node& variant : *variants) {
      const TermSpec spec{TermSpec::Kind::kTerm,
                          variant.IsScalar() ? variant.Scalar() : "", false};
      std::string problem = variant.IsScalar() ? TermSet::Validate(spec)
                                               : "expected a word or phrase";
      if (problem.empty() && spec.text == term) {
        problem = "a variant must differ from its preferred term";
      } else if (problem.empty() && !seen.insert(spec.text).second) {
        problem = "'" + spec.text + "' is listed twice";
      }
      if (!problem.empty()) {
        settings.Error(variant, v->file, where + ": " + problem);
        continue;
      }
      specs.push_back(spec);
      entries.push_back(Entry{true, term});
    }
  }
  return keys;
}

std::unique_ptr<Check> Build(Settings& settings) {
  const size_t errors_before = settings.errors().size();
  std::vector<TermSpec> specs;
  std::vector<Entry> entries;
  const std::set<std::string> preferred =
      ReadPreferred(settings, specs, entries);
  std::map<size_t, size_t> fixed_variant;
  if (settings.Bool("consistency", false)) {
    const std::vector<VariantFamily>& families = BuiltInFamilies();
    for (size_t f = 0; f < families.size(); ++f) {
      for (size_t v = 0; v < families[f].variants.size(); ++v) {
        for (size_t k = 0; k < families[f].variants[v].size(); ++k) {
          const std::string& form = families[f].variants[v][k];
          if (preferred.count(form)) fixed_variant.emplace(f, v);
          specs.push_back(TermSpec{TermSpec::Kind::kTerm, form, true});
          entries.push_back(Entry{false, "", f, v, k});
        }
      }
    }
  }
  if (settings.errors().size() != errors_before) return nullptr;
  std::string error;
  std::unique_ptr<const TermSet> terms =
      TermSet::Build(std::move(specs), &error);
  if (!terms) {
    settings.Error("preferred", error);
    return nullptr;
  }
  return std::make_unique<TerminologyCheck>(
      std::move(entries), std::move(terms), std::move(fixed_variant));
}

}  // namespace

CheckSpec TerminologyCheckSpec() {
  return CheckSpec{
      "terminology",
      "Preferred spellings of terms, and one spelling of each term per "
      "draft.",
      {
          {"terminology/preferred", Severity::kWarning,
           "A variant of a term the rulebook spells another way."},
          {"terminology/inconsistent", Severity::kWarning,
           "A second spelling of a term the draft already spells another "
           "way."},
      },
      &Build,
  };
}

}  // namespace proofgate

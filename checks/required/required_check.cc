#include "checks/required/required_check.h"

#include <algorithm>
#include <exception>
#include <optional>
#include <set>
#include <utility>

#include "checks/document/text_compare.h"
#include "checks/document/utf8.h"
#include "checks/matching/rule_entries.h"
#include "checks/matching/templating.h"
#include "checks/matching/term_set.h"
#include "checks/matching/trigger.h"

namespace proofgate {

namespace {

// The largest within_words: a few paragraphs; past that "near" means
// "anywhere", which `must` without within_words already says.
constexpr long long kMaxWithinWords = 1000;

constexpr const char* kMustKeys =
    "text, pattern, ignore_case, section, within_words, front_matter, suggest";

struct Must {
  std::vector<size_t> specs;   // indexes into the must TermSet: text, pattern
  std::string shown;           // what the message names: the text or pattern
  std::string section;         // FoldForCompare'd heading text; "" for any
  std::string section_shown;   // as written
  long long within_words = 0;  // 0: anywhere
  std::string front_matter;    // key; "" when none
  std::string suggest;         // the exact text to add; "" when unknown
};

struct RequiredRule {
  std::string rule;
  Severity severity = Severity::kError;
  std::string message;
  int trigger = -1;
  Must must;
};

// A `must` text or pattern found in the prose (templating masked).
struct MustMatch {
  size_t spec = 0;
  size_t block = 0;
  size_t begin = 0;
  size_t end = 0;
};

// Word starts counted in the prose, for within_words: a word is a run of
// bytes that are not ASCII whitespace or punctuation (UTF-8 letters count
// as word bytes).
bool IsWordByte(unsigned char c) {
  return c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c == '_';
}

class WordIndex {
 public:
  explicit WordIndex(const Document& doc) : doc_(doc) {
    size_t total = 0;
    for (const ProseBlock& block : doc.blocks()) {
      before_.push_back(total);
      total += WordsBefore(block.text, block.text.size());
    }
  }
  // How many words start before byte `at` of block `b`, in the whole draft.
  size_t At(size_t b, size_t at) const {
    return before_[b] + WordsBefore(doc_.blocks()[b].text, at);
  }

 private:
  static size_t WordsBefore(std::string_view text, size_t at) {
    size_t n = 0;
    for (size_t i = 0; i < at && i < text.size(); ++i) {
      const bool word = IsWordByte(static_cast<unsigned char>(text[i]));
      if (word &&
          (i == 0 || !IsWordByte(static_cast<unsigned char>(text[i - 1])))) {
        ++n;
      }
    }
    return n;
  }
  const Document& doc_;
  std::vector<size_t> before_;
};

// Words strictly between the trigger [tb, te) and the match [mb, me).
size_t WordsBetween(const WordIndex& words, const TriggerHit& t,
                    const MustMatch& m) {
  const std::pair<size_t, size_t> t_begin{t.block, t.begin};
  const std::pair<size_t, size_t> t_end{t.block, t.end};
  const std::pair<size_t, size_t> m_begin{m.block, m.begin};
  const std::pair<size_t, size_t> m_end{m.block, m.end};
  if (m_begin >= t_end) {
    const size_t a = words.At(t.block, t.end), b = words.At(m.block, m.begin);
    return b > a ? b - a : 0;
  }
  if (m_end <= t_begin) {
    const size_t a = words.At(m.block, m.end), b = words.At(t.block, t.begin);
    return b > a ? b - a : 0;
  }
  return 0;
}

// Whether block `b` lies in a section whose heading folds to `section`:
// after that heading and before the next heading of the same or a higher
// level.
bool InSection(const Document& doc, size_t b, const std::string& section) {
  const int line = doc.blocks()[b].range.line;
  int level = 7;  // the innermost enclosing heading's level, going up
  const std::vector<Heading>& headings = doc.headings();
  for (size_t i = headings.size(); i-- > 0;) {
    const Heading& h = headings[i];
    if (h.range.line > line || h.level >= level) continue;
    level = h.level;
    if (FoldForCompare(h.text) == section) return true;
  }
  return false;
}

bool HasSection(const Document& doc, const std::string& section) {
  return std::any_of(
      doc.headings().begin(), doc.headings().end(),
      [&](const Heading& h) { return FoldForCompare(h.text) == section; });
}

bool HasFrontMatterValue(const Document& doc, const std::string& key) {
  const FieldLookup v = doc.front_matter().Find(key);
  if (v.status != FieldLookup::Status::kFound) return false;
  if (v.node.IsScalar()) return !v.node.Scalar().empty();
  return (v.node.IsSequence() || v.node.IsMap()) && v.node.size() > 0;
}

}  // namespace

namespace {

class RequiredCheck : public Check {
 public:
  RequiredCheck(std::vector<RequiredRule> rules,
                std::unique_ptr<TriggerSet> triggers,
                std::unique_ptr<const TermSet> musts)
      : rules_(std::move(rules)),
        triggers_(std::move(triggers)),
        musts_(std::move(musts)) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    // Only allocation failure can throw here (RE2 never throws).
    try {
      Scan(doc, out);
    } catch (const std::exception& e) {
      Finding f;
      f.rule = "required/internal-error";
      f.message = std::string("The required check failed on this draft (") +
                  e.what() + "); an editor must look.";
      f.confidence = 0;
      out.push_back(std::move(f));
    }
  }

 private:
  void Scan(const Document& doc, std::vector<Finding>& out) const {
    const std::vector<std::vector<TriggerHit>> hits = triggers_->Match(doc);
    std::optional<std::vector<MustMatch>> found;  // on first need
    std::optional<WordIndex> words;
    for (const RequiredRule& rule : rules_) {
      const std::vector<TriggerHit>& fired = hits[rule.trigger];
      if (fired.empty()) continue;
      if (!found) found = FindMusts(doc);
      if (rule.must.within_words > 0 && !words) words.emplace(doc);
      const TriggerHit* missing =
          Missing(doc, rule.must, fired, *found, words ? &*words : nullptr);
      if (missing != nullptr) out.push_back(MakeFinding(doc, rule, *missing));
    }
  }

  // Every match of the `must` texts and patterns in the prose, templating
  // masked, in document order.
  std::vector<MustMatch> FindMusts(const Document& doc) const {
    std::vector<MustMatch> out;
    std::vector<int> candidates;
    std::vector<TermMatch> matches;
    for (size_t b = 0; b < doc.blocks().size(); ++b) {
      const std::string text = MaskTemplating(doc.blocks()[b].text);
      musts_->Candidates(text, candidates);
      if (candidates.empty()) continue;
      matches.clear();
      musts_->FindCandidates(text, candidates, matches);
      for (const TermMatch& m : matches) {
        out.push_back({m.spec, b, m.begin, m.end});
      }
    }
    return out;
  }

  // The trigger the finding points at, or nullptr when `must` is met.
  static const TriggerHit* Missing(const Document& doc, const Must& must,
                                   const std::vector<TriggerHit>& fired,
                                   const std::vector<MustMatch>& found,
                                   const WordIndex* words) {
    if (!must.front_matter.empty()) {
      return HasFrontMatterValue(doc, must.front_matter) ? nullptr
                                                         : &fired.front();
    }
    if (must.specs.empty()) {  // a section alone
      return HasSection(doc, must.section) ? nullptr : &fired.front();
    }
    std::vector<const MustMatch*> usable;
    for (const MustMatch& m : found) {
      if (std::find(must.specs.begin(), must.specs.end(), m.spec) ==
          must.specs.end()) {
        continue;
      }
      if (!must.section.empty() && !InSection(doc, m.block, must.section)) {
        continue;
      }
      usable.push_back(&m);
    }
    if (must.within_words == 0 || words == nullptr) {
      return usable.empty() ? &fired.front() : nullptr;
    }
    for (const TriggerHit& hit : fired) {
      const bool near =
          std::any_of(usable.begin(), usable.end(), [&](const MustMatch* m) {
            return WordsBetween(*words, hit, *m) <=
                   static_cast<size_t>(must.within_words);
          });
      if (!near) return &hit;
    }
    return nullptr;
  }

  static Finding MakeFinding(const Document& doc, const RequiredRule& rule,
                             const TriggerHit& hit) {
    const Must& must = rule.must;
    Finding f;
    f.rule = rule.rule;
    f.severity = rule.severity;
    f.range = hit.range;
    f.excerpt = doc.Excerpt(f.range);
    f.suggestion = must.suggest;
    f.message = rule.message;
    const char last = f.message.empty() ? '.' : f.message.back();
    if (last != '.' && last != '!' && last != '?') f.message += '.';
    f.message += " Triggered by " + hit.what + "; missing: ";
    if (!must.front_matter.empty()) {
      f.message += "the front-matter key '" + must.front_matter + "'";
    } else if (must.specs.empty()) {
      f.message += "a section \"" + must.section_shown + "\"";
    } else {
      f.message += must.shown;
      if (!must.section.empty()) {
        f.message += " in the section \"" + must.section_shown + "\"";
      }
      if (must.within_words > 0) {
        f.message +=
            " within " + std::to_string(must.within_words) + " words of it";
      }
    }
    f.message += ".";
    const std::string add = "\"" + QuoteProse(f.suggestion) + "\"";
    if (!f.suggestion.empty() && add != must.shown) {
      f.message += " Add " + add + ".";
    }
    f.confidence = 1.0;
    return f;
  }

  std::vector<RequiredRule> rules_;
  std::unique_ptr<TriggerSet> triggers_;
  std::unique_ptr<const TermSet> musts_;
};

// Reads the settings; every problem goes to `settings` with its location.
class SettingsReader {
 public:
  explicit SettingsReader(Settings& settings) : settings_(settings) {}

  std::unique_ptr<Check> Read() {
    const size_t errors = settings_.errors().size();
    auto triggers = std::make_unique<TriggerSet>();
    std::vector<RuleEntry> entries = ReadRuleEntries(
        settings_, *triggers, "required", Severity::kError, {"must"}, &file_);
    std::vector<RequiredRule> rules;
    for (RuleEntry& entry : entries) {
      RequiredRule rule;
      rule.rule = entry.rule;
      rule.severity = entry.severity;
      rule.message = entry.message.empty()
                         ? "This draft needs the text the rulebook requires "
                           "for this topic."
                         : entry.message;
      rule.trigger = entry.trigger;
      auto must = entry.extra.find("must");
      if (must == entry.extra.end()) {
        Error(entry.node, entry.where + ": missing key 'must'");
        continue;
      }
      rule.must = ReadMust(must->second, entry.where + ".must");
      if (rule.must.within_words > 0 && !triggers->HasProse(rule.trigger)) {
        Error(must->second, entry.where +
                                ".must.within_words: needs when.terms or "
                                "when.patterns (a trigger in the prose)");
      }
      rules.push_back(std::move(rule));
    }
    if (settings_.errors().size() != errors) return nullptr;
    const YAML::Node at = settings_.Raw("rules")->node;
    if (!triggers->Build(settings_, at, file_)) return nullptr;
    std::string error;
    std::unique_ptr<const TermSet> musts =
        TermSet::Build(std::move(specs_), &error);
    if (!musts) {
      Error(at, error);
      return nullptr;
    }
    return std::make_unique<RequiredCheck>(
        std::move(rules), std::move(triggers), std::move(musts));
  }

 private:
  void Error(const YAML::Node& node, std::string message) {
    settings_.Error(node, file_, std::move(message));
  }

  // The `must` map at `where`.
  Must ReadMust(const YAML::Node& node, const std::string& where) {
    Must must;
    if (!node.IsMap() || node.size() == 0) {
      Error(node, where + ": expected a map with " + std::string(kMustKeys));
      return must;
    }
    std::optional<YAML::Node> text, pattern;
    bool ignore_case = false;
    for (const auto& kv : node) {
      const std::string key = kv.first.as<std::string>("");
      const YAML::Node& value = kv.second;
      const std::string at = where + "." + key;
      const bool scalar = value.IsScalar() && !value.Scalar().empty();
      if (key == "text" || key == "pattern") {
        if (!scalar) {
          Error(value, at + ": expected a string");
        } else {
          (key == "text" ? text : pattern) = value;
        }
      } else if (key == "ignore_case") {
        if (!value.IsScalar() ||
            !YAML::convert<bool>::decode(value, ignore_case)) {
          Error(value, at + ": expected true or false");
        }
      } else if (key == "section" || key == "front_matter" ||
                 key == "suggest") {
        if (!scalar) {
          Error(value, at + ": expected a string");
        } else if (key == "section") {
          must.section_shown = value.Scalar();
          must.section = FoldForCompare(value.Scalar());
        } else {
          (key == "front_matter" ? must.front_matter : must.suggest) =
              value.Scalar();
        }
      } else if (key == "within_words") {
        if (!value.IsScalar() ||
            !YAML::convert<long long>::decode(value, must.within_words) ||
            must.within_words < 1 || must.within_words > kMaxWithinWords) {
          Error(value, at + ": expected a number of words from 1 to " +
                           std::to_string(kMaxWithinWords));
          must.within_words = 0;
        }
      } else {
        Error(kv.first, where + ": unknown key '" + key + "' (expected " +
                            std::string(kMustKeys) + ")");
      }
    }
    CheckMustShape(node, where, must, text, pattern);
    if (text) AddSpec(*text, TermSpec::Kind::kTerm, ignore_case, where, must);
    if (pattern) {
      AddSpec(*pattern, TermSpec::Kind::kPattern, ignore_case, where, must);
    }
    if (text && must.suggest.empty()) must.suggest = text->Scalar();
    return must;
  }

  // Which keys go together: front_matter alone; within_words needs text or
  // pattern; at least one of text, pattern, section, front_matter.
  void CheckMustShape(const YAML::Node& node, const std::string& where,
                      const Must& must, const std::optional<YAML::Node>& text,
                      const std::optional<YAML::Node>& pattern) {
    const bool prose = text || pattern;
    if (!must.front_matter.empty() &&
        (prose || !must.section.empty() || must.within_words > 0)) {
      Error(node, where +
                      ": front_matter stands alone (not with text, pattern, "
                      "section or within_words)");
    } else if (must.within_words > 0 && !prose) {
      Error(node, where + ".within_words: needs text or pattern");
    } else if (!prose && must.section.empty() && must.front_matter.empty()) {
      Error(node, where + ": name text, pattern, section or front_matter");
    }
  }

  void AddSpec(const YAML::Node& node, TermSpec::Kind kind, bool ignore_case,
               const std::string& where, Must& must) {
    TermSpec spec{kind, node.Scalar(), ignore_case};
    if (std::string problem = TermSet::Validate(spec); !problem.empty()) {
      Error(node, where + ": " + problem);
      return;
    }
    const std::string shown = kind == TermSpec::Kind::kTerm
                                  ? "\"" + QuoteProse(node.Scalar()) + "\""
                                  : "text matching /" + node.Scalar() + "/";
    must.shown += (must.shown.empty() ? "" : " or ") + shown;
    must.specs.push_back(specs_.size());
    specs_.push_back(std::move(spec));
  }

  Settings& settings_;
  std::string file_;
  std::vector<TermSpec> specs_;
};

std::unique_ptr<Check> Build(Settings& settings) {
  return SettingsReader(settings).Read();
}

}  // namespace

CheckSpec RequiredCheckSpec() {
  return CheckSpec{
      "required",
      "Text a draft must contain when it is about a topic: disclaimers, "
      "disclosures, required sections or front-matter keys.",
      // One rule per entry of the rulebook: required/<id>.
      {},
      &Build,
  };
}

}  // namespace proofgate

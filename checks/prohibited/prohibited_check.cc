#include "checks/prohibited/prohibited_check.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <exception>
#include <optional>
#include <set>
#include <utility>

#include "checks/document/front_matter.h"
#include "checks/document/match_case.h"
#include "checks/document/match_range.h"
#include "checks/document/reported_speech.h"
#include "checks/matching/term_set.h"
#include "checks/matching/trigger.h"

namespace proofgate {

namespace {

// The prose kinds `scope` can name, in ProseBlock::Kind order.
constexpr std::array<std::string_view, 3> kScopeNames = {
    "paragraphs", "table_cells", "headings"};

size_t ScopeIndex(ProseBlock::Kind kind) {
  switch (kind) {
    case ProseBlock::Kind::kParagraph:
      return 0;
    case ProseBlock::Kind::kTableCell:
      return 1;
    case ProseBlock::Kind::kHeading:
      return 2;
  }
  return 0;
}

struct TermList {
  std::string rule;  // "prohibited/<id>"
  Severity severity = Severity::kWarning;
  std::string message;
  // Matches right after one of these words are not reported; may be null.
  std::shared_ptr<const PrecedingWords> unless_after;
  // Matches in someone else's words are not reported (skip_quoted).
  bool skip_quoted = false;
  // Matches in a sentence in the first person singular are not reported
  // (skip_first_person).
  bool skip_first_person = false;
  // Matches in a question are not reported (skip_questions).
  bool skip_questions = false;
};

// A sentence in the first person singular: a personal account ("I am
// poised to dive into cutting-edge strategies"), not a product's claim.
bool FirstPersonSingular(std::string_view sentence) {
  static const RE2 re(R"((?:\bI\b|\b[Mm](?:y|e|yself)\b))");
  return RE2::PartialMatch(sentence, re);
}

struct Entry {
  size_t list = 0;      // index into the check's lists
  std::string suggest;  // replacement; empty when none
  // A term's replacement is exact; a pattern's may depend on what it
  // matched, so only terms carry a fix.
  bool term = false;
};

class ProhibitedCheck : public Check {
 public:
  ProhibitedCheck(std::array<bool, 3> scope,
                  std::vector<std::string> front_matter_keys,
                  std::vector<TermList> lists, std::vector<Entry> entries,
                  std::unique_ptr<const TermSet> terms)
      : scope_(scope),
        front_matter_keys_(std::move(front_matter_keys)),
        lists_(std::move(lists)),
        entries_(std::move(entries)),
        terms_(std::move(terms)) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    // Only allocation failure can throw in Scan (RE2 never throws); report
    // it as a finding an editor must look at rather than let it escape.
    try {
      Scan(doc, out);
      ScanFrontMatter(doc, out);
    } catch (const std::exception& e) {
      InternalError(e.what(), out);
    } catch (...) {
      InternalError("unknown error", out);
    }
  }

 private:
  void Scan(const Document& doc, std::vector<Finding>& out) const {
    std::vector<int> candidates;
    std::vector<TermMatch> matches;
    // Per list: the end of the furthest match kept so far in this block.
    std::vector<size_t> covered(lists_.size());
    // Computed on the first match that needs them.
    std::vector<Voice> voices;
    bool discussion = false;
    bool voices_built = false;
    const std::vector<ProseBlock>& blocks = doc.blocks();
    for (size_t b = 0; b < blocks.size(); ++b) {
      const ProseBlock& block = blocks[b];
      if (!scope_[ScopeIndex(block.kind)]) continue;
      terms_->Candidates(block.text, candidates);
      if (candidates.empty()) continue;
      matches.clear();
      terms_->FindCandidates(block.text, candidates, matches);
      std::fill(covered.begin(), covered.end(), 0);
      for (const TermMatch& m : matches) {
        const Entry& entry = entries_[m.spec];
        // Sorted by begin, longer first: a match ending within an earlier
        // kept match of the same list lies inside it.
        if (m.end <= covered[entry.list]) continue;
        const TermList& list = lists_[entry.list];
        if (list.unless_after &&
            list.unless_after->Follows(block.text, m.begin)) {
          continue;
        }
        if (list.skip_quoted) {
          if (!voices_built) {
            voices = BlockVoices(doc);
            discussion = ReportsDiscussion(doc);
            voices_built = true;
          }
          if (voices[b] != Voice::kAuthor ||
              (discussion && block.kind == ProseBlock::Kind::kParagraph) ||
              InQuotation(block.text, m.begin, m.end)) {
            continue;
          }
        }
        if (list.skip_first_person &&
            FirstPersonSingular(SentenceAround(doc, b, m.begin))) {
          continue;
        }
        if (list.skip_questions) {
          const std::string_view sentence = SentenceAround(doc, b, m.begin);
          if (!sentence.empty() && sentence.back() == '?') continue;
        }
        covered[entry.list] = m.end;
        out.push_back(MakeFinding(doc, block, m, entry));
      }
    }
  }

  // The string values of front_matter_keys (a meta description is
  // published text): the same lists, with unless_after, quotations and
  // questions read in the value itself. A value has no speaker and no
  // person, so skip_first_person and reported speech do not apply.
  void ScanFrontMatter(const Document& doc, std::vector<Finding>& out) const {
    std::vector<int> candidates;
    std::vector<TermMatch> matches;
    std::vector<size_t> covered(lists_.size());
    for (const std::string& key : front_matter_keys_) {
      const FieldLookup field = doc.front_matter().Get(key, ValueType::kString);
      if (field.status != FieldLookup::Status::kFound) continue;
      const std::string& text = field.text;
      terms_->Candidates(text, candidates);
      if (candidates.empty()) continue;
      matches.clear();
      terms_->FindCandidates(text, candidates, matches);
      std::fill(covered.begin(), covered.end(), 0);
      for (const TermMatch& m : matches) {
        const Entry& entry = entries_[m.spec];
        if (m.end <= covered[entry.list]) continue;
        const TermList& list = lists_[entry.list];
        if ((list.unless_after && list.unless_after->Follows(text, m.begin)) ||
            (list.skip_quoted && InQuotation(text, m.begin, m.end)) ||
            (list.skip_questions && !text.empty() && text.back() == '?')) {
          continue;
        }
        covered[entry.list] = m.end;
        const std::string_view matched =
            std::string_view(text).substr(m.begin, m.end - m.begin);
        out.push_back(MakeFinding(
            doc, LocateInValue(doc.source_map(), field.range, matched), matched,
            entry));
      }
    }
  }

  // The text of the sentence of block `b` that holds byte `at` of its text
  // (the whole block when the document has no such sentence).
  static std::string_view SentenceAround(const Document& doc, size_t b,
                                         size_t at) {
    const std::vector<Sentence>& sentences = doc.sentences();
    auto it = std::lower_bound(
        sentences.begin(), sentences.end(), std::make_pair(b, at),
        [](const Sentence& s, const std::pair<size_t, size_t>& key) {
          return s.block < key.first ||
                 (s.block == key.first && s.end <= key.second);
        });
    if (it != sentences.end() && it->block == b && it->begin <= at) {
      return it->text;
    }
    return doc.blocks()[b].text;
  }

  static void InternalError(const char* what, std::vector<Finding>& out) {
    Finding f;
    f.rule = "prohibited/internal-error";
    f.severity = Severity::kError;
    f.message = std::string("The prohibited check failed on this draft (") +
                what + "); an editor must look.";
    f.confidence = 0;
    out.push_back(std::move(f));
  }

  Finding MakeFinding(const Document& doc, const ProseBlock& block,
                      const TermMatch& m, const Entry& entry) const {
    return MakeFinding(
        doc, LocateMatch(doc, block, m.begin, m.end),
        std::string_view(block.text).substr(m.begin, m.end - m.begin), entry);
  }

  // The finding for `matched`, found at `range`, of `entry`'s list.
  Finding MakeFinding(const Document& doc, const SourceRange& range,
                      std::string_view matched, const Entry& entry) const {
    const TermList& list = lists_[entry.list];
    Finding f;
    f.rule = list.rule;
    f.severity = list.severity;
    f.range = range;
    f.excerpt = doc.Excerpt(f.range);
    f.suggestion = MatchCase(matched, entry.suggest);
    f.message = "Found \"" + QuoteProse(matched) + "\": " + list.message;
    const char last = list.message.empty() ? '.' : list.message.back();
    if (last != '.' && last != '!' && last != '?') f.message += '.';
    if (!f.suggestion.empty()) {
      f.message += " Write \"" + f.suggestion + "\" instead.";
    }
    if (!f.suggestion.empty() && entry.term &&
        SourceHolds(doc, f.range, matched)) {
      f.fix = Fix{f.range, std::string(matched), f.suggestion};
    }
    f.confidence = 1.0;
    return f;
  }

  std::array<bool, 3> scope_;
  std::vector<std::string> front_matter_keys_;  // front_matter_keys
  std::vector<TermList> lists_;
  std::vector<Entry> entries_;  // one per TermSet spec
  std::unique_ptr<const TermSet> terms_;
};

// Reads the settings; every problem goes to `settings` with its location.
class SettingsReader {
 public:
  explicit SettingsReader(Settings& settings) : settings_(settings) {}

  std::unique_ptr<Check> Read() {
    const size_t errors_before = settings_.errors().size();
    const std::array<bool, 3> scope = ReadScope();
    std::vector<std::string> front_matter_keys;
    if (settings_.Has("front_matter_keys")) {
      front_matter_keys = settings_.StringList("front_matter_keys");
    }
    ReadLists();
    if (settings_.errors().size() != errors_before) return nullptr;
    std::string error;
    std::unique_ptr<const TermSet> terms =
        TermSet::Build(std::move(specs_), &error);
    if (!terms) {
      settings_.Error("lists", error);
      return nullptr;
    }
    return std::make_unique<ProhibitedCheck>(
        scope, std::move(front_matter_keys), std::move(lists_),
        std::move(entries_), std::move(terms));
  }

 private:
  void Error(const YAML::Node& node, std::string message) {
    settings_.Error(node, file_, std::move(message));
  }

  std::array<bool, 3> ReadScope() {
    const SettingValue* v = settings_.Raw("scope");
    if (v == nullptr) return {true, true, false};
    std::array<bool, 3> scope = {false, false, false};
    const std::vector<YAML::Node> items =
        SettingItems(v->node).value_or(std::vector<YAML::Node>());
    if (items.empty()) {
      settings_.Error(v->node, v->file,
                      "scope: expected a list of paragraphs, table_cells, "
                      "headings");
      return scope;
    }
    for (const YAML::Node& item : items) {
      bool known = false;
      for (size_t k = 0; k < kScopeNames.size(); ++k) {
        if (item.IsScalar() && item.Scalar() == kScopeNames[k]) {
          scope[k] = known = true;
        }
      }
      if (!known) {
        settings_.Error(
            item, v->file,
            "scope: expected paragraphs, table_cells or "
            "headings, got '" +
                (item.IsScalar() ? item.Scalar() : "a list or map") + "'");
      }
    }
    return scope;
  }

  void ReadLists() {
    const SettingValue* v = settings_.Raw("lists");
    if (v == nullptr) {
      settings_.Error("lists",
                      "missing key 'lists': name at least one list of terms "
                      "or patterns");
      return;
    }
    file_ = v->file;
    if (!v->node.IsSequence() || v->node.size() == 0) {
      Error(v->node,
            "lists: expected a list of term lists, each with id, severity, "
            "message and terms or patterns");
      return;
    }
    size_t index = 0;
    for (const YAML::Node& list : v->node) {
      ReadList(list, "lists[" + std::to_string(index++) + "]");
    }
  }

  // The keys of one list that shape its entries; they are applied once
  // every key is read, since ignore_case may come after terms.
  struct ListKeys {
    bool ignore_case = false;
    std::optional<YAML::Node> terms;
    std::optional<YAML::Node> patterns;
    std::optional<YAML::Node> unless_after;
    int unless_after_gap = 0;
    std::optional<YAML::Node> gap_node;
    bool has_id = false;
    bool has_severity = false;
    bool has_message = false;
  };

  void ReadList(const YAML::Node& node, const std::string& where) {
    if (!node.IsMap()) {
      Error(node, where +
                      ": expected a map with id, severity, message and "
                      "terms or patterns");
      return;
    }
    TermList list;
    ListKeys keys;
    std::set<std::string> seen;
    for (const auto& item : node) {
      const std::string key = item.first.as<std::string>("");
      if (!seen.insert(key).second) {
        Error(item.first, where + ": duplicate key '" + key + "'");
        continue;
      }
      ReadListKey(item.first, key, item.second, where, list, keys);
    }
    if (!keys.has_id) Error(node, where + ": missing key 'id'");
    if (!keys.has_severity) Error(node, where + ": missing key 'severity'");
    if (!keys.has_message) Error(node, where + ": missing key 'message'");
    if (keys.unless_after) {
      list.unless_after =
          ReadWords(*keys.unless_after, keys.ignore_case, keys.unless_after_gap,
                    where + ".unless_after");
    } else if (keys.gap_node) {
      Error(*keys.gap_node, where + ".unless_after_gap: needs unless_after");
    }
    lists_.push_back(std::move(list));
    const size_t entries_before = specs_.size();
    if (keys.terms) {
      ReadEntries(*keys.terms, TermSpec::Kind::kTerm, keys.ignore_case,
                  where + ".terms");
    }
    if (keys.patterns) {
      ReadEntries(*keys.patterns, TermSpec::Kind::kPattern, keys.ignore_case,
                  where + ".patterns");
    }
    if (specs_.size() == entries_before && !keys.terms && !keys.patterns) {
      Error(node, where + ": a list needs terms or patterns");
    }
  }

  // One key of the list at `where`: the list's own fields go into `list`,
  // the rest into `keys`.
  void ReadListKey(const YAML::Node& key_node, const std::string& key,
                   const YAML::Node& value, const std::string& where,
                   TermList& list, ListKeys& keys) {
    if (key == "id") {
      keys.has_id = true;
      ReadListId(value, where, list);
    } else if (key == "severity") {
      keys.has_severity = true;
      const auto severity =
          value.IsScalar() ? ParseSeverity(value.Scalar()) : std::nullopt;
      if (!severity) {
        Error(value, where + ".severity: must be error, warning or info");
      } else {
        list.severity = *severity;
      }
    } else if (key == "message") {
      keys.has_message = true;
      if (!value.IsScalar() || value.Scalar().empty()) {
        Error(value, where + ".message: expected a sentence saying why");
      } else {
        list.message = value.Scalar();
      }
    } else if (key == "ignore_case") {
      if (!value.IsScalar() ||
          !YAML::convert<bool>::decode(value, keys.ignore_case)) {
        Error(value, where + ".ignore_case: expected true or false");
      }
    } else if (key == "terms") {
      keys.terms = value;
    } else if (key == "patterns") {
      keys.patterns = value;
    } else if (key == "unless_after") {
      keys.unless_after = value;
    } else if (key == "unless_after_gap") {
      keys.gap_node = value;
      if (!value.IsScalar() ||
          !YAML::convert<int>::decode(value, keys.unless_after_gap) ||
          keys.unless_after_gap < 0 ||
          keys.unless_after_gap > PrecedingWords::kMaxGap) {
        Error(value, where +
                         ".unless_after_gap: expected a number of "
                         "words from 0 to " +
                         std::to_string(PrecedingWords::kMaxGap));
        keys.unless_after_gap = 0;
      }
    } else if (key == "skip_quoted" || key == "skip_first_person" ||
               key == "skip_questions") {
      bool flag = false;
      if (!value.IsScalar() || !YAML::convert<bool>::decode(value, flag)) {
        Error(value, where + "." + key + ": expected true or false");
      }
      (key == "skip_quoted"         ? list.skip_quoted
       : key == "skip_first_person" ? list.skip_first_person
                                    : list.skip_questions) = flag;
    } else {
      Error(key_node,
            where + ": unknown key '" + key +
                "' (expected id, severity, message, ignore_case, terms, "
                "patterns, unless_after, unless_after_gap, skip_quoted, "
                "skip_first_person, skip_questions)");
    }
  }

  // The list's id, unique among the lists; it names the rule.
  void ReadListId(const YAML::Node& value, const std::string& where,
                  TermList& list) {
    const std::string id = value.IsScalar() ? value.Scalar() : "";
    if (!IsRuleIdSuffix(id)) {
      Error(value, where +
                       ".id: expected lower-case letters, digits, '-' "
                       "or '_' (it becomes the rule id prohibited/<id>)");
    } else if (!ids_.insert(id).second) {
      Error(value, where + ".id: the list id '" + id +
                       "' is already used by another list");
    } else {
      list.rule = "prohibited/" + id;
    }
  }

  void ReadEntries(const YAML::Node& node, TermSpec::Kind kind,
                   bool ignore_case, const std::string& where) {
    const std::string word = kind == TermSpec::Kind::kTerm ? "term" : "pattern";
    if (!node.IsSequence() || node.size() == 0) {
      Error(node, where + ": expected a list of " + word + "s");
      return;
    }
    size_t index = 0;
    for (const YAML::Node& item : node) {
      const std::string at = where + "[" + std::to_string(index++) + "]";
      std::optional<YAML::Node> text_node;
      std::string suggest;
      if (item.IsScalar()) {
        text_node = item;
      } else if (item.IsMap()) {
        for (const auto& kv : item) {
          const std::string key = kv.first.as<std::string>("");
          if (key == word) {
            text_node = kv.second;
          } else if (key == "suggest") {
            if (!kv.second.IsScalar()) {
              Error(kv.second, at + ".suggest: expected the replacement text");
            } else {
              suggest = kv.second.Scalar();
            }
          } else {
            Error(kv.first, at + ": unknown key '" + key + "' (expected " +
                                word + ", suggest)");
          }
        }
        if (!text_node) {
          Error(item, at + ": missing key '" + word + "'");
          continue;
        }
      } else {
        Error(item, at + ": expected a " + word + " or {" + word +
                        ": ..., suggest: ...}");
        continue;
      }
      if (!text_node->IsScalar()) {
        Error(*text_node, at + ": expected the " + word + " as a string");
        continue;
      }
      TermSpec spec{kind, text_node->Scalar(), ignore_case};
      if (std::string problem = TermSet::Validate(spec); !problem.empty()) {
        Error(*text_node, at + ": " + problem);
        continue;
      }
      const bool term = spec.kind == TermSpec::Kind::kTerm;
      specs_.push_back(std::move(spec));
      entries_.push_back(Entry{lists_.size() - 1, std::move(suggest), term});
    }
  }

  std::shared_ptr<const PrecedingWords> ReadWords(const YAML::Node& node,
                                                  bool ignore_case, int gap,
                                                  const std::string& where) {
    std::vector<std::string> words;
    if (node.IsSequence() && node.size() > 0) {
      for (const YAML::Node& item : node) {
        if (!item.IsScalar() ||
            item.Scalar().find_first_not_of(" \t") == std::string::npos) {
          Error(item, where + ": expected a word or phrase");
          return nullptr;
        }
        words.push_back(item.Scalar());
      }
    } else {
      Error(node,
            where + ": expected a list of words, such as [not, \"isn't\"]");
      return nullptr;
    }
    std::string error;
    std::shared_ptr<const PrecedingWords> out =
        PrecedingWords::Build(words, ignore_case, gap, &error);
    if (!out) Error(node, where + ": " + error);
    return out;
  }

  Settings& settings_;
  std::string file_;
  std::set<std::string> ids_;
  std::vector<TermList> lists_;
  std::vector<Entry> entries_;
  std::vector<TermSpec> specs_;
};

std::unique_ptr<Check> Build(Settings& settings) {
  return SettingsReader(settings).Read();
}

}  // namespace

CheckSpec ProhibitedCheckSpec() {
  return CheckSpec{
      "prohibited",
      "Terms and patterns a draft must not use, from the rulebook's lists, "
      "with suggested replacements.",
      // One rule per list of the rulebook: prohibited/<list id>.
      {},
      &Build,
  };
}

}  // namespace proofgate

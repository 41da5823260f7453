#include "rules/suppressions.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "checks/matching/trigger.h"
#include "checks/registry.h"

namespace proofgate {

namespace {

constexpr std::string_view kPrefix = "proofgate-";
constexpr std::string_view kDisable = "proofgate-disable";
constexpr std::string_view kEnable = "proofgate-enable";
constexpr std::string_view kDisableNextLine = "proofgate-disable-next-line";
constexpr std::string_view kMarkdownlint = "markdownlint-";

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Runs of whitespace folded to one space, ends trimmed.
std::string FoldSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : Trim(s)) {
    if (IsSpace(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// A plug-in's name or rule name, as the exec check accepts them.
bool IsPluginName(std::string_view s) {
  if (s.empty() || s.front() == '-') return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Whether `token` in RULES matches the finding rule `rule`.
bool Matches(std::string_view token, std::string_view rule) {
  return rule == token ||
         (rule.size() > token.size() && rule.starts_with(token) &&
          rule[token.size()] == '/');
}

// The parts of a directive's comment after the directive word.
struct Arguments {
  std::vector<std::string> tokens;
  std::optional<std::string> reason;  // as written, unescaped
  std::string error;                  // set when malformed
};

Arguments ParseArguments(std::string_view rest) {
  Arguments out;
  size_t i = 0;
  auto skip_separators = [&] {
    while (i < rest.size() && (IsSpace(rest[i]) || rest[i] == ',')) ++i;
  };
  while (true) {
    skip_separators();
    if (i >= rest.size()) break;
    if (rest.substr(i).starts_with("reason=")) {
      i += 7;
      if (i >= rest.size() || rest[i] != '"') {
        out.error = "write the reason in double quotes: reason=\"...\"";
        return out;
      }
      ++i;
      std::string reason;
      bool closed = false;
      while (i < rest.size()) {
        const char c = rest[i];
        if (c == '\\' && i + 1 < rest.size() &&
            (rest[i + 1] == '"' || rest[i + 1] == '\\')) {
          reason += rest[i + 1];
          i += 2;
          continue;
        }
        ++i;
        if (c == '"') {
          closed = true;
          break;
        }
        reason += c;
      }
      if (!closed) {
        out.error = "the reason has no closing quote";
        return out;
      }
      const std::string_view after = Trim(rest.substr(i));
      if (!after.empty()) {
        out.error = "unexpected text after the reason: '" +
                    std::string(after.substr(0, 40)) +
                    "' (the rules come first, then reason=\"...\")";
        return out;
      }
      out.reason = std::move(reason);
      return out;
    }
    const size_t start = i;
    while (i < rest.size() && !IsSpace(rest[i]) && rest[i] != ',') ++i;
    std::string token(rest.substr(start, i - start));
    if (token.find_first_of("=\"") != std::string::npos) {
      out.error = "'" + token.substr(0, 40) +
                  "' is not a rule; the only attribute is reason=\"...\"";
      return out;
    }
    out.tokens.push_back(std::move(token));
  }
  return out;
}

// Why `token` cannot be used in RULES, or "" when it can.
std::string TokenProblem(const std::string& token) {
  if (token == "escalate" || token.starts_with("escalate/")) {
    return "'" + token +
           "' cannot be suppressed: an escalation always needs its reviewer";
  }
  if (token == "input" || token == "suppression" || !IsSuppressible(token)) {
    return "'" + token +
           "' cannot be suppressed: it reports that the draft could not be "
           "read or a check could not run, which no reason can waive";
  }
  if (FindCheck(token) != nullptr || FindRule(token) != nullptr) return "";
  if (token.starts_with("exec/")) {
    // exec/<plugin> or exec/<plugin>/<rule>: plug-in rules exist only when
    // the plug-in runs, so only their shape can be checked.
    const std::string_view rest = std::string_view(token).substr(5);
    const size_t slash = rest.find('/');
    if (IsPluginName(rest.substr(0, slash)) &&
        (slash == std::string_view::npos ||
         IsPluginName(rest.substr(slash + 1)))) {
      return "";
    }
    return "'" + token +
           "' is not a plug-in rule (expected exec/<plugin> or "
           "exec/<plugin>/<rule>, in lower-case letters, digits and "
           "hyphens)";
  }
  const std::string check = token.substr(0, token.find('/'));
  const CheckSpec* spec = FindCheck(check);
  if (spec != nullptr && spec->rules.empty() && token.size() > check.size() &&
      IsRuleIdSuffix(std::string_view(token).substr(check.size() + 1))) {
    return "";  // a rule the rulebook defines: prohibited/<list id>...
  }
  if (spec != nullptr) {
    std::string rules;
    for (const RuleInfo& rule : spec->rules) {
      if (!IsSuppressible(rule.id)) continue;
      rules += (rules.empty() ? "" : ", ") + rule.id;
    }
    return "unknown rule '" + token + "' (rules of " + check + ": " + rules +
           ")";
  }
  std::string checks;
  for (const CheckSpec& spec : AllChecks()) {
    checks += (checks.empty() ? "" : ", ") + spec.name;
  }
  return "unknown rule or check '" + token + "' (checks: " + checks + ")";
}

// Which lines hold nothing but whitespace and HTML comments.
class LineKinds {
 public:
  explicit LineKinds(const Document& doc) : map_(doc.source_map()) {
    for (const HtmlComment& c : doc.comments()) {
      for (int line = c.range.line; line <= c.range.end_line; ++line) {
        spans_[line].push_back(
            {line == c.range.line ? c.range.column : 1,
             line == c.range.end_line ? c.range.end_column : INT_MAX});
      }
    }
  }

  // Whether the columns of `line` before `before_column` are all whitespace
  // or inside HTML comments.
  bool OnlyComments(int line, int before_column = INT_MAX) const {
    const std::string_view text = map_.Line(line);
    auto it = spans_.find(line);
    int column = 1;
    for (size_t i = 0; i < text.size() && column < before_column; ++column) {
      const char c = text[i];
      // Step over one code point (continuation bytes are 10xxxxxx).
      ++i;
      while (i < text.size() &&
             (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
        ++i;
      }
      if (IsSpace(c)) continue;
      bool in_comment = false;
      if (it != spans_.end()) {
        for (const auto& [begin, end] : it->second) {
          in_comment = in_comment || (column >= begin && column < end);
        }
      }
      if (!in_comment) return false;
    }
    return true;
  }

  // The first line after `line` with content other than whitespace and
  // comments, or 0 when there is none. Amortized O(1): answers are
  // memoized for every line passed over.
  int NextContentLine(int line) {
    const int count = map_.line_count();
    if (next_.empty()) next_.assign(static_cast<size_t>(count) + 2, -1);
    int l = line + 1;
    std::vector<int> passed;
    while (l <= count && next_[l] < 0 && OnlyComments(l)) {
      passed.push_back(l);
      ++l;
    }
    const int found = l > count ? 0 : next_[l] >= 0 ? next_[l] : l;
    if (l <= count) next_[l] = found;
    for (int p : passed) next_[p] = found;
    return found;
  }

 private:
  const SourceMap& map_;
  std::unordered_map<int, std::vector<std::pair<int, int>>> spans_;
  // next_[l]: the first content line at or after l (0: none); -1 unknown.
  std::vector<int> next_;
};

// markdownlint's rules that proofgate has an equivalent of, by every name
// markdownlint accepts for them (markdownlint README, "Rules / Aliases";
// compared case-insensitively, as markdownlint does).
struct MarkdownlintRule {
  std::string_view names[3];
  std::string_view rule;  // the proofgate rule it stands for
};
constexpr MarkdownlintRule kMarkdownlintRules[] = {
    {{"md001", "heading-increment", "header-increment"},
     "headings/skipped-level"},
    {{"md024", "no-duplicate-heading", "no-duplicate-header"},
     "headings/duplicate"},
    {{"md025", "single-title", "single-h1"}, "headings/multiple-h1"},
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The proofgate rules a markdownlint directive's rule names stand for;
// every equivalent when it names none (markdownlint: all rules). Names of
// other markdownlint rules are not proofgate's business and are skipped.
std::vector<std::string> MarkdownlintEquivalents(std::string_view rest) {
  std::vector<std::string> out;
  bool named = false;
  size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && IsSpace(rest[i])) ++i;
    const size_t start = i;
    while (i < rest.size() && !IsSpace(rest[i])) ++i;
    if (start == i) break;
    named = true;
    const std::string name = Lower(rest.substr(start, i - start));
    for (const MarkdownlintRule& r : kMarkdownlintRules) {
      for (std::string_view n : r.names) {
        if (name == n) out.emplace_back(r.rule);
      }
    }
  }
  if (!named) {
    for (const MarkdownlintRule& r : kMarkdownlintRules) {
      out.emplace_back(r.rule);
    }
  }
  return out;
}

}  // namespace

bool IsSuppressible(const std::string& rule) {
  return !rule.starts_with("input/") && !rule.starts_with("suppression/") &&
         !rule.starts_with("escalate") && rule != "exec/failed" &&
         !rule.ends_with("/internal-error");
}

const std::vector<RuleInfo>& SuppressionRules() {
  static const std::vector<RuleInfo> rules = {
      {"suppression/missing-reason", Severity::kError,
       "A proofgate-disable without a reason; it waives nothing."},
      {"suppression/invalid", Severity::kWarning,
       "A malformed proofgate-* directive, an unknown rule in one, or an "
       "enable with nothing to end."},
  };
  return rules;
}

// Reads directives in comment order into the waivers and problems of a
// Suppressions. A disable waives from its line (from line 1 when it is at
// the top of the body) until an enable ends it; a disable-next-line waives
// the next line with content.
class Suppressions::Reader {
 public:
  // `doc` and `out` must outlive the reader.
  Reader(const Document& doc, Suppressions& out)
      : doc_(doc), out_(out), lines_(doc) {
    const FrontMatterBlock& fm = doc.front_matter().block();
    const int body_start = fm.present && fm.terminated ? fm.close_line + 1 : 1;
    first_content_ = lines_.NextContentLine(body_start - 1);
  }

  // Reads `comment`; a comment that is not a proofgate-* directive is
  // skipped.
  void Read(const HtmlComment& comment) {
    const std::string_view body = Trim(comment.text);
    if (body.starts_with(kMarkdownlint)) {
      out_.ReadMarkdownlint(comment, body, captures_);
      return;
    }
    if (!body.starts_with(kPrefix)) return;
    size_t word_end = 0;
    while (word_end < body.size() && !IsSpace(body[word_end])) ++word_end;
    const Directive d{comment, body.substr(0, word_end)};

    if (d.word != kDisable && d.word != kEnable && d.word != kDisableNextLine) {
      Problem(d, "suppression/invalid", Severity::kWarning,
              "Unknown directive '" + std::string(d.word) +
                  "'; proofgate understands proofgate-disable, "
                  "proofgate-enable and proofgate-disable-next-line.");
      return;
    }
    Arguments args = ParseArguments(body.substr(word_end));
    if (!args.error.empty()) {
      Invalid(d, args.error);
      return;
    }
    if (args.tokens.empty()) {
      Invalid(d, d.word == kEnable
                     ? "it names no rule to enable"
                     : "it names no rule; name the rules to waive (such as "
                       "headings/skipped-level), since waiving every rule "
                       "is not allowed");
      return;
    }
    std::vector<std::string> tokens = UsableTokens(d, args.tokens);
    if (d.word == kEnable) {
      Enable(d, tokens);
      return;
    }
    const std::string reason =
        args.reason ? FoldSpaces(*args.reason) : std::string();
    if (reason.empty()) {
      MissingReason(d, args.tokens);
    } else if (d.word == kDisableNextLine) {
      DisableNextLine(d, std::move(tokens), reason);
    } else {
      Disable(d, std::move(tokens), reason);
    }
  }

 private:
  // The directive being read: its comment and its first word.
  struct Directive {
    const HtmlComment& comment;
    std::string_view word;
  };

  // Records a suppression/* finding at the directive's comment.
  void Problem(const Directive& d, std::string rule, Severity severity,
               std::string message, std::string suggestion = "") {
    Finding f;
    f.rule = std::move(rule);
    f.severity = severity;
    f.message = std::move(message);
    f.range = d.comment.range;
    f.excerpt = doc_.Excerpt(d.comment.range);
    f.suggestion = std::move(suggestion);
    out_.problems_.push_back(std::move(f));
  }

  void Invalid(const Directive& d, const std::string& what) {
    Problem(
        d, "suppression/invalid", Severity::kWarning,
        "This " + std::string(d.word) + " comment is ignored: " + what + ".");
  }

  // The tokens that name something waivable; each other one is a
  // suppression/invalid, and the directive goes on without it.
  std::vector<std::string> UsableTokens(
      const Directive& d, const std::vector<std::string>& written) {
    std::vector<std::string> tokens;
    for (const std::string& token : written) {
      const std::string why = TokenProblem(token);
      if (why.empty()) {
        tokens.push_back(token);
      } else {
        Problem(d, "suppression/invalid", Severity::kWarning,
                "In this " + std::string(d.word) + " comment, " + why +
                    "; that name is ignored.");
      }
    }
    return tokens;
  }

  // proofgate-enable: ends every open disable each token matches, at the
  // line where the enable comment ends.
  void Enable(const Directive& d, const std::vector<std::string>& tokens) {
    for (const std::string& token : tokens) {
      bool ended = false;
      for (Waiver& w : out_.waivers_) {
        if (w.open && Matches(token, w.token)) {
          w.open = false;
          w.last_line = d.comment.range.end_line;
          w.whole_draft = false;
          ended = true;
        }
      }
      if (!ended) {
        Problem(d, "suppression/invalid", Severity::kWarning,
                "This proofgate-enable of '" + token +
                    "' has no open proofgate-disable above it to end.");
      }
    }
  }

  // A disable or disable-next-line without a reason waives nothing; the
  // suggestion is the directive with its rules as written and a reason.
  void MissingReason(const Directive& d,
                     const std::vector<std::string>& written) {
    std::string rules;
    for (const std::string& t : written) rules += t + " ";
    Problem(d, "suppression/missing-reason", Severity::kError,
            "This " + std::string(d.word) +
                " has no reason, so it waives nothing; say why the rule "
                "does not apply here, for the editor and the proof record.",
            "<!-- " + std::string(d.word) + " " + rules +
                "reason=\"why the rule does not apply here\" -->");
  }

  void DisableNextLine(const Directive& d, std::vector<std::string> tokens,
                       const std::string& reason) {
    const int target = lines_.NextContentLine(d.comment.range.end_line);
    if (target == 0) {
      Invalid(d, "no line with content follows it");
      return;
    }
    for (std::string& token : tokens) {
      Waiver w;
      w.token = std::move(token);
      w.reason = reason;
      w.first_line = target;
      w.last_line = target;
      out_.waivers_.push_back(std::move(w));
    }
  }

  // proofgate-disable: open until an enable ends it. One at the top of the
  // body (nothing but comments above it, or before it on its line) waives
  // from line 1, and the draft as a whole while it stays open.
  void Disable(const Directive& d, std::vector<std::string> tokens,
               const std::string& reason) {
    const SourceRange& at = d.comment.range;
    const bool at_top =
        first_content_ == 0 || at.line < first_content_ ||
        (at.line == first_content_ && lines_.OnlyComments(at.line, at.column));
    for (std::string& token : tokens) {
      Waiver w;
      w.token = std::move(token);
      w.reason = reason;
      w.first_line = at_top ? 1 : at.line;
      w.whole_draft = at_top;
      w.open = true;
      out_.waivers_.push_back(std::move(w));
    }
  }

  const Document& doc_;
  Suppressions& out_;
  LineKinds lines_;
  // The first line of the body with content other than comments (0: none).
  int first_content_ = 0;
  // The waivers open at each markdownlint-capture, for its restore.
  std::vector<std::vector<size_t>> captures_;
};

Suppressions Suppressions::Parse(const Document& doc) {
  Suppressions out;
  // Most drafts have no directive: then nothing below is worth building.
  if (std::none_of(doc.comments().begin(), doc.comments().end(),
                   [](const HtmlComment& c) {
                     const std::string_view body = Trim(c.text);
                     return body.starts_with(kPrefix) ||
                            body.starts_with(kMarkdownlint);
                   })) {
    return out;
  }
  Reader reader(doc, out);
  for (const HtmlComment& comment : doc.comments()) reader.Read(comment);
  return out;
}

void Suppressions::ReadMarkdownlint(
    const HtmlComment& comment, std::string_view body,
    std::vector<std::vector<size_t>>& captures) {
  size_t word_end = 0;
  while (word_end < body.size() && !IsSpace(body[word_end])) ++word_end;
  const std::string_view word = body.substr(0, word_end);
  const std::string_view rest = body.substr(word_end);
  auto open_waivers = [&] {
    std::vector<size_t> open;
    for (size_t i = 0; i < waivers_.size(); ++i) {
      if (waivers_[i].markdownlint && waivers_[i].open) open.push_back(i);
    }
    return open;
  };
  auto close = [&](Waiver& w) {
    w.open = false;
    w.last_line = comment.range.end_line;
  };
  if (word == "markdownlint-capture") {
    captures.push_back(open_waivers());
    return;
  }
  if (word == "markdownlint-restore") {
    // Back to the state at the capture: what was disabled since, ends.
    const std::vector<size_t> before =
        captures.empty() ? std::vector<size_t>() : captures.back();
    if (!captures.empty()) captures.pop_back();
    for (size_t i : open_waivers()) {
      if (std::find(before.begin(), before.end(), i) == before.end()) {
        close(waivers_[i]);
      }
    }
    return;
  }
  const bool disable = word == "markdownlint-disable";
  const bool line = word == "markdownlint-disable-line";
  const bool next_line = word == "markdownlint-disable-next-line";
  const bool enable = word == "markdownlint-enable";
  if (!disable && !line && !next_line && !enable) return;
  const std::vector<std::string> rules = MarkdownlintEquivalents(rest);
  if (enable) {
    for (const std::string& rule : rules) {
      for (Waiver& w : waivers_) {
        if (w.markdownlint && w.open && w.token == rule) close(w);
      }
    }
    return;
  }
  for (const std::string& rule : rules) {
    Waiver w;
    w.token = rule;
    w.reason = FoldSpaces(body);
    w.markdownlint = true;
    if (disable) {
      w.first_line = comment.range.line;
      w.open = true;
    } else {
      w.first_line = w.last_line =
          line ? comment.range.line : comment.range.end_line + 1;
    }
    waivers_.push_back(std::move(w));
  }
}

void Suppressions::Apply(std::vector<Finding>& findings) const {
  if (waivers_.empty()) return;
  const SourceRange draft;  // where findings about the whole draft point
  for (Finding& f : findings) {
    if (!IsSuppressible(f.rule)) continue;
    const bool at_draft = f.range == draft;
    const Waiver* match = nullptr;
    for (const Waiver& w : waivers_) {
      if (!Matches(w.token, f.rule)) continue;
      const bool covered = at_draft ? w.whole_draft
                                    : f.range.line >= w.first_line &&
                                          f.range.line <= w.last_line;
      if (covered) match = &w;  // the last written wins
    }
    if (match != nullptr) {
      f.suppressed = true;
      f.suppression_reason = match->reason;
    }
  }
}

}  // namespace proofgate

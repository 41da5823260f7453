#include "checks/readability/passive_voice.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "checks/ascii.h"

namespace proofgate {

namespace {

// Adverbs that may stand between "be" and the participle, besides any
// word in -ly.
constexpr std::array<std::string_view, 14> kAdverbs = {
    "not",  "also", "then", "often", "always", "never",   "still",
    "only", "now",  "just", "all",   "even",   "already", "both"};

// Words in -ed that are not past participles.
constexpr std::array<std::string_view, 14> kNotParticiples = {
    "need", "needed",  "feed",   "seed",  "speed",  "bed",    "red",
    "shed", "hundred", "indeed", "embed", "wicked", "sacred", "naked"};

// Irregular past participles (Quirk et al., "A Comprehensive Grammar of the
// English Language", 1985, the irregular verbs of §3.14-3.16, those in use
// today; forms identical to the base such as "set", "run" and "put" are
// included because "is set", "is run", "is put" are passive).
constexpr std::array<std::string_view, 140> kIrregular = {
    "arisen",        "awoken",    "beaten",    "begun",     "bent",
    "bid",           "bitten",    "blown",     "borne",     "born",
    "bound",         "broken",    "bred",      "brought",   "broadcast",
    "built",         "burnt",     "burst",     "bought",    "cast",
    "caught",        "chosen",    "clung",     "cost",      "crept",
    "cut",           "dealt",     "dug",       "done",      "drawn",
    "dreamt",        "driven",    "drunk",     "eaten",     "fallen",
    "fed",           "felt",      "fought",    "found",     "fled",
    "flung",         "flown",     "forbidden", "forecast",  "foreseen",
    "forgotten",     "forgiven",  "forsaken",  "frozen",    "gotten",
    "given",         "ground",    "grown",     "hung",      "heard",
    "hidden",        "hit",       "held",      "hurt",      "inlaid",
    "input",         "kept",      "knelt",     "knit",      "known",
    "laid",          "led",       "leant",     "learnt",    "left",
    "lent",          "let",       "lit",       "lost",      "made",
    "meant",         "met",       "mislaid",   "misled",    "mistaken",
    "misunderstood", "output",    "overcome",  "overdone",  "overheard",
    "overridden",    "overrun",   "overseen",  "overtaken", "overthrown",
    "overwritten",   "paid",      "proven",    "put",       "quit",
    "read",          "rebuilt",   "redone",    "remade",    "reread",
    "reset",         "rewritten", "rerun",     "ridden",    "rung",
    "risen",         "run",       "said",      "seen",      "sought",
    "sold",          "sent",      "set",       "sewn",      "shaken",
    "shone",         "shot",      "shown",     "shrunk",    "shut",
    "slain",         "slung",     "spoken",    "spent",     "spun",
    "split",         "spread",    "sprung",    "stolen",    "stuck",
    "struck",        "strung",    "sworn",     "swept",     "sung",
    "sunk",          "taken",     "taught",    "thrown",    "told"};
constexpr std::array<std::string_view, 14> kIrregularMore = {
    "torn",   "thought", "understood", "undone",   "unwound",
    "upheld", "upset",   "withdrawn",  "withheld", "woken",
    "worn",   "woven",   "won",        "written"};

template <size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// The irregular participles, hashed once (thread-safe static init).
const std::unordered_set<std::string_view>& IrregularSet() {
  static const std::unordered_set<std::string_view> set = [] {
    std::unordered_set<std::string_view> s(kIrregular.begin(),
                                           kIrregular.end());
    s.insert(kIrregularMore.begin(), kIrregularMore.end());
    return s;
  }();
  return set;
}

bool IsParticiple(std::string_view w) {
  if (w.size() > 3 && w.ends_with("ed")) return !In(kNotParticiples, w);
  return IrregularSet().contains(w);
}

// Whether `w` is a form of "be": am, is, are, was, were, be, been, being
// and the negative contractions isn't, aren't, wasn't, weren't, isn’t,
// aren’t; compared only with the forms of its length in bytes.
bool IsBe(std::string_view w) {
  switch (w.size()) {
    case 2:
      return w == "am" || w == "is" || w == "be";
    case 3:
      return w == "are" || w == "was";
    case 4:
      return w == "were" || w == "been";
    case 5:
      return w == "being" || w == "isn't";
    case 6:
      return w == "aren't" || w == "wasn't";
    case 7:
      return w == "weren't" || w == "isn’t";
    case 8:
      return w == "aren’t";
    default:
      return false;
  }
}

bool IsAdverb(std::string_view w) {
  return (w.size() > 4 && w.ends_with("ly")) || In(kAdverbs, w);
}

// Calls `visit` with each lower-case word of `sentence` (at most 32
// letters kept: longer words are no "be" form, adverb or participle of the
// lists), and with "" at each clause break (, ; : ( )), so "be" never
// reaches past one. Stops when `visit` returns true; returns whether it
// did.
template <typename Visit>
bool ForEachClauseWord(std::string_view sentence, Visit visit) {
  char word[32];
  size_t size = 0;
  bool long_word = false;
  auto flush = [&]() {
    const bool stop =
        (size > 0 || long_word) &&
        visit(long_word ? std::string_view("-") : std::string_view(word, size));
    size = 0;
    long_word = false;
    return stop;
  };
  for (size_t i = 0; i < sentence.size(); ++i) {
    const char c = AsciiLower(sentence[i]);
    const bool apostrophe = c == '\xE2' && sentence.substr(i).starts_with("’");
    if ((c >= 'a' && c <= 'z') || c == '\'' || c == '-' || apostrophe) {
      const std::string_view piece =
          apostrophe ? std::string_view("’") : std::string_view(&c, 1);
      if (size + piece.size() > sizeof word) {
        long_word = true;
      } else {
        for (char p : piece) word[size++] = p;
      }
      if (apostrophe) i += 2;
      continue;
    }
    if (flush()) return true;
    if ((c == ',' || c == ';' || c == ':' || c == '(' || c == ')') &&
        visit(std::string_view())) {
      return true;
    }
  }
  return flush();
}

}  // namespace

bool IsPassive(std::string_view sentence) {
  // After a form of "be": how many words were adverbs (-1: not after one).
  int after_be = -1;
  return ForEachClauseWord(sentence, [&](std::string_view w) {
    if (after_be >= 0 && !w.empty()) {
      if (IsParticiple(w)) return true;
      after_be = IsAdverb(w) && after_be < 2 ? after_be + 1 : -1;
    } else {
      after_be = -1;
    }
    if (IsBe(w)) after_be = 0;
    return false;
  });
}

}  // namespace proofgate

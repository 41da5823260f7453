#include "checks/readability/passive_voice.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "checks/ascii.h"

namespace proofgate {

namespace {

constexpr std::array<std::string_view, 14> kBe = {
    "am",     "is",      "are",    "was",     "were",   "be",      "been",
    "being",  "isn't",   "aren't", "wasn't",  "weren't", "isn’t", "aren’t"};

// Adverbs that may stand between "be" and the participle, besides any
// word in -ly.
constexpr std::array<std::string_view, 14> kAdverbs = {
    "not",   "also", "then", "often", "always", "never", "still",
    "only",  "now",  "just", "all",   "even",   "already", "both"};

// Words in -ed that are not past participles.
constexpr std::array<std::string_view, 14> kNotParticiples = {
    "need",  "needed", "feed", "seed",    "speed",  "bed",    "red",
    "shed",  "hundred", "indeed", "embed", "wicked", "sacred", "naked"};

// Irregular past participles (Quirk et al., "A Comprehensive Grammar of the
// English Language", 1985, the irregular verbs of §3.14-3.16, those in use
// today; forms identical to the base such as "set", "run" and "put" are
// included because "is set", "is run", "is put" are passive).
constexpr std::array<std::string_view, 140> kIrregular = {
    "arisen",    "awoken",     "beaten",   "begun",       "bent",
    "bid",       "bitten",     "blown",    "borne",       "born",
    "bound",     "broken",     "bred",     "brought",     "broadcast",
    "built",     "burnt",      "burst",    "bought",      "cast",
    "caught",    "chosen",     "clung",    "cost",        "crept",
    "cut",       "dealt",      "dug",      "done",        "drawn",
    "dreamt",    "driven",     "drunk",    "eaten",       "fallen",
    "fed",       "felt",       "fought",   "found",       "fled",
    "flung",     "flown",      "forbidden", "forecast",   "foreseen",
    "forgotten", "forgiven",   "forsaken", "frozen",      "gotten",
    "given",     "ground",     "grown",    "hung",        "heard",
    "hidden",    "hit",        "held",     "hurt",        "inlaid",
    "input",     "kept",       "knelt",    "knit",        "known",
    "laid",      "led",        "leant",    "learnt",      "left",
    "lent",      "let",        "lit",      "lost",        "made",
    "meant",     "met",        "mislaid",  "misled",      "mistaken",
    "misunderstood", "output", "overcome", "overdone",    "overheard",
    "overridden", "overrun",   "overseen", "overtaken",   "overthrown",
    "overwritten", "paid",     "proven",   "put",         "quit",
    "read",      "rebuilt",    "redone",   "remade",      "reread",
    "reset",     "rewritten",  "rerun",    "ridden",      "rung",
    "risen",     "run",        "said",     "seen",        "sought",
    "sold",      "sent",       "set",      "sewn",        "shaken",
    "shone",     "shot",       "shown",    "shrunk",      "shut",
    "slain",     "slung",      "spoken",   "spent",       "spun",
    "split",     "spread",     "sprung",   "stolen",      "stuck",
    "struck",    "strung",     "sworn",    "swept",       "sung",
    "sunk",      "taken",      "taught",   "thrown",      "told"};
constexpr std::array<std::string_view, 14> kIrregularMore = {
    "torn",   "thought", "understood", "undone", "unwound", "upheld",
    "upset",  "withdrawn", "withheld", "woken",  "worn",    "woven",
    "won",    "written"};

template <size_t N>
bool In(const std::array<std::string_view, N>& list, std::string_view w) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

bool IsParticiple(std::string_view w) {
  if (w.size() > 3 && w.ends_with("ed")) return !In(kNotParticiples, w);
  return In(kIrregular, w) || In(kIrregularMore, w);
}

bool IsAdverb(std::string_view w) {
  return (w.size() > 4 && w.ends_with("ly")) || In(kAdverbs, w);
}

// Lower-case words of `sentence`; a clause break (, ; : ( ) — and the
// like) is an empty word, so "be" never reaches past it.
std::vector<std::string> ClauseWords(std::string_view sentence) {
  std::vector<std::string> words(1);
  for (size_t i = 0; i < sentence.size(); ++i) {
    const char c = AsciiLower(sentence[i]);
    if ((c >= 'a' && c <= 'z') || c == '\'' || c == '-') {
      words.back() += c;
    } else if (sentence.substr(i).starts_with("’")) {
      words.back() += "’";
      i += 2;
    } else {
      if (!words.back().empty()) words.emplace_back();
      if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')') {
        words.emplace_back();  // an empty word: a clause break
        words.emplace_back();
      }
    }
  }
  return words;
}

}  // namespace

bool IsPassive(std::string_view sentence) {
  const std::vector<std::string> words = ClauseWords(sentence);
  for (size_t i = 0; i < words.size(); ++i) {
    if (!In(kBe, words[i])) continue;
    for (size_t j = i + 1; j < words.size() && j <= i + 3; ++j) {
      if (words[j].empty()) break;
      if (IsParticiple(words[j])) return true;
      if (!IsAdverb(words[j])) break;
    }
  }
  return false;
}

}  // namespace proofgate

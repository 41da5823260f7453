#include "checks/sources/quotations.h"

#include <re2/re2.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "checks/document/reported_speech.h"

namespace proofgate {

namespace {

// Verbs of speech and writing that attribute words to someone ("put" and
// "told" only with the word after them: "put it", "told us").
bool SpeechVerb(std::string_view w, std::string_view next) {
  static constexpr std::string_view kVerbs[] = {
      "said",       "says",       "explained",    "explains",    "noted",
      "added",      "adds",       "wrote",        "writes",      "stated",
      "commented",  "remarked",   "recalled",     "recalls",     "argued",
      "argues",     "observed",   "observes",     "admitted",    "admits",
      "tweeted",    "announced",  "announces",    "emphasized",  "emphasised",
      "emphasizes", "emphasises", "stressed",     "replied",     "replies",
      "joked",      "quipped",    "concluded",    "concludes",   "insisted",
      "insists",    "warned",     "warns",        "predicted",   "predicts",
      "declared",   "declares",   "acknowledged", "acknowledges"};
  if ((w == "put" || w == "puts") && next == "it") return true;
  if (w == "told") return !next.empty();
  return std::find(std::begin(kVerbs), std::end(kVerbs), w) != std::end(kVerbs);
}

// A word of a sentence: letters, digits, apostrophes, dots and hyphens,
// and any non-ASCII byte (names such as "José").
struct Word {
  std::string_view text;
  size_t begin = 0;
};

bool WordByte(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '\'' || c == '.' || c == '-';
}

std::vector<Word> Words(std::string_view text) {
  std::vector<Word> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!WordByte(text[i])) {
      ++i;
      continue;
    }
    const size_t begin = i;
    while (i < text.size() && WordByte(text[i])) ++i;
    std::string_view w = text.substr(begin, i - begin);
    while (!w.empty() && (w.back() == '.' || w.back() == '-')) {
      w.remove_suffix(1);
    }
    if (!w.empty()) out.push_back({w, begin});
  }
  return out;
}

bool Pronoun(std::string_view w) {
  return w == "he" || w == "she" || w == "they" || w == "He" || w == "She" ||
         w == "They";
}

// Whether `w` can open a speaker's name: capitalised, and not a
// determiner or pronoun that opens a sentence about a thing ("The error
// says", "This page explains") nor the author ("I", "We").
bool NameWord(std::string_view w) {
  static constexpr std::string_view kNotSomeone[] = {
      "The",  "This", "That",  "These", "Those", "It",    "Its",  "A",
      "An",   "Our",  "Your",  "Their", "Each",  "Every", "Some", "Any",
      "No",   "If",   "When",  "Here",  "There", "Then",  "I",    "We",
      "You",  "One",  "Also",  "But",   "And",   "Or",    "So",   "Now",
      "Note", "See",  "Click", "Select"};
  // "I'm", "We've": the author.
  if (w.size() > 2 && (w.substr(0, 2) == "I'" || w.substr(0, 3) == "We'")) {
    return false;
  }
  return !w.empty() && w[0] >= 'A' && w[0] <= 'Z' &&
         std::find(std::begin(kNotSomeone), std::end(kNotSomeone), w) ==
             std::end(kNotSomeone);
}

bool Speaker(std::string_view w) { return Pronoun(w) || NameWord(w); }

// Whether the words `w` (from the text right after a closing quotation
// mark) attribute it: "said Jane", "Jane Doe said", "she later said",
// "according to Acme".
bool AttributedAfter(const std::vector<Word>& w) {
  auto at = [&](size_t i) {
    return i < w.size() ? w[i].text : std::string_view();
  };
  if (SpeechVerb(at(0), at(1)) && Speaker(at(1))) return true;
  if (at(0) == "according" && at(1) == "to" && NameWord(at(2))) return true;
  if (!Speaker(at(0))) return false;
  // A name of up to four capitalised words, then maybe an adverb.
  size_t i = 1;
  while (i < 4 && NameWord(at(i))) ++i;
  return SpeechVerb(at(i), at(i + 1)) || SpeechVerb(at(i + 1), at(i + 2));
}

// Whether the words `w` (from the text right before an opening quotation
// mark that follows a comma or colon) attribute it: "Jane Doe said:",
// "As Jane put it,", "according to Acme,", "in the words of Jane Doe:".
bool AttributedBefore(const std::vector<Word>& w) {
  const size_t n = w.size();
  const size_t from = n > 8 ? n - 8 : 0;
  for (size_t i = from; i < n; ++i) {
    const std::string_view next = i + 1 < n ? w[i + 1].text : "";
    if ((w[i].text == "to" && i > 0 &&
         (w[i - 1].text == "according" || w[i - 1].text == "According")) ||
        (w[i].text == "of" && i > 1 && w[i - 1].text == "words")) {
      return i + 1 < n && NameWord(next);
    }
    if (!SpeechVerb(w[i].text, next)) continue;
    // The speaker comes before the verb, maybe with an adverb between.
    for (size_t back = 1; back <= 2 && back <= i; ++back) {
      if (Speaker(w[i - back].text)) return true;
    }
  }
  return false;
}

std::string_view TrimRight(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// A lead-in paragraph for a block quote: its last sentence ends with a
// colon and attributes what follows ("As Jane Doe put it:").
bool LeadsIn(std::string_view sentence) {
  sentence = TrimRight(sentence);
  return !sentence.empty() && sentence.back() == ':' &&
         AttributedBefore(Words(sentence));
}

// An attribution line: "— Jane Doe", "-- Acme CEO", "~ Jane"; or a
// quote's closing "… — Jane Doe, CTO of Acme".
const RE2& AttributionLine() {
  static const RE2 re("^\\s*(?:—|―|–|--|~)\\s*[A-Za-z@]");
  return re;
}

size_t WordCount(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

struct Passage {
  size_t begin = 0;  // the opening mark
  size_t end = 0;    // just after the closing mark
  size_t open_len = 0;
  size_t close_len = 0;
};

// The passages between double quotation marks in `text`: straight quotes
// paired in order, “…” and «…» by their own marks.
std::vector<Passage> QuotedPassages(std::string_view text) {
  std::vector<Passage> out;
  size_t i = 0;
  while (i < text.size()) {
    std::string_view close;
    size_t open_len = 1;
    if (text[i] == '"') {
      close = "\"";
    } else if (text.substr(i, 3) == "“") {
      close = "”";
      open_len = 3;
    } else if (text.substr(i, 2) == "«") {
      close = "»";
      open_len = 2;
    } else {
      ++i;
      continue;
    }
    const size_t at = text.find(close, i + open_len);
    if (at == std::string_view::npos) break;
    out.push_back({i, at + close.size(), open_len, close.size()});
    i = at + close.size();
  }
  return out;
}

// The inline quotations of block `b`.
void InlineQuotes(const Document& doc, size_t b, int min_words,
                  std::vector<Quotation>& out) {
  const ProseBlock& block = doc.blocks()[b];
  const std::string_view text = block.text;
  for (const Passage& p : QuotedPassages(text)) {
    const std::string_view inner = text.substr(
        p.begin + p.open_len, p.end - p.close_len - p.begin - p.open_len);
    if (WordCount(inner) < static_cast<size_t>(min_words)) continue;
    const size_t from = p.begin > 120 ? p.begin - 120 : 0;
    const std::string_view before = text.substr(from, p.begin - from);
    const std::string_view after = text.substr(p.end, 120);
    size_t span_begin = p.begin;
    size_t span_end = p.end;
    const std::string_view lead = TrimRight(before);
    if (AttributedAfter(Words(after.substr(0, 60)))) {
      span_end = std::min(text.size(), p.end + 60);
    } else if (!lead.empty() && (lead.back() == ',' || lead.back() == ':') &&
               AttributedBefore(Words(lead))) {
      span_begin = from;
    } else {
      continue;
    }
    Quotation q;
    q.first_block = q.last_block = b;
    q.quote_begin = p.begin;
    q.quote_end = p.end;
    q.span_begin = span_begin;
    q.span_end = span_end;
    q.range = doc.Locate(block, p.begin, p.end);
    q.body = q.range;
    out.push_back(q);
  }
}

// Whether blocks `a` and `a + 1` belong to one block quote: only quote
// lines ("> ...", also blank ones) between them.
bool SameQuote(const Document& doc, size_t a) {
  const SourceMap& map = doc.source_map();
  const int from = doc.blocks()[a].range.end_line + 1;
  const int to = doc.blocks()[a + 1].range.line;
  for (int line = from; line < to; ++line) {
    const std::string_view text = map.Line(line);
    const size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos || text[first] != '>') return false;
  }
  return true;
}

// The last sentence's text of block `b` (the block's text if it has none).
std::string_view LastSentence(const Document& doc, size_t b) {
  std::string_view last = doc.blocks()[b].text;
  for (const Sentence& s : doc.sentences()) {
    if (s.block == b) last = s.text;
    if (s.block > b) break;
  }
  return last;
}

// Whether an attribution line (after its dash) names no one: a role
// ("Principal Firmware Engineer", "Data scientist working on search", "a
// new Rust developer"), as research pages attribute anonymous interviewees;
// or whether it cites a work itself (a quoted or dated title: "Arthur Conan
// Doyle, "The Blanched Soldier"", "Stroustrup, 1994").
bool AnonymousOrCited(std::string_view line) {
  static const RE2 kRole(
      R"((?i)^[^,(]*\b(?:engineers?|developers?|scientists?|architects?|)"
      R"(founders?|professors?|managers?|leads?|researchers?|students?|)"
      R"(users?|respondents?|participants?|maintainers?|contributors?|)"
      R"(consultants?|designers?|directors?|analysts?|administrators?|)"
      R"(programmers?|attendees?|members?|customers?|practitioners?|teams?|)"
      R"(compan(?:y|ies)|groups?|cto|ceo|)"
      R"(vp|head)\b)");
  static const RE2 kCited(R"(["“”_*]|\b(?:1[5-9]|20)\d\d\b)");
  static const RE2 kDash(R"(^\s*(?:—|―|–|--|~)\s*)");
  re2::StringPiece rest(line);
  RE2::Consume(&rest, kDash);
  const std::string_view who(rest.data(), rest.size());
  if (who.empty()) return true;
  const char c = who[0];
  if (c >= 'a' && c <= 'z') return true;
  if (who.substr(0, 2) == "A " || who.substr(0, 3) == "An ") return true;
  return RE2::PartialMatch(who, kRole) || RE2::PartialMatch(who, kCited);
}

// The attribution line of blocks [first, last] of a block quote, or of
// the block after it: "— Jane Doe" as its own paragraph, or a last
// sentence's closing "… — Jane Doe". Sets `after` when it is the block
// after the quote; empty when there is none.
std::string_view AttributionOf(const Document& doc,
                               const std::vector<Voice>& voices, size_t last,
                               bool& after) {
  const std::vector<ProseBlock>& blocks = doc.blocks();
  after = false;
  if (RE2::PartialMatch(blocks[last].text, AttributionLine())) {
    return blocks[last].text;
  }
  const std::string_view sentence = LastSentence(doc, last);
  re2::StringPiece tail;
  static const RE2 kTrailing("\\s((?:—|―|--)\\s*[A-Z][^—―]{1,80})$");
  if (RE2::PartialMatch(sentence, kTrailing, &tail)) {
    return std::string_view(tail.data(), tail.size());
  }
  const size_t next = last + 1;
  if (next < blocks.size() && voices[next] == Voice::kAuthor &&
      blocks[next].kind == ProseBlock::Kind::kParagraph &&
      RE2::PartialMatch(blocks[next].text, AttributionLine()) &&
      WordCount(blocks[next].text) <= 20) {
    after = true;
    return blocks[next].text;
  }
  return {};
}

// The quoted words of the block quote of blocks [first, last] whose
// attribution (AttributionOf) is `attribution`: up to the block before an
// attribution paragraph, or the start of the sentence that ends with one.
SourceRange QuotedWords(const Document& doc, size_t first, size_t last,
                        std::string_view attribution, bool after) {
  const std::vector<ProseBlock>& blocks = doc.blocks();
  const bool own_paragraph =
      !after && attribution.data() == blocks[last].text.data();
  const bool trailing = !after && !attribution.empty() && !own_paragraph;
  const size_t body_last = own_paragraph && last > first ? last - 1 : last;
  SourceRange body = blocks[first].range;
  body.end_line = blocks[body_last].range.end_line;
  body.end_column = blocks[body_last].range.end_column;
  if (trailing) {
    for (const Sentence& s : doc.sentences()) {
      if (s.block == last) {
        body.end_line = s.range.line;
        body.end_column = s.range.column;
      }
    }
  }
  return body;
}

// The block quote made of blocks [first, last], if it is attributed.
void BlockQuote(const Document& doc, const std::vector<Voice>& voices,
                size_t first, size_t last, std::vector<Quotation>& out) {
  const std::vector<ProseBlock>& blocks = doc.blocks();
  Quotation q;
  q.block_quote = true;
  q.first_block = first;
  q.last_block = last;
  bool after = false;
  const std::string_view attribution = AttributionOf(doc, voices, last, after);
  if (!attribution.empty() && AnonymousOrCited(attribution)) return;
  bool attributed = !attribution.empty();
  if (after) q.last_block = last + 1;
  if (first > 0 && voices[first - 1] == Voice::kAuthor &&
      blocks[first - 1].kind == ProseBlock::Kind::kParagraph &&
      LeadsIn(LastSentence(doc, first - 1))) {
    attributed = true;
    q.first_block = first - 1;
  }
  if (!attributed) return;
  q.body = QuotedWords(doc, first, last, attribution, after);
  q.range = blocks[first].range;
  for (const Sentence& s : doc.sentences()) {
    if (s.block == first) {
      q.range = s.range;
      break;
    }
  }
  out.push_back(q);
}

// Whether the page reports research of its own (interviews, a survey,
// feedback it gathered): its quotes are that research's findings, not
// words taken from elsewhere ("Our interviews revealed ...", "We
// interviewed 70 users", "Responders rated it 9.5/10").
bool ReportsOwnResearch(const Document& doc) {
  static const RE2 kOwnResearch(
      R"((?i)\b(?:we|I)\s+(?:\w+\s+){0,2}?(?:interviewed|surveyed|)"
      R"(spoke\s+(?:to|with)|talked\s+(?:to|with)|conducted)\b|)"
      R"(\bour\s+(?:\w+\s+)?(?:interviews?|survey|conversations)\b|)"
      R"(\b(?:respondents|responders|interviewees)\b|)"
      R"(\binterviews?\s+(?:with|revealed)\b|\bsurvey\s+responses\b)");
  for (const ProseBlock& block : doc.blocks()) {
    if (RE2::PartialMatch(block.text, kOwnResearch)) return true;
  }
  return false;
}

}  // namespace

std::vector<Quotation> FindQuotations(const Document& doc, int min_words) {
  std::vector<Quotation> out;
  if (ReportsDiscussion(doc) || ReportsOwnResearch(doc)) return out;
  const std::vector<ProseBlock>& blocks = doc.blocks();
  const std::vector<Voice> voices = BlockVoices(doc);
  for (size_t b = 0; b < blocks.size(); ++b) {
    if (voices[b] == Voice::kAuthor) {
      if (blocks[b].kind != ProseBlock::Kind::kHeading) {
        InlineQuotes(doc, b, min_words, out);
      }
      continue;
    }
    if (voices[b] != Voice::kBlockQuote) continue;
    size_t last = b;
    while (last + 1 < blocks.size() && voices[last + 1] == Voice::kBlockQuote &&
           SameQuote(doc, last)) {
      ++last;
    }
    BlockQuote(doc, voices, b, last, out);
    b = last;
  }
  return out;
}

}  // namespace proofgate

#include "checks/readability/readability_check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

#include "checks/document/match_range.h"
#include "checks/document/reported_speech.h"
#include "checks/document/sentences.h"
#include "checks/readability/flesch.h"
#include "checks/readability/passive_voice.h"

namespace proofgate {

namespace {

// The sentences within one sentence of the document model: it also ends
// at '.', '!' or '?' followed by two or more blanks, which is where a code
// span opening the next sentence stood (the prose text keeps one space for
// it: "integers. `List[T]` is" reads "integers.  is") or where a writer
// put two spaces after a full stop. Calls `visit` with each part's span
// (offsets into `text`), in order, without collecting them.
template <typename Visit>
void ForEachSentencePart(std::string_view text, Visit&& visit) {
  size_t begin = 0;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    const char c = text[i];
    if ((c == '.' || c == '!' || c == '?') && text[i + 1] == ' ' &&
        text[i + 2] == ' ') {
      visit(SentenceSpan{begin, i + 1});
      begin = i + 1;
      while (begin < text.size() && text[begin] == ' ') ++begin;
    }
  }
  if (begin < text.size()) visit(SentenceSpan{begin, text.size()});
}

struct Thresholds {
  long long max_sentence_words = 30;
  long long max_paragraph_words = 150;
  double min_reading_ease = 30;
  double max_grade = 16;
  double max_passive_percent = 10;
  long long min_words = 200;
};

// `value` with one decimal, as messages show scores.
std::string OneDecimal(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// What one pass over a draft's prose measured.
struct Tally {
  TextCounts counts;
  long long passive = 0;
  long long long_sentences = 0;
  long long long_paragraphs = 0;
};

class ReadabilityCheck : public Check {
 public:
  explicit ReadabilityCheck(Thresholds t) : t_(t) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    std::vector<Metric> unused;
    RunMeasured(doc, out, unused);
  }

  void RunMeasured(const Document& doc, std::vector<Finding>& out,
                   std::vector<Metric>& metrics) const override {
    const std::vector<ProseBlock>& blocks = doc.blocks();
    // The author's running prose only: a transcript's turns are someone
    // else's words (reported_speech.h).
    // A page that reports an interview or panel recaps others' words.
    const std::vector<Voice> voices = BlockVoices(doc);
    const bool discussion = ReportsDiscussion(doc);
    std::vector<char> prose(blocks.size());
    for (size_t b = 0; b < blocks.size(); ++b) {
      prose[b] = !discussion && voices[b] == Voice::kAuthor &&
                 IsRunningProse(doc, blocks[b]);
    }
    Tally tally;
    std::vector<long long> block_words(blocks.size());
    for (const Sentence& s : doc.sentences()) {
      if (!prose[s.block]) continue;
      ForEachSentencePart(s.text, [&](const SentenceSpan& part) {
        const std::string_view text =
            std::string_view(s.text).substr(part.begin, part.end - part.begin);
        const TextCounts c = CountSentence(text);
        if (c.words == 0) return;
        block_words[s.block] += c.words;
        tally.counts.words += c.words;
        tally.counts.syllables += c.syllables;
        tally.counts.sentences += 1;
        tally.passive += IsPassive(text) ? 1 : 0;
        if (t_.max_sentence_words > 0 && c.words > t_.max_sentence_words) {
          ++tally.long_sentences;
          out.push_back(LongSentence(doc, s, part, c.words));
        }
      });
    }
    for (size_t b = 0; b < blocks.size(); ++b) {
      if (!prose[b] || t_.max_paragraph_words <= 0) continue;
      // The block's sentences cover its text, so their words are its words.
      const long long words = block_words[b];
      if (words > t_.max_paragraph_words) {
        ++tally.long_paragraphs;
        out.push_back(LongParagraph(doc, blocks[b], words));
      }
    }
    DraftFindings(tally, out);
    Measure(tally, metrics);
  }

 private:
  Finding LongSentence(const Document& doc, const Sentence& s,
                       const SentenceSpan& part, long long words) const {
    Finding f;
    f.rule = "readability/sentence-length";
    f.severity = Severity::kWarning;
    f.range = LocateMatch(doc, doc.blocks()[s.block], s.begin + part.begin,
                          s.begin + part.end);
    f.excerpt = doc.Excerpt(s.range);
    f.message = "This sentence has " + std::to_string(words) +
                " words, over the rulebook's " +
                std::to_string(t_.max_sentence_words) +
                "; split it so a reader can follow.";
    return f;
  }

  Finding LongParagraph(const Document& doc, const ProseBlock& block,
                        long long words) const {
    Finding f;
    f.rule = "readability/paragraph-length";
    f.severity = Severity::kWarning;
    f.range = block.range;
    f.excerpt = doc.Excerpt(block.range);
    f.message = "This paragraph has " + std::to_string(words) +
                " words, over the rulebook's " +
                std::to_string(t_.max_paragraph_words) +
                "; break it where the topic turns.";
    return f;
  }

  // reading-ease, grade-level and passive-voice: about the draft as a
  // whole (1:1), for drafts of at least min_words words of prose.
  void DraftFindings(const Tally& tally, std::vector<Finding>& out) const {
    if (tally.counts.words < t_.min_words) return;
    auto add = [&](std::string rule, std::string message) {
      Finding f;
      f.rule = "readability/" + std::move(rule);
      f.severity = Severity::kWarning;
      f.message = std::move(message);
      out.push_back(std::move(f));
    };
    const double ease = FleschReadingEase(tally.counts);
    if (t_.min_reading_ease > 0 && ease < t_.min_reading_ease) {
      add("reading-ease", "The draft's Flesch reading ease is " +
                              OneDecimal(ease) + ", under the rulebook's " +
                              OneDecimal(t_.min_reading_ease) +
                              ": use shorter sentences and plainer words.");
    }
    const double grade = FleschKincaidGrade(tally.counts);
    if (t_.max_grade > 0 && grade > t_.max_grade) {
      add("grade-level", "The draft reads at Flesch-Kincaid grade " +
                             OneDecimal(grade) + ", over the rulebook's " +
                             OneDecimal(t_.max_grade) +
                             ": use shorter sentences and plainer words.");
    }
    const double passive = PassivePercent(tally);
    if (t_.max_passive_percent > 0 && passive > t_.max_passive_percent) {
      add("passive-voice",
          OneDecimal(passive) + " % of the draft's sentences (" +
              std::to_string(tally.passive) + " of " +
              std::to_string(tally.counts.sentences) +
              ") are in the passive voice, over the rulebook's " +
              OneDecimal(t_.max_passive_percent) + " %: say who does what.");
    }
  }

  static double PassivePercent(const Tally& tally) {
    return tally.counts.sentences == 0
               ? 0
               : 100.0 * static_cast<double>(tally.passive) /
                     static_cast<double>(tally.counts.sentences);
  }

  static void Measure(const Tally& tally, std::vector<Metric>& metrics) {
    const TextCounts& c = tally.counts;
    auto round1 = [](double v) { return std::round(v * 10) / 10; };
    metrics.push_back({"words", static_cast<double>(c.words)});
    metrics.push_back({"sentences", static_cast<double>(c.sentences)});
    metrics.push_back({"syllables", static_cast<double>(c.syllables)});
    metrics.push_back({"average_sentence_words",
                       c.sentences == 0
                           ? 0
                           : round1(static_cast<double>(c.words) /
                                    static_cast<double>(c.sentences))});
    metrics.push_back({"flesch_reading_ease", round1(FleschReadingEase(c))});
    metrics.push_back({"flesch_kincaid_grade", round1(FleschKincaidGrade(c))});
    metrics.push_back(
        {"passive_sentences", static_cast<double>(tally.passive)});
    metrics.push_back({"passive_percent", round1(PassivePercent(tally))});
    metrics.push_back(
        {"long_sentences", static_cast<double>(tally.long_sentences)});
    metrics.push_back(
        {"long_paragraphs", static_cast<double>(tally.long_paragraphs)});
  }

  Thresholds t_;
};

std::unique_ptr<Check> Build(Settings& settings) {
  Thresholds t;
  t.max_sentence_words =
      settings.Int("max_sentence_words", t.max_sentence_words, 0, 1000);
  t.max_paragraph_words =
      settings.Int("max_paragraph_words", t.max_paragraph_words, 0, 100000);
  t.min_reading_ease =
      settings.Number("min_flesch_reading_ease", t.min_reading_ease, 0, 121);
  t.max_grade = settings.Number("max_grade_level", t.max_grade, 0, 100);
  t.max_passive_percent =
      settings.Number("max_passive_percent", t.max_passive_percent, 0, 100);
  t.min_words = settings.Int("min_words", t.min_words, 0, 1000000);
  return std::make_unique<ReadabilityCheck>(t);
}

// Whether `prefix` (a line's text before a paragraph starts) holds a list
// marker or an indent, once block-quote markers are set aside; sets
// `*quoted` when it holds a block-quote marker.
bool ListOrIndent(std::string_view prefix, bool* quoted) {
  size_t spaces = 0;
  for (size_t i = 0; i < prefix.size(); ++i) {
    const char c = prefix[i];
    if (c == '>') {
      *quoted = true;
      spaces = 0;
    } else if (c == ' ') {
      ++spaces;
    } else if (c == '\t') {
      spaces += 4;
    } else {
      return true;  // "-", "*", "+", "1." or "1)": a list item
    }
  }
  // After "> " one space is the marker's; more is an indent.
  return spaces >= 2;
}

}  // namespace

bool IsRunningProse(const Document& doc, const ProseBlock& block) {
  if (block.kind != ProseBlock::Kind::kParagraph) return false;
  // Rows of a table that Markdown did not read as one (no delimiter row,
  // or a site's own table syntax) are no sentences.
  int pipes = 0;
  for (const char c : block.text) {
    if (c == '|' && ++pipes >= 3) return false;
  }
  const SourceMap& map = doc.source_map();
  const size_t start = map.LineStart(block.range.line);
  const size_t at = map.OffsetOfColumn(block.range.line, block.range.column);
  bool quoted = false;
  const bool list = ListOrIndent(
      std::string_view(doc.bytes()).substr(start, at - start), &quoted);
  return !list && !quoted;
}

CheckSpec ReadabilityCheckSpec() {
  return CheckSpec{
      "readability",
      "Sentence and paragraph length, Flesch reading ease and grade, "
      "passive voice.",
      {
          {"readability/sentence-length", Severity::kWarning,
           "A sentence longer than the rulebook's max_sentence_words."},
          {"readability/paragraph-length", Severity::kWarning,
           "A paragraph longer than the rulebook's max_paragraph_words."},
          {"readability/reading-ease", Severity::kWarning,
           "The draft's Flesch reading ease is under the rulebook's "
           "minimum."},
          {"readability/grade-level", Severity::kWarning,
           "The draft's Flesch-Kincaid grade is over the rulebook's "
           "maximum."},
          {"readability/passive-voice", Severity::kWarning,
           "The share of passive sentences is over the rulebook's maximum."},
      },
      &Build,
  };
}

}  // namespace proofgate

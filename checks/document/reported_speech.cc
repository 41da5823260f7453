#include "checks/document/reported_speech.h"

#include <re2/re2.h>

#include <cctype>
#include <set>
#include <string>

namespace proofgate {

namespace {

// Byte offset in `line` of the 1-based code-point `column`.
size_t ByteOfColumn(std::string_view line, int column) {
  size_t i = 0;
  for (int c = 1; c < column && i < line.size(); ++c) {
    ++i;
    while (i < line.size() &&
           (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) {
      ++i;
    }
  }
  return i;
}

std::string_view TrimLeft(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  return s;
}

// The first line of the block quote that holds `line` (which starts with
// '>' after container markers).
int QuoteStart(const SourceMap& map, int line) {
  while (line > 1) {
    const std::string_view prev = TrimLeft(map.Line(line - 1));
    if (prev.empty() || prev.front() != '>') break;
    --line;
  }
  return line;
}

// An admonition written as a block quote: GitHub and Microsoft Learn
// alerts ("> [!NOTE]"), or a quote opening with a bold or plain "Note:".
bool IsAdmonition(std::string_view first_line) {
  static const RE2 re(
      R"(^\s*>\s*(?:\[!\w+\]|(?:\*\*|__)?(?i:note|tip|important|warning|)"
      R"(caution|info|notice|attention)\b))");
  return RE2::PartialMatch(first_line, re);
}

bool InBlockQuote(const Document& doc, const ProseBlock& block) {
  const SourceMap& map = doc.source_map();
  if (block.range.line < 1 || block.range.line > map.line_count()) {
    return false;
  }
  const std::string_view line = map.Line(block.range.line);
  // Only container markers stand before a paragraph's first character
  // ("> ", "- > ", "1. > "); a table cell or heading is checked at the
  // start of its line.
  std::string_view prefix =
      block.kind == ProseBlock::Kind::kParagraph
          ? line.substr(0, ByteOfColumn(line, block.range.column))
          : line.substr(0, line.size() - TrimLeft(line).size() + 1);
  if (prefix.find('>') == std::string_view::npos) return false;
  return !IsAdmonition(map.Line(QuoteStart(map, block.range.line)));
}

// Labels that open admonitions and steps, not turns of speech.
bool IsAdmonitionLabel(std::string label) {
  for (char& c : label) c = static_cast<char>(std::tolower(c));
  static const std::set<std::string> kWords = {
      "note",    "notes",   "tip",      "tips",   "important", "warning",
      "caution", "example", "examples", "step",   "result",    "results",
      "output",  "input",   "before",   "after",  "summary",   "update",
      "edit",    "source",  "sources",  "answer", "question",  "info",
      "tl;dr",   "tldr",    "goal",     "goals",  "why",       "what",
      "how",     "when",    "where",    "who",    "status",    "description"};
  // A post's byline ("**Author:** Shiming Zhang (DaoCloud), ...",
  // kubernetes-contributor-site/blog/2023/2023-03-01-introducing-kwok)
  // names who wrote it, not a speaker.
  static const std::set<std::string> kByline = {
      "author",    "authors", "by",        "editor",  "editors",     "reviewer",
      "reviewers", "date",    "published", "updated", "contributors"};
  return kWords.count(label) > 0 || kByline.count(label) > 0;
}

// The speaker of a paragraph that opens with a bold label ("**PO:** ...",
// "**Andy Suderman**: ..."), or "" when it does not.
std::string SpeakerLabel(const Document& doc, const ProseBlock& block) {
  if (block.kind != ProseBlock::Kind::kParagraph) return "";
  const SourceMap& map = doc.source_map();
  if (block.range.line < 1 || block.range.line > map.line_count()) return "";
  const std::string_view line = map.Line(block.range.line);
  const std::string_view start =
      line.substr(ByteOfColumn(line, block.range.column));
  if (start.rfind("**", 0) != 0 && start.rfind("__", 0) != 0) return "";
  // A list item's bold lead ("- **Speed**: You can create ...") names a
  // feature of a list, not a speaker: transcripts are paragraphs.
  static const RE2 kListItem(R"((?:^|\s)(?:[-*+]|\d{1,9}[.)])\s+$)");
  if (RE2::PartialMatch(line.substr(0, line.size() - start.size()),
                        kListItem)) {
    return "";
  }
  // One to four capitalised words, then a colon and a space.
  static const RE2 re(
      R"(^(\p{Lu}[\p{L}'’.\-]*(?:\s+\p{Lu}[\p{L}'’.\-]*){0,3})\s*:\s)");
  std::string label;
  if (!RE2::PartialMatch(block.text, re, &label)) return "";
  if (IsAdmonitionLabel(label)) return "";
  return label;
}

}  // namespace

std::vector<Voice> BlockVoices(const Document& doc) {
  const std::vector<ProseBlock>& blocks = doc.blocks();
  std::vector<Voice> voices(blocks.size(), Voice::kAuthor);
  std::vector<std::string> labels(blocks.size());
  std::set<std::string> speakers;
  size_t labelled = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    labels[i] = SpeakerLabel(doc, blocks[i]);
    if (!labels[i].empty()) {
      ++labelled;
      speakers.insert(labels[i]);
    }
  }
  const bool transcript = labelled >= 3 && speakers.size() >= 2;
  bool in_turn = false;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const ProseBlock& block = blocks[i];
    if (block.kind == ProseBlock::Kind::kHeading) in_turn = false;
    if (transcript && !labels[i].empty()) in_turn = true;
    if (InBlockQuote(doc, block)) {
      voices[i] = Voice::kBlockQuote;
    } else if (in_turn && block.kind == ProseBlock::Kind::kParagraph) {
      voices[i] = Voice::kSpeakerTurn;
    }
  }
  return voices;
}

bool InQuotation(std::string_view text, size_t begin, size_t end) {
  // The innermost open quotation at `begin`: straight quotes toggle,
  // curly and guillemets nest by kind.
  bool straight = false;
  int curly = 0;
  int guillemet = 0;
  for (size_t i = 0; i < begin && i < text.size(); ++i) {
    const std::string_view rest = text.substr(i);
    if (text[i] == '"') {
      straight = !straight;
    } else if (rest.rfind("“", 0) == 0) {
      ++curly;
    } else if (rest.rfind("”", 0) == 0) {
      if (curly > 0) --curly;
    } else if (rest.rfind("«", 0) == 0) {
      ++guillemet;
    } else if (rest.rfind("»", 0) == 0) {
      if (guillemet > 0) --guillemet;
    }
  }
  if (!straight && curly == 0 && guillemet == 0) return false;
  const std::string_view after = text.substr(std::min(end, text.size()));
  if (straight && after.find('"') != std::string_view::npos) return true;
  if (curly > 0 && after.find("”") != std::string_view::npos) return true;
  return guillemet > 0 && after.find("»") != std::string_view::npos;
}

bool ReportsDiscussion(const Document& doc) {
  std::string title;
  const FieldLookup field = doc.front_matter().Find("title");
  if (field.status == FieldLookup::Status::kFound) {
    title = field.text;
  } else {
    for (const Heading& h : doc.headings()) {
      if (h.level == 1) {
        title = h.text;
        break;
      }
    }
  }
  static const RE2 re(
      R"((?i)\b(?:interviews?|panel|Q\s?&\s?A|roundtable|fireside\s+chat)\b)");
  return RE2::PartialMatch(title, re);
}

}  // namespace proofgate

// Words as a reader counts them, for readability measures.
//
// A word is a run of non-whitespace that holds at least one letter or
// digit: "don't", "well-known", "3.5", "v1.2" and "C++" are one word each;
// a lone "-", "|" or "—" is none. Left out, because a reader does not read
// them as words of the sentence: URLs ("https://…", "www.…"), templating of
// static-site generators ({{< … >}}, {{ … }}, {% … %}), and whatever the
// document model already dropped from prose (code spans, autolinks, images,
// raw HTML: see ProseBlock in checks/document/document.h). Numbers count as
// one word and one syllable.
#ifndef PROOFGATE_CHECKS_READABILITY_READER_WORDS_H_
#define PROOFGATE_CHECKS_READABILITY_READER_WORDS_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace proofgate {

// The words of `text` (UTF-8), as views into it, in order. O(size).
// Pure; thread-safe.
std::vector<std::string_view> ReaderWords(std::string_view text);

// The next word of `text` at or after byte `*pos`: sets `*word` to it (a
// view into `text`), moves `*pos` past it and returns true; returns false
// (with `*pos` at the end) when no word is left. Start with `*pos` = 0.
// O(bytes scanned); no allocation. Pure; thread-safe.
bool NextReaderWord(std::string_view text, size_t* pos, std::string_view* word);

// Calls `visit` with each word of `text`, in order, without collecting
// them. O(size); no allocation. Thread-safe.
template <typename Visit>
void ForEachReaderWord(std::string_view text, Visit&& visit) {
  size_t pos = 0;
  std::string_view word;
  while (NextReaderWord(text, &pos, &word)) visit(word);
}

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_READABILITY_READER_WORDS_H_

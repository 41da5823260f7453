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

#include <functional>
#include <string_view>
#include <vector>

namespace proofgate {

// The words of `text` (UTF-8), as views into it, in order. O(size).
// Pure; thread-safe.
std::vector<std::string_view> ReaderWords(std::string_view text);

// Calls `visit` with each word of `text`, in order, without collecting
// them. O(size). Thread-safe.
void ForEachReaderWord(std::string_view text,
                       const std::function<void(std::string_view)>& visit);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_READABILITY_READER_WORDS_H_

#include "daemon/drafts/draft_check.h"

#include <limits>

#include "daemon/files/durable_file.h"
#include "rules/sha256.h"

namespace proofgate {

namespace {

// How much of a draft is read: one byte over the limit tells an oversized
// draft from one at the limit.
size_t ReadLimit(const ParseOptions& options) {
  return options.max_bytes < std::numeric_limits<size_t>::max()
             ? options.max_bytes + 1
             : options.max_bytes;
}

// Verifies draft `path` from `bytes`, the first of its `size` bytes.
DraftResult VerifyRead(const std::string& path, std::string bytes,
                       uint64_t size, const RulebookSet& rules,
                       const ParseOptions& options) {
  DraftResult result;
  result.path = path;
  // An oversized draft is not read whole, so its digest is left empty
  // rather than describing only its first part.
  if (size <= options.max_bytes) result.sha256 = Sha256Hex(bytes);
  // The rulebook is chosen by the front matter, which reads the same in
  // every templating dialect; a rulebook that names its dialect gets the
  // draft read again with it.
  auto doc = Document::Parse(path, std::move(bytes), options, size);
  const auto selection = rules.Select(path, doc->front_matter());
  if (!selection.rulebook) {
    result.config_error = selection.error;
    return result;
  }
  const Templating wanted = selection.rulebook->templating;
  if (doc->parsed() && wanted != Templating::kAuto &&
      wanted != doc->templating()) {
    ParseOptions reread = options;
    reread.templating = wanted;
    doc = Document::Parse(path, doc->bytes(), reread, size);
  }
  result.rulebook = selection.rulebook;
  result.verification = Verify(*selection.rulebook, *doc);
  return result;
}

}  // namespace

DraftResult VerifyDraft(const std::string& path, const RulebookSet& rules,
                        const ParseOptions& options) {
  return VerifyDraftFile(path, path, rules, options);
}

DraftResult VerifyDraftFile(const std::string& file, const std::string& path,
                            const RulebookSet& rules,
                            const ParseOptions& options, std::string* bytes_out,
                            SymlinkPolicy links) {
  DraftResult result;
  result.path = path;
  std::string bytes;
  uint64_t size = 0;
  const size_t read_limit = ReadLimit(options);
  if (const Status read = ReadFileUpTo(file, read_limit, links, bytes, &size);
      !read) {
    if (bytes_out) bytes_out->clear();
    const auto selection = rules.Select(path, FrontMatter());
    result.rulebook = selection.rulebook;
    result.config_error = selection.error;
    Finding f;
    f.rule = "input/unreadable";
    f.message = "The draft cannot be read (" + read.error() + ").";
    result.verification.findings.push_back(f);
    result.verification.verdict = Verdict::kFail;
    return result;
  }
  if (bytes_out) *bytes_out = bytes;
  return VerifyRead(path, std::move(bytes), size, rules, options);
}

DraftResult VerifyDraftBytes(const std::string& path, std::string bytes,
                             const RulebookSet& rules,
                             const ParseOptions& options) {
  const uint64_t size = bytes.size();
  const size_t limit = ReadLimit(options);
  if (bytes.size() > limit) bytes.resize(limit);
  return VerifyRead(path, std::move(bytes), size, rules, options);
}

}  // namespace proofgate

#include "daemon/draft_check.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "rules/sha256.h"

namespace proofgate {

namespace {

// Reads up to limit + 1 bytes of `path` into `out`; `size` gets the file's
// full size.
bool ReadAtMost(const std::string& path, size_t limit, std::string& out,
                size_t& size, std::string& error) {
  std::error_code ec;
  size = static_cast<size_t>(std::filesystem::file_size(path, ec));
  if (ec) size = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return false;
  }
  out.clear();
  char buffer[64 * 1024];
  while (out.size() <= limit && in.read(buffer, sizeof buffer).gcount() > 0) {
    out.append(buffer, static_cast<size_t>(in.gcount()));
  }
  if (in.bad()) {
    error = "read error";
    return false;
  }
  size = std::max(size, out.size());
  return true;
}

}  // namespace

DraftResult CheckDraft(const std::string& path, const RulebookSet& rules,
                       const ParseOptions& options) {
  return CheckDraftFile(path, path, rules, options);
}

DraftResult CheckDraftFile(const std::string& file, const std::string& path,
                           const RulebookSet& rules,
                           const ParseOptions& options,
                           std::string* bytes_out) {
  DraftResult result;
  result.path = path;
  std::string bytes;
  std::string error;
  size_t size = 0;
  if (!ReadAtMost(file, options.max_bytes, bytes, size, error)) {
    if (bytes_out) bytes_out->clear();
    const auto selection = rules.Select(path, FrontMatter());
    result.rulebook = selection.rulebook;
    result.config_error = selection.error;
    Finding f;
    f.rule = "input/unreadable";
    f.message = "The draft cannot be read (" + error + ").";
    result.verification.findings.push_back(f);
    result.verification.verdict = Verdict::kFail;
    return result;
  }
  // An oversized draft is not read whole, so its digest is left empty
  // rather than describing only its first part.
  if (size <= options.max_bytes) result.sha256 = Sha256Hex(bytes);
  if (bytes_out) *bytes_out = bytes;
  const auto doc = Document::Parse(path, std::move(bytes), options, size);
  const auto selection = rules.Select(path, doc->front_matter());
  if (!selection.rulebook) {
    result.config_error = selection.error;
    return result;
  }
  result.rulebook = selection.rulebook;
  result.verification = Verify(*selection.rulebook, *doc);
  return result;
}

}  // namespace proofgate

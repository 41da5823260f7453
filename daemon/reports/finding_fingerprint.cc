#include "daemon/reports/finding_fingerprint.h"

#include <map>
#include <utility>

#include "rules/sha256.h"

namespace proofgate {

namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

std::string CollapseWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (const char c : text) {
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

}  // namespace

std::vector<std::string> FindingFingerprints(
    std::string_view report_path, const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  out.reserve(findings.size());
  std::map<std::pair<std::string, std::string>, int> seen;
  for (const Finding& f : findings) {
    std::string evidence = CollapseWhitespace(f.excerpt);
    if (evidence.empty()) evidence = CollapseWhitespace(f.message);
    const int k = seen[{f.rule, evidence}]++;
    std::string key = "proofgate-fingerprint/1";
    key += '\0';
    key += f.rule;
    key += '\0';
    key += report_path;
    key += '\0';
    key += evidence;
    key += '\0';
    key += std::to_string(k);
    out.push_back(Sha256Hex(key));
  }
  return out;
}

}  // namespace proofgate

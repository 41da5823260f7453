#include "checks/document/admonition.h"

#include "checks/document/text_compare.h"

namespace proofgate {

namespace {

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

bool IsBlankOnly(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

bool IsAdmonitionLabel(std::string_view text) {
  // The longest name below has 9 letters, 10 bytes with a ':' or '!' after
  // it: a text with more bytes that FoldForCompare keeps (all but blanks)
  // is none, as most headings, and is told without folding a copy of it.
  size_t kept = 0;
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && ++kept > 10) {
      return false;
    }
  }
  std::string label = FoldForCompare(text);
  if (!label.empty() && (label.back() == ':' || label.back() == '!')) {
    label.pop_back();
  }
  for (std::string_view name :
       {"note", "notes", "tip", "tips", "warning", "important", "caution",
        "info", "danger", "hint", "attention", "notice"}) {
    if (label == name) return true;
  }
  return false;
}

std::string AdmonitionMarker(std::string_view line, size_t& length) {
  length = 0;
  if (line.starts_with("[!")) {
    const size_t close = line.find(']');
    if (close == std::string_view::npos) return "";
    const std::string name = Upper(line.substr(2, close - 2));
    if (name != "NOTE" && name != "TIP" && name != "IMPORTANT" &&
        name != "WARNING" && name != "CAUTION") {
      return "";
    }
    length = close + 1;
    return name;
  }
  if (line.starts_with("**")) {
    const size_t close = line.find("**", 2);
    if (close == std::string_view::npos) return "";
    size_t end = close + 2;
    if (end < line.size() && line[end] == ':') ++end;
    const std::string_view label = line.substr(2, close - 2);
    if (!IsBlankOnly(line.substr(end)) || !IsAdmonitionLabel(label)) {
      return "";
    }
    length = end;
    std::string name = Upper(FoldForCompare(label));
    if (!name.empty() && name.back() == ':') name.pop_back();
    return name;
  }
  return "";
}

}  // namespace proofgate

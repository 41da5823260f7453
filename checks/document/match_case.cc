#include "checks/document/match_case.h"

namespace proofgate {

namespace {

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }

}  // namespace

std::string MatchCase(std::string_view matched, std::string suggest) {
  if (suggest.empty() || matched.empty()) return suggest;
  int upper = 0;
  int lower = 0;
  for (char c : matched) {
    upper += IsAsciiUpper(c);
    lower += IsAsciiLower(c);
  }
  if (upper >= 2 && lower == 0) {
    for (char& c : suggest) {
      if (IsAsciiLower(c)) c = static_cast<char>(c - 'a' + 'A');
    }
  } else if (IsAsciiUpper(matched.front()) && IsAsciiLower(suggest.front())) {
    suggest.front() = static_cast<char>(suggest.front() - 'a' + 'A');
  }
  return suggest;
}

}  // namespace proofgate

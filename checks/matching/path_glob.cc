#include "checks/matching/path_glob.h"

namespace proofgate {

PathGlob::PathGlob(std::string_view glob) : glob_(glob) {
  std::string re;
  std::string_view g = glob;
  if (g.starts_with("/")) {
    g.remove_prefix(1);
    re = "^";
  } else {
    re = "^(?:.*/)?";
  }
  for (size_t i = 0; i < g.size(); ++i) {
    const char c = g[i];
    if (c == '*') {
      if (i + 1 < g.size() && g[i + 1] == '*') {
        ++i;
        if (i + 1 < g.size() && g[i + 1] == '/') {
          ++i;
          re += "(?:.*/)?";
        } else {
          re += ".*";
        }
      } else {
        re += "[^/]*";
      }
    } else if (c == '?') {
      re += "[^/]";
    } else if (c == '[') {
      const size_t close = g.find(']', i + 1);
      if (close == std::string_view::npos) {
        re += "\\[";
        ++literal_length_;
      } else {
        std::string cls(g.substr(i + 1, close - i - 1));
        if (!cls.empty() && cls[0] == '!') cls[0] = '^';
        re += "[" + cls + "]";
        i = close;
      }
    } else {
      re += RE2::QuoteMeta(std::string_view(&c, 1));
      ++literal_length_;
    }
  }
  re += "$";
  re_ = std::make_shared<const RE2>(re, RE2::Quiet);
}

bool PathGlob::Matches(std::string_view path) const {
  while (path.starts_with("./")) path.remove_prefix(2);
  return ok() && RE2::FullMatch(path, *re_);
}

}  // namespace proofgate

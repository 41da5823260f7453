// PathGlob: the path patterns of a rulebook's applies_to.paths and of the
// `when.paths` triggers of the required and escalate checks.
//
//   *    any run of characters except '/'
//   ?    one character except '/'
//   **   any run of characters, '/' included ("blog/**" is everything
//        below blog/, "**/index.md" every index.md)
//   [..] a character class, as in shells
// A glob without a leading '/' may match at any folder depth, like a
// .gitignore pattern: "blog/*.md" matches "site/blog/a.md". Paths use '/'.
#ifndef PROOFGATE_CHECKS_MATCHING_PATH_GLOB_H_
#define PROOFGATE_CHECKS_MATCHING_PATH_GLOB_H_

#include <re2/re2.h>

#include <memory>
#include <string>
#include <string_view>

namespace proofgate {

class PathGlob {
 public:
  // Compiles `glob`. Check ok() before use.
  explicit PathGlob(std::string_view glob);

  bool ok() const { return re_->ok(); }
  // RE2's message when !ok().
  const std::string& error() const { return re_->error(); }

  // Whether `path` (with or without a leading "./") matches. Thread-safe.
  bool Matches(std::string_view path) const;

  // Number of characters that are not wildcards: how specific the glob is.
  int literal_length() const { return literal_length_; }
  const std::string& glob() const { return glob_; }

 private:
  std::string glob_;
  std::shared_ptr<const RE2> re_;  // immutable, so copies may share it
  int literal_length_ = 0;
};

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_MATCHING_PATH_GLOB_H_

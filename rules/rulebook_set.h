// RulebookSet: the rulebooks in force, and which one applies to a draft.
//
// Given a single rulebook file, it applies to every draft. Given a folder,
// every *.yaml / *.yml file in it (not below it) is a rulebook, and a
// draft gets the most specific one whose applies_to matches:
//   1. more front_matter conditions beat fewer;
//   2. then the longer literal part of the matching path glob wins;
//   3. a rulebook without applies_to matches everything, least specifically.
// Two matching rulebooks equally specific is an error for that draft,
// never a coin toss; two rulebooks with no applies_to in one folder are
// refused when the folder loads. A draft no rulebook matches at all is an
// error for that draft too: the configuration lacks a default.
//
// applies_to.exclude takes a draft away from a rulebook that would match
// it (a single rulebook file included); the draft then gets the most
// specific of the other matching rulebooks ("blog/_index.md", the blog's
// list page, excluded from the blog rulebook, gets the default). A draft
// that every matching rulebook excludes is deliberately not checked (a
// Hugo partial under _includes/ is no page): it gets that rulebook's
// "excluded" stand-in, a rulebook named "excluded:<name>" with the
// excluding rulebook's version, file and sha256 and no checks, so its
// verdict is pass unless the draft itself cannot be read or parsed, and
// its proof record says which rulebook excluded it.
//
// Immutable once FromPath() has built it; Select() is thread-safe.
#ifndef PROOFGATE_RULES_RULEBOOK_SET_H_
#define PROOFGATE_RULES_RULEBOOK_SET_H_

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "checks/config_error.h"
#include "checks/document/front_matter.h"
#include "checks/expected.h"
#include "rules/rulebook.h"

namespace proofgate {

class RulebookSet {
 public:
  // Loads a rulebook file or a folder of them: the set (never null), or
  // every problem of every rulebook, each at file:line:col. Any error in
  // any rulebook refuses the whole set, so a half-valid configuration is
  // never used. Checks are built with `services` (see LoadRulebook).
  static Expected<std::shared_ptr<const RulebookSet>, std::vector<ConfigError>>
  FromPath(const std::filesystem::path& path,
           const CheckServices& services = {});

  struct Selection {
    const Rulebook* rulebook = nullptr;  // null when error is set
    std::string error;
    // True when `rulebook` is an "excluded:<name>" stand-in (above).
    bool excluded = false;
  };

  // The rulebook for the draft at `path` (as shown to users, '/'-separated)
  // with front matter `front_matter`.
  Selection Select(std::string_view path,
                   const FrontMatter& front_matter) const;

  const std::vector<std::shared_ptr<const Rulebook>>& rulebooks() const {
    return rulebooks_;
  }

 private:
  bool single_ = false;
  std::vector<std::shared_ptr<const Rulebook>> rulebooks_;
  // The "excluded:<name>" stand-in of each rulebook, null for those
  // without exclusions; parallel to rulebooks_.
  std::vector<std::shared_ptr<const Rulebook>> excluded_;
};

}  // namespace proofgate

#endif  // PROOFGATE_RULES_RULEBOOK_SET_H_

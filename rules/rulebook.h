// Rulebook: which checks run on a draft, with which settings, and how the
// findings become a verdict. Loaded from YAML (see README, "Rulebooks").
//
//   name: blog                      # required
//   version: "3"                    # required; recorded in proof records
//   owner: {name: Compliance desk, contact: compliance@example.com}
//                                   # optional; inherited through extends
//   extends: default.yaml           # optional, relative to this file
//   applies_to:                     # optional; see rulebook_set.h
//     paths: ["blog/**"]
//     front_matter: {layout: post}
//     exclude: ["**/_index.md"]     # or {paths: [..], front_matter: {..}}
//   templating: auto                # auto (default) | hugo | liquid | mdx
//                                   # | none: the site generator's syntax
//                                   # around the Markdown (templating.h)
//   checks:
//     headings:
//       max_depth: 3
//       severity: {skipped-level: warning, duplicate: off}
//   routing:
//     min_confidence: 0.8           # default 0.8
//     fail_on: error                # error (default) | warning
//
// Under `checks:`, each key names a check from the registry. Besides the
// check's own settings, two keys are understood for every check:
//   enabled: false         turns an inherited check off;
//   severity: LEVEL | {RULE: LEVEL|off, ...}
//                          changes the severity of all or some of its rules
//                          (RULE with or without the "check/" prefix).
//
// `extends` merges the parent first: a child's check settings replace the
// parent's key by key (severity maps merge rule by rule), routing keys and
// templating likewise; `owner` is inherited whole unless the child names
// its own; name, version and applies_to are never inherited.
//
// applies_to.paths and exclude globs are compiled while loading; a bad one
// is an error with RE2's own message. `exclude` is a glob or list of globs
// (paths), or a map with `paths` and/or `front_matter`; any one of them
// matching excludes a draft.
//
// A rulebook that fails validation is never used: loading returns every
// error found, each as file:line:col, and no rulebook.
#ifndef PROOFGATE_RULES_RULEBOOK_H_
#define PROOFGATE_RULES_RULEBOOK_H_

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/check.h"
#include "checks/check_services.h"
#include "checks/config_error.h"
#include "checks/document/templating.h"
#include "checks/matching/path_glob.h"

namespace proofgate {

struct Routing {
  // Findings below this confidence cannot fail a draft; they send it to
  // review. 0.8 by default: the claim flags, whose confidence is below 1 by
  // design, then always reach an editor instead of blocking on their own.
  double min_confidence = 0.8;
  // The lowest severity that fails a draft: kError or kWarning.
  Severity fail_on = Severity::kError;
};

struct AppliesTo {
  // Path globs: '*' any run of characters except '/', '?' one such
  // character, '**' any run including '/'. A glob without a leading '/'
  // may match at any folder depth (like .gitignore).
  std::vector<PathGlob> paths;
  // Front-matter key -> value; all must match (a list value matches when
  // any element equals the value).
  std::vector<std::pair<std::string, std::string>> front_matter;
  // Drafts the rulebook does not apply to although the above match: those
  // at a path matching any of `exclude_paths`, or whose front matter has
  // any one of `exclude_front_matter` (rulebook_set.h says what becomes of
  // a draft every matching rulebook excludes).
  std::vector<PathGlob> exclude_paths;
  std::vector<std::pair<std::string, std::string>> exclude_front_matter;

  // No paths and no front_matter: applies to every draft not excluded.
  bool empty() const { return paths.empty() && front_matter.empty(); }
  bool has_exclusions() const {
    return !exclude_paths.empty() || !exclude_front_matter.empty();
  }
};

struct ConfiguredCheck {
  const CheckSpec* spec = nullptr;
  std::shared_ptr<const Check> check;
  // Rule id -> severity the rulebook sets, or nullopt for "off". Rules not
  // listed keep the check's default (or `all_rules`, when set).
  std::map<std::string, std::optional<Severity>> severity;
  std::optional<Severity> all_rules;
};

// The person or team a rulebook belongs to: who answers for its rules.
// Shown in proof records, the queue and the CI reports.
struct RulebookOwner {
  std::string name;     // required when `owner` is given
  std::string contact;  // optional: an e-mail address, a channel, a URL
  bool empty() const { return name.empty() && contact.empty(); }
};

struct Rulebook {
  std::string name;
  std::string version;
  RulebookOwner owner;         // empty when no file of the chain names one
  std::filesystem::path file;  // as given to LoadRulebook
  // sha256 (hex) over the bytes of this file and every file it extends, in
  // order, so a proof record pins the exact rules that decided.
  std::string sha256;
  AppliesTo applies_to;
  // How drafts are read: the templating dialect around their Markdown.
  Templating templating = Templating::kAuto;
  Routing routing;
  std::vector<ConfiguredCheck> checks;  // in registry order
};

// The outcome of LoadRulebook. Not an Expected (checks/expected.h) because
// it carries data on both paths: `files`, the chain of files read, is
// filled on failure too (it names the files an error may point into,
// including extended ones outside the rulebook's folder). Exactly one of
// `rulebook` and `errors` is set.
struct RulebookLoad {
  std::shared_ptr<const Rulebook> rulebook;  // null when errors is not empty
  std::vector<ConfigError> errors;           // each at file:line:col
  // Every file read, `file` first then the files it extends; also when
  // loading failed.
  std::vector<std::filesystem::path> files;
};

// Loads and validates the rulebook at `file`, following `extends`. Errors
// (unreadable file, YAML syntax, unknown keys, wrong types, unknown checks
// or rules, bad settings, missing or cyclic extends) come back in
// `errors`, located as precisely as the YAML allows. The checks are built
// with `services` (check_services.h; the default lends none: no network).
// Thread-safe.
RulebookLoad LoadRulebook(const std::filesystem::path& file,
                          const CheckServices& services = {});

}  // namespace proofgate

#endif  // PROOFGATE_RULES_RULEBOOK_H_

// The `rules:` list of a check whose rules a rulebook defines one by one
// with a `when` (required, escalate): the keys every entry has, read in one
// place.
//
//   rules:
//     - id: investment-disclaimer   # [a-z0-9_-]+, unique: <family>/<id>
//       when: {...}                 # TriggerSet (trigger.h)
//       severity: error             # optional
//       message: "..."              # optional
//       ...                         # the family's own keys (`extra_keys`)
//
// Not thread-safe; used once while a rulebook loads.
#ifndef PROOFGATE_CHECKS_MATCHING_RULE_ENTRIES_H_
#define PROOFGATE_CHECKS_MATCHING_RULE_ENTRIES_H_

#include <yaml-cpp/yaml.h>

#include <map>
#include <string>
#include <vector>

#include "checks/finding.h"
#include "checks/matching/trigger.h"
#include "checks/settings.h"

namespace proofgate {

struct RuleEntry {
  std::string rule;  // "<family>/<id>"
  Severity severity = Severity::kError;
  std::string message;  // "" when the entry has none
  int trigger = -1;     // index into the TriggerSet
  std::string where;    // "rules[2]", for messages
  YAML::Node node;      // the entry's map, for errors about it as a whole
  // The family's own keys present in the entry (a subset of extra_keys).
  std::map<std::string, YAML::Node> extra;
};

// Reads the `rules` setting of the check `family` ("required"): a
// non-empty list of maps, each with `id` and `when` (required), `severity`
// (default `default_severity`), `message` and the keys in `extra_keys`.
// Every `when` goes into `triggers` (not yet built). Returns the entries
// that read without error and sets `*file` to the file the list came from;
// every problem (missing list, not a map, unknown or duplicate key, bad id
// or severity, a repeated id) is reported to `settings` at its
// file:line:col.
std::vector<RuleEntry> ReadRuleEntries(
    Settings& settings, TriggerSet& triggers, const std::string& family,
    Severity default_severity, const std::vector<std::string>& extra_keys,
    std::string* file);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_MATCHING_RULE_ENTRIES_H_

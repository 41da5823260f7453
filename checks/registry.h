// The registry: every check a rulebook can name.
//
// Adding a check is one file in checks/ that defines its CheckSpec, and one
// line in registry.cc. The registry is immutable and safe to read from any
// thread.
#ifndef PROOFGATE_CHECKS_REGISTRY_H_
#define PROOFGATE_CHECKS_REGISTRY_H_

#include <string_view>
#include <vector>

#include "checks/check.h"

namespace proofgate {

// All checks, in a stable order (the order reports list them in).
const std::vector<CheckSpec>& AllChecks();

// The check named `name`, or nullptr.
const CheckSpec* FindCheck(std::string_view name);

// The rule with id `rule_id` ("<check>/<rule>"), or nullptr.
const RuleInfo* FindRule(std::string_view rule_id);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_REGISTRY_H_

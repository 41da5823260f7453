#include "checks/registry.h"

#include "checks/claims/claims_check.h"
#include "checks/escalate/escalate_check.h"
#include "checks/exec/exec_check.h"
#include "checks/headings/headings_check.h"
#include "checks/links/link_reachability_check.h"
#include "checks/links/links_check.h"
#include "checks/metadata/metadata_check.h"
#include "checks/prohibited/prohibited_check.h"
#include "checks/readability/readability_check.h"
#include "checks/required/required_check.h"
#include "checks/sources/sources_check.h"
#include "checks/terminology/terminology_check.h"

namespace proofgate {

const std::vector<CheckSpec>& AllChecks() {
  static const std::vector<CheckSpec> checks = {
      HeadingsCheckSpec(),         MetadataCheckSpec(),    LinksCheckSpec(),
      LinkReachabilityCheckSpec(), ProhibitedCheckSpec(),  ClaimsCheckSpec(),
      RequiredCheckSpec(),         EscalateCheckSpec(),    ExecCheckSpec(),
      ReadabilityCheckSpec(),      TerminologyCheckSpec(), SourcesCheckSpec(),
  };
  return checks;
}

const CheckSpec* FindCheck(std::string_view name) {
  for (const CheckSpec& spec : AllChecks()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

const RuleInfo* FindRule(std::string_view rule_id) {
  for (const CheckSpec& spec : AllChecks()) {
    for (const RuleInfo& rule : spec.rules) {
      if (rule.id == rule_id) return &rule;
    }
  }
  return nullptr;
}

}  // namespace proofgate

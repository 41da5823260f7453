#include "checks/escalate/escalate_check.h"

#include <exception>
#include <utility>

#include "checks/matching/rule_entries.h"
#include "checks/matching/trigger.h"

namespace proofgate {

namespace {

struct EscalateRule {
  std::string rule;
  Severity severity = Severity::kWarning;
  std::string message;
  std::string reviewer;
  int trigger = -1;
};

class EscalateCheck : public Check {
 public:
  EscalateCheck(std::vector<EscalateRule> rules,
                std::unique_ptr<TriggerSet> triggers)
      : rules_(std::move(rules)), triggers_(std::move(triggers)) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    // Only allocation failure can throw here (RE2 never throws).
    try {
      const std::vector<std::vector<TriggerHit>> hits = triggers_->Match(doc);
      for (const EscalateRule& rule : rules_) {
        const std::vector<TriggerHit>& fired = hits[rule.trigger];
        if (!fired.empty()) out.push_back(MakeFinding(doc, rule, fired));
      }
    } catch (const std::exception& e) {
      Finding f;
      f.rule = "escalate/internal-error";
      f.message = std::string("The escalate check failed on this draft (") +
                  e.what() + "); an editor must look.";
      f.confidence = 0;
      out.push_back(std::move(f));
    }
  }

 private:
  static Finding MakeFinding(const Document& doc, const EscalateRule& rule,
                             const std::vector<TriggerHit>& fired) {
    const TriggerHit& hit = fired.front();
    Finding f;
    f.rule = rule.rule;
    f.severity = rule.severity;
    f.range = hit.range;
    f.excerpt = doc.Excerpt(f.range);
    f.message = rule.message;
    const char last = f.message.empty() ? '.' : f.message.back();
    if (last != '.' && last != '!' && last != '?') f.message += '.';
    f.message += " Triggered by " + hit.what;
    if (fired.size() > 1) {
      f.message += " (and " + std::to_string(fired.size() - 1) + " more)";
    }
    f.message += "; reviewer: " + rule.reviewer + ".";
    f.reviewer = rule.reviewer;
    f.confidence = 0;
    return f;
  }

  std::vector<EscalateRule> rules_;
  std::unique_ptr<TriggerSet> triggers_;
};

std::unique_ptr<Check> Build(Settings& settings) {
  const size_t errors = settings.errors().size();
  auto triggers = std::make_unique<TriggerSet>();
  std::string file;
  std::vector<RuleEntry> entries = ReadRuleEntries(
      settings, *triggers, "escalate", Severity::kWarning, {"reviewer"}, &file);
  std::vector<EscalateRule> rules;
  for (RuleEntry& entry : entries) {
    EscalateRule rule{entry.rule, entry.severity, entry.message, "",
                      entry.trigger};
    auto reviewer = entry.extra.find("reviewer");
    if (reviewer == entry.extra.end()) {
      settings.Error(entry.node, file,
                     entry.where + ": missing key 'reviewer'");
      continue;
    }
    const YAML::Node& value = reviewer->second;
    if (!value.IsScalar() || !IsRuleIdSuffix(value.Scalar())) {
      settings.Error(value, file,
                     entry.where +
                         ".reviewer: expected a name in lower-case letters, "
                         "digits, '-' or '_', such as legal or compliance");
      continue;
    }
    rule.reviewer = value.Scalar();
    if (rule.message.empty()) {
      rule.message = "This topic needs review by " + rule.reviewer +
                     " before publication.";
    }
    rules.push_back(std::move(rule));
  }
  if (settings.errors().size() != errors) return nullptr;
  if (!triggers->Build(settings, settings.Raw("rules")->node, file)) {
    return nullptr;
  }
  return std::make_unique<EscalateCheck>(std::move(rules), std::move(triggers));
}

}  // namespace

CheckSpec EscalateCheckSpec() {
  return CheckSpec{
      "escalate",
      "Topics that always need a named reviewer (legal, compliance...): "
      "the draft goes to review with the reviewer shown.",
      // One rule per entry of the rulebook: escalate/<id>.
      {},
      &Build,
  };
}

}  // namespace proofgate

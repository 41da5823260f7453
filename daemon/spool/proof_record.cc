#include "daemon/spool/proof_record.h"

#include <algorithm>
#include <map>

#include "daemon/drafts/finding_effect.h"
#include "daemon/drafts/finding_json.h"

namespace proofgate {

namespace {

// The check a finding's rule id belongs to: "headings/x" -> "headings".
std::string CheckOf(const std::string& rule) {
  return rule.substr(0, rule.find('/'));
}

std::string_view StatusOf(const std::vector<Finding>& findings,
                          const Routing& routing) {
  switch (DecideVerdict(findings, routing)) {
    case Verdict::kFail:
      return "failed";
    case Verdict::kReview:
      for (const Finding& f : findings) {
        if (!f.reviewer.empty()) return "escalated";
      }
      return "low-confidence";
    case Verdict::kPass:
      break;
  }
  for (const Finding& f : findings) {
    if (f.suppressed) return "suppressed";
  }
  return "passed";
}

// The finding's effect on the verdict, as the record names it.
std::string_view EffectName(FindingEffect effect) {
  switch (effect) {
    case FindingEffect::kFails:
      return "fails";
    case FindingEffect::kReview:
      return "review";
    case FindingEffect::kAdvisory:
      return "advisory";
    case FindingEffect::kWaived:
      break;
  }
  return "waived";
}

}  // namespace

Area RouteFor(const DraftResult& result) {
  return result.config_error.empty() &&
                 result.verification.verdict == Verdict::kPass
             ? Area::kReady
             : Area::kReview;
}

namespace {

// The record's "checks": input first, then the rulebook's checks in order,
// then any rule prefix no check claims (none today; kept rather than
// dropped); each with its status, findings (with their effect), duration
// and metrics.
nlohmann::json ChecksJson(const DraftResult& result) {
  const Routing routing =
      result.rulebook ? result.rulebook->routing : Routing{};
  std::vector<std::string> order = {"input"};
  std::map<std::string, double> seconds;
  std::map<std::string, const std::vector<Metric>*> metrics;
  for (const CheckOutcome& c : result.verification.checks) {
    order.push_back(c.name);
    seconds[c.name] = c.seconds;
    if (!c.metrics.empty()) metrics[c.name] = &c.metrics;
  }
  std::map<std::string, std::vector<Finding>> by_check;
  for (const Finding& f : result.verification.findings) {
    const std::string name = CheckOf(f.rule);
    if (std::find(order.begin(), order.end(), name) == order.end()) {
      order.push_back(name);
    }
    by_check[name].push_back(f);
  }
  nlohmann::json checks = nlohmann::json::array();
  for (const std::string& name : order) {
    const std::vector<Finding>& findings = by_check[name];
    nlohmann::json list = nlohmann::json::array();
    for (const Finding& f : findings) {
      nlohmann::json finding = FindingJson(f);
      finding["effect"] = EffectName(EffectOnVerdict(f, routing));
      list.push_back(std::move(finding));
    }
    nlohmann::json check = {{"name", name},
                            {"status", StatusOf(findings, routing)},
                            {"findings", std::move(list)}};
    if (auto it = seconds.find(name); it != seconds.end()) {
      check["duration_ms"] = it->second * 1000;
    }
    if (auto it = metrics.find(name); it != metrics.end()) {
      nlohmann::json values = nlohmann::json::object();
      for (const Metric& m : *it->second) values[m.name] = m.value;
      check["metrics"] = std::move(values);
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace

nlohmann::json SupersedesJson(const Supersession& supersedes) {
  if (supersedes.area.empty()) return nullptr;
  return {{"submission", supersedes.submission.empty()
                             ? nlohmann::json(nullptr)
                             : nlohmann::json(supersedes.submission)},
          {"area", supersedes.area}};
}

nlohmann::json ProofRecordJson(const DraftResult& result,
                               const ProofContext& context) {
  nlohmann::json checks = ChecksJson(result);
  nlohmann::json rulebook = nullptr;
  if (result.rulebook) {
    rulebook = {{"name", result.rulebook->name},
                {"version", result.rulebook->version},
                {"sha256", result.rulebook->sha256},
                {"file", result.rulebook->file.generic_string()},
                {"owner", OwnerJson(result.rulebook->owner)}};
  }
  nlohmann::json record = {
      {"schema_version", kProofRecordSchemaVersion},
      {"submission", context.submission},
      {"supersedes", SupersedesJson(context.supersedes)},
      {"draft",
       {{"path", result.path},
        {"sha256", result.sha256},
        {"size", context.size}}},
      {"rulebook", std::move(rulebook)},
      {"proofgate_version", context.proofgate_version},
      {"timestamps",
       {{"submitted", Rfc3339Utc(context.submitted)},
        {"verified", Rfc3339Utc(context.verified)},
        {"routed", Rfc3339Utc(context.routed)}}},
      {"verdict", VerdictName(result.verification.verdict)},
      {"route", AreaName(context.route)},
      {"area", AreaName(context.route)},
      {"reviewers", ReviewersOf(result.verification.findings)},
      {"checks", std::move(checks)},
  };
  if (!result.config_error.empty()) {
    record["config_error"] = result.config_error;
  }
  return record;
}

std::string ProofRecordText(const nlohmann::json& record) {
  return record.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
         "\n";
}

}  // namespace proofgate

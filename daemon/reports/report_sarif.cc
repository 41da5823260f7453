#include "daemon/reports/report_sarif.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "checks/document/document.h"
#include "checks/registry.h"
#include "daemon/drafts/finding_effect.h"
#include "daemon/reports/finding_fingerprint.h"
#include "daemon/reports/report_json.h"
#include "daemon/reports/report_paths.h"
#include "daemon/reports/report_summary.h"
#include "proofgate_version.h"

namespace proofgate {

namespace {

constexpr char kSchema[] =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/"
    "sarif-schema-2.1.0.json";
constexpr char kSrcRoot[] = "%SRCROOT%";

std::string_view SarifLevel(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "note";
  }
  return "error";
}

// The rules array and each rule id's index into it.
class RuleTable {
 public:
  RuleTable() {
    for (const CheckSpec& spec : AllChecks()) {
      for (const RuleInfo& rule : spec.rules) {
        Add(rule.id, rule.summary,
            rule.summary + " Reported by the `" + spec.name + "` check (" +
                spec.summary +
                "). A rulebook can change its severity or turn it off under "
                "`checks." +
                spec.name + ".severity`.",
            rule.default_severity);
      }
    }
    for (const InputRule& rule : InputRules()) {
      Add(std::string(rule.id), std::string(rule.summary),
          std::string(rule.summary) +
              " The draft is not readable text, so no check looked at it; "
              "fix the file itself. This rule cannot be turned off.",
          Severity::kError);
    }
  }

  // Index of `id`, adding a generic entry for ids no registry names.
  int IndexOf(const std::string& id) {
    const auto it = index_.find(id);
    if (it != index_.end()) return it->second;
    const std::string text =
        "Reported while checking drafts, outside the registered rules "
        "(for example a check that failed on a draft).";
    return Add(id, text, text + " An editor must look at the draft.",
               Severity::kError);
  }

  nlohmann::json TakeJson() { return std::move(rules_); }

 private:
  int Add(const std::string& id, const std::string& summary,
          const std::string& help, Severity severity) {
    const auto [it, inserted] =
        index_.emplace(id, static_cast<int>(rules_.size()));
    if (!inserted) return it->second;
    rules_.push_back(
        {{"id", id},
         {"name", SarifRuleName(id)},
         {"shortDescription", {{"text", summary}}},
         {"help", {{"text", help}}},
         {"defaultConfiguration", {{"level", SarifLevel(severity)}}}});
    return it->second;
  }

  nlohmann::json rules_ = nlohmann::json::array();
  std::map<std::string, int> index_;
};

nlohmann::json ArtifactLocation(const std::string& report_path, bool has_root,
                                int index) {
  nlohmann::json loc = {{"uri", PathUri(report_path)}};
  if (has_root && !report_path.starts_with('/')) loc["uriBaseId"] = kSrcRoot;
  if (index >= 0) loc["index"] = index;
  return loc;
}

nlohmann::json Region(const SourceRange& range, const std::string& excerpt) {
  const int line = std::max(range.line, 1);
  const int column = std::max(range.column, 1);
  const int end_line = std::max(range.end_line, line);
  int end_column = std::max(range.end_column, 1);
  if (end_line == line) end_column = std::max(end_column, column);
  nlohmann::json region = {{"startLine", line},
                           {"startColumn", column},
                           {"endLine", end_line},
                           {"endColumn", end_column}};
  if (!excerpt.empty()) region["snippet"] = {{"text", excerpt}};
  return region;
}

// SARIF 2.1.0 §3.55 fix objects for a finding's safe fix: one replacement
// of the fix's region in the draft.
nlohmann::json Fixes(const Fix& fix, const nlohmann::json& location) {
  return nlohmann::json::array(
      {{{"description", {{"text", "Replace with \"" + fix.text + "\""}}},
        {"artifactChanges",
         {{{"artifactLocation", location},
           {"replacements",
            {{{"deletedRegion", Region(fix.range, "")},
              {"insertedContent", {{"text", fix.text}}}}}}}}}}});
}

// confidence x 100, rounded to one decimal so 0.8 gives 80 and not
// 80.00000000000001.
double Rank(double confidence) {
  const double clamped = std::clamp(confidence, 0.0, 1.0);
  return std::round(clamped * 1000.0) / 10.0;
}

// The name of the rulebook `r` was checked under, or null when none was
// chosen.
nlohmann::json RulebookName(const DraftResult& r) {
  return r.rulebook ? nlohmann::json(r.rulebook->name)
                    : nlohmann::json(nullptr);
}

// The artifact for draft `r`, reported as `path`.
nlohmann::json ArtifactJson(const DraftResult& r, const std::string& path,
                            bool has_root) {
  nlohmann::json artifact = {
      {"location", ArtifactLocation(path, has_root, -1)},
      {"properties",
       {{"verdict", VerdictName(r.verification.verdict)},
        {"rulebook", RulebookName(r)},
        {"rulebookVersion", r.rulebook ? nlohmann::json(r.rulebook->version)
                                       : nlohmann::json(nullptr)},
        {"reviewers", ReviewersOf(r.verification.findings)}}}};
  if (!r.sha256.empty()) artifact["hashes"] = {{"sha-256", r.sha256}};
  return artifact;
}

// Appends one result per finding of draft `r` to `out`; `location` is the
// draft's artifactLocation, `path` its report path.
void AppendResults(const DraftResult& r, const std::string& path,
                   const nlohmann::json& location, RuleTable& table,
                   nlohmann::json& out) {
  const double min_confidence = r.rulebook ? r.rulebook->routing.min_confidence
                                           : Routing{}.min_confidence;
  const std::vector<Finding>& findings = r.verification.findings;
  const std::vector<std::string> fingerprints =
      FindingFingerprints(path, findings);
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    const bool review = f.confidence < min_confidence;
    nlohmann::json properties = {{"severity", SeverityName(f.severity)},
                                 {"confidence", f.confidence},
                                 {"rulebook", RulebookName(r)}};
    if (!f.suggestion.empty()) properties["suggestion"] = f.suggestion;
    if (!f.reviewer.empty()) properties["reviewer"] = f.reviewer;
    nlohmann::json result = {
        {"ruleId", f.rule},
        {"ruleIndex", table.IndexOf(f.rule)},
        {"kind", review ? "review" : "fail"},
        {"level", review ? std::string_view("none") : SarifLevel(f.severity)},
        {"message", {{"text", f.message}}},
        {"locations",
         {{{"physicalLocation",
            {{"artifactLocation", location},
             {"region", Region(f.range, f.excerpt)}}}}}},
        {"partialFingerprints", {{"proofgateFindingHash/v1", fingerprints[i]}}},
        {"rank", Rank(f.confidence)},
        {"properties", std::move(properties)}};
    if (f.fix) result["fixes"] = Fixes(*f.fix, location);
    if (f.suppressed) {
      result["suppressions"] = {{{"kind", "inSource"},
                                 {"status", "accepted"},
                                 {"justification", f.suppression_reason}}};
    }
    out.push_back(std::move(result));
  }
}

// The run's properties: the rulebooks and the verdict counts.
nlohmann::json RunProperties(const RulebookSet& rules,
                             const std::vector<DraftResult>& results) {
  const Summary s = Summarize(results);
  return {{"rulebooks", RulebooksJson(rules)},
          {"summary",
           {{"drafts", s.drafts},
            {"pass", s.pass},
            {"fail", s.fail},
            {"review", s.review}}}};
}

}  // namespace

std::string SarifRuleName(std::string_view rule_id) {
  std::string name;
  bool upper = true;
  for (const char c : rule_id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9');
    if (!alnum) {
      upper = true;
      continue;
    }
    name +=
        (upper && c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return name;
}

nlohmann::json SarifReport(const RulebookSet& rules,
                           const std::vector<DraftResult>& results) {
  const std::string root_uri = WorkingFolderUri();
  const bool has_root = !root_uri.empty();
  RuleTable table;
  nlohmann::json artifacts = nlohmann::json::array();
  nlohmann::json sarif_results = nlohmann::json::array();
  for (const DraftResult& r : results) {
    const std::string path = ReportPath(r.path);
    const int artifact_index = static_cast<int>(artifacts.size());
    artifacts.push_back(ArtifactJson(r, path, has_root));
    AppendResults(r, path, ArtifactLocation(path, has_root, artifact_index),
                  table, sarif_results);
  }
  // After the results: they add the rules no registry names.
  nlohmann::json run = {{"tool",
                         {{"driver",
                           {{"name", "proofgate"},
                            {"version", kProofgateVersion},
                            {"semanticVersion", kProofgateVersion},
                            {"rules", table.TakeJson()}}}}},
                        {"columnKind", "unicodeCodePoints"},
                        {"artifacts", std::move(artifacts)},
                        {"results", std::move(sarif_results)},
                        {"properties", RunProperties(rules, results)}};
  if (has_root) {
    run["originalUriBaseIds"] = {{kSrcRoot, {{"uri", root_uri}}}};
  }
  return {{"$schema", kSchema},
          {"version", "2.1.0"},
          {"runs", nlohmann::json::array({std::move(run)})}};
}

}  // namespace proofgate

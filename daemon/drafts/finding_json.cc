#include "daemon/drafts/finding_json.h"

namespace proofgate {

nlohmann::json OwnerJson(const RulebookOwner& owner) {
  if (owner.empty()) return nullptr;
  nlohmann::json j = {{"name", owner.name}};
  if (!owner.contact.empty()) j["contact"] = owner.contact;
  return j;
}

nlohmann::json FindingJson(const Finding& f) {
  nlohmann::json j = {
      {"rule", f.rule},
      {"severity", SeverityName(f.severity)},
      {"message", f.message},
      {"line", f.range.line},
      {"column", f.range.column},
      {"end_line", f.range.end_line},
      {"end_column", f.range.end_column},
      {"excerpt", f.excerpt},
      {"confidence", f.confidence},
  };
  if (!f.suggestion.empty()) j["suggestion"] = f.suggestion;
  if (!f.reviewer.empty()) j["reviewer"] = f.reviewer;
  if (f.fix) {
    j["fix"] = {{"range",
                 {{"line", f.fix->range.line},
                  {"column", f.fix->range.column},
                  {"end_line", f.fix->range.end_line},
                  {"end_column", f.fix->range.end_column}}},
                {"original", f.fix->original},
                {"text", f.fix->text}};
  }
  if (f.suppressed) {
    j["suppressed"] = true;
    j["suppression_reason"] = f.suppression_reason;
  }
  return j;
}

}  // namespace proofgate

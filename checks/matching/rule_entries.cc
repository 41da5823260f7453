#include "checks/matching/rule_entries.h"

#include <algorithm>
#include <set>

namespace proofgate {

namespace {

std::string KeyList(const std::vector<std::string>& extra_keys) {
  std::string out = "id, when, severity, message";
  for (const std::string& key : extra_keys) out += ", " + key;
  return out;
}

// One entry of the list; false when it has an error.
bool ReadEntry(Settings& settings, TriggerSet& triggers,
               const std::string& family,
               const std::vector<std::string>& extra_keys,
               const std::string& file, std::set<std::string>& ids,
               RuleEntry& entry) {
  const size_t errors = settings.errors().size();
  const YAML::Node& node = entry.node;
  const std::string& where = entry.where;
  std::set<std::string> seen;
  bool has_id = false, has_when = false;
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>("");
    const YAML::Node& value = kv.second;
    if (!seen.insert(key).second) {
      settings.Error(kv.first, file, where + ": duplicate key '" + key + "'");
    } else if (key == "id") {
      has_id = true;
      const std::string id = value.IsScalar() ? value.Scalar() : "";
      if (!IsRuleIdSuffix(id)) {
        settings.Error(value, file,
                       where +
                           ".id: expected lower-case letters, digits, "
                           "'-' or '_' (it becomes the rule id " +
                           family + "/<id>)");
      } else if (!ids.insert(id).second) {
        settings.Error(
            value, file,
            where + ".id: the id '" + id + "' is already used by another rule");
      } else {
        entry.rule = family + "/" + id;
      }
    } else if (key == "when") {
      has_when = true;
      entry.trigger = triggers.Read(settings, value, file, where + ".when");
    } else if (key == "severity") {
      const auto severity =
          value.IsScalar() ? ParseSeverity(value.Scalar()) : std::nullopt;
      if (!severity) {
        settings.Error(value, file,
                       where + ".severity: must be error, warning or info");
      } else {
        entry.severity = *severity;
      }
    } else if (key == "message") {
      if (!value.IsScalar() || value.Scalar().empty()) {
        settings.Error(value, file, where + ".message: expected a sentence");
      } else {
        entry.message = value.Scalar();
      }
    } else if (std::find(extra_keys.begin(), extra_keys.end(), key) !=
               extra_keys.end()) {
      entry.extra[key] = value;
    } else {
      settings.Error(kv.first, file,
                     where + ": unknown key '" + key + "' (expected " +
                         KeyList(extra_keys) + ")");
    }
  }
  if (!has_id) settings.Error(node, file, where + ": missing key 'id'");
  if (!has_when) settings.Error(node, file, where + ": missing key 'when'");
  return settings.errors().size() == errors;
}

}  // namespace

std::vector<RuleEntry> ReadRuleEntries(
    Settings& settings, TriggerSet& triggers, const std::string& family,
    Severity default_severity, const std::vector<std::string>& extra_keys,
    std::string* file) {
  std::vector<RuleEntry> out;
  const SettingValue* v = settings.Raw("rules");
  if (v == nullptr) {
    settings.Error("rules",
                   "missing key 'rules': name at least one rule "
                   "with id and when");
    return out;
  }
  *file = v->file;
  if (!v->node.IsSequence() || v->node.size() == 0) {
    settings.Error(v->node, v->file,
                   "rules: expected a list of rules, each a map with " +
                       KeyList(extra_keys));
    return out;
  }
  std::set<std::string> ids;
  size_t index = 0;
  for (const YAML::Node& node : v->node) {
    RuleEntry entry;
    entry.severity = default_severity;
    entry.node = node;
    entry.where = "rules[" + std::to_string(index++) + "]";
    if (!node.IsMap()) {
      settings.Error(
          node, v->file,
          entry.where + ": expected a map with " + KeyList(extra_keys));
      continue;
    }
    if (ReadEntry(settings, triggers, family, extra_keys, v->file, ids,
                  entry)) {
      out.push_back(std::move(entry));
    }
  }
  return out;
}

}  // namespace proofgate

// Settings: the settings of one check as a rulebook gives them, with typed
// getters that validate as they read.
//
// A rulebook can extend another, so one check's settings may come from
// several files; every value remembers the file it came from, so an error
// points at the right file:line:col. A check's factory reads what it needs
// through the getters; when it returns, every key it did not read is an
// "unknown key" error. Getters never throw; on a bad value they record a
// ConfigError and return the default, so one pass reports every problem.
//
// Not thread-safe; used once while a rulebook loads.
#ifndef PROOFGATE_CHECKS_SETTINGS_H_
#define PROOFGATE_CHECKS_SETTINGS_H_

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "checks/check_services.h"
#include "checks/config_error.h"

namespace proofgate {

// One setting's value and the rulebook file that set it.
struct SettingValue {
  YAML::Node node;
  std::string file;
  YAML::Node key;  // the key node, for errors about the key itself
};

class Settings {
 public:
  Settings() = default;
  // `values`: key -> value, after `extends` merging. `context` names the
  // check for messages ("checks.headings"). `services` (may be null: no
  // services) must outlive this object.
  Settings(std::map<std::string, SettingValue> values, std::string context,
           std::string file, const CheckServices* services = nullptr);

  bool Has(std::string_view key) const;

  // Each getter marks `key` as known. When the key is absent it returns
  // `fallback`; when present with the wrong type or out of range it records
  // an error and returns `fallback`.
  bool Bool(std::string_view key, bool fallback);
  // Integers in [min, max].
  long long Int(std::string_view key, long long fallback, long long min,
                long long max);
  // Numbers in [min, max].
  double Number(std::string_view key, double fallback, double min, double max);
  // A string; when `allowed` is not empty it must be one of them.
  std::string String(std::string_view key, std::string fallback,
                     const std::vector<std::string>& allowed = {});
  // A list of strings (a single string is accepted as a list of one).
  std::vector<std::string> StringList(std::string_view key);
  // The raw node, for settings with their own structure (nullptr if absent).
  // The caller validates it and reports through Error().
  const SettingValue* Raw(std::string_view key);

  // Records an error at `node`'s position in `file`.
  void Error(const YAML::Node& node, const std::string& file,
             std::string message);
  // Records an error at `key`'s value.
  void Error(std::string_view key, std::string message);

  // Records "unknown key" for every key no getter asked for. Call once, after
  // the check's factory has read its settings.
  void ReportUnknownKeys();

  const std::vector<ConfigError>& errors() const { return errors_; }
  const std::string& context() const { return context_; }
  // What the process running checks lends them (check_services.h); empty
  // services (no prober: network off) when none were given.
  const CheckServices& services() const;

 private:
  const SettingValue* Find(std::string_view key);

  std::map<std::string, SettingValue, std::less<>> values_;
  std::set<std::string, std::less<>> read_;
  std::string context_;
  std::string file_;  // where the check itself was named, for key-less errors
  std::vector<ConfigError> errors_;
  const CheckServices* services_ = nullptr;
};

// The items of a setting that takes one value or a list of them: a scalar
// is a list of one, a sequence gives its items (of any kind: the caller
// checks each); anything else (a map, null) gives std::nullopt.
std::optional<std::vector<YAML::Node>> SettingItems(const YAML::Node& node);

// Builds a ConfigError at `node`'s mark (yaml-cpp counts from 0; this adds 1).
ConfigError ErrorAt(const YAML::Node& node, const std::string& file,
                    std::string message);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_SETTINGS_H_

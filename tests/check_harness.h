// Test harness: build one check from YAML settings and run it on a draft
// given as a string.
#ifndef PROOFGATE_TESTS_CHECK_HARNESS_H_
#define PROOFGATE_TESTS_CHECK_HARNESS_H_

#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checks/check.h"
#include "checks/document/document.h"
#include "checks/registry.h"

namespace proofgate::testing {

// Builds check `name` from `settings_yaml` (a YAML map, or "" for
// defaults). Fails the test (returns null) on configuration errors, which
// are appended to `errors` when given.
inline std::unique_ptr<Check> BuildCheck(
    const std::string& name, const std::string& settings_yaml,
    std::vector<ConfigError>* errors = nullptr) {
  const CheckSpec* spec = FindCheck(name);
  if (spec == nullptr) return nullptr;
  std::map<std::string, SettingValue> values;
  if (!settings_yaml.empty()) {
    const YAML::Node root = YAML::Load(settings_yaml);
    for (const auto& item : root) {
      values[item.first.Scalar()] =
          SettingValue{item.second, "test.yaml", item.first};
    }
  }
  Settings settings(values, "checks." + name, "test.yaml");
  std::unique_ptr<Check> check = spec->build(settings);
  settings.ReportUnknownKeys();
  if (errors != nullptr) *errors = settings.errors();
  if (!settings.errors().empty()) return nullptr;
  return check;
}

// Parses `markdown` and returns `check`'s findings, in report order.
inline std::vector<Finding> RunOn(const Check& check,
                                  const std::string& markdown) {
  const auto doc = Document::Parse("draft.md", markdown);
  std::vector<Finding> out;
  check.Run(*doc, out);
  return out;
}

// The rule ids of `findings`, in order.
inline std::vector<std::string> Rules(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.rule);
  return out;
}

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_CHECK_HARNESS_H_

// Test harness: build one check from YAML settings and run it on a draft
// given as a string; load a rulebook that names one check.
#ifndef PROOFGATE_TESTS_CHECK_HARNESS_H_
#define PROOFGATE_TESTS_CHECK_HARNESS_H_

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checks/check.h"
#include "checks/document/document.h"
#include "checks/registry.h"
#include "rules/rulebook.h"
#include "tests/temp_dir.h"

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

// Parses `markdown` as the draft at `path` (whose extension chooses the
// templating dialect: ".mdx" reads MDX) and returns `check`'s findings, in
// report order.
inline std::vector<Finding> RunOn(const Check& check,
                                  const std::string& markdown,
                                  const std::string& path = "draft.md") {
  const auto doc = Document::Parse(path, markdown);
  std::vector<Finding> out;
  check.Run(*doc, out);
  return out;
}

// Builds check `name` from `settings_yaml` and returns its findings on
// `markdown`, read as the draft at `path`; a check that does not build
// fails the test and finds nothing.
inline std::vector<Finding> RunCheck(const std::string& name,
                                     const std::string& markdown,
                                     const std::string& settings_yaml = "",
                                     const std::string& path = "draft.md") {
  const auto check = BuildCheck(name, settings_yaml);
  EXPECT_NE(check, nullptr) << name << " does not build";
  if (!check) return {};
  return RunOn(*check, markdown, path);
}

// Writes `dir`/book.yaml, a rulebook (name t, version "1") whose
// `checks.<check>` is `check_yaml` (indented by the caller), and loads it.
inline RulebookLoad LoadBookWithCheck(const TempDir& dir,
                                      const std::string& check,
                                      const std::string& check_yaml) {
  return LoadRulebook(dir.Write("book.yaml",
                                "name: t\nversion: \"1\"\n"
                                "checks:\n  " +
                                    check + ":\n" + check_yaml));
}

// The errors of such a rulebook, loaded in a fresh folder, as
// "book.yaml:line:col: message"; fails the test unless it loads exactly
// when it has no errors.
inline std::vector<std::string> BookErrors(const std::string& check,
                                           const std::string& check_yaml) {
  TempDir dir;
  const RulebookLoad load = LoadBookWithCheck(dir, check, check_yaml);
  EXPECT_EQ(load.rulebook == nullptr, !load.errors.empty());
  std::vector<std::string> out;
  for (ConfigError e : load.errors) {
    e.file = std::filesystem::path(e.file).filename().string();
    out.push_back(e.ToString());
  }
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

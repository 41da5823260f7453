// Reading the daemon configuration's YAML (daemon_config.h and the
// sections with a file of their own, notify_config.h): errors collected at
// file:line:col, and the scalar readers every key uses.
#ifndef PROOFGATE_DAEMON_SERVICE_CONFIG_YAML_H_
#define PROOFGATE_DAEMON_SERVICE_CONFIG_YAML_H_

#include <yaml-cpp/yaml.h>

#include <set>
#include <string>
#include <vector>

#include "checks/config_error.h"

namespace proofgate {

// Collects errors at YAML positions (yaml-cpp marks are 0-based; a null
// mark gives an error without line and column). Not thread-safe.
class ConfigErrors {
 public:
  explicit ConfigErrors(std::string file) : file_(std::move(file)) {}

  void At(const YAML::Mark& mark, std::string message);
  std::vector<ConfigError>& errors() { return errors_; }

 private:
  std::string file_;
  std::vector<ConfigError> errors_;
};

// Each reader sets `out` and returns true, or reports at the node's
// position ("'KEY' must be ...") and returns false, `out` unchanged.

// A scalar, as text.
bool ReadString(const YAML::Node& node, const std::string& key,
                ConfigErrors& errors, std::string& out);
// An integer in [min, max].
bool ReadInteger(const YAML::Node& node, const std::string& key, long long min,
                 long long max, ConfigErrors& errors, long long& out);
// One of `choices`.
bool ReadChoice(const YAML::Node& node, const std::string& key,
                const std::set<std::string>& choices, ConfigErrors& errors,
                std::string& out);
// true or false (YAML's spellings).
bool ReadBool(const YAML::Node& node, const std::string& key,
              ConfigErrors& errors, bool& out);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_CONFIG_YAML_H_

#include "daemon/service/config_yaml.h"

namespace proofgate {

void ConfigErrors::At(const YAML::Mark& mark, std::string message) {
  ConfigError e;
  e.file = file_;
  if (mark.line >= 0) {
    e.line = mark.line + 1;
    e.column = mark.column + 1;
  }
  e.message = std::move(message);
  errors_.push_back(std::move(e));
}

bool ReadString(const YAML::Node& node, const std::string& key,
                ConfigErrors& errors, std::string& out) {
  if (!node.IsScalar()) {
    errors.At(node.Mark(), "'" + key + "' must be a string");
    return false;
  }
  out = node.Scalar();
  return true;
}

bool ReadInteger(const YAML::Node& node, const std::string& key, long long min,
                 long long max, ConfigErrors& errors, long long& out) {
  long long value = 0;
  if (!node.IsScalar() || !YAML::convert<long long>::decode(node, value)) {
    errors.At(node.Mark(), "'" + key + "' must be an integer");
    return false;
  }
  if (value < min || value > max) {
    errors.At(node.Mark(), "'" + key + "' must be between " +
                               std::to_string(min) + " and " +
                               std::to_string(max));
    return false;
  }
  out = value;
  return true;
}

bool ReadChoice(const YAML::Node& node, const std::string& key,
                const std::set<std::string>& choices, ConfigErrors& errors,
                std::string& out) {
  std::string value;
  if (!ReadString(node, key, errors, value)) return false;
  if (!choices.count(value)) {
    std::string list;
    for (const std::string& c : choices) list += (list.empty() ? "" : ", ") + c;
    errors.At(node.Mark(), "'" + key + "' must be one of: " + list);
    return false;
  }
  out = value;
  return true;
}

bool ReadBool(const YAML::Node& node, const std::string& key,
              ConfigErrors& errors, bool& out) {
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
    errors.At(node.Mark(), "'" + key + "' must be true or false");
    return false;
  }
  out = value;
  return true;
}

}  // namespace proofgate

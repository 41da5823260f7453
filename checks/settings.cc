#include "checks/settings.h"

#include <charconv>
#include <cmath>

namespace proofgate {

ConfigError ErrorAt(const YAML::Node& node, const std::string& file,
                    std::string message) {
  ConfigError e;
  e.file = file;
  const YAML::Mark mark = node.Mark();
  if (!mark.is_null()) {
    e.line = mark.line + 1;
    e.column = mark.column + 1;
  }
  e.message = std::move(message);
  return e;
}

Settings::Settings(std::map<std::string, SettingValue> values,
                   std::string context, std::string file,
                   const CheckServices* services)
    : values_(values.begin(), values.end()),
      context_(std::move(context)),
      file_(std::move(file)),
      services_(services) {}

const CheckServices& Settings::services() const {
  static const CheckServices kNone;
  return services_ != nullptr ? *services_ : kNone;
}

bool Settings::Has(std::string_view key) const {
  return values_.find(key) != values_.end();
}

const SettingValue* Settings::Find(std::string_view key) {
  read_.emplace(key);
  auto it = values_.find(key);
  return it == values_.end() ? nullptr : &it->second;
}

const SettingValue* Settings::Raw(std::string_view key) { return Find(key); }

void Settings::Error(const YAML::Node& node, const std::string& file,
                     std::string message) {
  errors_.push_back(ErrorAt(node, file, context_ + ": " + message));
}

void Settings::Error(std::string_view key, std::string message) {
  auto it = values_.find(key);
  if (it == values_.end()) {
    errors_.push_back(ConfigError{file_, 0, 0, context_ + ": " + message});
  } else {
    Error(it->second.node, it->second.file, std::string(key) + ": " + message);
  }
}

bool Settings::Bool(std::string_view key, bool fallback) {
  const SettingValue* v = Find(key);
  if (v == nullptr) return fallback;
  bool out = fallback;
  if (!v->node.IsScalar() || !YAML::convert<bool>::decode(v->node, out)) {
    Error(key, "expected true or false");
    return fallback;
  }
  return out;
}

long long Settings::Int(std::string_view key, long long fallback, long long min,
                        long long max) {
  const SettingValue* v = Find(key);
  if (v == nullptr) return fallback;
  const std::string range =
      " from " + std::to_string(min) + " to " + std::to_string(max);
  if (!v->node.IsScalar()) {
    Error(key, "expected a whole number" + range);
    return fallback;
  }
  const std::string& s = v->node.Scalar();
  long long out = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    Error(key, "expected a whole number" + range + ", got '" + s + "'");
    return fallback;
  }
  if (out < min || out > max) {
    Error(key, "must be" + range + ", got " + s);
    return fallback;
  }
  return out;
}

double Settings::Number(std::string_view key, double fallback, double min,
                        double max) {
  const SettingValue* v = Find(key);
  if (v == nullptr) return fallback;
  double out = 0;
  if (!v->node.IsScalar() || !YAML::convert<double>::decode(v->node, out) ||
      std::isnan(out)) {
    Error(key, "expected a number");
    return fallback;
  }
  if (out < min || out > max) {
    Error(key, "must be from " + std::to_string(min) + " to " +
                   std::to_string(max) + ", got " + v->node.Scalar());
    return fallback;
  }
  return out;
}

std::string Settings::String(std::string_view key, std::string fallback,
                             const std::vector<std::string>& allowed) {
  const SettingValue* v = Find(key);
  if (v == nullptr) return fallback;
  if (!v->node.IsScalar()) {
    Error(key, "expected a string");
    return fallback;
  }
  const std::string& s = v->node.Scalar();
  if (!allowed.empty()) {
    bool ok = false;
    std::string list;
    for (const std::string& a : allowed) {
      ok = ok || a == s;
      list += (list.empty() ? "" : ", ") + a;
    }
    if (!ok) {
      Error(key, "must be one of " + list + ", got '" + s + "'");
      return fallback;
    }
  }
  return s;
}

std::vector<std::string> Settings::StringList(std::string_view key) {
  const SettingValue* v = Find(key);
  std::vector<std::string> out;
  if (v == nullptr) return out;
  const std::optional<std::vector<YAML::Node>> items = SettingItems(v->node);
  if (!items) {
    Error(key, "expected a list of strings");
    return out;
  }
  for (const YAML::Node& item : *items) {
    if (!item.IsScalar()) {
      Error(item, v->file,
            context_ + ": " + std::string(key) +
                ": expected a string in the list");
      continue;
    }
    out.push_back(item.Scalar());
  }
  return out;
}

void Settings::ReportUnknownKeys() {
  for (const auto& [key, value] : values_) {
    if (read_.count(key) == 0) {
      errors_.push_back(ErrorAt(value.key.IsDefined() ? value.key : value.node,
                                value.file,
                                context_ + ": unknown key '" + key + "'"));
    }
  }
}

std::optional<std::vector<YAML::Node>> SettingItems(const YAML::Node& node) {
  if (node.IsScalar()) return std::vector<YAML::Node>{node};
  if (!node.IsSequence()) return std::nullopt;
  return std::vector<YAML::Node>(node.begin(), node.end());
}

}  // namespace proofgate

#include "rules/rulebook.h"

#include <yaml-cpp/yaml.h>

#include <fstream>
#include <set>
#include <sstream>

#include "checks/registry.h"
#include "checks/settings.h"
#include "rules/sha256.h"

namespace proofgate {

namespace {

// Rulebooks are hand-written YAML of a few KiB; 1 MiB leaves ample room and
// bounds what a hostile `extends` can make the loader read.
constexpr uintmax_t kMaxRulebookBytes = 1024 * 1024;

// One parsed file of an extends chain.
struct RulebookFile {
  std::filesystem::path path;
  std::string display;  // path as shown in errors
  std::string bytes;
  YAML::Node root;
};

// A check's merged settings: the rules layer's own keys apart.
struct MergedCheck {
  YAML::Node name_node;
  std::string name_file;
  std::map<std::string, SettingValue> settings;
  std::optional<SettingValue> enabled;
  std::optional<SettingValue> all_rules;            // severity: LEVEL
  std::map<std::string, SettingValue> rule_levels;  // severity: {RULE: ..}
};

class Loader {
 public:
  explicit Loader(const CheckServices& services) : services_(services) {}

  RulebookLoad Load(const std::filesystem::path& file) {
    std::vector<RulebookFile> chain;
    ReadChain(file, chain);
    for (const RulebookFile& f : chain) out_.files.push_back(f.path);
    if (!out_.errors.empty()) return std::move(out_);

    auto book = std::make_shared<Rulebook>();
    book->file = file;
    std::string all_bytes;
    for (const RulebookFile& f : chain) all_bytes += f.bytes;
    book->sha256 = Sha256Hex(all_bytes);

    // Base first, so children override.
    std::map<std::string, MergedCheck> checks;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      MergeFile(*it, it == chain.rend() - 1, *book, checks);
    }
    BuildChecks(checks, *book);
    if (!out_.errors.empty()) return std::move(out_);
    out_.rulebook = std::move(book);
    return std::move(out_);
  }

 private:
  void Error(const YAML::Node& node, const std::string& file,
             std::string message) {
    out_.errors.push_back(ErrorAt(node, file, std::move(message)));
  }

  // Reads `file` and the files it extends, child first. Stops on the first
  // unreadable or unparseable file.
  void ReadChain(const std::filesystem::path& file,
                 std::vector<RulebookFile>& chain) {
    std::set<std::filesystem::path> seen;
    std::filesystem::path next = file;
    YAML::Node from_node;  // the extends node that named `next`
    std::string from_file;
    while (true) {
      RulebookFile f;
      f.path = next;
      f.display = next.string();
      std::error_code ec;
      const std::filesystem::path canonical =
          std::filesystem::weakly_canonical(next, ec);
      if (!seen.insert(ec ? next : canonical).second) {
        Error(from_node, from_file,
              "extends: '" + next.string() +
                  "' is already in this chain of extends (a cycle)");
        return;
      }
      // Only regular files of sane size: `extends: /dev/zero` must not
      // hang or exhaust memory.
      std::string problem;
      if (!std::filesystem::is_regular_file(next, ec)) {
        problem = "not a regular file";
      } else if (std::filesystem::file_size(next, ec) > kMaxRulebookBytes) {
        problem = "larger than " + std::to_string(kMaxRulebookBytes) + " bytes";
      }
      std::ifstream in;
      if (problem.empty()) {
        in.open(next, std::ios::binary);
        if (!in) problem = "cannot be read";
      }
      if (!problem.empty()) {
        if (from_file.empty()) {
          out_.errors.push_back(
              ConfigError{f.display, 0, 0, "the rulebook file is " + problem});
        } else {
          Error(from_node, from_file,
                "extends: '" + next.string() + "' is " + problem);
        }
        return;
      }
      std::ostringstream buffer;
      buffer << in.rdbuf();
      f.bytes = buffer.str();
      try {
        f.root = YAML::Load(f.bytes);
      } catch (const YAML::Exception& e) {
        ConfigError err{f.display, e.mark.is_null() ? 0 : e.mark.line + 1,
                        e.mark.is_null() ? 0 : e.mark.column + 1,
                        "YAML syntax error: " + e.msg};
        out_.errors.push_back(std::move(err));
        return;
      }
      if (!f.root.IsMap()) {
        out_.errors.push_back(ConfigError{
            f.display, 1, 1, "a rulebook must be a YAML map of keys"});
        return;
      }
      const YAML::Node extends = f.root["extends"];
      chain.push_back(f);
      if (!extends) return;
      if (!extends.IsScalar()) {
        Error(extends, f.display, "extends: expected a file name");
        return;
      }
      from_node = extends;
      from_file = f.display;
      next = next.parent_path() / extends.Scalar();
    }
  }

  static bool IsLevel(const std::string& s) {
    return s == "off" || ParseSeverity(s).has_value();
  }

  void MergeFile(const RulebookFile& f, bool is_top, Rulebook& book,
                 std::map<std::string, MergedCheck>& checks) {
    const std::string& file = f.display;
    std::set<std::string> keys;
    for (const auto& item : f.root) {
      const std::string key = item.first.as<std::string>("");
      const YAML::Node& value = item.second;
      if (!keys.insert(key).second) {
        Error(item.first, file, "duplicate key '" + key + "'");
        continue;
      }
      if (key == "name" || key == "version" || key == "description") {
        if (!value.IsScalar()) {
          Error(value, file, key + ": expected a string");
        } else if (is_top && key == "name") {
          book.name = value.Scalar();
        } else if (is_top && key == "version") {
          book.version = value.Scalar();
        }
      } else if (key == "extends") {
        // Followed while reading the chain.
      } else if (key == "applies_to") {
        if (is_top) ReadAppliesTo(value, file, book);
      } else if (key == "checks") {
        ReadChecks(value, file, checks);
      } else if (key == "routing") {
        ReadRouting(value, file, book.routing);
      } else if (key == "templating") {
        ReadTemplating(value, file, book);
      } else if (key == "owner") {
        ReadOwner(value, file, book.owner);
      } else {
        Error(item.first, file,
              "unknown key '" + key +
                  "' (expected name, version, description, owner, extends, "
                  "applies_to, templating, checks, routing)");
      }
    }
    if (is_top) {
      if (!f.root["name"]) {
        out_.errors.push_back(ConfigError{file, 1, 1, "missing key 'name'"});
      }
      if (!f.root["version"]) {
        out_.errors.push_back(ConfigError{file, 1, 1, "missing key 'version'"});
      }
    }
  }

  void ReadTemplating(const YAML::Node& node, const std::string& file,
                      Rulebook& book) {
    const std::optional<Templating> templating =
        node.IsScalar() ? ParseTemplatingName(node.Scalar()) : std::nullopt;
    if (!templating) {
      Error(node, file, "templating: must be auto, hugo, liquid, mdx or none");
      return;
    }
    book.templating = *templating;
  }

  // `owner: {name: ..., contact: ...}`; a child's owner replaces its
  // parent's whole.
  void ReadOwner(const YAML::Node& node, const std::string& file,
                 RulebookOwner& owner) {
    if (!node.IsMap()) {
      Error(node, file, "owner: expected a map with name and contact");
      return;
    }
    RulebookOwner read;
    for (const auto& item : node) {
      const std::string key = item.first.as<std::string>("");
      const YAML::Node& value = item.second;
      if (key != "name" && key != "contact") {
        Error(item.first, file,
              "owner: unknown key '" + key + "' (expected name, contact)");
      } else if (!value.IsScalar() || value.Scalar().empty()) {
        Error(value, file, "owner." + key + ": expected a string");
      } else {
        (key == "name" ? read.name : read.contact) = value.Scalar();
      }
    }
    if (read.name.empty() && !node["name"]) {
      Error(node, file, "owner: missing key 'name'");
    }
    owner = std::move(read);
  }

  void ReadAppliesTo(const YAML::Node& node, const std::string& file,
                     Rulebook& book) {
    if (!node.IsMap()) {
      Error(node, file,
            "applies_to: expected a map with paths, front_matter and/or "
            "exclude");
      return;
    }
    for (const auto& item : node) {
      const std::string key = item.first.as<std::string>("");
      const YAML::Node& value = item.second;
      if (key == "paths") {
        ReadGlobs(value, file, "applies_to.paths", book.applies_to.paths);
      } else if (key == "front_matter") {
        ReadFrontMatter(value, file, "applies_to.front_matter",
                        book.applies_to.front_matter);
      } else if (key == "exclude") {
        ReadExclude(value, file, book.applies_to);
      } else {
        Error(item.first, file,
              "applies_to: unknown key '" + key +
                  "' (expected paths, front_matter, exclude)");
      }
    }
  }

  // applies_to.exclude: globs, or {paths: globs, front_matter: map}.
  void ReadExclude(const YAML::Node& node, const std::string& file,
                   AppliesTo& applies_to) {
    if (node.IsScalar() || node.IsSequence()) {
      ReadGlobs(node, file, "applies_to.exclude", applies_to.exclude_paths);
      return;
    }
    if (!node.IsMap()) {
      Error(node, file,
            "applies_to.exclude: expected a list of path globs or a map "
            "with paths and/or front_matter");
      return;
    }
    for (const auto& item : node) {
      const std::string key = item.first.as<std::string>("");
      if (key == "paths") {
        ReadGlobs(item.second, file, "applies_to.exclude.paths",
                  applies_to.exclude_paths);
      } else if (key == "front_matter") {
        ReadFrontMatter(item.second, file, "applies_to.exclude.front_matter",
                        applies_to.exclude_front_matter);
      } else {
        Error(item.first, file,
              "applies_to.exclude: unknown key '" + key +
                  "' (expected paths, front_matter)");
      }
    }
  }

  void ReadFrontMatter(const YAML::Node& value, const std::string& file,
                       const std::string& context,
                       std::vector<std::pair<std::string, std::string>>& out) {
    if (!value.IsMap()) {
      Error(value, file, context + ": expected a map of key: value");
      return;
    }
    for (const auto& kv : value) {
      if (!kv.second.IsScalar()) {
        Error(kv.second, file, context + ": expected a single value");
        continue;
      }
      out.emplace_back(kv.first.as<std::string>(""), kv.second.Scalar());
    }
  }

  void ReadGlobs(const YAML::Node& value, const std::string& file,
                 const std::string& context, std::vector<PathGlob>& out) {
    if (value.IsScalar()) {
      AddGlob(value, file, context, out);
    } else if (value.IsSequence()) {
      for (const YAML::Node& glob : value) AddGlob(glob, file, context, out);
    } else {
      Error(value, file, context + ": expected a list of globs");
    }
  }

  void AddGlob(const YAML::Node& node, const std::string& file,
               const std::string& context, std::vector<PathGlob>& out) {
    if (!node.IsScalar() || node.Scalar().empty()) {
      Error(node, file, context + ": expected a path glob");
      return;
    }
    PathGlob glob(node.Scalar());
    if (!glob.ok()) {
      Error(node, file,
            context + ": bad glob '" + node.Scalar() + "': " + glob.error());
      return;
    }
    out.push_back(std::move(glob));
  }

  void ReadRouting(const YAML::Node& node, const std::string& file,
                   Routing& routing) {
    if (!node.IsMap()) {
      Error(node, file, "routing: expected a map");
      return;
    }
    for (const auto& item : node) {
      const std::string key = item.first.as<std::string>("");
      const YAML::Node& value = item.second;
      if (key == "min_confidence") {
        double v = 0;
        if (!value.IsScalar() || !YAML::convert<double>::decode(value, v) ||
            !(v >= 0 && v <= 1)) {
          Error(value, file,
                "routing.min_confidence: expected a number from 0 to 1");
        } else {
          routing.min_confidence = v;
        }
      } else if (key == "fail_on") {
        const std::string s = value.IsScalar() ? value.Scalar() : "";
        if (s == "error") {
          routing.fail_on = Severity::kError;
        } else if (s == "warning") {
          routing.fail_on = Severity::kWarning;
        } else {
          Error(value, file, "routing.fail_on: must be error or warning");
        }
      } else {
        Error(item.first, file,
              "routing: unknown key '" + key +
                  "' (expected min_confidence, fail_on)");
      }
    }
  }

  void ReadChecks(const YAML::Node& node, const std::string& file,
                  std::map<std::string, MergedCheck>& checks) {
    if (!node.IsMap()) {
      Error(node, file, "checks: expected a map of check name -> settings");
      return;
    }
    for (const auto& item : node) {
      const std::string name = item.first.as<std::string>("");
      if (FindCheck(name) == nullptr) {
        std::string known;
        for (const CheckSpec& spec : AllChecks()) {
          known += (known.empty() ? "" : ", ") + spec.name;
        }
        Error(item.first, file,
              "checks: unknown check '" + name + "' (known: " + known + ")");
        continue;
      }
      MergedCheck& merged = checks[name];
      merged.name_node = item.first;
      merged.name_file = file;
      const YAML::Node& settings = item.second;
      if (settings.IsNull()) continue;  // "headings:" alone: defaults
      if (!settings.IsMap()) {
        Error(settings, file,
              "checks." + name +
                  ": expected a map of "
                  "settings");
        continue;
      }
      for (const auto& s : settings) {
        const std::string key = s.first.as<std::string>("");
        SettingValue value{s.second, file, s.first};
        if (key == "enabled") {
          merged.enabled = value;
        } else if (key == "severity") {
          if (s.second.IsScalar()) {
            merged.all_rules = value;
          } else if (s.second.IsMap()) {
            for (const auto& r : s.second) {
              merged.rule_levels[r.first.as<std::string>("")] =
                  SettingValue{r.second, file, r.first};
            }
          } else {
            Error(s.second, file,
                  "checks." + name +
                      ".severity: expected a level or a map of rule -> "
                      "level");
          }
        } else {
          merged.settings[key] = value;
        }
      }
    }
  }

  void BuildChecks(std::map<std::string, MergedCheck>& checks, Rulebook& book) {
    for (const CheckSpec& spec : AllChecks()) {
      auto it = checks.find(spec.name);
      if (it == checks.end()) continue;
      MergedCheck& merged = it->second;
      const std::string context = "checks." + spec.name;
      if (merged.enabled) {
        bool on = true;
        if (!merged.enabled->node.IsScalar() ||
            !YAML::convert<bool>::decode(merged.enabled->node, on)) {
          Error(merged.enabled->node, merged.enabled->file,
                context + ".enabled: expected true or false");
          continue;
        }
        if (!on) continue;
      }
      ConfiguredCheck configured;
      configured.spec = &spec;
      if (merged.all_rules) {
        const std::string level = merged.all_rules->node.Scalar();
        if (const auto sev = ParseSeverity(level)) {
          configured.all_rules = sev;
        } else {
          Error(merged.all_rules->node, merged.all_rules->file,
                context + ".severity: must be error, warning or info");
        }
      }
      for (const auto& [rule, value] : merged.rule_levels) {
        const std::string id =
            rule.find('/') == std::string::npos ? spec.name + "/" + rule : rule;
        bool known = false;
        std::string list;
        for (const RuleInfo& r : spec.rules) {
          known = known || r.id == id;
          list +=
              (list.empty() ? "" : ", ") + r.id.substr(spec.name.size() + 1);
        }
        if (!known) {
          Error(value.key, value.file,
                context + ".severity: unknown rule '" + rule +
                    "' (rules: " + list + ")");
          continue;
        }
        const std::string level =
            value.node.IsScalar() ? value.node.Scalar() : "";
        if (!IsLevel(level)) {
          Error(value.node, value.file,
                context + ".severity." + rule +
                    ": must be error, warning, info or off");
          continue;
        }
        configured.severity[id] =
            level == "off" ? std::nullopt : ParseSeverity(level);
      }
      Settings settings(merged.settings, context, merged.name_file, &services_);
      std::unique_ptr<Check> check;
      try {
        check = spec.build(settings);
      } catch (const std::exception& e) {
        settings.Error(merged.name_node, merged.name_file,
                       std::string("invalid settings: ") + e.what());
      }
      settings.ReportUnknownKeys();
      for (const ConfigError& e : settings.errors()) out_.errors.push_back(e);
      if (!check) {
        if (settings.errors().empty()) {
          Error(merged.name_node, merged.name_file,
                context + ": the check could not be built");
        }
        continue;
      }
      configured.check = std::move(check);
      book.checks.push_back(std::move(configured));
    }
  }

  const CheckServices& services_;
  RulebookLoad out_;
};

}  // namespace

RulebookLoad LoadRulebook(const std::filesystem::path& file,
                          const CheckServices& services) {
  return Loader(services).Load(file);
}

}  // namespace proofgate

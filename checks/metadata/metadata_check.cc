#include "checks/metadata/metadata_check.h"

#include <cmath>
#include <utility>

#include "checks/document/text_compare.h"
#include "checks/metadata/title_width.h"

namespace proofgate {

namespace {

// How a writer adds `key` to front matter in `format`: "title: ...",
// "title = ..." or "\"title\": ...".
std::string KeyExample(FrontMatterFormat format, const std::string& key) {
  switch (format) {
    case FrontMatterFormat::kYaml:
      break;
    case FrontMatterFormat::kToml:
      return key + " = ...";
    case FrontMatterFormat::kJson:
      return "\"" + key + "\": ...";
  }
  return key + ": ...";
}

struct LengthLimits {
  long long min = 0;  // characters; 0 = no minimum
  long long max = 0;  // characters; 0 = no maximum
};

class MetadataCheck : public Check {
 public:
  struct Config {
    std::vector<std::string> required;
    std::vector<std::pair<std::string, ValueType>> types;
    std::vector<std::string> title_keys;
    LengthLimits title;
    double title_max_width_px = 600;
    std::vector<std::string> description_keys;
    LengthLimits description;
  };

  explicit MetadataCheck(Config config) : config_(std::move(config)) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    const FrontMatter& fm = doc.front_matter();
    auto add = [&](std::string rule, Severity severity, SourceRange range,
                   std::string message) {
      Finding f;
      f.rule = "metadata/" + std::move(rule);
      f.severity = severity;
      f.message = std::move(message);
      f.range = range;
      f.excerpt = doc.Excerpt(range);
      out.push_back(std::move(f));
    };

    for (const std::string& key : config_.required) {
      const FieldLookup v = fm.Find(key);
      if (v.status != FieldLookup::Status::kFound) {
        add("missing-key", Severity::kError, v.range,
            "The front matter has no '" + key + "'; add '" +
                KeyExample(fm.format(), key) + "' " +
                (fm.present() ? "to it."
                              : "in a front matter block (--- "
                                "lines) at the top."));
      } else if (v.type == ValueType::kNull ||
                 (v.node.IsScalar() && FoldForCompare(v.text).empty()) ||
                 (v.node.IsSequence() && v.node.size() == 0)) {
        add("missing-key", Severity::kError, v.range,
            "The front matter key '" + key + "' is empty; give it a value.");
      }
    }

    for (const auto& [key, type] : config_.types) {
      const FieldLookup v = fm.Get(key, type);
      if (v.status == FieldLookup::Status::kWrongType &&
          v.type != ValueType::kNull) {
        add("wrong-type", Severity::kError, v.range,
            "The front matter key '" + key + "' should be a " +
                std::string(ValueTypeName(type)) + ", but it is a " +
                std::string(ValueTypeName(v.type)) + ".");
      }
    }

    if (auto title = FindText(doc, config_.title_keys, add)) {
      CheckLength(*title, "title", config_.title, add);
      if (config_.title_max_width_px > 0) {
        const double px = EstimateTitleWidthPx(Trimmed(title->text));
        if (px > config_.title_max_width_px) {
          add("title-width", Severity::kWarning, title->range,
              "The title is about " + std::to_string(std::lround(px)) +
                  " px wide in a search result, over the " +
                  std::to_string(std::lround(config_.title_max_width_px)) +
                  " px that are shown; search engines will cut it.");
        }
      }
    }
    if (auto description = FindText(doc, config_.description_keys, add)) {
      CheckLength(*description, "description", config_.description, add);
    }
  }

 private:
  struct Text {
    std::string key;
    std::string text;
    SourceRange range;
  };

  static std::string Trimmed(std::string_view s) {
    const size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return "";
    const size_t e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
  }

  // The first of `keys` present in the front matter, if it is a string.
  template <typename Add>
  std::optional<Text> FindText(const Document& doc,
                               const std::vector<std::string>& keys,
                               Add& add) const {
    for (const std::string& key : keys) {
      const FieldLookup v = doc.front_matter().Get(key, ValueType::kString);
      if (v.status == FieldLookup::Status::kMissing) continue;
      if (v.status == FieldLookup::Status::kWrongType) {
        if (v.type != ValueType::kNull && !HasTypeRule(key)) {
          add("wrong-type", Severity::kError, v.range,
              "The front matter key '" + key +
                  "' should be a string, but "
                  "it is a " +
                  std::string(ValueTypeName(v.type)) + ".");
        }
        return std::nullopt;
      }
      return Text{key, v.text, v.range};
    }
    return std::nullopt;
  }

  bool HasTypeRule(const std::string& key) const {
    for (const auto& t : config_.types) {
      if (t.first == key) return true;
    }
    return false;
  }

  template <typename Add>
  static void CheckLength(const Text& t, const std::string& what,
                          const LengthLimits& limits, Add& add) {
    const long long n = CountCodePoints(Trimmed(t.text));
    if (n == 0) return;  // empty is metadata/missing-key's business
    const std::string rule = what + "-length";
    const std::string subject =
        "The " + what + (t.key == what ? "" : " ('" + t.key + "')");
    if (limits.max > 0 && n > limits.max) {
      add(rule, Severity::kWarning, t.range,
          subject + " is " + std::to_string(n) +
              " characters, over the limit of " + std::to_string(limits.max) +
              "; shorten it by " + std::to_string(n - limits.max) + ".");
    } else if (limits.min > 0 && n < limits.min) {
      add(rule, Severity::kWarning, t.range,
          subject + " is only " + std::to_string(n) +
              " characters, under the minimum of " +
              std::to_string(limits.min) + "; say more about the page.");
    }
  }

  Config config_;
};

std::unique_ptr<Check> Build(Settings& settings) {
  MetadataCheck::Config c;
  c.required = settings.Has("required") ? settings.StringList("required")
                                        : std::vector<std::string>{"title"};
  if (const SettingValue* types = settings.Raw("types")) {
    if (!types->node.IsMap()) {
      settings.Error("types", "expected a map of key -> type");
    } else {
      for (const auto& item : types->node) {
        const std::string key = item.first.as<std::string>("");
        const auto type = item.second.IsScalar()
                              ? ParseValueType(item.second.Scalar())
                              : std::nullopt;
        if (!type) {
          settings.Error(item.second, types->file,
                         "types." + key +
                             ": must be one of null, string, number, "
                             "boolean, list, map");
          continue;
        }
        c.types.emplace_back(key, *type);
      }
    }
  }
  c.title_keys = settings.Has("title_keys") ? settings.StringList("title_keys")
                                            : std::vector<std::string>{"title"};
  c.title.min = settings.Int("title_min", 10, 0, 100000);
  c.title.max = settings.Int("title_max", 60, 0, 100000);
  c.title_max_width_px = settings.Number("title_max_width_px", 600, 0, 1000000);
  c.description_keys = settings.Has("description_keys")
                           ? settings.StringList("description_keys")
                           : std::vector<std::string>{"description"};
  c.description.min = settings.Int("description_min", 50, 0, 100000);
  c.description.max = settings.Int("description_max", 160, 0, 100000);
  if (c.title.max > 0 && c.title.min > c.title.max) {
    settings.Error("title_min", "must not exceed title_max");
  }
  if (c.description.max > 0 && c.description.min > c.description.max) {
    settings.Error("description_min", "must not exceed description_max");
  }
  return std::make_unique<MetadataCheck>(std::move(c));
}

}  // namespace

CheckSpec MetadataCheckSpec() {
  return CheckSpec{
      "metadata",
      "Front matter: required keys, value types, title and description "
      "length, title width in search results.",
      {
          {"metadata/missing-key", Severity::kError,
           "A required front-matter key is absent or empty."},
          {"metadata/wrong-type", Severity::kError,
           "A front-matter value has the wrong type."},
          {"metadata/title-length", Severity::kWarning,
           "The title is shorter or longer than the limits."},
          {"metadata/title-width", Severity::kWarning,
           "The title is wider than a search result shows."},
          {"metadata/description-length", Severity::kWarning,
           "The description is shorter or longer than the limits."},
      },
      &Build,
  };
}

}  // namespace proofgate

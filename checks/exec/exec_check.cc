#include "checks/exec/exec_check.h"

#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checks/document/utf8.h"
#include "checks/exec/subprocess.h"

extern char** environ;

namespace proofgate {

namespace {

using nlohmann::json;

// Front matter past these limits is cut in the request (see exec_check.h).
// Real front matter is a few levels deep and has tens of values; the limits
// only stop a billion-laughs alias expansion from eating memory and time.
constexpr int kMaxFrontMatterDepth = 64;
constexpr size_t kMaxFrontMatterValues = 100000;

// JSON nesting accepted in a response; findings sit at depth 3.
constexpr int kMaxResponseDepth = 64;

// Bytes of the plug-in's stderr or stdout quoted in an exec/failed message:
// enough for a Python exception's last line, short enough for a report.
constexpr size_t kQuoteBytes = 300;

// Evidence excerpts are cut like Document::Excerpt's default.
constexpr size_t kMaxExcerptBytes = 200;

// Confidence of exec/failed; see exec_check.h for why 0.3.
constexpr double kFailedConfidence = 0.3;

constexpr size_t kMaxNameLength = 64;

// Lower-case letters, digits and hyphens, not starting with a hyphen.
bool IsName(std::string_view s) {
  if (s.empty() || s.size() > kMaxNameLength || s.front() == '-') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return false;
    }
  }
  return true;
}

void PutRange(json& j, const SourceRange& r) {
  j["line"] = r.line;
  j["column"] = r.column;
  j["end_line"] = r.end_line;
  j["end_column"] = r.end_column;
}

// A plain YAML number as JSON (integer when it is one and fits), or null
// when JSON cannot represent it.
json NumberJson(const std::string& text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  int base = 10;
  if (s.starts_with("0x")) {
    base = 16;
    s.remove_prefix(2);
  } else if (s.starts_with("0o")) {
    base = 8;
    s.remove_prefix(2);
  }
  long long whole = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), whole, base);
  if (ec == std::errc() && end == s.data() + s.size()) {
    return negative ? -whole : whole;
  }
  double real = 0;
  auto [rend, rec] = std::from_chars(s.data(), s.data() + s.size(), real);
  if (base == 10 && rec == std::errc() && rend == s.data() + s.size() &&
      std::isfinite(real)) {
    return negative ? -real : real;
  }
  return nullptr;
}

class FrontMatterConverter {
 public:
  json Convert(const YAML::Node& node, int depth) {
    if (budget_ == 0 || depth > kMaxFrontMatterDepth) {
      truncated_ = true;
      return nullptr;
    }
    --budget_;
    switch (FrontMatter::TypeOf(node)) {
      case ValueType::kNull:
        return nullptr;
      case ValueType::kBoolean: {
        const char c = node.Scalar().empty() ? 'f' : node.Scalar()[0];
        return c == 't' || c == 'T';
      }
      case ValueType::kNumber: {
        json number = NumberJson(node.Scalar());
        return number.is_null() ? json(node.Scalar()) : number;
      }
      case ValueType::kString:
        return node.Scalar();
      case ValueType::kList: {
        json list = json::array();
        for (const YAML::Node& item : node) {
          list.push_back(Convert(item, depth + 1));
        }
        return list;
      }
      case ValueType::kMap: {
        json map = json::object();
        for (const auto& item : node) {
          const std::string key = item.first.IsScalar()
                                      ? item.first.Scalar()
                                      : YAML::Dump(item.first);
          map[key] = Convert(item.second, depth + 1);
        }
        return map;
      }
    }
    return nullptr;
  }
  bool truncated() const { return truncated_; }

 private:
  size_t budget_ = kMaxFrontMatterValues;
  bool truncated_ = false;
};

// `bytes` cut to at most `max_bytes` on a UTF-8 boundary, with invalid
// UTF-8 replaced by '?' and every run of whitespace or control characters
// folded to one space, for quoting program output in one line of a message.
std::string Quote(std::string_view bytes, size_t max_bytes) {
  std::string valid;
  std::string_view rest = bytes.substr(0, Utf8PrefixLength(bytes, max_bytes));
  const bool cut = rest.size() < bytes.size();
  while (!rest.empty()) {
    const size_t bad = FirstInvalidUtf8(rest);
    if (bad == std::string_view::npos) {
      valid += rest;
      break;
    }
    valid += rest.substr(0, bad);
    valid += '?';
    rest.remove_prefix(bad + 1);
  }
  std::string out;
  bool space = false;
  for (char c : valid) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7F) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (cut) out += "...";
  return out;
}

// Thrown by the response parser's callback when nesting is too deep.
struct TooDeep {};

// Reads one finding of a response into a Finding, field by field, in the
// order of the response format (exec_check.h). Each step returns "" or what
// is wrong, phrased "findings[3].line: ...".
class FindingReader {
 public:
  // `j` is the finding's JSON value; `where` names it ("findings[3]").
  FindingReader(const json& j, const std::string& where, const Document& doc)
      : j_(j), where_(where), doc_(doc), map_(doc.source_map()) {}

  std::string Read(std::string_view plugin_id, Finding& f) const {
    if (!j_.is_object()) return where_ + ": expected an object";
    std::string error = ReadRule(plugin_id, f);
    if (error.empty()) error = ReadSeverity(f);
    if (error.empty()) error = ReadMessage(f);
    if (error.empty()) error = ReadRange(f.range);
    if (error.empty()) error = ReadTexts(f);
    if (error.empty()) error = ReadConfidence(f);
    return error;
  }

 private:
  std::string ReadRule(std::string_view plugin_id, Finding& f) const {
    std::string rule;
    if (std::string e = StringField("rule", true, rule); !e.empty()) return e;
    if (!IsName(rule)) {
      return where_ +
             ".rule: expected a rule name of lower-case letters, digits and "
             "hyphens (such as \"passive-voice\"), got \"" +
             Quote(rule, kQuoteBytes) + "\"";
    }
    f.rule = "exec/" + std::string(plugin_id) + "/" + rule;
    return "";
  }

  std::string ReadSeverity(Finding& f) const {
    std::string severity;
    if (std::string e = StringField("severity", true, severity); !e.empty()) {
      return e;
    }
    const std::optional<Severity> level = ParseSeverity(severity);
    if (!level) {
      return where_ +
             ".severity: expected \"error\", \"warning\" or \"info\", " +
             "got \"" + Quote(severity, kQuoteBytes) + "\"";
    }
    f.severity = *level;
    return "";
  }

  std::string ReadMessage(Finding& f) const {
    if (std::string e = StringField("message", true, f.message); !e.empty()) {
      return e;
    }
    if (f.message.find_first_not_of(" \t\r\n") == std::string::npos) {
      return where_ + ".message: must not be empty";
    }
    return "";
  }

  // line and column, then the optional end_line and end_column: the end
  // defaults to the start (an empty range) and may not come before it.
  std::string ReadRange(SourceRange& range) const {
    const int lines = map_.line_count();
    const std::string of_draft =
        " (the draft has " + std::to_string(lines) + " lines)";
    if (std::string e = IntField("line", 1, lines, of_draft, range.line);
        !e.empty()) {
      return e;
    }
    if (std::string e =
            IntField("column", 1, LastColumn(range.line),
                     " (line " + std::to_string(range.line) + "'s length + 1)",
                     range.column);
        !e.empty()) {
      return e;
    }
    range.end_line = range.line;
    if (j_.contains("end_line")) {
      if (std::string e =
              IntField("end_line", range.line, lines, of_draft, range.end_line);
          !e.empty()) {
        return e;
      }
    }
    const int min_end_column = range.end_line == range.line ? range.column : 1;
    range.end_column = min_end_column;
    if (j_.contains("end_column")) {
      return IntField("end_column", min_end_column, LastColumn(range.end_line),
                      " (not before the start, at most line " +
                          std::to_string(range.end_line) + "'s length + 1)",
                      range.end_column);
    }
    return "";
  }

  // The optional excerpt (the draft's text at the range when absent; cut
  // like Document::Excerpt's) and suggestion.
  std::string ReadTexts(Finding& f) const {
    if (std::string e = StringField("excerpt", false, f.excerpt); !e.empty()) {
      return e;
    }
    if (j_.contains("excerpt")) {
      f.excerpt.resize(Utf8PrefixLength(f.excerpt, kMaxExcerptBytes));
    } else {
      f.excerpt = doc_.Excerpt(f.range);
    }
    return StringField("suggestion", false, f.suggestion);
  }

  // The optional confidence, 1 when absent.
  std::string ReadConfidence(Finding& f) const {
    f.confidence = 1.0;
    if (auto it = j_.find("confidence"); it != j_.end()) {
      if (!it->is_number() || !(it->get<double>() >= 0) ||
          !(it->get<double>() <= 1)) {
        return where_ + ".confidence: expected a number from 0 to 1, got " +
               Quote(it->dump(), kQuoteBytes);
      }
      f.confidence = it->get<double>();
    }
    return "";
  }

  // The string at `key` into `into`; a missing key is an error only when
  // `required`.
  std::string StringField(const char* key, bool required,
                          std::string& into) const {
    auto it = j_.find(key);
    if (it == j_.end()) {
      return required ? where_ + "." + key + ": missing" : "";
    }
    if (!it->is_string()) return where_ + "." + key + ": expected a string";
    into = it->get<std::string>();
    return "";
  }

  // The whole number at `key`, in [min, max], into `into`; `about` says
  // where the bounds come from in the message.
  std::string IntField(const char* key, long long min, long long max,
                       const std::string& about, int& into) const {
    auto it = j_.find(key);
    if (it == j_.end()) return where_ + "." + key + ": missing";
    const std::string expected =
        where_ + "." + key + ": expected a whole number from " +
        std::to_string(min) + " to " + std::to_string(max) + about;
    if (!it->is_number_integer()) {
      return expected + ", got " + Quote(it->dump(), kQuoteBytes);
    }
    // nlohmann stores non-negative numbers as unsigned; one too large for
    // long long is out of range anyway.
    const long long v =
        it->is_number_unsigned() && it->get<unsigned long long>() >
                                        static_cast<unsigned long long>(max)
            ? max + 1
            : it->get<long long>();
    if (v < min || v > max) return expected + ", got " + it->dump();
    into = static_cast<int>(v);
    return "";
  }

  // Columns run to one past the line's last code point.
  int LastColumn(int line) const {
    return CountCodePoints(map_.Line(line)) + 1;
  }

  const json& j_;
  const std::string& where_;
  const Document& doc_;
  const SourceMap& map_;
};

class ExecCheck : public Check {
 public:
  ExecCheck(std::string id, SubprocessSpec spec)
      : id_(std::move(id)), spec_(std::move(spec)) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    // Findings are collected apart and appended at the end, so an exception
    // halfway leaves `out` with a single exec/failed, not a partial list.
    std::vector<Finding> found;
    std::string failure;
    try {
      failure = RunPlugin(doc, found);
    } catch (const std::exception& e) {
      failure = std::string("could not be run: ") + e.what();
    } catch (...) {
      failure = "could not be run: unknown error";
    }
    if (failure.empty()) {
      out.insert(out.end(), std::make_move_iterator(found.begin()),
                 std::make_move_iterator(found.end()));
      return;
    }
    Finding f;
    f.rule = "exec/failed";
    f.severity = Severity::kError;
    f.message = "The exec plug-in '" + id_ + "' (" + spec_.argv[0] + ") " +
                failure +
                ". Its rules were not checked on this draft; an editor "
                "must check them by hand.";
    f.confidence = kFailedConfidence;
    out.push_back(std::move(f));
  }

 private:
  // Runs the plug-in on `doc`; "" when `found` holds its findings, or what
  // went wrong, phrased to follow "The exec plug-in 'id' (path) ".
  std::string RunPlugin(const Document& doc,
                        std::vector<Finding>& found) const {
    const SubprocessResult result = RunSubprocess(spec_, ExecRequest(doc));
    std::string stderr_note;
    if (!result.err.empty()) {
      stderr_note = "; stderr: \"" + Quote(result.err, kQuoteBytes) + "\"";
    }
    if (result.outcome != SubprocessResult::Outcome::kExited ||
        result.exit_status != 0) {
      return DescribeOutcome(spec_, result) + stderr_note;
    }
    const std::string error = ParseExecResponse(result.out, doc, id_, found);
    if (!error.empty()) {
      return "wrote a response proofgate cannot use: " + error +
             "; stdout began: \"" + Quote(result.out, kQuoteBytes) + "\"" +
             stderr_note;
    }
    return "";
  }

  std::string id_;
  SubprocessSpec spec_;
};

// Whether `path` is a regular file this process may execute.
bool IsExecutableFile(const std::filesystem::path& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

// The plug-in's name, `id`; records an error when it is missing or not a
// name.
std::string ReadPluginId(Settings& settings) {
  std::string id = settings.String("id", "");
  if (!settings.Has("id")) {
    settings.Error("id",
                   "missing key 'id': name the plug-in (lower-case letters, "
                   "digits and hyphens); its findings are exec/<id>/<rule>");
  } else if (!IsName(id)) {
    settings.Error("id",
                   "expected lower-case letters, digits and hyphens (at "
                   "most 64), got '" +
                       id + "'");
  }
  return id;
}

// `env`: the variables NAME -> value the rulebook adds to the plug-in's
// environment; records an error for each entry that is not NAME: string.
std::map<std::string, std::string> ReadEnvOverrides(Settings& settings) {
  std::map<std::string, std::string> overrides;
  const SettingValue* env = settings.Raw("env");
  if (env == nullptr) return overrides;
  if (!env->node.IsMap()) {
    settings.Error("env", "expected a map of NAME: value");
    return overrides;
  }
  for (const auto& item : env->node) {
    const std::string name = item.first.as<std::string>("");
    const bool valid_name = !name.empty() &&
                            name.find_first_of("=") == std::string::npos &&
                            name.find('\0') == std::string::npos;
    if (!valid_name) {
      settings.Error(item.first, env->file,
                     "env: '" + name + "' is not a variable name");
    } else if (!item.second.IsScalar()) {
      settings.Error(item.second, env->file,
                     "env." + name + ": expected a string");
    } else {
      overrides[name] = item.second.Scalar();
    }
  }
  return overrides;
}

// The plug-in's whole environment, "NAME=value" each: proofgate's, read
// once here (Run must not read `environ`, which another thread's setenv
// could change), with `overrides` laid over it.
std::vector<std::string> PluginEnvironment(
    const std::map<std::string, std::string>& overrides) {
  std::vector<std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view var = *entry;
    const std::string name(var.substr(0, var.find('=')));
    if (!overrides.contains(name)) env.emplace_back(var);
  }
  for (const auto& [name, value] : overrides) {
    env.push_back(name + "=" + value);
  }
  return env;
}

// The PATH a bare program name is looked up on: the plug-in's, so `env`'s
// when it sets one, else proofgate's, else the usual default.
std::string PluginPath(const std::map<std::string, std::string>& overrides) {
  if (auto it = overrides.find("PATH"); it != overrides.end()) {
    return it->second;
  }
  if (const char* path = ::getenv("PATH")) return path;
  return "/usr/local/bin:/usr/bin:/bin";
}

// The first executable file `name` in the folders of `path_variable`
// (colon-separated; an empty entry is the working folder), made absolute;
// empty when there is none.
std::filesystem::path FindOnPath(const std::string& name,
                                 std::string_view path_variable) {
  std::string_view dirs = path_variable;
  while (true) {
    const size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    if (dir.empty()) dir = ".";
    const std::filesystem::path candidate = std::filesystem::path(dir) / name;
    if (IsExecutableFile(candidate)) {
      std::error_code ec;
      std::filesystem::path program = std::filesystem::absolute(candidate, ec);
      return ec ? candidate : program;
    }
    if (colon == std::string_view::npos) return {};
    dirs.remove_prefix(colon + 1);
  }
}

// The folder of the rulebook file `file`, absolute when it can be made so.
std::filesystem::path RulebookFolder(const std::string& file) {
  const std::filesystem::path parent =
      std::filesystem::path(file).parent_path();
  std::error_code ec;
  const std::filesystem::path folder =
      std::filesystem::absolute(parent, ec).lexically_normal();
  return ec ? parent : folder;
}

// Resolves the program, command[0], as exec_check.h says (against the
// folder of the rulebook that set `command`, or on `path_variable`) and
// sets `working_dir` to that folder; records an error when `command` is
// missing or empty or the program is not an executable file.
void ResolveProgram(Settings& settings, const SettingValue* command_value,
                    const std::string& path_variable,
                    std::vector<std::string>& command,
                    std::string& working_dir) {
  if (command_value == nullptr) {
    settings.Error("command",
                   "missing key 'command': the plug-in's argv list, such as "
                   "[python3, plugins/brand_voice.py]");
    return;
  }
  if (command.empty() || command[0].empty()) {
    settings.Error("command", "must name a program");
    return;
  }
  const std::filesystem::path folder = RulebookFolder(command_value->file);
  std::filesystem::path program;
  if (command[0].find('/') != std::string::npos) {
    program = (folder / command[0]).lexically_normal();
    if (!IsExecutableFile(program)) {
      settings.Error("command", "the program '" + program.string() +
                                    "' does not exist or is not an "
                                    "executable file");
    }
  } else {
    program = FindOnPath(command[0], path_variable);
    if (program.empty()) {
      settings.Error("command", "the program '" + command[0] +
                                    "' is not on PATH (" + path_variable + ")");
    }
  }
  command[0] = program.string();
  working_dir = folder.string();
}

std::unique_ptr<Check> Build(Settings& settings) {
  const size_t errors_before = settings.errors().size();
  std::string id = ReadPluginId(settings);
  const SettingValue* command_value = settings.Raw("command");
  std::vector<std::string> command = settings.StringList("command");
  const long long timeout_ms =
      settings.Int("timeout_ms", 10000, 1, 10 * 60 * 1000);
  const long long max_output =
      settings.Int("max_output_bytes", 1024 * 1024, 64, 64 * 1024 * 1024);
  const std::map<std::string, std::string> overrides =
      ReadEnvOverrides(settings);

  SubprocessSpec spec;
  spec.env = PluginEnvironment(overrides);
  ResolveProgram(settings, command_value, PluginPath(overrides), command,
                 spec.working_dir);
  if (settings.errors().size() != errors_before) return nullptr;
  spec.argv = std::move(command);
  spec.timeout = std::chrono::milliseconds(timeout_ms);
  spec.max_stdout_bytes = static_cast<size_t>(max_output);
  return std::make_unique<ExecCheck>(std::move(id), std::move(spec));
}

}  // namespace

std::string ExecRequest(const Document& doc) {
  json request = json::object();
  request["version"] = 1;
  request["path"] = doc.path();
  std::string_view content = doc.bytes();
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  request["content"] = std::string(content);
  FrontMatterConverter converter;
  request["front_matter"] = converter.Convert(doc.front_matter().root(), 0);
  if (converter.truncated()) request["front_matter_truncated"] = true;

  json headings = json::array();
  for (const Heading& h : doc.headings()) {
    json j = {{"level", h.level}, {"text", h.text}, {"setext", h.setext}};
    PutRange(j, h.range);
    headings.push_back(std::move(j));
  }
  request["headings"] = std::move(headings);

  json links = json::array();
  for (const Link& l : doc.links()) {
    json j = {{"kind", LinkKindName(l.kind)},
              {"destination", l.destination},
              {"text", l.text},
              {"title", l.title}};
    PutRange(j, l.range);
    links.push_back(std::move(j));
  }
  request["links"] = std::move(links);

  json sentences = json::array();
  for (const Sentence& s : doc.sentences()) {
    json j = {{"text", s.text}};
    PutRange(j, s.range);
    sentences.push_back(std::move(j));
  }
  request["sentences"] = std::move(sentences);
  return request.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string ParseExecResponse(std::string_view output, const Document& doc,
                              std::string_view plugin_id,
                              std::vector<Finding>& findings) {
  json response;
  try {
    response = json::parse(output.begin(), output.end(),
                           [](int depth, json::parse_event_t, json&) {
                             if (depth > kMaxResponseDepth) throw TooDeep{};
                             return true;
                           });
  } catch (const json::parse_error& e) {
    if (output.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return "no output (expected a JSON object with \"findings\")";
    }
    return std::string("invalid JSON: ") + e.what();
  } catch (const json::exception& e) {
    // nlohmann-json throws out_of_range, not parse_error, for a number too
    // large for a double ("666E9666").
    return std::string("invalid JSON: ") + e.what();
  } catch (const TooDeep&) {
    return "JSON nested deeper than " + std::to_string(kMaxResponseDepth) +
           " levels";
  }
  if (!response.is_object()) {
    return "expected a JSON object with \"findings\", got " +
           std::string(response.type_name());
  }
  auto it = response.find("findings");
  if (it == response.end()) return "missing \"findings\"";
  if (!it->is_array()) return "\"findings\" must be a list";
  std::vector<Finding> read;
  read.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) {
    Finding f;
    const std::string where = "findings[" + std::to_string(i) + "]";
    std::string error = FindingReader((*it)[i], where, doc).Read(plugin_id, f);
    if (!error.empty()) return error;
    read.push_back(std::move(f));
  }
  findings.insert(findings.end(), std::make_move_iterator(read.begin()),
                  std::make_move_iterator(read.end()));
  return "";
}

CheckSpec ExecCheckSpec() {
  return CheckSpec{
      "exec",
      "An external plug-in command: the draft as JSON on stdin, findings as "
      "JSON on stdout.",
      {
          {"exec/failed", Severity::kError,
           "The plug-in could not run, crashed, timed out, wrote too much "
           "or wrote output that is not a valid response."},
      },
      &Build,
  };
}

}  // namespace proofgate

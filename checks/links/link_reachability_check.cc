#include "checks/links/link_reachability_check.h"

#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "checks/ascii.h"
#include "checks/links/heading_slug.h"
#include "checks/links/links_check.h"
#include "checks/network/link_prober.h"

namespace proofgate {

namespace fs = std::filesystem;

namespace {

constexpr double kInconclusive = 0.5;

bool Templated(std::string_view s) {
  return s.find("{{") != std::string_view::npos ||
         s.find("{%") != std::string_view::npos;
}

bool IsMarkdownFile(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".md" || ext == ".markdown";
}

class LinkReachabilityCheck : public Check {
 public:
  struct Config {
    ProbePolicy policy;
    std::vector<std::unique_ptr<RE2>> exclude;
    std::shared_ptr<LinkProber> prober;  // null: network off
    fs::path site_root;  // canonical; empty: internal links not checked
  };

  explicit LinkReachabilityCheck(Config config) : config_(std::move(config)) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    const size_t first = out.size();
    if (!config_.site_root.empty()) CheckInternal(doc, out);
    if (config_.prober) CheckExternal(doc, out);
    // In source order, as the other checks report.
    std::stable_sort(out.begin() + static_cast<std::ptrdiff_t>(first),
                     out.end(), [](const Finding& a, const Finding& b) {
                       return std::pair(a.range.line, a.range.column) <
                              std::pair(b.range.line, b.range.column);
                     });
  }

 private:
  void CheckExternal(const Document& doc, std::vector<Finding>& out) const {
    // URL to probe -> the links that lead to it.
    std::map<std::string, std::vector<const Link*>> targets;
    for (const Link& link : doc.links()) {
      const std::string url = ProbeUrl(link.destination);
      if (!url.empty()) targets[url].push_back(&link);
    }
    if (targets.empty()) return;
    std::vector<std::string> urls;
    urls.reserve(targets.size());
    for (const auto& [url, links] : targets) urls.push_back(url);
    const std::vector<ProbeResult> results =
        config_.prober->Probe(urls, config_.policy);
    for (size_t i = 0; i < urls.size() && i < results.size(); ++i) {
      for (const Link* link : targets[urls[i]]) {
        Report(doc, *link, urls[i], results[i], out);
      }
    }
  }

  // The URL to probe for `destination`, or "" when it is not checked.
  std::string ProbeUrl(const std::string& destination) const {
    if (ClassifyLink(destination, {}) != LinkReach::kExternal) return "";
    if (Templated(destination)) return "";
    std::string url = destination.substr(0, destination.find('#'));
    if (url.rfind("//", 0) == 0) url = "https:" + url;
    for (const auto& re : config_.exclude) {
      if (RE2::PartialMatch(url, *re)) return "";
    }
    // Other schemes with a host (ftp://, ssh://) are kept: the prober
    // reports them as refused, so the writer learns they were not checked.
    return url;
  }

  // The folder of the site that `doc`'s relative links start from: the
  // draft's own folder when the draft lies under the site root, else its
  // path read as a path inside the site (the daemon's inbox mirrors it).
  fs::path DraftFolder(const Document& doc) const {
    std::error_code ec;
    const fs::path draft =
        fs::weakly_canonical(fs::absolute(doc.path(), ec), ec);
    if (!ec) {
      const fs::path rel = draft.lexically_relative(config_.site_root);
      if (!rel.empty() && *rel.begin() != "..") return draft.parent_path();
    }
    return (config_.site_root / fs::path(doc.path()).relative_path())
        .parent_path();
  }

  // The file a site path names: itself, or, as static-site generators
  // serve pretty URLs, PATH.md or PATH/index.md, _index.md, README.md.
  // Empty when none exists; a folder without an index is itself.
  static fs::path ExistingTarget(const fs::path& target) {
    std::error_code ec;
    if (fs::is_regular_file(target, ec)) return target;
    fs::path with_md = target;
    with_md += ".md";
    if (fs::is_regular_file(with_md, ec)) return with_md;
    if (fs::is_directory(target, ec)) {
      for (const char* index : {"index.md", "_index.md", "README.md"}) {
        if (fs::is_regular_file(target / index, ec)) return target / index;
      }
      return target;
    }
    return {};
  }

  // The anchors of the Markdown file `file`, read at most once per Run.
  static const std::set<std::string, std::less<>>& AnchorsOf(
      const fs::path& file,
      std::map<fs::path, std::set<std::string, std::less<>>>& cache) {
    auto it = cache.find(file);
    if (it != cache.end()) return it->second;
    std::ifstream in(file, std::ios::binary);
    const ParseOptions options;
    std::string bytes(options.max_bytes + 1, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(
        static_cast<size_t>(std::max<std::streamsize>(0, in.gcount())));
    const auto target = Document::Parse(file.string(), std::move(bytes));
    return cache[file] = DocumentAnchors(*target);
  }

  // missing-file and missing-anchor, without the network.
  void CheckInternal(const Document& doc, std::vector<Finding>& out) const {
    std::map<fs::path, std::set<std::string, std::less<>>> anchors;
    std::optional<fs::path> folder;
    for (const Link& link : doc.links()) {
      const std::string& dest = link.destination;
      if (dest.empty() || dest[0] == '#' || dest[0] == '?' || Templated(dest) ||
          ClassifyLink(dest, {}) != LinkReach::kInternal) {
        continue;
      }
      const size_t tail = dest.find_first_of("?#");
      const std::string path = PercentDecode(dest.substr(0, tail));
      const size_t hash = dest.find('#');
      const std::string fragment =
          hash == std::string::npos ? "" : dest.substr(hash + 1);
      if (!folder) folder = DraftFolder(doc);
      const fs::path target =
          (path[0] == '/' ? config_.site_root / path.substr(1) : *folder / path)
              .lexically_normal();
      const fs::path rel = target.lexically_relative(config_.site_root);
      const bool inside = !rel.empty() && *rel.begin() != "..";
      const fs::path file = inside ? ExistingTarget(target) : fs::path();
      Finding f;
      f.range = link.range;
      f.excerpt = doc.Excerpt(link.range);
      if (file.empty()) {
        f.rule = "link-reachability/missing-file";
        f.message = inside ? "This link leads to " + rel.generic_string() +
                                 ", which does not exist in the site; link "
                                 "to an existing page."
                           : "This link leads outside the site (" +
                                 target.generic_string() +
                                 "); link to a page of the site.";
        out.push_back(std::move(f));
        continue;
      }
      if (fragment.empty() || fragment == "top" || Templated(fragment) ||
          !IsMarkdownFile(file)) {
        continue;
      }
      const AnchorLookup found =
          LookUpAnchor(AnchorsOf(file, anchors), fragment);
      if (found.found) continue;
      f.rule = "link-reachability/missing-anchor";
      f.message = "The link points to '#" + found.decoded + "' in " +
                  file.lexically_relative(config_.site_root).generic_string() +
                  ", which has no heading or id with that anchor" +
                  (found.suggestion.empty()
                       ? "."
                       : "; did you mean '#" + found.suggestion + "'?");
      if (!found.suggestion.empty()) {
        f.suggestion = dest.substr(0, hash + 1) + found.suggestion;
      }
      out.push_back(std::move(f));
    }
  }

  static void Report(const Document& doc, const Link& link,
                     const std::string& url, const ProbeResult& r,
                     std::vector<Finding>& out) {
    Finding f;
    f.range = link.range;
    f.excerpt = doc.Excerpt(link.range);
    switch (r.outcome) {
      case ProbeOutcome::kOk:
        return;
      case ProbeOutcome::kBroken:
        f.rule = "link-reachability/broken";
        f.severity = Severity::kError;
        f.message = "This link is broken: " + url + " (" + r.detail +
                    "); link to a page that exists, or remove the link.";
        break;
      case ProbeOutcome::kServerError:
        f.rule = "link-reachability/server-error";
        f.severity = Severity::kWarning;
        f.confidence = kInconclusive;
        f.message = "This link could not be confirmed: " + url + " (" +
                    r.detail +
                    "); it may be a passing problem, so an editor should "
                    "open it.";
        break;
      case ProbeOutcome::kTimeout:
        f.rule = "link-reachability/timeout";
        f.severity = Severity::kWarning;
        f.confidence = kInconclusive;
        f.message = "This link did not answer in time: " + url + " (" +
                    r.detail + "); an editor should open it.";
        break;
      case ProbeOutcome::kRedirected: {
        // The link's own #fragment stays on the final URL unless the
        // redirect names one, as browsers do (RFC 9110, 10.2.2).
        std::string final_url = r.final_url;
        const size_t hash = link.destination.find('#');
        if (final_url.find('#') == std::string::npos &&
            hash != std::string::npos && hash + 1 < link.destination.size()) {
          final_url += link.destination.substr(hash);
        }
        f.rule = "link-reachability/redirected";
        f.severity = Severity::kInfo;
        f.message = "This link redirects permanently to " + final_url +
                    "; link there directly.";
        f.suggestion = final_url;
        break;
      }
      case ProbeOutcome::kRefused:
        f.rule = "link-reachability/refused";
        f.severity = Severity::kWarning;
        f.message = "This link was not checked: " + r.detail + ".";
        break;
    }
    out.push_back(std::move(f));
  }

  Config config_;
};

void ReadAllowPrivate(Settings& settings, AddressAllowList& allow) {
  const SettingValue* value = settings.Raw("allow_private");
  if (value == nullptr) return;
  const auto items = SettingItems(value->node);
  if (!items) {
    settings.Error("allow_private",
                   "expected a list of address ranges or host names");
    return;
  }
  for (const YAML::Node& item : *items) {
    const std::string text = item.IsScalar() ? item.Scalar() : "";
    if (auto range = ParseIpRange(text)) {
      allow.ranges.push_back(*range);
      continue;
    }
    const bool looks_like_range =
        text.find('/') != std::string::npos || ParseIpAddress(text);
    if (text.empty() || looks_like_range ||
        text.find_first_of(":@?# \t") != std::string::npos) {
      settings.Error(item, value->file,
                     "allow_private: '" + text +
                         "' is neither an address range (10.0.0.0/8, "
                         "::1/128) nor a host name");
      continue;
    }
    allow.hosts.push_back(AsciiLower(text));
  }
}

// site_root: a folder, relative to the rulebook file that sets it.
fs::path ReadSiteRoot(Settings& settings) {
  const SettingValue* value = settings.Raw("site_root");
  if (value == nullptr) return {};
  if (!value->node.IsScalar() || value->node.Scalar().empty()) {
    settings.Error("site_root", "expected the path of a folder");
    return {};
  }
  const fs::path given = value->node.Scalar();
  const fs::path root =
      given.is_absolute() ? given : fs::path(value->file).parent_path() / given;
  std::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) {
    settings.Error("site_root", "'" + root.string() +
                                    "' is not a folder (a relative site_root "
                                    "is taken from the rulebook's folder)");
    return {};
  }
  return canonical;
}

void ReadAccept(Settings& settings, std::vector<int>& accept) {
  const SettingValue* value = settings.Raw("accept");
  if (value == nullptr) return;
  if (!value->node.IsSequence()) {
    settings.Error("accept", "expected a list of HTTP statuses ([401, 403])");
    return;
  }
  for (const YAML::Node& item : value->node) {
    int status = 0;
    if (!item.IsScalar() || !YAML::convert<int>::decode(item, status) ||
        status < 100 || status > 599) {
      settings.Error(item, value->file,
                     "accept: expected an HTTP status from 100 to 599");
      continue;
    }
    accept.push_back(status);
  }
}

std::unique_ptr<Check> Build(Settings& settings) {
  LinkReachabilityCheck::Config config;
  ProbePolicy& p = config.policy;
  ReadAllowPrivate(settings, p.allow);
  ReadAccept(settings, p.accept);
  for (const std::string& pattern : settings.StringList("exclude")) {
    auto re = std::make_unique<RE2>(pattern, RE2::Quiet);
    if (!re->ok()) {
      settings.Error("exclude",
                     "bad pattern '" + pattern + "': " + re->error());
      continue;
    }
    config.exclude.push_back(std::move(re));
  }
  p.connect_timeout_ms = settings.Int("connect_timeout_ms", 5000, 1, 60000);
  p.timeout_ms = settings.Int("timeout_ms", 10000, 1, 120000);
  p.max_redirects = static_cast<int>(settings.Int("max_redirects", 5, 0, 20));
  p.retries = static_cast<int>(settings.Int("retries", 2, 0, 5));
  p.retry_after_max_ms = settings.Int("retry_after_max_ms", 10000, 0, 60000);
  p.user_agent =
      settings.String("user_agent", "proofgate/0.1 (link-reachability)");
  config.site_root = ReadSiteRoot(settings);
  config.prober = settings.services().link_prober;
  return std::make_unique<LinkReachabilityCheck>(std::move(config));
}

}  // namespace

CheckSpec LinkReachabilityCheckSpec() {
  return CheckSpec{
      "link-reachability",
      "Links lead somewhere: external links answer (broken, server "
      "errors, timeouts, permanent redirects, refused addresses); relative "
      "links reach a file and anchor under site_root.",
      {
          {"link-reachability/broken", Severity::kError,
           "An external link answers 404 or 410, or its host does not "
           "exist."},
          {"link-reachability/server-error", Severity::kWarning,
           "An external link answers 5xx, 429 or another error after "
           "retries, or cannot be reached (confidence 0.5)."},
          {"link-reachability/timeout", Severity::kWarning,
           "An external link does not answer in time (confidence 0.5)."},
          {"link-reachability/redirected", Severity::kInfo,
           "An external link redirects permanently; the final URL is "
           "suggested."},
          {"link-reachability/refused", Severity::kWarning,
           "An external link leads to a loopback, private or link-local "
           "address, or uses a scheme other than http(s)."},
          {"link-reachability/missing-file", Severity::kError,
           "A relative link to a file that does not exist under site_root."},
          {"link-reachability/missing-anchor", Severity::kError,
           "A relative link's #anchor matches no heading or id of the "
           "target draft."},
      },
      &Build,
  };
}

}  // namespace proofgate

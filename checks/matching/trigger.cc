#include "checks/matching/trigger.h"

#include <algorithm>
#include <optional>
#include <set>

#include "checks/ascii.h"
#include "checks/document/match_range.h"
#include "checks/document/reported_speech.h"
#include "checks/document/utf8.h"
#include "checks/matching/front_matter_match.h"
#include "checks/matching/url_host.h"

namespace proofgate {

struct TriggerSet::When {
  size_t specs = 0;  // how many terms and patterns
  size_t min_terms = 1;
  bool skip_quoted = false;      // not inside quotation marks
  bool skip_link_items = false;  // not in a block that is only a link
  std::vector<std::pair<std::string, std::string>> front_matter;
  std::vector<PathGlob> paths;
  std::vector<std::string> hosts;  // lower-cased HostMatches entries
};

namespace {

constexpr const char* kWhenKeys =
    "terms, patterns, ignore_case, min_terms, skip_quoted, skip_link_items, "
    "front_matter, paths, links_to";

// Whether block `b` of `doc` is one link and nothing else (an entry of a
// list of links: "* [Security Advisory for Cargo (CVE-2026-5223)](...)").
bool OnlyALink(const Document& doc, size_t b) {
  const std::string_view text = doc.blocks()[b].text;
  const size_t first = text.find_first_not_of(" \t\n");
  if (first == std::string_view::npos) return false;
  const size_t last = text.find_last_not_of(" \t\n");
  const std::string_view body = text.substr(first, last + 1 - first);
  for (const Link& link : doc.links()) {
    if (link.block == b && link.kind != LinkKind::kImage && link.text == body) {
      return true;
    }
  }
  return false;
}

// A host entry as links' internal_hosts takes it: a bare host name.
bool IsHostEntry(std::string_view host) {
  if (host.empty() || host == ".") return false;
  for (char c : host) {
    if (c == '/' || c == ':' || c == ' ' || c == '\t' || c == '@') {
      return false;
    }
  }
  return true;
}

// The scalar items of `node` (a scalar or a non-empty list of scalars);
// reports and returns false otherwise.
bool ScalarItems(Settings& settings, const YAML::Node& node,
                 const std::string& file, const std::string& where,
                 const char* what, std::vector<YAML::Node>& out) {
  const auto items = SettingItems(node);
  if (!items || items->empty()) {
    settings.Error(node, file, where + ": expected a list of " + what);
    return false;
  }
  bool ok = true;
  for (const YAML::Node& item : *items) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      settings.Error(item, file, where + ": expected " + what + " as strings");
      ok = false;
    } else {
      out.push_back(item);
    }
  }
  return ok;
}

// `front_matter: {key: value, ...}`.
std::vector<std::pair<std::string, std::string>> ReadFrontMatterForm(
    Settings& settings, const YAML::Node& value, const std::string& file,
    const std::string& at) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!value.IsMap() || value.size() == 0) {
    settings.Error(value, file, at + ": expected a map {key: value}");
    return out;
  }
  for (const auto& fm : value) {
    const std::string key = fm.first.as<std::string>("");
    if (!fm.second.IsScalar()) {
      settings.Error(
          fm.second, file,
          at + "." + key + ": expected a value (a string, number or boolean)");
      continue;
    }
    out.emplace_back(key, fm.second.Scalar());
  }
  return out;
}

// `paths: [glob, ...]`.
std::vector<PathGlob> ReadPathsForm(Settings& settings, const YAML::Node& value,
                                    const std::string& file,
                                    const std::string& at) {
  std::vector<PathGlob> out;
  std::vector<YAML::Node> items;
  if (!ScalarItems(settings, value, file, at, "path globs", items)) return out;
  for (const YAML::Node& item : items) {
    PathGlob glob(item.Scalar());
    if (!glob.ok()) {
      settings.Error(
          item, file,
          at + ": invalid glob '" + item.Scalar() + "': " + glob.error());
    } else {
      out.push_back(std::move(glob));
    }
  }
  return out;
}

// `links_to: [host, ...]`.
std::vector<std::string> ReadHostsForm(Settings& settings,
                                       const YAML::Node& value,
                                       const std::string& file,
                                       const std::string& at) {
  std::vector<std::string> out;
  std::vector<YAML::Node> items;
  if (!ScalarItems(settings, value, file, at, "host names", items)) return out;
  for (const YAML::Node& item : items) {
    const std::string host = AsciiLower(item.Scalar());
    if (!IsHostEntry(host)) {
      settings.Error(item, file,
                     at +
                         ": expected a host name such as example.com or "
                         ".example.com (no scheme, port or path), got '" +
                         item.Scalar() + "'");
    } else {
      out.push_back(host);
    }
  }
  return out;
}

// `min_terms: N`, 1 <= N <= the number of terms and patterns.
size_t ReadMinTerms(Settings& settings, const YAML::Node& node,
                    const std::string& file, const std::string& where,
                    size_t specs) {
  long long n = 0;
  if (!node.IsScalar() || !YAML::convert<long long>::decode(node, n) || n < 1 ||
      static_cast<size_t>(n) > std::max<size_t>(specs, 1)) {
    settings.Error(node, file,
                   where +
                       ".min_terms: expected a number from 1 to the number "
                       "of terms and patterns (" +
                       std::to_string(specs) + ")");
    return 1;
  }
  return static_cast<size_t>(n);
}

}  // namespace

TriggerSet::TriggerSet() = default;
TriggerSet::~TriggerSet() = default;

int TriggerSet::Read(Settings& settings, const YAML::Node& node,
                     const std::string& file, const std::string& where) {
  if (!node.IsMap() || node.size() == 0) {
    settings.Error(node, file,
                   where + ": expected a map with one or more of " + kWhenKeys);
    return -1;
  }
  const size_t errors = settings.errors().size();
  const size_t index = whens_.size();
  When when;
  bool ignore_case = false;
  std::vector<std::pair<YAML::Node, TermSpec::Kind>> entries;
  std::optional<YAML::Node> min_node;
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>("");
    const YAML::Node& value = kv.second;
    const std::string at = where + "." + key;
    std::vector<YAML::Node> items;
    if (key == "terms" || key == "patterns") {
      if (ScalarItems(settings, value, file, at,
                      key == "terms" ? "terms" : "RE2 patterns", items)) {
        for (const YAML::Node& item : items) {
          entries.emplace_back(item, key == "terms" ? TermSpec::Kind::kTerm
                                                    : TermSpec::Kind::kPattern);
        }
      }
    } else if (key == "ignore_case" || key == "skip_quoted" ||
               key == "skip_link_items") {
      bool& flag = key == "ignore_case"   ? ignore_case
                   : key == "skip_quoted" ? when.skip_quoted
                                          : when.skip_link_items;
      if (!value.IsScalar() || !YAML::convert<bool>::decode(value, flag)) {
        settings.Error(value, file, at + ": expected true or false");
      }
    } else if (key == "min_terms") {
      min_node = value;
    } else if (key == "front_matter") {
      when.front_matter = ReadFrontMatterForm(settings, value, file, at);
    } else if (key == "paths") {
      when.paths = ReadPathsForm(settings, value, file, at);
    } else if (key == "links_to") {
      when.hosts = ReadHostsForm(settings, value, file, at);
    } else {
      settings.Error(
          kv.first, file,
          where + ": unknown key '" + key + "' (expected " + kWhenKeys + ")");
    }
  }
  for (const auto& [item, kind] : entries) {
    TermSpec spec{kind, item.Scalar(), ignore_case};
    if (std::string problem = TermSet::Validate(spec); !problem.empty()) {
      settings.Error(item, file, where + ": " + problem);
      continue;
    }
    specs_.push_back(std::move(spec));
    spec_owner_.push_back(index);
    spec_slot_.push_back(when.specs++);
  }
  if (min_node) {
    when.min_terms = ReadMinTerms(settings, *min_node, file, where, when.specs);
  }
  if (settings.errors().size() != errors) {
    // Keep the specs' owners consistent: this trigger still takes a slot.
    whens_.push_back(std::move(when));
    return -1;
  }
  if (entries.empty() && when.front_matter.empty() && when.paths.empty() &&
      when.hosts.empty()) {
    settings.Error(node, file,
                   where + ": name at least one of " + std::string(kWhenKeys));
    whens_.push_back(std::move(when));
    return -1;
  }
  whens_.push_back(std::move(when));
  return static_cast<int>(index);
}

bool TriggerSet::Build(Settings& settings, const YAML::Node& node,
                       const std::string& file) {
  std::string error;
  terms_ = TermSet::Build(specs_, &error);
  if (!terms_) {
    settings.Error(node, file, error);
    return false;
  }
  return true;
}

bool TriggerSet::HasProse(int index) const {
  return index >= 0 && static_cast<size_t>(index) < whens_.size() &&
         whens_[index].specs > 0;
}

void TriggerSet::FindProse(const Document& doc,
                           std::vector<std::vector<TriggerHit>>& hits,
                           std::vector<std::vector<bool>>& distinct) const {
  if (specs_.empty()) return;
  std::vector<int> candidates;
  std::vector<TermMatch> matches;
  std::vector<size_t> covered(whens_.size());
  const std::vector<ProseBlock>& blocks = doc.blocks();
  for (size_t b = 0; b < blocks.size(); ++b) {
    const ProseBlock& block = blocks[b];
    terms_->Candidates(block.text, candidates);
    if (candidates.empty()) continue;
    matches.clear();
    terms_->FindCandidates(block.text, candidates, matches);
    std::fill(covered.begin(), covered.end(), 0);
    const bool link_item = OnlyALink(doc, b);
    for (const TermMatch& m : matches) {
      const size_t owner = spec_owner_[m.spec];
      if ((whens_[owner].skip_quoted &&
           InQuotation(block.text, m.begin, m.end)) ||
          (whens_[owner].skip_link_items && link_item)) {
        continue;
      }
      distinct[owner][spec_slot_[m.spec]] = true;
      // Sorted by begin, longer first: one hit per stretch of text.
      if (m.begin < covered[owner]) continue;
      covered[owner] = m.end;
      TriggerHit hit;
      hit.range = LocateMatch(doc, block, m.begin, m.end);
      hit.what =
          "\"" +
          QuoteProse(
              std::string_view(block.text).substr(m.begin, m.end - m.begin)) +
          "\"";
      hit.prose = true;
      hit.block = b;
      hit.begin = m.begin;
      hit.end = m.end;
      hits[owner].push_back(std::move(hit));
    }
  }
}

bool TriggerSet::Holds(const When& when, const Document& doc,
                       const std::vector<bool>& distinct,
                       std::vector<TriggerHit>& hits) const {
  if (when.specs > 0 &&
      static_cast<size_t>(std::count(distinct.begin(), distinct.end(), true)) <
          when.min_terms) {
    return false;
  }
  std::vector<TriggerHit> other;
  for (const auto& [key, value] : when.front_matter) {
    if (!FrontMatterMatches(doc.front_matter(), key, value)) return false;
    if (other.empty()) {
      other.push_back({doc.front_matter().Find(key).range,
                       "front matter " + key + ": " + value});
    }
  }
  if (!when.paths.empty()) {
    const bool any =
        std::any_of(when.paths.begin(), when.paths.end(),
                    [&](const PathGlob& g) { return g.Matches(doc.path()); });
    if (!any) return false;
    if (other.empty())
      other.push_back({SourceRange{}, "the path " + doc.path()});
  }
  if (!when.hosts.empty()) {
    const Link* found = nullptr;
    std::string host;
    for (const Link& link : doc.links()) {
      host = UrlHost(link.destination);
      for (const std::string& entry : when.hosts) {
        if (!host.empty() && HostMatches(host, entry)) found = &link;
      }
      if (found) break;
    }
    if (!found) return false;
    other.insert(other.begin(), {found->range, "a link to " + host});
  }
  if (hits.empty()) hits.push_back(std::move(other.front()));
  return true;
}

std::vector<std::vector<TriggerHit>> TriggerSet::Match(
    const Document& doc) const {
  std::vector<std::vector<TriggerHit>> hits(whens_.size());
  std::vector<std::vector<bool>> distinct(whens_.size());
  for (size_t i = 0; i < whens_.size(); ++i) {
    distinct[i].assign(whens_[i].specs, false);
  }
  FindProse(doc, hits, distinct);
  for (size_t i = 0; i < whens_.size(); ++i) {
    if (!Holds(whens_[i], doc, distinct[i], hits[i])) hits[i].clear();
  }
  return hits;
}

std::string QuoteProse(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  if (out.size() > kMaxQuotedBytes) {
    out.resize(Utf8PrefixLength(out, kMaxQuotedBytes));
    out += "…";
  }
  return out;
}

bool IsRuleIdSuffix(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' &&
        c != '_') {
      return false;
    }
  }
  return true;
}

}  // namespace proofgate

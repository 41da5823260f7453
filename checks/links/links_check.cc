#include "checks/links/links_check.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <utility>

#include "checks/ascii.h"
#include "checks/document/text_compare.h"
#include "checks/links/generator_slugs.h"
#include "checks/links/heading_slug.h"
#include "checks/links/site_generator.h"
#include "checks/matching/url_host.h"

namespace proofgate {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

// Parses a dotted IPv4 address; nullopt when `host` is not one.
std::optional<std::array<int, 4>> ParseIpv4(std::string_view host) {
  std::array<int, 4> parts{};
  size_t i = 0;
  for (int p = 0; p < 4; ++p) {
    if (p > 0) {
      if (i >= host.size() || host[i] != '.') return std::nullopt;
      ++i;
    }
    const size_t start = i;
    int value = 0;
    while (i < host.size() && IsDigit(host[i]) && i - start < 3) {
      value = value * 10 + (host[i] - '0');
      ++i;
    }
    if (i == start || value > 255) return std::nullopt;
    parts[p] = value;
  }
  if (i != host.size()) return std::nullopt;
  return parts;
}

// Hosts where https:// would not help a reader (see the header).
bool IsLocalOrReservedHost(std::string_view host) {
  if (host == "localhost" || EndsWith(host, ".localhost") || host == "::1" ||
      EndsWith(host, ".local") || EndsWith(host, ".example") ||
      EndsWith(host, ".test") || EndsWith(host, ".invalid")) {
    return true;
  }
  for (std::string_view reserved :
       {"example.com", "example.net", "example.org"}) {
    const bool subdomain = host.size() > reserved.size() &&
                           EndsWith(host, reserved) &&
                           host[host.size() - reserved.size() - 1] == '.';
    if (host == reserved || subdomain) {
      return true;
    }
  }
  if (auto ip = ParseIpv4(host)) {
    const auto& a = *ip;
    return a[0] == 127 || a[0] == 10 ||
           (a[0] == 0 && a[1] == 0 && a[2] == 0 && a[3] == 0) ||
           (a[0] == 172 && a[1] >= 16 && a[1] <= 31) ||
           (a[0] == 192 && a[1] == 168) || (a[0] == 169 && a[1] == 254);
  }
  return false;
}

// The destination as compared for duplicate targets (see the header).
std::string NormalizeTarget(std::string_view destination) {
  const size_t tail_at = destination.find_first_of("?#");
  std::string head(destination.substr(0, tail_at));
  const std::string_view tail = tail_at == std::string_view::npos
                                    ? std::string_view()
                                    : destination.substr(tail_at);
  const size_t authority = AuthorityStart(head);
  if (authority != std::string_view::npos) {
    size_t host_end = head.find('/', authority + 2);
    if (host_end == std::string::npos) host_end = head.size();
    for (size_t i = 0; i < host_end; ++i) head[i] = AsciiLower(head[i]);
  }
  if (head.size() > 1 && head.back() == '/') head.pop_back();
  return head + std::string(tail);
}

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// Whether the URL at byte `at` of `text` follows link text and an opening
// parenthesis across a line break: "[text]\n(https://...)", a link that
// Markdown does not join, so the URL shows bare even where bare URLs are
// linked.
bool AfterLinkText(std::string_view text, size_t at) {
  if (at == 0 || at > text.size() || text[at - 1] != '(') return false;
  size_t i = at - 1;
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t' ||
                   text[i - 1] == '\n' || text[i - 1] == '\r')) {
    --i;
  }
  return i > 0 && text[i - 1] == ']';
}

// Whether `link` is the whole of a table cell (trailing ';' ',' '.'
// aside): a setting's value, such as a default endpoint, not a page to
// visit.
bool IsCellValue(const Document& doc, const Link& link) {
  if (link.block >= doc.blocks().size()) return false;
  const ProseBlock& cell = doc.blocks()[link.block];
  if (cell.kind != ProseBlock::Kind::kTableCell) return false;
  std::string_view rest = cell.text;
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == ';' ||
                           rest.back() == ',' || rest.back() == '.')) {
    rest.remove_suffix(1);
  }
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  // A bare URL's text in its block is the single space that stands for it.
  return rest.empty() || rest == link.text;
}

// Whether a link's text is a numbered citation marker ("1", "[1]", "(12)",
// "^3"): citations of one source repeat by design.
bool IsCitationMarker(std::string_view text) {
  bool digit = false;
  for (char c : text) {
    if (IsDigit(c)) {
      digit = true;
    } else if (c != '[' && c != ']' && c != '(' && c != ')' && c != '^' &&
               c != ' ') {
      return false;
    }
  }
  return digit;
}

std::string Plural(size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

struct CountLimits {
  long long min = 0;  // 0: no minimum
  long long max = 0;  // 0: no maximum
};

class LinksCheck : public Check {
 public:
  struct Config {
    std::vector<std::string> internal_hosts;  // lower-cased
    CountLimits internal;
    CountLimits external;
    bool image_alt = true;
  };

  explicit LinksCheck(Config config) : config_(std::move(config)) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    auto add = [&](std::string rule, Severity severity, SourceRange range,
                   std::string message, std::string suggestion = "") {
      Finding f;
      f.rule = "links/" + std::move(rule);
      f.severity = severity;
      f.message = std::move(message);
      f.range = range;
      f.excerpt = doc.Excerpt(range);
      f.suggestion = std::move(suggestion);
      out.push_back(std::move(f));
    };

    size_t internal = 0;
    size_t external = 0;
    // (paragraph, normalized target, folded text) -> the first such link.
    std::map<std::tuple<size_t, std::string, std::string>, const Link*>
        first_link;
    std::optional<std::set<std::string, std::less<>>> anchors;  // lazily

    for (const Link& link : doc.links()) {
      if (link.kind == LinkKind::kImage) {
        if (config_.image_alt && IsBlank(link.text)) {
          add("empty-text", Severity::kError, link.range,
              "This image has no alt text; describe what it shows between "
              "the brackets, for readers who cannot see it.");
        }
        continue;
      }
      if ((link.kind == LinkKind::kInline ||
           link.kind == LinkKind::kReference) &&
          IsBlank(link.text)) {
        add("empty-text", Severity::kError, link.range,
            "This link has no text, so readers (and screen readers) cannot "
            "tell where it goes; write what it leads to between the "
            "brackets.");
      }
      if (link.kind == LinkKind::kBareUrl) CheckBareUrl(doc, link, add);

      const LinkReach reach =
          ClassifyLink(link.destination, config_.internal_hosts);
      if (reach == LinkReach::kNeither) continue;
      if (reach == LinkReach::kInternal) {
        ++internal;
      } else {
        ++external;
      }

      CheckRepeat(doc, link, first_link, add);

      if (reach == LinkReach::kExternal) {
        CheckInsecure(link, add);
      }

      if (!link.destination.empty() && link.destination[0] == '#') {
        CheckAnchor(doc, link, anchors, add);
      }
    }

    CheckCount("internal", internal, config_.internal, add);
    CheckCount("external", external, config_.external, add);
  }

 private:
  template <typename Add>
  static void CheckBareUrl(const Document& doc, const Link& link, Add& add) {
    // An e-mail address (mailto:, xmpp:) is not a URL and reads fine as
    // text: "User@Domain.com" is often an example value, not a link.
    if (AuthorityStart(link.destination) == std::string_view::npos) return;
    // Templating inside the URL ("https://x/v{{% param v %}}/y") means the
    // site generator, not Markdown, builds this link.
    if (link.text.find("{{") != std::string::npos ||
        link.text.find("{%") != std::string::npos) {
      return;
    }
    // Right after a quote or '=', the URL is a value (an HTML attribute, a
    // shortcode argument such as {{< sched script="https://..." >}}, JSON),
    // not prose.
    const SourceMap& map = doc.source_map();
    const std::string_view text = map.text();
    const size_t at = map.OffsetOfColumn(link.range.line, link.range.column);
    if (at > 0 && at <= text.size()) {
      const char before = text[at - 1];
      if (before == '"' || before == '\'' || before == '=') return;
    }
    if (IsLocalOrReservedHost(UrlHost(link.destination)) ||
        IsCellValue(doc, link)) {
      add("bare-url", Severity::kWarning, link.range,
          "This address is plain text that some renderers turn into a link, "
          "though it is a value (a local address or a table's setting) "
          "rather than a page to visit; format it as code: `" +
              link.text + "`.",
          "`" + link.text + "`");
      return;
    }
    // Hugo and MDX sites link bare URLs (linkify, remark-gfm), unless the
    // URL is the destination of a link broken across lines
    // ("[text]\n(https://...)").
    if (!AfterLinkText(text, at) && LinkifiesBareUrls(doc)) return;
    // "www.example.com" is linked as "http://www.example.com"; only the
    // destination makes a valid <autolink>.
    add("bare-url", Severity::kWarning, link.range,
        "This URL is plain text that only some renderers turn into a link; "
        "write it as <" +
            link.destination + ">, or give it link text: [text](" +
            link.destination + ").",
        "<" + link.destination + ">");
  }

  // duplicate-target: the same target, with the same words, earlier in
  // the same paragraph.
  template <typename Add>
  static void CheckRepeat(const Document& doc, const Link& link,
                          std::map<std::tuple<size_t, std::string, std::string>,
                                   const Link*>& first_link,
                          Add& add) {
    if (link.destination.empty() || link.block >= doc.blocks().size() ||
        doc.blocks()[link.block].kind != ProseBlock::Kind::kParagraph ||
        IsCitationMarker(link.text)) {
      return;
    }
    const std::string words = FoldForCompare(link.text);
    if (words.empty()) return;
    auto [it, inserted] = first_link.emplace(
        std::make_tuple(link.block, NormalizeTarget(link.destination), words),
        &link);
    if (inserted) return;
    add("duplicate-target", Severity::kInfo, link.range,
        "This paragraph already links '" + link.text + "' to " +
            link.destination + " (on line " +
            std::to_string(it->second->range.line) +
            "); once is enough, so write the words without the link.");
  }

  // The query of `dest` holds the parameter "http_ok" (see the header).
  static bool HasHttpOkMarker(std::string_view dest) {
    const size_t q = dest.find('?');
    if (q == std::string_view::npos) return false;
    std::string_view query = dest.substr(q + 1);
    query = query.substr(0, query.find('#'));
    size_t start = 0;
    while (start <= query.size()) {
      const size_t amp = std::min(query.find('&', start), query.size());
      std::string_view param = query.substr(start, amp - start);
      param = param.substr(0, param.find('='));
      if (param == "http_ok") return true;
      start = amp + 1;
    }
    return false;
  }

  // `dest` (on `host`) is an XML namespace or algorithm identifier (see
  // the header).
  static bool IsXmlIdentifier(std::string_view dest, std::string_view host) {
    if (host == "schemas.xmlsoap.org" || host == "schemas.microsoft.com" ||
        host == "purl.org") {
      return true;
    }
    if (host != "www.w3.org" && host != "w3.org") return false;
    const size_t authority = AuthorityStart(dest);
    const size_t slash = dest.find('/', authority + 2);
    if (slash == std::string_view::npos) return false;
    const std::string_view path = dest.substr(slash);
    return path.size() >= 6 && IsDigit(path[1]) && IsDigit(path[2]) &&
           IsDigit(path[3]) && IsDigit(path[4]) && path[5] == '/';
  }

  template <typename Add>
  void CheckInsecure(const Link& link, Add& add) const {
    const std::string_view dest = link.destination;
    if (AsciiLower(dest.substr(0, 7)) != "http://") return;
    const std::string host = UrlHost(dest);
    if (host.empty() || IsLocalOrReservedHost(host) || HasHttpOkMarker(dest) ||
        (link.kind == LinkKind::kBareUrl && IsXmlIdentifier(dest, host))) {
      return;
    }
    const std::string secure = "https://" + std::string(dest.substr(7));
    add("insecure", Severity::kWarning, link.range,
        "This link uses http://, which is unencrypted and can be tampered "
        "with on the way; link to " +
            secure + " if the site supports it.",
        secure);
  }

  template <typename Add>
  void CheckAnchor(const Document& doc, const Link& link,
                   std::optional<std::set<std::string, std::less<>>>& anchors,
                   Add& add) const {
    const std::string_view fragment =
        std::string_view(link.destination).substr(1);
    if (fragment.empty() || AsciiLower(fragment) == "top" ||
        fragment.find("{{") != std::string_view::npos ||
        fragment.find("{%") != std::string_view::npos) {
      return;
    }
    if (!anchors) anchors = DocumentAnchors(doc);
    const AnchorLookup found = LookUpAnchor(*anchors, fragment);
    // Generators slug differently, and includes bring their own headings
    // (but not the page's own heading, written in another case).
    if (found.found || ReachesTransliteratedHeading(doc, found.decoded) ||
        (!found.slip && PullsInOtherContent(doc))) {
      return;
    }
    add("broken-anchor", Severity::kError, link.range,
        "The link points to '#" + found.decoded +
            "', but no heading or id in this draft has that anchor" +
            (!found.suggestion.empty()
                 ? "; did you mean '#" + found.suggestion + "'?"
                 : "; link to an existing heading (its anchor is the "
                   "heading text in lower case, punctuation removed, "
                   "spaces as '-')."),
        found.suggestion.empty() ? "" : "#" + found.suggestion);
  }

  template <typename Add>
  static void CheckCount(std::string_view kind, size_t count,
                         const CountLimits& limits, Add& add) {
    const std::string rule = std::string(kind) + "-count";
    const std::string what = std::string(kind) + " link";
    const std::string advice =
        kind == "internal"
            ? "link to related pages of this site"
            : "link to the sources and references readers may want";
    if (limits.min > 0 && count < static_cast<size_t>(limits.min)) {
      add(rule, Severity::kWarning, SourceRange{},
          "The draft has " + Plural(count, what) + ", fewer than the " +
              std::to_string(limits.min) + " this rulebook asks for; " +
              advice + ".");
    }
    if (limits.max > 0 && count > static_cast<size_t>(limits.max)) {
      add(rule, Severity::kWarning, SourceRange{},
          "The draft has " + Plural(count, what) + ", more than the " +
              std::to_string(limits.max) +
              " this rulebook allows; keep the ones readers need most.");
    }
  }

  Config config_;
};

// Reads `<prefix>_min` and `<prefix>_max`.
CountLimits ReadLimits(Settings& settings, const std::string& prefix) {
  // 100000 links is over 200 times the most in any page of the shared
  // corpus of 3,815 documentation pages (420, in opentelemetry-docs'
  // supported-libraries.md); a higher limit is surely a typo.
  constexpr long long kMaxLimit = 100000;
  CountLimits limits;
  limits.min = settings.Int(prefix + "_min", 0, 0, kMaxLimit);
  limits.max = settings.Int(prefix + "_max", 0, 0, kMaxLimit);
  if (limits.min > 0 && limits.max > 0 && limits.max < limits.min) {
    settings.Error(prefix + "_max", "must be at least " + prefix + "_min (" +
                                        std::to_string(limits.min) + "), got " +
                                        std::to_string(limits.max));
    limits.max = 0;
  }
  return limits;
}

std::vector<std::string> ReadInternalHosts(Settings& settings) {
  std::vector<std::string> hosts;
  const SettingValue* value = settings.Raw("internal_hosts");
  if (value == nullptr) return hosts;
  const auto items = SettingItems(value->node);
  if (!items) {
    settings.Error("internal_hosts", "expected a list of host names");
    return hosts;
  }
  for (const YAML::Node& item : *items) {
    if (!item.IsScalar()) {
      settings.Error(item, value->file,
                     "internal_hosts: expected a host name in the list");
      continue;
    }
    const std::string host = AsciiLower(item.Scalar());
    const bool bad = host.empty() || host == "." ||
                     host.find_first_of("/:@?# \t") != std::string::npos;
    if (bad) {
      settings.Error(item, value->file,
                     "internal_hosts: '" + item.Scalar() +
                         "' is not a host name; write docs.example.com, or "
                         ".example.com for a domain and all its subdomains");
      continue;
    }
    hosts.push_back(host);
  }
  return hosts;
}

std::unique_ptr<Check> Build(Settings& settings) {
  LinksCheck::Config config;
  config.internal_hosts = ReadInternalHosts(settings);
  config.internal = ReadLimits(settings, "internal");
  config.external = ReadLimits(settings, "external");
  config.image_alt = settings.Bool("image_alt", true);
  return std::make_unique<LinksCheck>(std::move(config));
}

}  // namespace

LinkReach ClassifyLink(std::string_view destination,
                       const std::vector<std::string>& internal_hosts) {
  if (AuthorityStart(destination) != std::string_view::npos) {
    const std::string host = UrlHost(destination);
    for (const std::string& entry : internal_hosts) {
      if (HostMatches(host, entry)) return LinkReach::kInternal;
    }
    return LinkReach::kExternal;
  }
  if (SchemeLength(destination) > 0) return LinkReach::kNeither;
  return LinkReach::kInternal;
}

CheckSpec LinksCheckSpec() {
  return CheckSpec{
      "links",
      "Link counts (internal and external), empty link text, bare URLs, "
      "duplicate targets, insecure http:// links and broken #anchors.",
      {
          {"links/internal-count", Severity::kWarning,
           "Fewer or more internal links than the rulebook's limits."},
          {"links/external-count", Severity::kWarning,
           "Fewer or more external links than the rulebook's limits."},
          {"links/empty-text", Severity::kError,
           "A link with no text, or an image with no alt text."},
          {"links/bare-url", Severity::kWarning,
           "A URL written as plain text instead of <url> or [text](url)."},
          {"links/duplicate-target", Severity::kInfo,
           "The same words linked to the same target twice in one "
           "paragraph."},
          {"links/insecure", Severity::kWarning,
           "An http:// link to an external host."},
          {"links/broken-anchor", Severity::kError,
           "A #fragment link to no heading or id of the same draft."},
      },
      &Build,
  };
}

}  // namespace proofgate

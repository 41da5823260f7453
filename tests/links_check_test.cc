#include "checks/links/links_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "checks/links/generator_slugs.h"
#include "checks/links/heading_slug.h"
#include "tests/check_harness.h"
#include "tests/temp_dir.h"

namespace proofgate {
namespace {

using ::proofgate::testing::BookErrors;
using ::proofgate::testing::BuildCheck;
using ::proofgate::testing::Rules;
using ::proofgate::testing::RunCheck;
using ::proofgate::testing::RunOn;
using ::proofgate::testing::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

std::vector<Finding> Check(const std::string& markdown,
                           const std::string& settings = "") {
  return RunCheck("links", markdown, settings);
}

// Only the findings of `rule`.
std::vector<Finding> Only(const std::vector<Finding>& findings,
                          const std::string& rule) {
  std::vector<Finding> out;
  for (const Finding& f : findings) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

// Loads a rulebook whose `checks.links` is `links_yaml` (indented by the
// caller) and returns its errors as "file:line:col: message".
std::vector<std::string> RulebookErrors(const std::string& links_yaml) {
  return BookErrors("links", links_yaml);
}

// ---- Classification ----

TEST(ClassifyLinkTest, RelativeAndFragmentLinksAreInternal) {
  for (const char* d : {"guide.md", "../x/y.md", "/docs/", "#setup", "?q=1", "",
                        "{{< ref \"x.md\" >}}", "{{site.baseurl}}/x/"}) {
    EXPECT_EQ(ClassifyLink(d, {}), LinkReach::kInternal) << d;
  }
}

TEST(ClassifyLinkTest, AbsoluteUrlsAreExternalUnlessHostIsInternal) {
  const std::vector<std::string> hosts = {"docs.proofgate.dev", ".corp.dev"};
  EXPECT_EQ(ClassifyLink("https://github.com/x", hosts), LinkReach::kExternal);
  EXPECT_EQ(ClassifyLink("https://docs.proofgate.dev/a", hosts),
            LinkReach::kInternal);
  EXPECT_EQ(ClassifyLink("HTTPS://Docs.Proofgate.DEV:443/a", hosts),
            LinkReach::kInternal);
  // Exact entries do not match subdomains or parents.
  EXPECT_EQ(ClassifyLink("https://www.docs.proofgate.dev/", hosts),
            LinkReach::kExternal);
  EXPECT_EQ(ClassifyLink("https://proofgate.dev/", hosts),
            LinkReach::kExternal);
  // ".corp.dev" matches the domain and every subdomain, nothing else.
  EXPECT_EQ(ClassifyLink("https://corp.dev", hosts), LinkReach::kInternal);
  EXPECT_EQ(ClassifyLink("http://a.b.corp.dev/x", hosts), LinkReach::kInternal);
  EXPECT_EQ(ClassifyLink("https://notcorp.dev", hosts), LinkReach::kExternal);
  EXPECT_EQ(ClassifyLink("//cdn.corp.dev/x.js", hosts), LinkReach::kInternal);
  EXPECT_EQ(ClassifyLink("//cdn.other.dev/x.js", hosts), LinkReach::kExternal);
}

TEST(ClassifyLinkTest, SchemesWithoutHostAreNeither) {
  for (const char* d : {"mailto:a@b.dev", "tel:+15555550100", "data:,x",
                        "javascript:void(0)", "urn:isbn:0451450523"}) {
    EXPECT_EQ(ClassifyLink(d, {}), LinkReach::kNeither) << d;
  }
}

TEST(UrlHostTest, Extracts) {
  EXPECT_EQ(UrlHost("https://user:pw@Example.COM.:8080/p?q#f"), "example.com");
  EXPECT_EQ(UrlHost("http://[::1]:9200/"), "::1");
  EXPECT_EQ(UrlHost("//cdn.dev"), "cdn.dev");
  EXPECT_EQ(UrlHost("docs/page.md"), "");
  EXPECT_EQ(UrlHost("mailto:a@b.dev"), "");
}

// ---- links/internal-count and links/external-count ----

constexpr char kMixed[] =
    "# Title\n"
    "\n"
    "Read [the guide](guide.md), [setup](#title) and\n"
    "[GitHub](https://github.com/x). Mail [us](mailto:a@b.dev).\n"
    "![logo](https://cdn.img.dev/logo.png)\n";

TEST(LinksCountTest, NoLimitsNoFindings) {
  EXPECT_THAT(Only(Check(kMixed), "links/internal-count"), IsEmpty());
  EXPECT_THAT(Only(Check(kMixed), "links/external-count"), IsEmpty());
}

TEST(LinksCountTest, InternalBelowMinimum) {
  const auto f = Only(Check(kMixed, "internal_min: 3"), "links/internal-count");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].range, (SourceRange{1, 1, 1, 1}));
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].confidence, 1.0);
  EXPECT_THAT(f[0].message, HasSubstr("2 internal links"));
  EXPECT_THAT(f[0].message, HasSubstr("fewer than the 3"));
}

TEST(LinksCountTest, InternalAboveMaximum) {
  const auto f = Only(Check(kMixed, "internal_max: 1"), "links/internal-count");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_THAT(f[0].message, HasSubstr("2 internal links"));
  EXPECT_THAT(f[0].message, HasSubstr("more than the 1"));
}

TEST(LinksCountTest, WithinLimitsNoFinding) {
  EXPECT_THAT(Check(kMixed,
                    "{internal_min: 2, internal_max: 2, external_min: 1, "
                    "external_max: 1}"),
              IsEmpty());
}

TEST(LinksCountTest, ExternalCountsIgnoreMailtoAndImages) {
  const auto below =
      Only(Check(kMixed, "external_min: 2"), "links/external-count");
  ASSERT_EQ(below.size(), 1u);
  EXPECT_THAT(below[0].message, HasSubstr("1 external link,"));
  const auto above =
      Only(Check(kMixed, "external_max: 0"), "links/external-count");
  EXPECT_THAT(above, IsEmpty());  // 0 means no limit
}

TEST(LinksCountTest, InternalHostsMoveLinksBetweenCounts) {
  const std::string settings =
      "{internal_hosts: [github.com], internal_min: 3, external_max: 0}";
  EXPECT_THAT(Check(kMixed, settings), IsEmpty());
}

TEST(LinksCountTest, EveryOccurrenceCounts) {
  const auto f = Check("[a](x.md) [b](x.md) [c](x.md)\n", "internal_max: 2");
  const auto counts = Only(f, "links/internal-count");
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_THAT(counts[0].message, HasSubstr("3 internal links"));
}

// ---- links/empty-text ----

TEST(LinksEmptyTextTest, LinkWithoutText) {
  const auto f = Only(Check("See [](https://proofgate.dev/a) here.\n"),
                      "links/empty-text");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].range, (SourceRange{1, 5, 1, 32}));
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].excerpt, "See [](https://proofgate.dev/a) here.");
  EXPECT_THAT(f[0].message, HasSubstr("no text"));
}

TEST(LinksEmptyTextTest, WhitespaceOnlyTextAndReferenceLinks) {
  const auto f = Only(Check("A [ ](x.md) and [][ref].\n\n[ref]: y.md\n"),
                      "links/empty-text");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].range, (SourceRange{1, 3, 1, 12}));
  EXPECT_EQ(f[1].range, (SourceRange{1, 17, 1, 24}));
}

TEST(LinksEmptyTextTest, ImageWithoutAlt) {
  const auto f =
      Only(Check("Intro.\n\n![](diagram.png)\n"), "links/empty-text");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].range, (SourceRange{3, 1, 3, 17}));
  EXPECT_THAT(f[0].message, HasSubstr("alt text"));
}

TEST(LinksEmptyTextTest, ImageAltCanBeTurnedOff) {
  EXPECT_THAT(Check("![](diagram.png)\n", "image_alt: false"), IsEmpty());
}

TEST(LinksEmptyTextTest, TextOrImageWithAltIsFine) {
  EXPECT_THAT(Check("[Guide](g.md) and [![Logo](l.png)](https://a.dev) and "
                    "![A chart](c.png)\n"),
              IsEmpty());
}

// ---- links/bare-url ----

TEST(LinksBareUrlTest, BareUrlInProse) {
  const auto f =
      Only(Check("Docs:\nsee https://proofgate.dev/docs for more.\n"),
           "links/bare-url");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].range, (SourceRange{2, 5, 2, 31}));
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].suggestion, "<https://proofgate.dev/docs>");
  EXPECT_THAT(f[0].message, HasSubstr("[text](https://proofgate.dev/docs)"));
}

TEST(LinksBareUrlTest, WwwUrlSuggestsItsFullAddress) {
  const auto f =
      Only(Check("Visit www.proofgate.dev today.\n"), "links/bare-url");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].range, (SourceRange{1, 7, 1, 24}));
  EXPECT_EQ(f[0].suggestion, "<http://www.proofgate.dev>");
}

TEST(LinksBareUrlTest, LocalAddressSuggestsCode) {
  const auto f =
      Only(Check("It listens on http://localhost:9200 by default.\n"),
           "links/bare-url");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].suggestion, "`http://localhost:9200`");
  EXPECT_THAT(f[0].message, HasSubstr("format it as code"));
}

TEST(LinksBareUrlTest, NotReported) {
  EXPECT_THAT(Only(Check("<https://proofgate.dev> and "
                         "[docs](https://proofgate.dev/docs), "
                         "`https://in.code.dev`, mail ops@proofgate.dev, "
                         "{{< embed src=\"https://x.dev/e.js\" >}}\n"),
                   "links/bare-url"),
              IsEmpty());
}

// Hugo links bare URLs (Goldmark linkify): a page with shortcodes, or
// below a Hugo section page, is not reported (kubernetes-contributor-site
// events/2020/kcc/activities.md), except for a link broken across lines
// (blog/2024/sig-cloud-provider-spotlight.md).
TEST(LinksBareUrlTest, HugoLinksBareUrls) {
  EXPECT_THAT(Only(Check("{{< note >}}Read it.{{< /note >}}\n\n"
                         "Slides: https://kubernetes.io/docs\n"),
                   "links/bare-url"),
              IsEmpty());
  TempDir dir;
  dir.Write("site/_index.md", "---\ntitle: Site\n---\n");
  dir.Write("zola/_index.md", "+++\ntitle = \"Blog\"\n+++\n");
  const std::string text =
      "Slides: https://kubernetes.io/docs\n\n"
      "See [SIG ContribEx]\n(https://github.com/kubernetes/community)\n";
  const auto hugo = Only(
      RunCheck("links", text, "", (dir.path() / "site/events/a.md").string()),
      "links/bare-url");
  ASSERT_EQ(hugo.size(), 1u);
  EXPECT_EQ(hugo[0].range.line, 4);
  EXPECT_EQ(Only(RunCheck("links", text, "",
                          (dir.path() / "zola/posts/a.md").string()),
                 "links/bare-url")
                .size(),
            2u);
}

// MDX sites link bare URLs through remark-gfm (astro-docs
// guides/migrate-to-astro/from-gatsby.mdx); a local address still gets
// code formatting (guides/cms/contentful.mdx).
TEST(LinksBareUrlTest, MdxLinksBareUrls) {
  const auto f = Only(RunCheck("links",
                               "Visit https://astro.new for templates.\n\n"
                               "Navigate to http://localhost:4321/ now.\n",
                               "", "page.mdx"),
                      "links/bare-url");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].suggestion, "`http://localhost:4321/`");
}

// A URL that is a whole table cell is a setting's value: code, not a link
// (opensearch-docs _ingest-pipelines/processors/ip2geo.md line 53).
TEST(LinksBareUrlTest, TableCellValueSuggestsCode) {
  const auto f = Only(Check("| Parameter | Default |\n|---|---|\n"
                            "| `endpoint` | https://geoip.maps.dev/m.json |\n"),
                      "links/bare-url");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].suggestion, "`https://geoip.maps.dev/m.json`");
}

// ---- links/duplicate-target ----

TEST(LinksDuplicateTargetTest, SameWordsTwiceInOneParagraph) {
  // opentelemetry-docs/docs/concepts/glossary.md, lines 387-388.
  const auto f =
      Only(Check("A [DAG](#dag) of [Spans](#span), where the edges between "
                 "[Spans](#span) are\n"
                 "defined as parent-child relationship. See [Traces][].\n"),
           "links/duplicate-target");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].range, (SourceRange{1, 58, 1, 72}));
  EXPECT_EQ(f[0].severity, Severity::kInfo);
  EXPECT_EQ(f[0].message,
            "This paragraph already links 'Spans' to #span (on line 1); once "
            "is enough, so write the words without the link.");
}

TEST(LinksDuplicateTargetTest, TargetsCompareNormalizedAndWordsFolded) {
  const auto f =
      Only(Check("Read [the docs](https://Proofgate.dev/docs/) "
                 "and again\n[The  Docs](https://proofgate.dev/docs)."
                 "\n"),
           "links/duplicate-target");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].range.line, 2);
}

TEST(LinksDuplicateTargetTest, RepeatsInOtherParagraphsAreNot) {
  // powershell-docs/docs-conceptual/developer/cmdlet/
  // non-terminating-errors.md, lines 10 and 12 (shortened): WriteError is
  // linked in both paragraphs (and twice in the second, which is reported).
  const std::string text =
      "When a non-terminating error occurs, the cmdlet should report this "
      "error by calling the "
      "[System.Management.Automation.Cmdlet.WriteError](/dotnet/api/"
      "System.Management.Automation.Cmdlet.WriteError) method.\n\n"
      "Cmdlets can call "
      "[System.Management.Automation.Cmdlet.WriteError](/dotnet/api/"
      "System.Management.Automation.Cmdlet.WriteError) as necessary from "
      "within their input processing methods. Do not call "
      "[System.Management.Automation.Cmdlet.WriteError](/dotnet/api/"
      "System.Management.Automation.Cmdlet.WriteError) from another "
      "thread.\n";
  const auto f = Only(Check(text), "links/duplicate-target");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].range.line, 3);
  EXPECT_GT(f[0].range.column, 100);
}

TEST(LinksDuplicateTargetTest, OtherWordsForTheSameTargetAreNot) {
  // opentelemetry-docs/docs/contributing/style-guide.md, line 71, with
  // other words for the second link.
  EXPECT_THAT(
      Only(Check("- [Emojis](https://gohugo.io/quick-reference/emojis/): for "
                 "the complete list of available emojis, see [the emoji "
                 "list](https://gohugo.io/quick-reference/emojis/).\n"),
           "links/duplicate-target"),
      IsEmpty());
}

TEST(LinksDuplicateTargetTest, CitationMarkersAreNot) {
  // opentelemetry-docs/docs/guidance/blueprints/
  // managed-telemetry-platforms-for-k8s-workloads.md, lines 320-321, with
  // one action cited twice.
  EXPECT_THAT(Only(Check("**Challenges addressed**: [4](#challenge-4), "
                         "[5](#challenge-5) |\n"
                         "**Implementation actions**: [1](#action-1), "
                         "[2](#action-2), [1](#action-1), "
                         "[[5]](#action-5), [[5]](#action-5)\n"),
                   "links/duplicate-target"),
              IsEmpty());
}

TEST(LinksDuplicateTargetTest, TableRowsAndTabsAreNot) {
  // kubernetes-contributor-site/docs/code/declarative-validation/_index.md,
  // lines 94-96: each row links the same section.
  EXPECT_THAT(
      Only(Check("| Tag | Description | Stability |\n| --- | --- | --- |\n"
                 "| [`+k8s:validateFalse`](#testing-only-tags) | Always fails "
                 "validation (useful for testing). | Alpha |\n"
                 "| [`+k8s:validateFalse`](#testing-only-tags) | Always "
                 "passes validation (useful for testing). | Alpha |\n"),
           "links/duplicate-target"),
      IsEmpty());
  // opentelemetry-docs/docs/languages/cpp/exporters.md, lines 204 and 274:
  // the same sentence in two tabs.
  EXPECT_THAT(
      Only(Check("{{< tabpane text=true >}} {{% tab Jaeger %}}\n\n"
                 "See [building OpenTelemetry C++ from source]("
                 "https://github.com/open-telemetry/opentelemetry-cpp/blob/"
                 "main/INSTALL.md).\n\n"
                 "{{% /tab %}} {{% tab Zipkin %}}\n\n"
                 "See [building OpenTelemetry C++ from source]("
                 "https://github.com/open-telemetry/opentelemetry-cpp/blob/"
                 "main/INSTALL.md).\n\n"
                 "{{% /tab %}} {{< /tabpane >}}\n"),
           "links/duplicate-target"),
      IsEmpty());
}

TEST(LinksDuplicateTargetTest, DifferentFragmentsQueriesAndImagesAreNot) {
  EXPECT_THAT(Only(Check("[a](page.md#install) [b](page.md#upgrade) "
                         "[c](page.md?v=1) [d](page.md) "
                         "![x](i.png) ![y](i.png) [e](mailto:a@b.dev)\n"),
                   "links/duplicate-target"),
              IsEmpty());
}

// ---- links/insecure ----

TEST(LinksInsecureTest, HttpToExternalHost) {
  const auto f = Only(Check("Read [the spec](http://spec.dev/a?b#c).\n"),
                      "links/insecure");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].range, (SourceRange{1, 6, 1, 39}));
  EXPECT_EQ(f[0].severity, Severity::kWarning);
  EXPECT_EQ(f[0].suggestion, "https://spec.dev/a?b#c");
  EXPECT_THAT(f[0].message, HasSubstr("https://spec.dev/a?b#c"));
}

TEST(LinksInsecureTest, NotReported) {
  EXPECT_THAT(
      Only(Check("[a](https://spec.dev) [b](http://docs.corp.dev/x) "
                 "[c](<http://localhost:8080/>) [d](http://127.0.0.1/) "
                 "[e](http://192.168.1.10/) [f](http://www.example.com/) "
                 "[g](http://svc.test/) [h](//cdn.dev/x.js) [i](x.md)\n",
                 "internal_hosts: [.corp.dev]"),
           "links/insecure"),
      IsEmpty());
}

// opentelemetry-docs/docs/zero-code/java/agent/supported-libraries.md:118
// marks a host known to serve only http with "?http_ok".
TEST(LinksInsecureTest, HttpOkMarkerAccepted) {
  EXPECT_THAT(Only(Check("| [Logback](http://logback.qos.ch/?http_ok) |\n"
                         "[board](http://agile.coffee/?a=1&http_ok#x)\n"),
                   "links/insecure"),
              IsEmpty());
  EXPECT_EQ(Only(Check("[x](http://spec.dev/?http_okay) "
                       "[y](http://spec.dev/#http_ok)\n"),
                 "links/insecure")
                .size(),
            2u);
}

// opensearch-docs/_security/authentication-backends/saml.md:214 lists
// XML-DSig algorithm URIs, which must stay http://.
TEST(LinksInsecureTest, XmlIdentifiersAreNotLinks) {
  EXPECT_THAT(
      Only(Check("`RSA_SHA1` | http://www.w3.org/2000/09/xmldsig#rsa-sha1;\n"
                 "\nhttp://schemas.xmlsoap.org/soap/envelope/\n"),
           "links/insecure"),
      IsEmpty());
  // A page of w3.org, or a Markdown link to a dated one, is still a page.
  EXPECT_EQ(Only(Check("See http://www.w3.org/TR/xml/ and "
                       "[DSig](http://www.w3.org/2000/09/xmldsig).\n"),
                 "links/insecure")
                .size(),
            2u);
}

// ---- links/broken-anchor ----

constexpr char kOutline[] =
    "# Getting Started\n"
    "\n"
    "## Install\n"
    "\n"
    "## Install\n"
    "\n"
    "## Café déjà vu\n"
    "\n"
    "## Options {#opts}\n"
    "\n"
    "<a name=\"legacy\"></a>\n"
    "<div id='box'>x</div>\n"
    "\n";

TEST(LinksBrokenAnchorTest, ExistingAnchorsResolve) {
  EXPECT_THAT(Check(std::string(kOutline) +
                    "[a](#getting-started) [b](#install) [c](#install-1) "
                    "[d](#café-déjà-vu) [e](#caf%C3%A9-d%C3%A9j%C3%A0-vu) "
                    "[f](#opts) [g](#legacy) [h](#box) [i](#) [j](#top) "
                    "[k](#{{ anchor }})\n"),
              IsEmpty());
}

TEST(LinksBrokenAnchorTest, MissingAnchor) {
  const auto f = Only(Check(std::string(kOutline) + "See [setup](#setup).\n"),
                      "links/broken-anchor");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].range, (SourceRange{14, 5, 14, 20}));
  EXPECT_EQ(f[0].severity, Severity::kError);
  EXPECT_EQ(f[0].suggestion, "");
  EXPECT_THAT(f[0].message, HasSubstr("'#setup'"));
}

TEST(LinksBrokenAnchorTest, CaseSlipSuggestsTheAnchor) {
  const auto f = Only(
      Check(std::string(kOutline) + "[a](#Getting-Started) [b](#options)\n"),
      "links/broken-anchor");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].range, (SourceRange{14, 1, 14, 22}));
  EXPECT_EQ(f[0].suggestion, "#getting-started");
  EXPECT_THAT(f[0].message, HasSubstr("did you mean '#getting-started'"));
  // An explicit id replaces the heading's slug.
  EXPECT_EQ(f[1].range, (SourceRange{14, 23, 14, 36}));
}

// Zola's slugs (the Rust blog, corpus-formats/rust-blog): every run of
// other characters one '-' (Rust-1.31-and-rust-2018.md,
// first-look-at-2026-project-goals.md, this-development-cycle-in-cargo-1.78,
// project-goals-2026-04.md).
TEST(LinksBrokenAnchorTest, ZolaSlugsResolve) {
  EXPECT_THAT(
      Check("## Contributors to 1.31.0\n\n"
            "## I'd like to propose a goal, how do I do it?\n\n"
            "## Deprecated `Cargo.toml` fields\n\n"
            "## [Stabilize public/private dependencies](https://x.dev/1)\n\n"
            "[a](#contributors-to-1-31-0) "
            "[b](#i-d-like-to-propose-a-goal-how-do-i-do-it) "
            "[c](#deprecated-cargo-toml-fields) "
            "[d](#stabilize-public-private-dependencies)\n"),
      IsEmpty());
}

// Zola transliterates emoji into words (deunicode): the words are not
// known here, the rest of the slug is (compiler-team-2022-midyear-report.md).
TEST(LinksBrokenAnchorTest, TransliteratedEmojiResolve) {
  const std::string page =
      "### Debugging Aspirations (👩‍💻)\n\n"
      "### Compiler Backend Aspirations (🛠️, 👩‍💻)\n\n";
  EXPECT_THAT(
      Check(page + "[a](#debugging-aspirations-woman-computer) "
                   "[b](#compiler-backend-aspirations-tools-woman-computer) "
                   "[c](#debugging-aspirations-)\n"),
      IsEmpty());
  EXPECT_EQ(Only(Check(page + "[a](#debugging-inspirations-woman)\n"),
                 "links/broken-anchor")
                .size(),
            1u);
}

// A Hugo attribute list after a heading is not part of its anchor
// (opentelemetry-docs/docs/contributing/pr-checks.md).
TEST(LinksBrokenAnchorTest, AttributeListIsNotPartOfTheSlug) {
  EXPECT_THAT(Check("## `Easy CLA` {.notranslate lang=en}\n\n"
                    "See [the CLA](#easy-cla).\n"),
              IsEmpty());
}

// A case slip is still reported: browsers match fragments exactly
// (inside-rust/lang-roadmap-2024.md).
TEST(LinksBrokenAnchorTest, UpperCaseFragmentStillReported) {
  EXPECT_EQ(Only(Check("## Theme: flatten the learning curve\n\n"
                       "[a](#Theme-flatten-the-learning-curve)\n"),
                 "links/broken-anchor")
                .size(),
            1u);
}

// Includes and path-named shortcodes bring headings the draft does not
// show (opentelemetry-docs/docs/languages/python/exporters.md).
TEST(LinksBrokenAnchorTest, IncludedContentMayHoldTheAnchor) {
  EXPECT_THAT(Check("{{% docs/languages/exporters/intro %}}\n\n"
                    "See [setup](#collector-setup).\n"),
              IsEmpty());
  EXPECT_THAT(Check("{{% include \"exporters/jaeger.md\" %}}\n\n"
                    "See [Jaeger](#jaeger).\n"),
              IsEmpty());
  EXPECT_THAT(Check("{% include notes.md %}\n\nSee [x](#x).\n"), IsEmpty());
  // An HTML widget brings no headings (opensearch-docs: copy.html), and a
  // case slip of the page's own heading is reported whatever it includes
  // (opensearch-docs .../processors/date.md).
  EXPECT_EQ(Only(Check("{% include copy.html %}\n\nSee [x](#x).\n"),
                 "links/broken-anchor")
                .size(),
            1u);
  EXPECT_EQ(Only(Check("{{% include \"a.md\" %}}\n\n### Match\n\n"
                       "See [m](#Match).\n"),
                 "links/broken-anchor")
                .size(),
            1u);
  // A shortcode that renders no headings changes nothing.
  EXPECT_EQ(Only(Check("{{< figure src=\"a.png\" >}}\n\nSee [x](#x).\n"),
                 "links/broken-anchor")
                .size(),
            1u);
}

// The closest anchor is suggested for a typo (kubernetes-contributor-site
// events/2024/kcsna/faq.md).
TEST(LinksBrokenAnchorTest, TypoSuggestsTheClosestAnchor) {
  const auto f = Only(Check("### Do I need to be registered for KubeCon\n\n"
                            "[a](#do-i-need-to-registered-for-kubecon)\n"),
                      "links/broken-anchor");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].suggestion, "#do-i-need-to-be-registered-for-kubecon");
}

TEST(LinksBrokenAnchorTest, OtherPagesAreNotChecked) {
  EXPECT_THAT(Check("[a](other.md#nowhere) [b](https://x.dev/#nowhere)\n"),
              IsEmpty());
}

// ---- heading slugs ----

TEST(GeneratorSlugTest, CollapsedSlug) {
  EXPECT_EQ(CollapsedSlug("Contributors to 1.31.0"), "contributors-to-1-31-0");
  EXPECT_EQ(CollapsedSlug("  --Hello, World!--  "), "hello-world");
  EXPECT_EQ(CollapsedSlug("Café"), "");  // transliteration unknown
  EXPECT_EQ(CollapsedSlug("?!"), "");
}

TEST(GeneratorSlugTest, TransliteratedSlugMatches) {
  EXPECT_TRUE(TransliteratedSlugMatches("Café au lait", "cafe-au-lait"));
  EXPECT_TRUE(TransliteratedSlugMatches("(🦀) Crabs", "crab-crabs"));
  EXPECT_TRUE(TransliteratedSlugMatches("(🦀) Crabs", "crabs"));
  EXPECT_FALSE(TransliteratedSlugMatches("(🦀) Crabs", "crab-lobsters"));
  EXPECT_FALSE(TransliteratedSlugMatches("All ASCII", "all-ascii"));
}

TEST(GeneratorSlugTest, WithoutAttributeList) {
  EXPECT_EQ(WithoutAttributeList("Easy CLA {.notranslate lang=en}"),
            "Easy CLA");
  EXPECT_EQ(WithoutAttributeList("Easy CLA {: .wide}"), "Easy CLA");
  EXPECT_EQ(WithoutAttributeList("The {name} field"), "The {name} field");
  EXPECT_EQ(WithoutAttributeList("Set {x}"), "Set {x}");
}

TEST(HeadingSlugTest, GitHubRules) {
  EXPECT_EQ(GitHubSlug("Getting Started"), "getting-started");
  EXPECT_EQ(GitHubSlug("What's new in 2.0?"), "whats-new-in-20");
  EXPECT_EQ(GitHubSlug("C++ & Rust"), "c--rust");
  EXPECT_EQ(GitHubSlug("  padded "), "--padded-");
  EXPECT_EQ(GitHubSlug("snake_case-name"), "snake_case-name");
  EXPECT_EQ(GitHubSlug("Ünïcödé Straße"), "ünïcödé-straße");
  EXPECT_EQ(GitHubSlug("Привет Мир"), "привет-мир");
  EXPECT_EQ(GitHubSlug("ΑΒΓ Δ"), "αβγ-δ");
  EXPECT_EQ(GitHubSlug("日本語 テスト"), "日本語-テスト");
  EXPECT_EQ(GitHubSlug("Party 🎉 time"), "party--time");
  EXPECT_EQ(GitHubSlug("$?"), "");
  EXPECT_EQ(GitHubSlug("İstanbul"), "i\u0307stanbul");
}

TEST(HeadingSlugTest, IllFormedUtf8IsDropped) {
  // A fragment is percent-decoded before it is slugged, so its bytes can be
  // anything: whatever is not well-formed UTF-8 is dropped, overlong forms
  // ("\xC1\x81" would spell 'A') and code points above U+10FFFF included.
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"a\xFFz", "az"},         {"x\xC1\x81y", "xy"},
      {"\xC0\xA0", ""},         {"x\xF4\x90\x80\x80", "x"},
      {"x\xED\xA0\x80y", "xy"}, {"cut\xE2\x82", "cut"},
  };
  for (const auto& [bytes, slug] : cases) {
    EXPECT_EQ(GitHubSlug(bytes), slug) << ::testing::PrintToString(bytes);
  }
}

TEST(HeadingSlugTest, SluggerNumbersRepeats) {
  HeadingSlugger slugger;
  EXPECT_EQ(slugger.Next("Setup"), "setup");
  EXPECT_EQ(slugger.Next("Setup"), "setup-1");
  EXPECT_EQ(slugger.Next("Setup-1"), "setup-1-1");
  EXPECT_EQ(slugger.Next("SETUP"), "setup-2");
}

TEST(HeadingSlugTest, ExplicitIds) {
  const auto a = SplitExplicitId("Install it {#setup}");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->text, "Install it");
  EXPECT_EQ(a->id, "setup");
  EXPECT_EQ(SplitExplicitId("Wide {#wide .class key=v}")->id, "wide");
  EXPECT_EQ(SplitExplicitId("Kramdown {: #kd}")->id, "kd");
  EXPECT_FALSE(SplitExplicitId("Plain heading").has_value());
  EXPECT_FALSE(SplitExplicitId("{#x} not at the end").has_value());
  // Whitespace after the braces, as the regular expression's \s* allows.
  EXPECT_EQ(SplitExplicitId("Tabs {#tabs} \t\r\n\f")->id, "tabs");
  EXPECT_FALSE(SplitExplicitId("Vertical tab {#vt}\v").has_value());
}

TEST(HeadingSlugTest, EndsInBraces) {
  EXPECT_TRUE(EndsInBraces("A {#a}"));
  EXPECT_TRUE(EndsInBraces("A {.b} \t\n\f\r"));
  EXPECT_TRUE(EndsInBraces("}"));
  EXPECT_FALSE(EndsInBraces(""));
  EXPECT_FALSE(EndsInBraces("  "));
  EXPECT_FALSE(EndsInBraces("{#a} b"));
  EXPECT_FALSE(EndsInBraces("A {#a}\v"));
  EXPECT_EQ(WithoutAttributeList("Easy CLA {: .wide}\n"), "Easy CLA");
  EXPECT_EQ(WithoutAttributeList("No list }."), "No list }.");
}

TEST(HeadingSlugTest, DocumentAnchors) {
  const auto doc = Document::Parse(
      "d.md",
      "## $$\n\n## $?\n\n## A\n\n## A {#custom}\n\n## A\n\n"
      "<span id=\"s1\"></span> <A NAME=\"n1\"></A> <input name=\"no\">\n\n"
      "Para\n{: #kram}\n");
  const auto anchors = DocumentAnchors(*doc);
  EXPECT_THAT(anchors, ::testing::UnorderedElementsAre(
                           "", "-1", "section", "section-1", "a", "custom",
                           "a-1", "s1", "n1", "kram"));
}

// ---- settings ----

TEST(LinksSettingsTest, ErrorsPointIntoTheRulebook) {
  EXPECT_THAT(
      RulebookErrors("    internal_hosts: [docs.ok.dev, \"https://x.dev\", "
                     "\"a.dev/docs\"]\n"
                     "    internal_min: 5\n"
                     "    internal_max: 2\n"
                     "    external_min: -1\n"
                     "    image_alt: maybe\n"
                     "    colour: blue\n"),
      ElementsAre(
          "book.yaml:5:35: checks.links: internal_hosts: 'https://x.dev' is "
          "not a host name; write docs.example.com, or .example.com for a "
          "domain and all its subdomains",
          "book.yaml:5:52: checks.links: internal_hosts: 'a.dev/docs' is not "
          "a host name; write docs.example.com, or .example.com for a domain "
          "and all its subdomains",
          "book.yaml:7:19: checks.links: internal_max: must be at least "
          "internal_min (5), got 2",
          "book.yaml:8:19: checks.links: external_min: must be from 0 to "
          "100000, got -1",
          "book.yaml:9:16: checks.links: image_alt: expected true or false",
          "book.yaml:10:5: checks.links: unknown key 'colour'"));
}

TEST(LinksSettingsTest, InternalHostsMustBeStrings) {
  EXPECT_THAT(RulebookErrors("    internal_hosts: {a: b}\n"),
              ElementsAre("book.yaml:5:21: checks.links: internal_hosts: "
                          "expected a list of host names"));
  EXPECT_THAT(RulebookErrors("    internal_hosts: [[a]]\n"),
              ElementsAre("book.yaml:5:22: checks.links: internal_hosts: "
                          "expected a host name in the list"));
}

TEST(LinksSettingsTest, ValidSettingsLoad) {
  EXPECT_THAT(RulebookErrors("    internal_hosts: .proofgate.dev\n"
                             "    internal_min: 1\n    external_max: 10\n"
                             "    image_alt: false\n"),
              IsEmpty());
}

// ---- contract ----

TEST(LinksCheckTest, RunIsConstAndThreadSafe) {
  const auto check = BuildCheck("links", "{internal_min: 5, external_max: 1}");
  ASSERT_NE(check, nullptr);
  const auto doc = Document::Parse(
      "d.md", std::string(kOutline) + kMixed +
                  "[x](#nope) http://spec.dev/a [](x) [A](http://s.dev)\n");
  std::vector<Finding> expected;
  check->Run(*doc, expected);
  ASSERT_GE(expected.size(), 5u);
  std::vector<std::vector<Finding>> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results) {
    threads.emplace_back([&check, &doc, &r] {
      for (int i = 0; i < 20; ++i) {
        r.clear();
        check->Run(*doc, r);
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(Rules(r), Rules(expected));
}

TEST(LinksCheckTest, ConcurrentParsesKeepBareUrls) {
  // cmark-gfm's inline special characters live in a global table that each
  // parse used to add to and remove from; it is now filled once and only
  // read (checks/document/cmark_threads.h). Were it written per parse,
  // drafts parsed at the same time would lose bare URLs now and then.
  const auto check = BuildCheck("links", "");
  ASSERT_NE(check, nullptr);
  std::string md;
  for (int i = 0; i < 50; ++i) {
    md += "Paragraph " + std::to_string(i) + " cites https://a" +
          std::to_string(i) + ".dev/x ~~and~~ www.b.dev here.\n\n";
  }
  std::vector<int> counts(4, 0);
  std::vector<std::thread> threads;
  for (int& count : counts) {
    threads.emplace_back([&check, &md, &count] {
      for (int i = 0; i < 25; ++i) {
        count +=
            static_cast<int>(Only(RunOn(*check, md), "links/bare-url").size());
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int count : counts) EXPECT_EQ(count, 25 * 100);
}

TEST(LinksCheckTest, RegisteredWithEveryRule) {
  const CheckSpec* spec = FindCheck("links");
  ASSERT_NE(spec, nullptr);
  std::vector<std::string> ids;
  for (const RuleInfo& r : spec->rules) ids.push_back(r.id);
  EXPECT_THAT(ids, ElementsAre("links/internal-count", "links/external-count",
                               "links/empty-text", "links/bare-url",
                               "links/duplicate-target", "links/insecure",
                               "links/broken-anchor"));
}

}  // namespace
}  // namespace proofgate

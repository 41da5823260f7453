// ScanTemplating, ResolveTemplating and StripTemplating on snippets from
// the shared corpora (each cites its file), and the tag readers under them.
#include "checks/document/templating.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "checks/document/mdx_syntax.h"
#include "checks/document/template_tags.h"

namespace proofgate {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// The non-prose text of `text`, one string per span.
std::vector<std::string> NonProse(const std::string& text, Templating dialect) {
  std::vector<std::string> out;
  for (const TemplateSpan& s : ScanTemplating(text, 0, dialect).non_prose) {
    out.push_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

// "kind name [label] parent" for each scope, and the scope's text.
struct ScopeView {
  std::string summary;
  std::string text;
};
std::vector<ScopeView> Scopes(const std::string& text, Templating dialect) {
  std::vector<ScopeView> out;
  for (const Scope& s : ScanTemplating(text, 0, dialect).scopes) {
    out.push_back({std::string(ScopeKindName(s.kind)) + " " + s.name + " [" +
                       s.label + "] " + std::to_string(s.parent),
                   text.substr(s.begin, s.end - s.begin)});
  }
  return out;
}
std::vector<std::string> Summaries(const std::vector<ScopeView>& scopes) {
  std::vector<std::string> out;
  for (const ScopeView& s : scopes) out.push_back(s.summary);
  return out;
}

// ------------------------------------------------------------------ Hugo

// opentelemetry-docs/docs/collector/install/docker.md, lines 10-24.
const char kDockerTabs[] =
    "{{< tabpane text=true >}} {{% tab DockerHub %}}\n"
    "\n"
    "```sh\n"
    "docker pull otel/opentelemetry-collector:{{% param vers %}}\n"
    "```\n"
    "\n"
    "{{% /tab %}} {{% tab ghcr.io %}}\n"
    "\n"
    "```sh\n"
    "docker pull ghcr.io/open-telemetry/opentelemetry-collector-releases/"
    "opentelemetry-collector:{{% param vers %}}\n"
    "```\n"
    "\n"
    "{{% /tab %}} {{< /tabpane >}}\n";

TEST(TemplatingTest, HugoTabpaneAndTabsAreScopes) {
  const auto scopes = Scopes(kDockerTabs, Templating::kHugo);
  EXPECT_THAT(Summaries(scopes),
              ElementsAre("tab-set tabpane [] -1", "tab tab [DockerHub] 0",
                          "tab tab [ghcr.io] 0"));
  EXPECT_TRUE(scopes[1].text.starts_with("{{% tab DockerHub %}}"));
  EXPECT_TRUE(scopes[1].text.ends_with("{{% /tab %}}"));
}

TEST(TemplatingTest, HugoTagsAreNonProseButCodeIsNotScanned) {
  // The {{% param vers %}} inside the code fences is the code's own text.
  EXPECT_THAT(NonProse(kDockerTabs, Templating::kHugo),
              ElementsAre("{{< tabpane text=true >}}", "{{% tab DockerHub %}}",
                          "{{% /tab %}}", "{{% tab ghcr.io %}}", "{{% /tab %}}",
                          "{{< /tabpane >}}"));
}

TEST(TemplatingTest, HugoTabpaneWithoutTextTrueHoldsCode) {
  // Docsy's documentation ("Tabbed panes"): without text=true each tab's
  // content is shown as highlighted code.
  const std::string text =
      "{{< tabpane >}}\n"
      "{{< tab header=\"C++\" lang=\"C++\" >}}\n"
      "#include <iostream>\n"
      "{{< /tab >}}\n"
      "{{< /tabpane >}}\n";
  EXPECT_THAT(NonProse(text, Templating::kHugo),
              ElementsAre("{{< tabpane >}}",
                          "{{< tab header=\"C++\" lang=\"C++\" >}}\n"
                          "#include <iostream>\n{{< /tab >}}",
                          "{{< /tabpane >}}"));
  EXPECT_THAT(Summaries(Scopes(text, Templating::kHugo)),
              ElementsAre("tab-set tabpane [] -1", "tab tab [C++] 0"));
}

TEST(TemplatingTest, HugoAlertIsAnAside) {
  // opentelemetry-docs/docs/zero-code/java/spring-boot-starter/annotations.md
  const std::string text =
      "{{% alert title=\"Note\" %}}\n"
      "\n"
      "To be able to use the OpenTelemetry annotations, you have to add the "
      "Spring Boot\n"
      "Starter AOP dependency to your project:\n"
      "\n"
      "{{% /alert %}}\n";
  EXPECT_THAT(Summaries(Scopes(text, Templating::kHugo)),
              ElementsAre("aside alert [Note] -1"));
}

TEST(TemplatingTest, HugoCommentShortcodeHidesItsContent) {
  // opentelemetry-docs/blog/2026/kubecon-eu.md, lines 228-238.
  const std::string text =
      "{{< comment >}}\n\n## OpenTelemetry Observatory\n\nTODO\n\n"
      "{{< /comment >}}\n\n## Join us\n";
  EXPECT_THAT(NonProse(text, Templating::kHugo),
              ElementsAre(text.substr(0, text.find("\n\n## Join"))));
}

TEST(TemplatingTest, HugoShortcodeArgumentsAreNotProse) {
  // kubernetes-contributor-site/blog/2021/improve-with-mermaid-diagrams/
  // mermaid-diagrams.md, line 62.
  const std::string text =
      "{{< figure src=\"/blog/2021/improve-with-mermaid-diagrams/"
      "ingress-figure.svg\" link=\"https://kubernetes.io/docs/concepts/"
      "services-networking/ingress/#what-is-ingress\" >}}\n";
  EXPECT_THAT(NonProse(text, Templating::kHugo),
              ElementsAre(text.substr(0, text.size() - 1)));
  EXPECT_THAT(Scopes(text, Templating::kHugo), IsEmpty());
}

TEST(TemplatingTest, EscapedShortcodeIsNonProse) {
  const auto tag = ReadHugoShortcode("{{</* tabpane */>}} x", 0, 1000);
  ASSERT_TRUE(tag.has_value());
  EXPECT_EQ(tag->end, 19u);
  EXPECT_EQ(tag->name, "");
}

TEST(TemplatingTest, UnclosedShortcodeIsText) {
  EXPECT_FALSE(ReadHugoShortcode("{{< tabpane text=true", 0, 1000));
  EXPECT_THAT(NonProse("Use {{< to open.\n", Templating::kHugo), IsEmpty());
}

// ---------------------------------------------------------------- Liquid

TEST(TemplatingTest, LiquidIncludeSpanningLines) {
  // opensearch-docs/_api-reference/index-apis/get-settings.md, lines 61-76.
  const std::string text =
      "{% capture step1_rest %}\n"
      "GET /books/_settings\n"
      "{% endcapture %}\n"
      "\n"
      "{% include code-block.html\n"
      "    rest=step1_rest\n"
      "    python=step1_python %}\n";
  // The capture is only passed to the include: it is the include's code.
  EXPECT_THAT(
      NonProse(text, Templating::kLiquid),
      ElementsAre(text.substr(0, text.find("\n\n")),
                  text.substr(text.find("{% include"),
                              text.size() - 1 - text.find("{% include"))));
}

TEST(TemplatingTest, LiquidCaptureShownWithOutputIsProse) {
  // opensearch-docs/_api-reference/index-apis/get-settings.md, lines
  // 115-144, shortened.
  const std::string text =
      "{% capture default_response %}\n"
      "\n"
      "## Example response \n"
      "\n"
      "By default, settings are returned in nested format:\n"
      "\n"
      "{% endcapture %}\n"
      "{{ default_response }}\n";
  EXPECT_THAT(NonProse(text, Templating::kLiquid),
              ElementsAre("{% capture default_response %}", "{% endcapture %}",
                          "{{ default_response }}"));
}

TEST(TemplatingTest, LiquidRawContentIsLeftAlone) {
  // opensearch-docs/_automating-configurations/api/provision-workflow.md:58.
  const std::string text =
      "The following request substitutes the expression {% raw "
      "%}`${{ openai_key }}`{% endraw %} with the value \"12345\" using a "
      "query parameter:\n";
  EXPECT_THAT(NonProse(text, Templating::kLiquid),
              ElementsAre("{% raw %}", "{% endraw %}"));
}

TEST(TemplatingTest, LiquidCommentHidesItsContent) {
  // opensearch-docs/_install-and-configure/install-opensearch/rpm.md:10-12.
  const std::string text =
      "{% comment %}\n"
      "The following liquid syntax declares a variable, major_version_mask, "
      "which is transformed into \"N.x\" where \"N\" is the major version "
      "number.\n"
      "{% endcomment %}\n";
  EXPECT_THAT(NonProse(text, Templating::kLiquid),
              ElementsAre(text.substr(0, text.size() - 1)));
}

TEST(TemplatingTest, KramdownAttributeListIsNonProse) {
  // opensearch-docs pages mark notes with a block attribute list.
  const std::string text = "Mapping a role to a user is required.\n{: .note}\n";
  EXPECT_THAT(NonProse(text, Templating::kLiquid), ElementsAre("{: .note}"));
  EXPECT_THAT(NonProse(text, Templating::kHugo), IsEmpty());
}

TEST(TemplatingTest, JekyllTabsAreScopes) {
  // jekyll-tabs (github.com/Ovski4/jekyll-tabs), its README's example.
  const std::string text =
      "{% tabs log %}\n\n{% tab log php %}\n```php\nvar_dump('x');\n```\n"
      "{% endtab %}\n\n{% tab log js %}\n```js\nconsole.log('x');\n```\n"
      "{% endtab %}\n\n{% endtabs %}\n";
  EXPECT_THAT(
      Summaries(Scopes(text, Templating::kLiquid)),
      ElementsAre("tab-set tabs [] -1", "tab tab [php] 0", "tab tab [js] 0"));
}

// ------------------------------------------------------------------- MDX

// astro-docs/install-and-setup.mdx, lines 126-134 and the imports of
// astro-docs/reference/cli-reference.mdx.
const char kPackageManagerTabs[] =
    "import Since from '~/components/Since.astro';\n"
    "import PackageManagerTabs from "
    "'~/components/tabs/PackageManagerTabs.astro'\n"
    "\n"
    "<PackageManagerTabs>\n"
    "  <Fragment slot=\"npm\">\n"
    "  ```shell\n"
    "  # create a new project with an official example\n"
    "  npm create astro@latest -- --template <example-name>\n"
    "  ```\n"
    "  </Fragment>\n"
    "</PackageManagerTabs>\n";

TEST(TemplatingTest, MdxImportsAndJsxAreNonProse) {
  EXPECT_THAT(NonProse(kPackageManagerTabs, Templating::kMdx),
              ElementsAre("import Since from '~/components/Since.astro';",
                          "import PackageManagerTabs from "
                          "'~/components/tabs/PackageManagerTabs.astro'",
                          "<PackageManagerTabs>", "<Fragment slot=\"npm\">",
                          "</Fragment>", "</PackageManagerTabs>"));
}

TEST(TemplatingTest, MdxTabComponentChildrenAreTabs) {
  EXPECT_THAT(
      Summaries(Scopes(kPackageManagerTabs, Templating::kMdx)),
      ElementsAre("tab-set PackageManagerTabs [] -1", "tab Fragment [npm] 0"));
}

TEST(TemplatingTest, MdxMultiLineImportAndSelfClosingElement) {
  // An import list over several lines, in the form of the samples of
  // astro-docs/reference/modules/astro-actions.mdx, and the <LinkCard> of
  // astro-docs/astro-courses.mdx, lines 25-29.
  const std::string text =
      "import {\n  Tabs,\n  TabItem,\n} from '@astrojs/starlight/components';\n"
      "\n"
      "<LinkCard\n"
      "  title=\"Learn Astro with Coding in Public\"\n"
      "  href=\"https://learnastro.dev/?code=ASTRO_PROMO\"\n"
      "  description=\"A premium interactive course with 150+ video lessons "
      "that teaches you how to use Astro’s built-in tooling and features.\"\n"
      "/>\n";
  EXPECT_THAT(
      NonProse(text, Templating::kMdx),
      ElementsAre(text.substr(0, text.find(";\n") + 1),
                  text.substr(text.find("<LinkCard"),
                              text.size() - 1 - text.find("<LinkCard"))));
}

TEST(TemplatingTest, StarlightAsideDirective) {
  // astro-docs/astro-courses.mdx, lines 19-21.
  const std::string text =
      ":::tip[Support Astro while you learn]\n"
      "Use Astro's affiliate links for discounts with our education partners "
      "and some of your purchase goes directly back to funding development "
      "of the Astro open source project!\n"
      ":::\n";
  const auto scopes = Scopes(text, Templating::kMdx);
  EXPECT_THAT(Summaries(scopes),
              ElementsAre("aside tip [Support Astro while you learn] -1"));
  EXPECT_EQ(scopes[0].text, text.substr(0, text.size() - 1));
  EXPECT_THAT(NonProse(text, Templating::kMdx),
              ElementsAre(":::tip[Support Astro while you learn]", ":::"));
}

TEST(TemplatingTest, MdxExpressionsAndComments) {
  const std::string text =
      "{/* This page is generated. */}\nThe title is {frontmatter.title}.\n";
  EXPECT_THAT(
      NonProse(text, Templating::kMdx),
      ElementsAre("{/* This page is generated. */}", "{frontmatter.title}"));
}

TEST(TemplatingTest, MdxCodeSpansAndAutolinkLookalikesAreText) {
  const std::string text =
      "Use `<Image />` from `astro:assets`, see <https://astro.build>.\n";
  EXPECT_THAT(NonProse(text, Templating::kMdx), IsEmpty());
}

TEST(TemplatingTest, EscapedBracesInMdxAreText) {
  // astro-docs/reference/modules/astro-actions.mdx, line 38.
  const std::string text =
      "**Type:** <code>(\\{ accept, input, handler \\}) => <a "
      "href=\"#actionclient\">ActionClient</a></code>\n";
  // The braces open no expression; the <code> element is code.
  EXPECT_THAT(NonProse(text, Templating::kMdx),
              ElementsAre(text.substr(10, text.size() - 11)));
}

TEST(TemplatingTest, FileTreeListingIsNonProse) {
  // astro-docs/basics/project-structure.mdx uses <FileTree> for folders.
  const std::string text =
      "<FileTree>\n- public/\n  - robots.txt\n- src/\n</FileTree>\n";
  EXPECT_THAT(NonProse(text, Templating::kMdx),
              ElementsAre(text.substr(0, text.size() - 1)));
}

TEST(TemplatingTest, NoneFindsNothing) {
  EXPECT_THAT(NonProse(kDockerTabs, Templating::kNone), IsEmpty());
  EXPECT_THAT(Scopes(kPackageManagerTabs, Templating::kNone), IsEmpty());
}

// ------------------------------------------------------- hostile input

// Openers without closers, unbalanced braces and deep nesting, a few MiB
// of each: scanning ends, with a bounded number of scopes. (No clock here:
// quadratic scanning of 2 MiB would run past CTest's timeout, and speed is
// measured in bench/.)
TEST(TemplatingTest, HostileInputScansInLinearTime) {
  const size_t size = 2 << 20;
  const std::vector<std::pair<std::string, Templating>> cases = {
      {"{{< ", Templating::kHugo},
      {"{{</* x ", Templating::kHugo},
      {"{% ", Templating::kLiquid},
      {"{{ ", Templating::kLiquid},
      {"{% raw %}{% x ", Templating::kLiquid},
      {"{ ", Templating::kMdx},
      {"<a b={ ", Templating::kMdx},
      {"<a b=\"x\" ", Templating::kMdx},
      {":::note\n", Templating::kMdx},
      {"<a>", Templating::kMdx},
      {"</b>", Templating::kMdx},
  };
  for (const auto& [unit, dialect] : cases) {
    std::string text;
    while (text.size() < size) text += unit;
    text += "%}}>}}";
    const TemplateLayout layout = ScanTemplating(text, 0, dialect);
    StripTemplating(text, dialect);
    EXPECT_LE(layout.scopes.size(), 256u) << unit;
  }
}

// ------------------------------------------------------------ resolution

TEST(TemplatingTest, ResolveByExtensionAndContent) {
  EXPECT_EQ(ResolveTemplating(Templating::kAuto, "docs/a.mdx", "text"),
            Templating::kMdx);
  EXPECT_EQ(ResolveTemplating(Templating::kAuto, "a.md",
                              "\nimport Tabs from '@theme/Tabs';\n"),
            Templating::kMdx);
  EXPECT_EQ(ResolveTemplating(Templating::kAuto, "a.md", kDockerTabs),
            Templating::kHugo);
  EXPECT_EQ(ResolveTemplating(Templating::kAuto, "a.md",
                              "See [x]({{site.url}}{{site.baseurl}}/a/).\n"),
            Templating::kLiquid);
  EXPECT_EQ(ResolveTemplating(Templating::kAuto, "a.md", "Plain text.\n"),
            Templating::kNone);
  // opensearch-docs/_search-plugins/search-relevance/
  // search-configurations.md, line 55: Mustache in code on a Liquid page.
  EXPECT_EQ(ResolveTemplating(Templating::kAuto, "a.md",
                              "- {% raw %}`{{<field_name>}}`{% endraw %}: Any "
                              "custom field from the query set entry\n"),
            Templating::kLiquid);
  EXPECT_EQ(ResolveTemplating(Templating::kAuto, "a.md",
                              "```\n{{< tabpane >}}\n```\nText.\n"),
            Templating::kNone);
  EXPECT_EQ(ResolveTemplating(Templating::kNone, "a.mdx", "x"),
            Templating::kNone);
  // Prose that starts with the word is not a module statement.
  EXPECT_EQ(ResolveTemplating(Templating::kAuto, "a.md", "important text\n"),
            Templating::kNone);
}

TEST(TemplatingTest, NamesRoundTrip) {
  for (Templating t :
       {Templating::kAuto, Templating::kHugo, Templating::kLiquid,
        Templating::kMdx, Templating::kNone}) {
    EXPECT_EQ(ParseTemplatingName(TemplatingName(t)), t);
  }
  EXPECT_FALSE(ParseTemplatingName("jinja").has_value());
}

TEST(TemplatingTest, StripTemplatingFromHeadingText) {
  // opentelemetry-docs/ecosystem/_includes/keep-up-to-date.md, line 4.
  EXPECT_EQ(StripTemplating("Keeping {{ $1 }} information current "
                            "{#keeping-up-to-date}",
                            Templating::kHugo),
            "Keeping information current {#keeping-up-to-date}");
  EXPECT_EQ(StripTemplating("Use  two  spaces", Templating::kHugo),
            "Use  two  spaces");
}

TEST(TemplatingTest, TagArguments) {
  EXPECT_EQ(TagArgument("header=\"Java\" lang=java", "header", 0), "Java");
  EXPECT_EQ(TagArgument("\"Gradle\"", "header", 0), "Gradle");
  EXPECT_EQ(TagArgument("log php", "", 1), "php");
  EXPECT_EQ(TagArgument("text=true persist=lang", "text", -1), "true");
  EXPECT_EQ(TagArgument("", "text", -1), "");
}

TEST(TemplatingTest, DirectiveLines) {
  EXPECT_TRUE(ReadDirectiveLine(":::")->closing);
  EXPECT_EQ(ReadDirectiveLine(":::caution")->name, "caution");
  EXPECT_EQ(ReadDirectiveLine(":::tip[Did you know?]")->label, "Did you know?");
  // docfx's one-line image extension (powershell-docs) is not a container.
  EXPECT_FALSE(ReadDirectiveLine(
      ":::image type=\"content\" source=\"x.png\" alt-text=\"y\":::"));
  EXPECT_FALSE(ReadDirectiveLine("::not three"));
}

}  // namespace
}  // namespace proofgate

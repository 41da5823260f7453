// Document::Parse on templated drafts: templating stays out of headings,
// links, prose and sentences, source ranges stay exact, and tabs, details
// and asides become scopes. Snippets are from the shared corpora (each
// cites its file).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "checks/document/document.h"

namespace proofgate {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::unique_ptr<Document> Parse(const std::string& path, std::string text,
                                Templating templating = Templating::kAuto) {
  ParseOptions options;
  options.templating = templating;
  return Document::Parse(path, std::move(text), options);
}

std::vector<std::string> HeadingTexts(const Document& doc) {
  std::vector<std::string> out;
  for (const Heading& h : doc.headings()) out.push_back(h.visible_text);
  return out;
}

std::vector<std::string> SentenceTexts(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences()) out.push_back(s.text);
  return out;
}

// opentelemetry-docs/docs/collector/install/docker.md, lines 7-24 (the
// code samples shortened).
const char kDocker[] =
    "The following commands pull a Docker image and run the Collector in a "
    "container.\n"
    "\n"
    "{{< tabpane text=true >}} {{% tab DockerHub %}}\n"
    "\n"
    "```sh\n"
    "docker pull otel/opentelemetry-collector:{{% param vers %}}\n"
    "```\n"
    "\n"
    "{{% /tab %}} {{% tab ghcr.io %}}\n"
    "\n"
    "```sh\n"
    "docker pull ghcr.io/open-telemetry/opentelemetry-collector:{{% param "
    "vers %}}\n"
    "```\n"
    "\n"
    "{{% /tab %}} {{< /tabpane >}}\n";

TEST(DocumentTemplatingTest, ShortcodeLinesAreNotProse) {
  const auto doc = Parse("docker.md", kDocker);
  EXPECT_EQ(doc->templating(), Templating::kHugo);
  EXPECT_THAT(SentenceTexts(*doc),
              ElementsAre("The following commands pull a Docker image and "
                          "run the Collector in a container."));
  ASSERT_EQ(doc->scopes().size(), 3u);
  EXPECT_EQ(doc->scopes()[1].kind, ScopeKind::kTab);
  EXPECT_EQ(doc->scopes()[1].label, "DockerHub");
  EXPECT_EQ(doc->scopes()[1].range, (SourceRange{3, 27, 9, 13}));
  EXPECT_EQ(doc->scopes()[2].parent, 0);
}

TEST(DocumentTemplatingTest, TemplatingOffLeavesTagsAsText) {
  const auto doc = Parse("docker.md", kDocker, Templating::kNone);
  EXPECT_EQ(doc->templating(), Templating::kNone);
  EXPECT_THAT(doc->scopes(), IsEmpty());
  EXPECT_EQ(SentenceTexts(*doc).size(), 4u);  // the tag lines are text
}

TEST(DocumentTemplatingTest, HeadingsInsideTabsKnowTheirScope) {
  // The form of opentelemetry-docs/docs/languages/java/intro.md, lines
  // 135-155, with a heading in each tab.
  const auto doc = Parse("intro.md",
                         "## Install\n"
                         "\n"
                         "{{< tabpane text=true >}} {{% tab \"Gradle\" %}}\n"
                         "\n"
                         "### Dependencies\n"
                         "\n"
                         "{{% /tab %}} {{% tab Maven %}}\n"
                         "\n"
                         "### Dependencies\n"
                         "\n"
                         "{{% /tab %}} {{< /tabpane >}}\n");
  ASSERT_EQ(doc->headings().size(), 3u);
  EXPECT_EQ(doc->headings()[0].scope, -1);
  const int gradle = doc->headings()[1].scope;
  const int maven = doc->headings()[2].scope;
  ASSERT_GE(gradle, 0);
  ASSERT_GE(maven, 0);
  EXPECT_NE(gradle, maven);
  EXPECT_EQ(doc->scopes()[gradle].label, "Gradle");
  EXPECT_EQ(doc->EnclosingScope(maven, ScopeKind::kTabSet),
            doc->scopes()[maven].parent);
  EXPECT_EQ(doc->EnclosingScope(maven, ScopeKind::kAside), -1);
}

TEST(DocumentTemplatingTest, InlineTemplatingIsCutFromSentences) {
  // opensearch-docs/_automating-configurations/api/provision-workflow.md:58.
  const std::string text =
      "The following request substitutes the expression {% raw "
      "%}`${{ openai_key }}`{% endraw %} with the value \"12345\" using a "
      "query parameter:\n";
  const auto doc = Parse("provision-workflow.md", text);
  EXPECT_EQ(doc->templating(), Templating::kLiquid);
  ASSERT_EQ(doc->blocks().size(), 1u);
  const ProseBlock& block = doc->blocks()[0];
  // The blank before and the blank after the cut both stay, as around a
  // code span.
  EXPECT_EQ(block.text,
            "The following request substitutes the expression  with the "
            "value \"12345\" using a query parameter:");
  // "with" is still found where it is in the file.
  const size_t with = block.text.find("with");
  const SourceRange range = doc->Locate(block, with, with + 4);
  EXPECT_EQ(range.column, static_cast<int>(text.find(" with ") + 2));
  EXPECT_EQ(range.end_column, range.column + 4);
}

TEST(DocumentTemplatingTest, HeadingTextLeavesTemplatingOut) {
  // opentelemetry-docs/ecosystem/_includes/keep-up-to-date.md, line 4.
  const auto doc =
      Parse("keep-up-to-date.md",
            "## Keeping {{ $1 }} information current {#keeping-up-to-date}\n");
  EXPECT_THAT(HeadingTexts(*doc), ElementsAre("Keeping information current "
                                              "{#keeping-up-to-date}"));
}

TEST(DocumentTemplatingTest, CodeInHeadingsIsKept) {
  // astro-docs/reference/modules/astro-assets.mdx, line 35.
  const auto doc = Parse("astro-assets.mdx", "### `<Image />`\n");
  EXPECT_THAT(HeadingTexts(*doc), ElementsAre("<Image />"));
}

TEST(DocumentTemplatingTest, HeadingThatIsOnlyTemplatingKeepsItsText) {
  const auto doc = Parse("page.md", "## {{% param title %}}\n");
  EXPECT_THAT(HeadingTexts(*doc), ElementsAre("{{% param title %}}"));
}

TEST(DocumentTemplatingTest, LinksInShortcodeArgumentsAreNotLinks) {
  // kubernetes-contributor-site/blog/2021/improve-with-mermaid-diagrams/
  // mermaid-diagrams.md, lines 60-62.
  const auto doc =
      Parse("mermaid-diagrams.md",
            "The first diagram is shown in [What is "
            "Ingress?](https://kubernetes.io/docs/concepts/services-networking/"
            "ingress/#what-is-ingress)\n"
            "\n"
            "{{< figure src=\"/blog/2021/improve-with-mermaid-diagrams/"
            "ingress-figure.svg\" link=\"https://kubernetes.io/docs/concepts/"
            "services-networking/ingress/#what-is-ingress\" >}}\n");
  ASSERT_EQ(doc->links().size(), 1u);
  EXPECT_EQ(doc->links()[0].text, "What is Ingress?");
  EXPECT_EQ(doc->links()[0].block, 0u);
}

TEST(DocumentTemplatingTest, HeadingsInCommentShortcodeAreDropped) {
  // opentelemetry-docs/blog/2026/kubecon-eu.md, lines 228-240.
  const auto doc = Parse("kubecon-eu.md",
                         "{{< comment >}}\n\n## OpenTelemetry Observatory\n\n"
                         "TODO\n\n## OpenTelemetry Community Awards\n\nTODO\n\n"
                         "{{< /comment >}}\n\n## Join us\n");
  EXPECT_THAT(HeadingTexts(*doc), ElementsAre("Join us"));
  EXPECT_THAT(SentenceTexts(*doc), IsEmpty());
}

// Hugo replaces a {{< tabpane >}} with everything in it before it parses
// the page's Markdown, so code fences at column 0 inside a tabpane that
// sits in a list item do not end the item: the indented heading after it
// is the item's heading, as the site shows it (opentelemetry-docs/docs/
// demo/docker-deployment.md, lines 33-51, the commands shortened).
TEST(DocumentTemplatingTest, OutdentedFenceInShortcodeKeepsTheListItem) {
  const std::string text =
      "1.  Start the demo:\n\n"
      "    {{< tabpane text=true >}} {{% tab Make %}}\n\n"
      "```shell\nmake start\n```\n\n"
      "    {{% /tab %}} {{% tab Docker %}}\n\n"
      "~~~~shell\ndocker compose up\n~~~\n~~~~\n\n"
      "    {{% /tab %}} {{< /tabpane >}}\n\n"
      "    ### Run in minimal mode\n\n"
      "    If you have limited resources, start it without Kafka.\n";
  const auto doc = Parse("docker-deployment.md", text);
  ASSERT_THAT(HeadingTexts(*doc), ElementsAre("Run in minimal mode"));
  EXPECT_EQ(doc->headings()[0].range.line, 18);
  EXPECT_THAT(SentenceTexts(*doc),
              ElementsAre("Start the demo:",
                          "If you have limited resources, start it without "
                          "Kafka."));
  // Not in a list, a fence at column 0 is where the shortcode is: nothing
  // changes (the heading indented 4 spaces is code there, as in CommonMark).
  const auto top = Parse("top.md",
                         "{{< tabpane >}}\n```shell\nmake\n```\n"
                         "{{< /tabpane >}}\n\n## Next\n");
  EXPECT_THAT(HeadingTexts(*top), ElementsAre("Next"));
  // Without templating, the fence ends the list item, as cmark reads it.
  EXPECT_THAT(HeadingTexts(*Parse("plain.md", text, Templating::kNone)),
              IsEmpty());
}

TEST(DocumentTemplatingTest, MdxCodeInJsxChildrenMakesNoHeadings) {
  // astro-docs/install-and-setup.mdx, lines 126-135: an HTML block used to
  // swallow the fence, and the shell comment became an H1.
  const auto doc = Parse(
      "install-and-setup.mdx",
      "---\ntitle: Install Astro\n---\n"
      "import PackageManagerTabs from "
      "'~/components/tabs/PackageManagerTabs.astro'\n"
      "\n"
      "<PackageManagerTabs>\n"
      "  <Fragment slot=\"npm\">\n"
      "  ```shell\n"
      "  # create a new project with an official example\n"
      "  npm create astro@latest -- --template <example-name>\n"
      "\n"
      "  # create a new project based on a GitHub repository’s main branch\n"
      "  npm create astro@latest -- --template "
      "<github-username>/<github-repo>\n"
      "  ```\n"
      "  </Fragment>\n"
      "</PackageManagerTabs>\n");
  EXPECT_EQ(doc->templating(), Templating::kMdx);
  EXPECT_THAT(doc->headings(), IsEmpty());
  EXPECT_THAT(doc->blocks(), IsEmpty());
  ASSERT_EQ(doc->scopes().size(), 2u);
  EXPECT_EQ(doc->scopes()[1].label, "npm");
}

TEST(DocumentTemplatingTest, StarlightAsideIsAScopeAndItsMarkerNotProse) {
  // astro-docs/guides/images.mdx, lines 330-331, closed.
  const auto doc = Parse(
      "images.mdx",
      ":::note\n"
      "A single responsive image will generate multiple images of different "
      "sizes so that the browser can show the best one to your visitor.\n"
      ":::\n");
  ASSERT_EQ(doc->blocks().size(), 1u);
  EXPECT_TRUE(doc->blocks()[0].text.starts_with("A single responsive image"));
  EXPECT_EQ(doc->blocks()[0].range.line, 2);
  ASSERT_EQ(doc->scopes().size(), 1u);
  EXPECT_EQ(doc->scopes()[0].kind, ScopeKind::kAside);
  EXPECT_EQ(doc->blocks()[0].scope, 0);
}

TEST(DocumentTemplatingTest, GitHubAlertIsAnAside) {
  // powershell-docs/7.6/CimCmdlets/Register-CimIndicationEvent.md, 85-88.
  const auto doc = Parse("Register-CimIndicationEvent.md",
                         "> [!NOTE]\n"
                         "> For this example, you must run PowerShell as an "
                         "Administrator.\n"
                         "\n"
                         "### Example 2: Register the events using a query\n");
  ASSERT_EQ(doc->scopes().size(), 1u);
  EXPECT_EQ(doc->scopes()[0].name, "NOTE");
  EXPECT_EQ(doc->scopes()[0].range, (SourceRange{1, 1, 2, 65}));
  EXPECT_THAT(SentenceTexts(*doc),
              ElementsAre("For this example, you must run PowerShell as an "
                          "Administrator."));
  EXPECT_EQ(doc->sentences()[0].range, (SourceRange{2, 3, 2, 65}));
  EXPECT_EQ(doc->blocks()[0].scope, 0);
  EXPECT_EQ(doc->headings()[0].scope, -1);
}

TEST(DocumentTemplatingTest, KramdownAttributeListDoesNotJoinTheParagraph) {
  // opensearch-docs/_security/access-control/users-roles.md, 177-178.
  const auto doc =
      Parse("users-roles.md",
            "Mapping a user to only the `readonly_mode` role does not allow "
            "them to view relevant indexes or existing dashboards. Read "
            "access to indexes and dashboards requires separate "
            "permissions.\n{: .note }\n");
  EXPECT_THAT(SentenceTexts(*doc),
              ElementsAre("Mapping a user to only the   role does not allow "
                          "them to view relevant indexes or existing "
                          "dashboards.",
                          "Read access to indexes and dashboards requires "
                          "separate permissions."));
  EXPECT_EQ(doc->blocks()[0].range.end_line, 1);
}

TEST(DocumentTemplatingTest, BoldLabelOpeningAQuoteIsAnAside) {
  // opentelemetry-docs/docs/contributing/pull-requests.md, lines 568-571,
  // without the blank quote line: the label no longer runs into the
  // sentence after it.
  const auto doc = Parse(
      "pull-requests.md",
      "> **Important**\n"
      "> Do not worry too much about failing PR checks. Community members "
      "will help you\n"
      "> to get them fixed.\n");
  ASSERT_EQ(doc->scopes().size(), 1u);
  EXPECT_EQ(doc->scopes()[0].name, "IMPORTANT");
  EXPECT_THAT(SentenceTexts(*doc),
              ElementsAre("Do not worry too much about failing PR checks.",
                          "Community members will help you to get them "
                          "fixed."));
  EXPECT_EQ(doc->sentences()[0].range.line, 2);
}

TEST(DocumentTemplatingTest, BoldLabelInTheSentenceIsProse) {
  // opentelemetry-docs/blog/2023/end-user-q-and-a-03.md, line 209.
  const auto doc = Parse("end-user-q-and-a-03.md",
                         "> **Note**: some parts of OTel logs are stable.\n");
  EXPECT_THAT(doc->scopes(), IsEmpty());
  EXPECT_THAT(SentenceTexts(*doc),
              ElementsAre("Note: some parts of OTel logs are stable."));
}

TEST(DocumentTemplatingTest, JsxHeadingElementIsAHeading) {
  // astro-docs/reference/cli-reference.mdx, lines 189-205.
  const auto doc = Parse("cli-reference.mdx",
                         "## `astro dev`\n\n"
                         "<h3>Flags</h3>\n\n"
                         "<p><Since v=\"7.0.0\" /></p>\n\n"
                         "#### `--ignore-lock`\n");
  EXPECT_THAT(HeadingTexts(*doc),
              ElementsAre("astro dev", "Flags", "--ignore-lock"));
  EXPECT_EQ(doc->headings()[1].level, 3);
  EXPECT_EQ(doc->headings()[1].range, (SourceRange{3, 1, 3, 15}));
}

TEST(DocumentTemplatingTest, ImageAltTextIsHeadingText) {
  const auto doc = Parse(
      "page.md",
      "## <img src=\"/img/logos/opentelemetry.svg\" alt=\"OpenTelemetry\">\n");
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].text, "OpenTelemetry");
}

}  // namespace
}  // namespace proofgate

// Document::Parse: exact source ranges of headings, links, prose, sentences
// and comments, and the input/* findings, on small drafts written to hit
// the places where cmark-gfm's own positions are wrong or missing.
#include "checks/document/document.h"

#include <cmark-gfm.h>
#include <gtest/gtest.h>

#include <chrono>
#include <ostream>
#include <string>
#include <vector>

#include "checks/document/cmark_options.h"
#include "checks/document/markdown_text.h"

namespace proofgate {

void PrintTo(const SourceRange& r, std::ostream* os) {
  *os << r.line << ":" << r.column << "-" << r.end_line << ":" << r.end_column;
}

namespace {

using std::string_literals::operator""s;

std::unique_ptr<Document> Parse(std::string text,
                                const ParseOptions& options = {}) {
  return Document::Parse("draft.md", std::move(text), options);
}

SourceRange R(int line, int column, int end_line, int end_column) {
  return SourceRange{line, column, end_line, end_column};
}

// The file's text covered by `range`, to make failures readable.
std::string TextAt(const Document& doc, const SourceRange& range) {
  const SourceMap& map = doc.source_map();
  const size_t begin = map.OffsetOfColumn(range.line, range.column);
  const size_t end = map.OffsetOfColumn(range.end_line, range.end_column);
  return std::string(map.text().substr(begin, end - begin));
}

std::vector<std::string> Rules(const Document& doc) {
  std::vector<std::string> out;
  for (const Finding& f : doc.input_findings()) out.push_back(f.rule);
  return out;
}

// ---------------------------------------------------------------- headings

TEST(DocumentHeadingsTest, AtxRangeCoversMarkersAndClosingSequence) {
  auto doc = Parse("# Title\n\nText.\n\n## Sub ##\n\n#    Spaced   #   \n");
  ASSERT_EQ(doc->headings().size(), 3u);
  const Heading& h1 = doc->headings()[0];
  EXPECT_EQ(h1.level, 1);
  EXPECT_EQ(h1.text, "Title");
  EXPECT_FALSE(h1.setext);
  EXPECT_EQ(h1.range, R(1, 1, 1, 8));
  const Heading& h2 = doc->headings()[1];
  EXPECT_EQ(h2.level, 2);
  EXPECT_EQ(h2.text, "Sub");
  EXPECT_EQ(h2.range, R(5, 1, 5, 10));
  EXPECT_EQ(TextAt(*doc, h2.range), "## Sub ##");
  const Heading& h3 = doc->headings()[2];
  EXPECT_EQ(h3.text, "Spaced");
  // Trailing blanks are not part of the heading.
  EXPECT_EQ(h3.range, R(7, 1, 7, 16));
  EXPECT_EQ(TextAt(*doc, h3.range), "#    Spaced   #");
}

TEST(DocumentHeadingsTest, EmptyAtxHeading) {
  auto doc = Parse("#\n\n## \n");
  ASSERT_EQ(doc->headings().size(), 2u);
  EXPECT_EQ(doc->headings()[0].text, "");
  EXPECT_EQ(doc->headings()[0].range, R(1, 1, 1, 2));
  EXPECT_EQ(doc->headings()[1].text, "");
  EXPECT_EQ(doc->headings()[1].range, R(3, 1, 3, 3));
}

TEST(DocumentHeadingsTest, SetextRangeIncludesUnderline) {
  auto doc = Parse("Setext *em*\ntwo\n===\n\nSub  \n---   \n");
  ASSERT_EQ(doc->headings().size(), 2u);
  const Heading& h1 = doc->headings()[0];
  EXPECT_TRUE(h1.setext);
  EXPECT_EQ(h1.level, 1);
  EXPECT_EQ(h1.text, "Setext em two");
  EXPECT_EQ(h1.range, R(1, 1, 3, 4));
  const Heading& h2 = doc->headings()[1];
  EXPECT_TRUE(h2.setext);
  EXPECT_EQ(h2.level, 2);
  EXPECT_EQ(h2.text, "Sub");
  EXPECT_EQ(h2.range, R(5, 1, 6, 4));
}

TEST(DocumentHeadingsTest, SetextWhoseTextStartsWithHashIsStillSetext) {
  // "#foo" is not an ATX heading (no space after #): a paragraph made a
  // setext heading by its underline.
  auto doc = Parse("#foo\n===\n");
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_TRUE(doc->headings()[0].setext);
  EXPECT_EQ(doc->headings()[0].text, "#foo");
  EXPECT_EQ(doc->headings()[0].range, R(1, 1, 2, 4));
}

TEST(DocumentHeadingsTest, HeadingsInsideListsAndQuotes) {
  auto doc = Parse("- # In list\n\n> ## In quote\n\n> Quoted\n> ===\n");
  ASSERT_EQ(doc->headings().size(), 3u);
  EXPECT_FALSE(doc->headings()[0].setext);
  EXPECT_EQ(doc->headings()[0].text, "In list");
  EXPECT_EQ(doc->headings()[0].range, R(1, 3, 1, 12));
  EXPECT_FALSE(doc->headings()[1].setext);
  EXPECT_EQ(doc->headings()[1].range, R(3, 3, 3, 14));
  EXPECT_TRUE(doc->headings()[2].setext);
  EXPECT_EQ(doc->headings()[2].text, "Quoted");
  EXPECT_EQ(doc->headings()[2].range, R(5, 3, 6, 6));
}

TEST(DocumentHeadingsTest, FrontMatterIsNotMarkdown) {
  // A YAML comment is no ATX heading, and "title: x" above the closing
  // "---" is no setext heading.
  auto doc = Parse("---\n# yaml comment\ntitle: x\n---\n# Real\n\nBody\n---\n");
  ASSERT_EQ(doc->headings().size(), 2u);
  EXPECT_EQ(doc->headings()[0].text, "Real");
  EXPECT_EQ(doc->headings()[0].range, R(5, 1, 5, 7));
  // A setext heading after the front matter is one.
  EXPECT_EQ(doc->headings()[1].text, "Body");
  EXPECT_TRUE(doc->headings()[1].setext);
  EXPECT_EQ(doc->headings()[1].range, R(7, 1, 8, 4));
  EXPECT_TRUE(doc->input_findings().empty());
}

TEST(DocumentHeadingsTest, NonAsciiAndTemplatingInHeadings) {
  auto doc = Parse(
      "# Café ☕ 😀\n\n"
      "## {{< tab \"A\" >}} Setup {% include x.html %}\n\n"
      "### {{% note %}} {{ site.url }}\n");
  ASSERT_EQ(doc->headings().size(), 3u);
  EXPECT_EQ(doc->headings()[0].text, "Café ☕ 😀");
  EXPECT_EQ(doc->headings()[0].range, R(1, 1, 1, 11));
  EXPECT_EQ(doc->headings()[1].text,
            "{{< tab \"A\" >}} Setup {% include x.html %}");
  EXPECT_EQ(doc->headings()[1].range, R(3, 1, 3, 46));
  EXPECT_EQ(doc->headings()[2].text, "{{% note %}} {{ site.url }}");
  EXPECT_EQ(doc->headings()[2].range, R(5, 1, 5, 32));
}

// ------------------------------------------------------------------- links

TEST(DocumentLinksTest, InlineLink) {
  auto doc = Parse("See [the docs](https://a.com/x \"T\") now.\n");
  ASSERT_EQ(doc->links().size(), 1u);
  const Link& l = doc->links()[0];
  EXPECT_EQ(l.kind, LinkKind::kInline);
  EXPECT_EQ(l.destination, "https://a.com/x");
  EXPECT_EQ(l.title, "T");
  EXPECT_EQ(l.text, "the docs");
  EXPECT_EQ(l.range, R(1, 5, 1, 36));
  EXPECT_EQ(TextAt(*doc, l.range), "[the docs](https://a.com/x \"T\")");
}

TEST(DocumentLinksTest, InlineLinkEndsAtItsOwnParenthesis) {
  auto doc = Parse("`a` [b](c \"t)\")(d) [e](<f g>) [h](i(j)k) [`]`](m) l\n");
  ASSERT_EQ(doc->links().size(), 4u);
  EXPECT_EQ(TextAt(*doc, doc->links()[0].range), "[b](c \"t)\")");
  EXPECT_EQ(doc->links()[0].range, R(1, 5, 1, 16));
  EXPECT_EQ(doc->links()[1].destination, "f g");
  EXPECT_EQ(TextAt(*doc, doc->links()[1].range), "[e](<f g>)");
  EXPECT_EQ(doc->links()[2].destination, "i(j)k");
  EXPECT_EQ(TextAt(*doc, doc->links()[2].range), "[h](i(j)k)");
  EXPECT_EQ(doc->links()[3].kind, LinkKind::kInline);
  EXPECT_EQ(doc->links()[3].text, "]");
  EXPECT_EQ(TextAt(*doc, doc->links()[3].range), "[`]`](m)");
}

TEST(DocumentLinksTest, ReferenceLinksFullCollapsedAndShortcut) {
  auto doc = Parse(
      "A [ref][lbl] and [short] and [coll][] x.\n\n"
      "[lbl]: http://lbl.com \"T\"\n[short]: /short\n[coll]: /coll\n");
  ASSERT_EQ(doc->links().size(), 3u);
  for (const Link& l : doc->links()) EXPECT_EQ(l.kind, LinkKind::kReference);
  EXPECT_EQ(doc->links()[0].destination, "http://lbl.com");
  EXPECT_EQ(doc->links()[0].title, "T");
  EXPECT_EQ(doc->links()[0].text, "ref");
  EXPECT_EQ(doc->links()[0].range, R(1, 3, 1, 13));
  EXPECT_EQ(doc->links()[1].destination, "/short");
  EXPECT_EQ(doc->links()[1].range, R(1, 18, 1, 25));
  EXPECT_EQ(doc->links()[2].destination, "/coll");
  EXPECT_EQ(doc->links()[2].range, R(1, 30, 1, 38));
  EXPECT_EQ(TextAt(*doc, doc->links()[2].range), "[coll][]");
}

TEST(DocumentLinksTest, ShortcutReferenceFollowedByParenthesis) {
  // "(not a dest" is no destination: [foo] is a shortcut reference.
  auto doc = Parse("[foo](not a dest and [foo] (x) ok\n\n[foo]: /f\n");
  ASSERT_EQ(doc->links().size(), 2u);
  EXPECT_EQ(doc->links()[0].kind, LinkKind::kReference);
  EXPECT_EQ(doc->links()[0].range, R(1, 1, 1, 6));
  EXPECT_EQ(doc->links()[1].kind, LinkKind::kReference);
  EXPECT_EQ(doc->links()[1].range, R(1, 22, 1, 27));
}

TEST(DocumentLinksTest, Autolinks) {
  auto doc = Parse(
      "a <https://x.com> b\n"
      "c <https://y.com/a&amp;b> <foo@bar.com> <HTTP://X.COM> d\n");
  ASSERT_EQ(doc->links().size(), 4u);
  for (const Link& l : doc->links()) EXPECT_EQ(l.kind, LinkKind::kAutolink);
  EXPECT_EQ(doc->links()[0].destination, "https://x.com");
  EXPECT_EQ(doc->links()[0].range, R(1, 3, 1, 18));
  // cmark puts autolinks on a paragraph's second line at columns counted
  // from the paragraph's start.
  EXPECT_EQ(doc->links()[1].destination, "https://y.com/a&b");
  EXPECT_EQ(doc->links()[1].range, R(2, 3, 2, 26));
  EXPECT_EQ(TextAt(*doc, doc->links()[1].range), "<https://y.com/a&amp;b>");
  EXPECT_EQ(doc->links()[2].destination, "mailto:foo@bar.com");
  EXPECT_EQ(doc->links()[2].text, "foo@bar.com");
  EXPECT_EQ(doc->links()[2].range, R(2, 27, 2, 40));
  EXPECT_EQ(doc->links()[3].range, R(2, 41, 2, 55));
}

TEST(DocumentLinksTest, BareUrlsFromTheAutolinkExtension) {
  auto doc = Parse(
      "Go to https://a.com/x?y=1. Or www.example.com (www.b.com) and "
      "foo@bar.com now.\n");
  ASSERT_EQ(doc->links().size(), 4u);
  for (const Link& l : doc->links()) EXPECT_EQ(l.kind, LinkKind::kBareUrl);
  EXPECT_EQ(doc->links()[0].destination, "https://a.com/x?y=1");
  EXPECT_EQ(doc->links()[0].range, R(1, 7, 1, 26));
  EXPECT_EQ(doc->links()[1].destination, "http://www.example.com");
  EXPECT_EQ(doc->links()[1].text, "www.example.com");
  EXPECT_EQ(doc->links()[1].range, R(1, 31, 1, 46));
  EXPECT_EQ(TextAt(*doc, doc->links()[2].range), "www.b.com");
  EXPECT_EQ(doc->links()[2].range, R(1, 48, 1, 57));
  EXPECT_EQ(doc->links()[3].destination, "mailto:foo@bar.com");
  EXPECT_EQ(doc->links()[3].range, R(1, 63, 1, 74));
}

TEST(DocumentLinksTest, BareUrlAtLineStart) {
  auto doc = Parse("www.a.com x\nhttps://b.com y\n");
  ASSERT_EQ(doc->links().size(), 2u);
  EXPECT_EQ(doc->links()[0].kind, LinkKind::kBareUrl);
  EXPECT_EQ(doc->links()[0].range, R(1, 1, 1, 10));
  EXPECT_EQ(doc->links()[1].kind, LinkKind::kBareUrl);
  EXPECT_EQ(doc->links()[1].range, R(2, 1, 2, 14));
}

TEST(DocumentLinksTest, Images) {
  auto doc = Parse(
      "![alt *text*](i.png \"T\") and ![ref][img] and "
      "[![badge](b.svg)](https://ci)\n\n[img]: /i.png\n");
  ASSERT_EQ(doc->links().size(), 4u);
  EXPECT_EQ(doc->links()[0].kind, LinkKind::kImage);
  EXPECT_EQ(doc->links()[0].text, "alt text");
  EXPECT_EQ(doc->links()[0].destination, "i.png");
  EXPECT_EQ(doc->links()[0].title, "T");
  EXPECT_EQ(doc->links()[0].range, R(1, 1, 1, 25));
  EXPECT_EQ(doc->links()[1].kind, LinkKind::kImage);
  EXPECT_EQ(doc->links()[1].destination, "/i.png");
  EXPECT_EQ(TextAt(*doc, doc->links()[1].range), "![ref][img]");
  // A link around an image: the link first, then the image inside it.
  EXPECT_EQ(doc->links()[2].kind, LinkKind::kInline);
  EXPECT_EQ(doc->links()[2].destination, "https://ci");
  EXPECT_EQ(TextAt(*doc, doc->links()[2].range),
            "[![badge](b.svg)](https://ci)");
  EXPECT_EQ(doc->links()[3].kind, LinkKind::kImage);
  EXPECT_EQ(TextAt(*doc, doc->links()[3].range), "![badge](b.svg)");
  EXPECT_EQ(doc->links()[3].range, R(1, 47, 1, 62));
}

TEST(DocumentLinksTest, LinksOnContinuationLinesInsideQuotes) {
  auto doc = Parse(
      "> quote line one\n"
      "> line two [link](http://a.com) and\n"
      "> three ![img](i.png) end <https://x.com> and https://bare.com ok.\n");
  ASSERT_EQ(doc->links().size(), 4u);
  EXPECT_EQ(doc->links()[0].range, R(2, 12, 2, 32));
  EXPECT_EQ(doc->links()[1].kind, LinkKind::kImage);
  EXPECT_EQ(doc->links()[1].range, R(3, 9, 3, 22));
  EXPECT_EQ(doc->links()[2].kind, LinkKind::kAutolink);
  EXPECT_EQ(doc->links()[2].range, R(3, 27, 3, 42));
  EXPECT_EQ(doc->links()[3].kind, LinkKind::kBareUrl);
  EXPECT_EQ(doc->links()[3].range, R(3, 47, 3, 63));
}

TEST(DocumentLinksTest, LinksWhereCmarkColumnsDrift) {
  // Continuation lines indented unlike the paragraph's first line: cmark
  // reports every one of these links at the wrong column.
  auto doc = Parse(
      "> a\nb [x](y) c\n\n"        // lazy continuation: line 2
      "-\ta\n\tb [x](y) c\n\n"     // tabs: line 5
      "> a\n  > b [x](y) c\n\n"    // marker indented: line 8
      "* a\n      b [x](y) c\n\n"  // deeper indent: line 11
      "> > a\n> > b [x](y) c\n\n"  // nested quotes: line 14
      "- i <https://v.com> j\n"    // autolinks in a list: lines 16-17
      "  k <https://u.com> l [m](n) o\n");
  ASSERT_EQ(doc->links().size(), 8u);
  EXPECT_EQ(doc->links()[0].range, R(2, 3, 2, 9));
  EXPECT_EQ(doc->links()[1].range, R(5, 4, 5, 10));
  EXPECT_EQ(doc->links()[2].range, R(8, 7, 8, 13));
  EXPECT_EQ(doc->links()[3].range, R(11, 9, 11, 15));
  EXPECT_EQ(doc->links()[4].range, R(14, 7, 14, 13));
  EXPECT_EQ(doc->links()[5].kind, LinkKind::kAutolink);
  EXPECT_EQ(doc->links()[5].range, R(16, 5, 16, 20));
  EXPECT_EQ(doc->links()[6].kind, LinkKind::kAutolink);
  EXPECT_EQ(doc->links()[6].range, R(17, 5, 17, 20));
  EXPECT_EQ(doc->links()[7].range, R(17, 23, 17, 29));
  for (const Link& l : doc->links()) {
    if (l.kind == LinkKind::kInline) {
      EXPECT_EQ(TextAt(*doc, l.range),
                "[" + l.text + "](" + l.destination + ")");
    }
  }
}

TEST(DocumentLinksTest, LinkSpanningLines) {
  // cmark starts a link that spans lines on its last line, at the column of
  // its real start; here that column of line 2 holds another '['.
  auto doc = Parse(
      "to use the API to [record\nmeasurements][17],[x][18], after\n\n"
      "[17]: /a\n[18]: /b\n");
  ASSERT_EQ(doc->links().size(), 2u);
  EXPECT_EQ(doc->links()[0].text, "record measurements");
  EXPECT_EQ(doc->links()[0].kind, LinkKind::kReference);
  EXPECT_EQ(doc->links()[0].range, R(1, 19, 2, 18));
  EXPECT_EQ(doc->links()[1].text, "x");
  EXPECT_EQ(doc->links()[1].range, R(2, 19, 2, 26));
  EXPECT_EQ(doc->blocks()[0].text,
            "to use the API to record measurements,x, after");
}

TEST(DocumentLinksTest, ColumnsCountCodePointsNotBytes) {
  auto doc = Parse("Été café [lien](http://é.fr) ok\n😀 ☕ <https://x.y> z\n");
  ASSERT_EQ(doc->links().size(), 2u);
  EXPECT_EQ(doc->links()[0].range, R(1, 10, 1, 29));
  EXPECT_EQ(doc->links()[0].destination, "http://é.fr");
  EXPECT_EQ(doc->links()[1].range, R(2, 5, 2, 18));
}

TEST(DocumentLinksTest, LinksInTableCells) {
  auto doc = Parse(
      "| a | b [l](u) |\n|---|---|\n| c `d` | é [m](v) |\n"
      " `x` | [n](w)\n");
  ASSERT_EQ(doc->links().size(), 3u);
  EXPECT_EQ(doc->links()[0].range, R(1, 9, 1, 15));
  EXPECT_EQ(doc->links()[1].range, R(3, 13, 3, 19));
  // A row indented unlike the first: cmark-gfm's cells are off by one.
  EXPECT_EQ(doc->links()[2].range, R(4, 8, 4, 14));
}

TEST(DocumentLinksTest, TableInsideAQuote) {
  auto doc = Parse("> | g | h |\n> |---|---|\n>  | [i](j) | k |\n");
  ASSERT_EQ(doc->links().size(), 1u);
  EXPECT_EQ(doc->links()[0].range, R(3, 6, 3, 12));
  ASSERT_EQ(doc->blocks().size(), 4u);
  EXPECT_EQ(doc->blocks()[3].text, "k");
  EXPECT_EQ(doc->blocks()[3].range, R(3, 15, 3, 16));
}

TEST(DocumentLinksTest, AfterHardLineBreaks) {
  // cmark puts the text after a backslash line break on the wrong line.
  auto doc = Parse("x  \ny\\\nz [w](v) q.\n");
  ASSERT_EQ(doc->links().size(), 1u);
  EXPECT_EQ(doc->links()[0].range, R(3, 3, 3, 9));
  ASSERT_EQ(doc->sentences().size(), 1u);
  EXPECT_EQ(doc->sentences()[0].text, "x y z w q.");
  EXPECT_EQ(doc->sentences()[0].range, R(1, 1, 3, 12));
}

TEST(DocumentLinksTest, EscapesAndFootnotesBeforeLinks) {
  auto doc = Parse(
      "\\[not a link\\] [x](y) Text[^1] [z](w) &#91; [v](u)\n\n"
      "[^1]: Note [n](m).\n");
  ASSERT_EQ(doc->links().size(), 4u);
  EXPECT_EQ(doc->links()[0].range, R(1, 16, 1, 22));
  EXPECT_EQ(doc->links()[1].range, R(1, 32, 1, 38));
  EXPECT_EQ(doc->links()[2].range, R(1, 45, 1, 51));
  EXPECT_EQ(doc->links()[3].range, R(3, 12, 3, 18));
}

TEST(DocumentLinksTest, CrlfFile) {
  auto doc =
      Parse("Line one\r\nSee [x](y) ok.\r\n\r\n# H\r\n> a\r\n> b <ab:c>\r\n");
  ASSERT_EQ(doc->links().size(), 2u);
  EXPECT_EQ(doc->links()[0].range, R(2, 5, 2, 11));
  EXPECT_EQ(doc->links()[1].kind, LinkKind::kAutolink);
  EXPECT_EQ(doc->links()[1].range, R(6, 5, 6, 11));
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range, R(4, 1, 4, 4));
}

TEST(DocumentLinksTest, ByteOrderMarkIsNotAColumn) {
  auto doc = Parse("\xEF\xBB\xBF# Title\n[x](y) é [z](w)\n");
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range, R(1, 1, 1, 8));
  ASSERT_EQ(doc->links().size(), 2u);
  EXPECT_EQ(doc->links()[0].range, R(2, 1, 2, 7));
  EXPECT_EQ(doc->links()[1].range, R(2, 10, 2, 16));
}

TEST(DocumentLinksTest, ByteOrderMarkBeforeFrontMatter) {
  auto doc = Parse("\xEF\xBB\xBF---\ntitle: T\n---\n# H [x](y)\n");
  EXPECT_TRUE(doc->front_matter().present());
  EXPECT_EQ(doc->front_matter().Find("title").text, "T");
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range, R(4, 1, 4, 11));
  ASSERT_EQ(doc->links().size(), 1u);
  EXPECT_EQ(doc->links()[0].range, R(4, 5, 4, 11));
}

TEST(DocumentLinksTest, LoneCarriageReturnLineEnds) {
  auto doc = Parse("---\rtitle: x\rdate: 2024\r---\r# T\r\rSee [a](b) ok.\r");
  EXPECT_TRUE(doc->input_findings().empty());
  EXPECT_EQ(doc->front_matter().Find("title").text, "x");
  EXPECT_EQ(doc->front_matter().Find("title").range, R(2, 8, 2, 9));
  EXPECT_EQ(doc->front_matter().Find("date").text, "2024");
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range, R(5, 1, 5, 4));
  ASSERT_EQ(doc->links().size(), 1u);
  EXPECT_EQ(doc->links()[0].range, R(7, 5, 7, 11));
}

TEST(DocumentLinksTest, FrontMatterKeepsFileLineNumbers) {
  auto doc =
      Parse("---\ntitle: \"T\"\ntags: [a, b]\n---\n\nSee [x](y).\n\n# H\n");
  ASSERT_EQ(doc->links().size(), 1u);
  EXPECT_EQ(doc->links()[0].range, R(6, 5, 6, 11));
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range, R(8, 1, 8, 4));
}

TEST(DocumentLinksTest, TemplatingNextToLinksAndHeadings) {
  const std::string text =
      "## {{< tab \"A\" >}} [Setup](setup.md) {{< /tab >}}\n\n"
      "See [a](b) {% include x.html %} and {{< tab \"A\" >}} [c](d) "
      "{{% note %}} {{ site.url }}/x [e](f).\n"
      "{{ site.url }}{{ site.baseurl }}/docs/ [g]({{site.url}}/h) "
      "https://i.com/{{ j }}\n";
  auto doc = Parse(text);
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range, R(1, 1, 1, 50));
  EXPECT_EQ(doc->headings()[0].text, "{{< tab \"A\" >}} Setup {{< /tab >}}");
  ASSERT_EQ(doc->links().size(), 6u);
  EXPECT_EQ(doc->links()[0].range, R(1, 20, 1, 37));
  EXPECT_EQ(doc->links()[1].range, R(3, 5, 3, 11));
  EXPECT_EQ(doc->links()[2].range, R(3, 53, 3, 59));
  EXPECT_EQ(doc->links()[3].range, R(3, 90, 3, 96));
  EXPECT_EQ(doc->links()[4].destination, "{{site.url}}/h");
  EXPECT_EQ(doc->links()[4].range, R(4, 40, 4, 59));
  EXPECT_EQ(doc->links()[5].kind, LinkKind::kBareUrl);
  EXPECT_EQ(doc->links()[5].destination, "https://i.com/{{");
  EXPECT_EQ(doc->links()[5].range, R(4, 60, 4, 76));
  EXPECT_EQ(TextAt(*doc, doc->links()[5].range), "https://i.com/{{");
}

// ------------------------------------------------------ prose and sentences

TEST(DocumentProseTest, ParagraphTextAndSentenceRanges) {
  auto doc = Parse("Hello *world*. Use `code` here.\n");
  ASSERT_EQ(doc->blocks().size(), 1u);
  const ProseBlock& b = doc->blocks()[0];
  EXPECT_EQ(b.kind, ProseBlock::Kind::kParagraph);
  EXPECT_EQ(b.text, "Hello world. Use   here.");
  EXPECT_EQ(b.range, R(1, 1, 1, 32));
  ASSERT_EQ(doc->sentences().size(), 2u);
  EXPECT_EQ(doc->sentences()[0].text, "Hello world.");
  EXPECT_EQ(doc->sentences()[0].block, 0u);
  EXPECT_EQ(doc->sentences()[0].begin, 0u);
  EXPECT_EQ(doc->sentences()[0].end, 12u);
  EXPECT_EQ(doc->sentences()[0].range, R(1, 1, 1, 15));
  EXPECT_EQ(doc->sentences()[1].text, "Use   here.");
  EXPECT_EQ(doc->sentences()[1].range, R(1, 16, 1, 32));
}

TEST(DocumentProseTest, SentenceEndingInsideEmphasisEndsAtItsText) {
  auto doc = Parse("**Bold.** Next one.\n");
  ASSERT_EQ(doc->sentences().size(), 2u);
  EXPECT_EQ(doc->sentences()[0].text, "Bold.");
  EXPECT_EQ(doc->sentences()[0].range, R(1, 3, 1, 8));
  EXPECT_EQ(doc->sentences()[1].text, "Next one.");
  EXPECT_EQ(doc->sentences()[1].range, R(1, 11, 1, 20));
}

TEST(DocumentProseTest, WhatIsNotProse) {
  auto doc = Parse(
      "---\ntitle: Front matter words.\n---\n"
      "Text with [link text](https://x.com) and https://bare.com and "
      "<https://auto.com> and ![alt](i.png) and <b>html</b>.\n\n"
      "```\ncode block.\n```\n\n    indented code.\n\n---\n");
  ASSERT_EQ(doc->blocks().size(), 1u);
  EXPECT_EQ(doc->blocks()[0].text,
            "Text with link text and   and   and   and  html .");
  EXPECT_EQ(doc->blocks()[0].range, R(4, 1, 4, 116));
  ASSERT_EQ(doc->sentences().size(), 1u);
  EXPECT_EQ(doc->sentences()[0].range, R(4, 1, 4, 116));
}

TEST(DocumentProseTest, HeadingsAndTableCellsAreBlocksWithoutSentences) {
  auto doc = Parse(
      "# Title. Here\n\n| Cell one. Two | b |\n|---|---|\n|  x  | é [m](v) "
      "|\n");
  ASSERT_EQ(doc->blocks().size(), 5u);
  EXPECT_EQ(doc->blocks()[0].kind, ProseBlock::Kind::kHeading);
  EXPECT_EQ(doc->blocks()[0].text, "Title. Here");
  EXPECT_EQ(doc->blocks()[0].range, R(1, 1, 1, 14));
  EXPECT_EQ(doc->blocks()[1].kind, ProseBlock::Kind::kTableCell);
  EXPECT_EQ(doc->blocks()[1].text, "Cell one. Two");
  EXPECT_EQ(doc->blocks()[1].range, R(3, 3, 3, 16));
  EXPECT_EQ(doc->blocks()[2].range, R(3, 19, 3, 20));
  EXPECT_EQ(doc->blocks()[3].text, "x");
  EXPECT_EQ(doc->blocks()[3].range, R(5, 4, 5, 5));
  EXPECT_EQ(doc->blocks()[4].text, "é m");
  EXPECT_EQ(doc->blocks()[4].range, R(5, 9, 5, 17));
  // Headings have no sentences; cells do.
  ASSERT_EQ(doc->sentences().size(), 5u);
  EXPECT_EQ(doc->sentences()[0].text, "Cell one.");
  EXPECT_EQ(doc->sentences()[0].block, 1u);
  EXPECT_EQ(doc->sentences()[0].range, R(3, 3, 3, 12));
  EXPECT_EQ(doc->sentences()[1].text, "Two");
  EXPECT_EQ(doc->sentences()[1].range, R(3, 13, 3, 16));
  EXPECT_EQ(doc->sentences()[4].text, "é m");
  EXPECT_EQ(doc->sentences()[4].range, R(5, 9, 5, 13));
}

TEST(DocumentProseTest, SentencesAcrossQuoteAndListLines) {
  auto doc = Parse(
      "> First line of a\n> quote. Second\n> one here.\n\n"
      "- Item that\n  goes on. Done\n");
  ASSERT_EQ(doc->sentences().size(), 4u);
  EXPECT_EQ(doc->sentences()[0].text, "First line of a quote.");
  EXPECT_EQ(doc->sentences()[0].range, R(1, 3, 2, 9));
  EXPECT_EQ(doc->sentences()[1].text, "Second one here.");
  EXPECT_EQ(doc->sentences()[1].range, R(2, 10, 3, 12));
  EXPECT_EQ(doc->sentences()[2].text, "Item that goes on.");
  EXPECT_EQ(doc->sentences()[2].range, R(5, 3, 6, 11));
  EXPECT_EQ(doc->sentences()[3].text, "Done");
  EXPECT_EQ(doc->sentences()[3].range, R(6, 12, 6, 16));
}

TEST(DocumentProseTest, EscapesAndEntitiesMapToTheirSource) {
  auto doc = Parse("Use \\_x\\_ and &lt;tag&gt; &nbsp;ok. &ngE; z &copy;\n");
  ASSERT_EQ(doc->blocks().size(), 1u);
  EXPECT_EQ(doc->blocks()[0].text,
            "Use _x_ and <tag> \u00A0ok. \u2267\u0338 z \u00A9");
  ASSERT_EQ(doc->sentences().size(), 2u);
  EXPECT_EQ(doc->sentences()[0].range, R(1, 1, 1, 36));
  EXPECT_EQ(TextAt(*doc, doc->sentences()[0].range),
            "Use \\_x\\_ and &lt;tag&gt; &nbsp;ok.");
  EXPECT_EQ(doc->sentences()[1].range, R(1, 37, 1, 51));
  EXPECT_EQ(TextAt(*doc, doc->sentences()[1].range), "&ngE; z &copy;");
  // A word inside the text maps to its place in the file.
  const ProseBlock& b = doc->blocks()[0];
  const size_t tag = b.text.find("tag");
  EXPECT_EQ(doc->Locate(b, tag, tag + 3), R(1, 19, 1, 22));
  const size_t x = b.text.find("_x_");
  EXPECT_EQ(TextAt(*doc, doc->Locate(b, x, x + 3)), "\\_x\\_");
}

TEST(DocumentProseTest, EntitiesBackToBack) {
  // Numeric references decode to one code point (U+FFFD when invalid),
  // named ones to one or two (&ngE; is U+2267 U+0338).
  auto doc = Parse("a &ngE; b &#x2022;&emsp;&#0;&#X1F600;&#55296; c.\n");
  ASSERT_EQ(doc->blocks().size(), 1u);
  const ProseBlock& b = doc->blocks()[0];
  EXPECT_EQ(b.text, "a \u2267\u0338 b \u2022\u2003\uFFFD\U0001F600\uFFFD c.");
  ASSERT_EQ(doc->sentences().size(), 1u);
  EXPECT_EQ(doc->sentences()[0].range, R(1, 1, 1, 49));
  const size_t emoji = b.text.find("\U0001F600");
  EXPECT_EQ(doc->Locate(b, emoji, emoji + 4), R(1, 29, 1, 38));
  const size_t bullet = b.text.find("\u2022");
  EXPECT_EQ(doc->Locate(b, bullet, bullet + 3), R(1, 11, 1, 19));
  const size_t c = b.text.find(" c");
  EXPECT_EQ(doc->Locate(b, c + 1, c + 2), R(1, 47, 1, 48));
}

TEST(DocumentProseTest, ReferencesAfterLongPlainRuns) {
  // Plain text is matched against the file eight bytes at a time: an '&'
  // or an escape at any place in such a run still maps back exactly.
  for (size_t pad = 0; pad < 17; ++pad) {
    const std::string run(pad, 'x');
    auto doc = Parse(run + "&amp;" + run + "\\*y " + run + "&copy;z far.\n");
    ASSERT_EQ(doc->blocks().size(), 1u) << pad;
    const ProseBlock& b = doc->blocks()[0];
    EXPECT_EQ(b.text, run + "&" + run + "*y " + run + "\u00A9z far.") << pad;
    const int far = static_cast<int>(3 * pad + 18);
    const size_t at = b.text.find("far");
    EXPECT_EQ(doc->Locate(b, at, at + 3), R(1, far, 1, far + 3)) << pad;
    const size_t star = b.text.find('*');
    EXPECT_EQ(TextAt(*doc, doc->Locate(b, star, star + 1)), "\\*") << pad;
  }
}

TEST(DocumentProseTest, LocateWordsAroundLinksAndNonAscii) {
  auto doc = Parse("> a\n> Été [les docs](u) ici, `c` fin.\n");
  ASSERT_EQ(doc->blocks().size(), 1u);
  const ProseBlock& b = doc->blocks()[0];
  EXPECT_EQ(b.text, "a Été les docs ici,   fin.");
  const size_t docs = b.text.find("docs");
  EXPECT_EQ(doc->Locate(b, docs, docs + 4), R(2, 12, 2, 16));
  const size_t ici = b.text.find("ici");
  EXPECT_EQ(doc->Locate(b, ici, ici + 3), R(2, 21, 2, 24));
  const size_t fin = b.text.find("fin");
  EXPECT_EQ(doc->Locate(b, fin, fin + 4), R(2, 30, 2, 34));
  // Across the soft break: "a Été" is 7 bytes.
  EXPECT_EQ(doc->Locate(b, 0, 7), R(1, 3, 2, 6));
  EXPECT_EQ(doc->Locate(b, 0, 5), R(1, 3, 2, 5));
  // The whole text.
  EXPECT_EQ(doc->Locate(b, 0, b.text.size()), R(1, 3, 2, 34));
}

// ---------------------------------------------------------------- comments

TEST(DocumentCommentsTest, BlockAndInlineComments) {
  auto doc = Parse(
      "<!-- proofgate-disable prohibited reason=\"quoted from customer\" -->\n"
      "\n"
      "A <!-- inline --> b [c](d).\n\n"
      "<!-- one --> <!-- two -->\n\n"
      "<!--\nmulti\nline -->\n\n"
      "```\n<!-- in code -->\n```\n\n"
      "Text `<!-- in span -->`.\n");
  ASSERT_EQ(doc->comments().size(), 5u);
  EXPECT_EQ(doc->comments()[0].text,
            " proofgate-disable prohibited reason=\"quoted from customer\" ");
  EXPECT_EQ(doc->comments()[0].range, R(1, 1, 1, 68));
  EXPECT_EQ(doc->comments()[1].text, " inline ");
  EXPECT_EQ(doc->comments()[1].range, R(3, 3, 3, 18));
  EXPECT_EQ(doc->comments()[2].text, " one ");
  EXPECT_EQ(doc->comments()[2].range, R(5, 1, 5, 13));
  EXPECT_EQ(doc->comments()[3].text, " two ");
  EXPECT_EQ(doc->comments()[3].range, R(5, 14, 5, 26));
  EXPECT_EQ(doc->comments()[4].text, "\nmulti\nline ");
  EXPECT_EQ(doc->comments()[4].range, R(7, 1, 9, 9));
  // The inline comment is not prose; the link after it is placed.
  ASSERT_EQ(doc->links().size(), 1u);
  EXPECT_EQ(doc->links()[0].range, R(3, 21, 3, 27));
  EXPECT_EQ(doc->blocks()[0].text, "A   b c.");
}

TEST(DocumentCommentsTest, CommentsInsideQuotes) {
  auto doc = Parse(
      "> <!-- proofgate-disable x reason=\"y\" -->\n\n"
      "> Text <!-- a\n> b --> end.\n\n"
      "> <!--\n> multi\n> -->\n");
  ASSERT_EQ(doc->comments().size(), 3u);
  EXPECT_EQ(doc->comments()[0].text, " proofgate-disable x reason=\"y\" ");
  EXPECT_EQ(doc->comments()[0].range, R(1, 3, 1, 42));
  EXPECT_EQ(doc->comments()[1].text, " a\nb ");
  EXPECT_EQ(doc->comments()[1].range, R(3, 8, 4, 8));
  EXPECT_EQ(doc->comments()[2].text, "\nmulti\n");
  EXPECT_EQ(doc->comments()[2].range, R(6, 3, 8, 6));
}

// -------------------------------------------------------- Locate / Excerpt

TEST(DocumentExcerptTest, TrimsTheFirstLineOfTheRange) {
  auto doc = Parse("  # Title  \t\nnext\n");
  EXPECT_EQ(doc->Excerpt(R(1, 3, 2, 2)), "# Title");
  EXPECT_EQ(doc->Excerpt(R(2, 1, 2, 5)), "next");
  EXPECT_EQ(doc->Excerpt(R(3, 1, 3, 1)), "");  // no such line: the last
}

TEST(DocumentExcerptTest, LongLinesKeepTheRangeInView) {
  std::string line;
  for (int i = 0; i < 100; ++i) line += "w" + std::to_string(i % 10) + " ";
  // 300 bytes: "w0 w1 ... w9 w0 ..."
  auto doc = Parse(line + "\n");
  // At the start: the first max_bytes bytes.
  EXPECT_EQ(doc->Excerpt(R(1, 1, 1, 2), 20), "w0 w1 w2 w3 w4 w5 w6");
  // In the middle: from a quarter window before the column.
  EXPECT_EQ(doc->Excerpt(R(1, 151, 1, 153), 20), "8 w9 w0 w1 w2 w3 w4");
  // Near the end: the last full window, not a short tail.
  EXPECT_EQ(doc->Excerpt(R(1, 298, 1, 300), 20), "w3 w4 w5 w6 w7 w8 w9");
  EXPECT_EQ(doc->Excerpt(R(1, 1, 1, 1)).size(), 200u);
}

TEST(DocumentExcerptTest, CutsOnCodePointBoundaries) {
  std::string line;
  for (int i = 0; i < 150; ++i) line += "é€";  // 2 + 3 bytes
  auto doc = Parse(line + "\n");
  const std::string start = doc->Excerpt(R(1, 1, 1, 2), 12);
  EXPECT_EQ(start, "é€é€é");  // 12 bytes; the next € would make 15
  const std::string middle = doc->Excerpt(R(1, 101, 1, 102), 12);
  EXPECT_EQ(middle, "€é€é");
  const std::string end = doc->Excerpt(R(1, 300, 1, 301), 12);
  EXPECT_EQ(end, "é€é€");
}

// ------------------------------------------------------------------- input

TEST(DocumentInputTest, CleanDraftHasNoInputFindings) {
  auto doc = Parse("---\ntitle: T\n---\n# T\n\nText.\n");
  EXPECT_TRUE(doc->input_findings().empty());
  EXPECT_TRUE(doc->parsed());
}

TEST(DocumentInputTest, NulByte) {
  auto doc = Parse("# T\n\nab\0cd and [x](y)\n"s);
  ASSERT_EQ(Rules(*doc), std::vector<std::string>{"input/nul-byte"});
  const Finding& f = doc->input_findings()[0];
  EXPECT_EQ(f.severity, Severity::kError);
  EXPECT_EQ(f.confidence, 1.0);
  EXPECT_EQ(f.range, R(3, 3, 3, 3));
  // The rest is still read, cmark's U+FFFD for the NUL mapped to it.
  EXPECT_TRUE(doc->parsed());
  ASSERT_EQ(doc->headings().size(), 1u);
  ASSERT_EQ(doc->links().size(), 1u);
  EXPECT_EQ(doc->links()[0].range, R(3, 11, 3, 17));
  ASSERT_EQ(doc->sentences().size(), 1u);
  EXPECT_EQ(doc->sentences()[0].text, "ab\uFFFDcd and x");
  EXPECT_EQ(doc->sentences()[0].range, R(3, 1, 3, 13));
}

TEST(DocumentInputTest, InvalidUtf8Overlong) {
  auto doc = Parse("é\nab\xC0\xAF\n");
  ASSERT_EQ(Rules(*doc), std::vector<std::string>{"input/invalid-utf8"});
  EXPECT_EQ(doc->input_findings()[0].range, R(2, 3, 2, 3));
  EXPECT_NE(doc->input_findings()[0].message.find("offset 5"),
            std::string::npos);
}

TEST(DocumentInputTest, InvalidUtf8Surrogate) {
  auto doc = Parse("ok é\xED\xA0\x80 [x](y) z\n");
  ASSERT_EQ(Rules(*doc), std::vector<std::string>{"input/invalid-utf8"});
  EXPECT_EQ(doc->input_findings()[0].range, R(1, 5, 1, 5));
  // Columns never count continuation bytes, even stray ones: the three bad
  // bytes are one column, as cmark's one U+FFFD for them.
  ASSERT_EQ(doc->links().size(), 1u);
  EXPECT_EQ(doc->links()[0].range, R(1, 7, 1, 13));
  ASSERT_EQ(doc->sentences().size(), 1u);
  EXPECT_EQ(doc->sentences()[0].text, "ok é\uFFFD x z");
  EXPECT_EQ(doc->sentences()[0].range, R(1, 1, 1, 15));
}

TEST(DocumentInputTest, InvalidUtf8TruncatedSequence) {
  auto doc = Parse("# T\n\nprice: 5 \xE2\x82");
  ASSERT_EQ(Rules(*doc), std::vector<std::string>{"input/invalid-utf8"});
  EXPECT_EQ(doc->input_findings()[0].range, R(3, 10, 3, 10));
  ASSERT_EQ(doc->headings().size(), 1u);
}

// cmark-gfm validates UTF-8 only for a body that needs it; the text it
// reads is the same either way (the NUL and invalid-UTF-8 tests above).
TEST(DocumentInputTest, CmarkValidatesOnlyInvalidUtf8) {
  const int base = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES;
  EXPECT_EQ(CmarkOptionsFor(""), base);
  EXPECT_EQ(CmarkOptionsFor("caf\xC3\xA9 \xF0\x9F\x98\x80 ab\0cd"s), base);
  EXPECT_EQ(CmarkOptionsFor("ab\xC0\xAF"), base | CMARK_OPT_VALIDATE_UTF8);
  EXPECT_EQ(CmarkOptionsFor("ok \xED\xA0\x80"), base | CMARK_OPT_VALIDATE_UTF8);
  EXPECT_EQ(CmarkOptionsFor("5 \xE2\x82"), base | CMARK_OPT_VALIDATE_UTF8);
}

TEST(DocumentInputTest, NulAndInvalidUtf8BothReported) {
  auto doc = Parse(
      "a\xFF"
      "b\0c"s);
  EXPECT_EQ(Rules(*doc),
            (std::vector<std::string>{"input/nul-byte", "input/invalid-utf8"}));
  EXPECT_EQ(doc->input_findings()[0].range, R(1, 4, 1, 4));
  EXPECT_EQ(doc->input_findings()[1].range, R(1, 2, 1, 2));
}

TEST(DocumentInputTest, TooLargeIsNotParsed) {
  ParseOptions options;
  options.max_bytes = 16;
  const std::string text = "---\ntitle: T\n---\n# Heading [x](y)\n";
  auto doc = Document::Parse("big.md", text, options, 123456);
  ASSERT_EQ(Rules(*doc), std::vector<std::string>{"input/too-large"});
  const Finding& f = doc->input_findings()[0];
  EXPECT_EQ(f.range, R(1, 1, 1, 1));
  EXPECT_NE(f.message.find("123456 bytes"), std::string::npos);
  EXPECT_NE(f.message.find("limit of 16 bytes"), std::string::npos);
  EXPECT_FALSE(doc->parsed());
  EXPECT_EQ(doc->bytes(), text);
  EXPECT_FALSE(doc->front_matter().present());
  EXPECT_TRUE(doc->headings().empty());
  EXPECT_TRUE(doc->links().empty());
  EXPECT_TRUE(doc->blocks().empty());
  EXPECT_TRUE(doc->sentences().empty());
  EXPECT_TRUE(doc->comments().empty());
  // At the limit exactly: parsed.
  options.max_bytes = text.size();
  EXPECT_TRUE(Document::Parse("big.md", text, options)->parsed());
}

TEST(DocumentInputTest, TooLargeReportsTheBytesGivenWithoutFileSize) {
  ParseOptions options;
  options.max_bytes = 4;
  auto doc = Document::Parse("big.md", "12345", options);
  ASSERT_EQ(doc->input_findings().size(), 1u);
  EXPECT_NE(doc->input_findings()[0].message.find("is 5 bytes"),
            std::string::npos);
}

TEST(DocumentInputTest, FrontMatterInvalidPointsIntoTheOriginalFile) {
  // The real corpus case: powershell-docs/7.6/Microsoft.PowerShell.Core/
  // ForEach-Object.md (MicrosoftDocs/PowerShell-Docs, CC-BY-4.0), whose
  // `aliases:` list holds `- %`: a plain scalar cannot start with '%'.
  auto doc = Parse(
      "---\n"
      "external help file: System.Management.Automation.dll-Help.xml\n"
      "Locale: en-US\n"
      "Module Name: Microsoft.PowerShell.Core\n"
      "ms.date: 01/18/2026\n"
      "schema: 2.0.0\n"
      "aliases:\n"
      "  - %\n"
      "  - foreach\n"
      "title: ForEach-Object\n"
      "---\n\n# ForEach-Object\n");
  ASSERT_EQ(Rules(*doc),
            std::vector<std::string>{"input/front-matter-invalid"});
  const Finding& f = doc->input_findings()[0];
  EXPECT_EQ(f.range, R(8, 5, 8, 5));
  EXPECT_EQ(f.excerpt, "- %");
  EXPECT_NE(f.message.find("unknown token"), std::string::npos);
  EXPECT_TRUE(doc->front_matter().present());
  EXPECT_TRUE(doc->front_matter().root().IsNull());
  // The body is still read, at the right lines.
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range, R(13, 1, 13, 17));
}

TEST(DocumentInputTest, FrontMatterInvalidColumnsAreCodePoints) {
  auto doc = Parse("\xEF\xBB\xBF---\r\ntitle: \"été\"\r\nk: [é, %]\r\n---\r\n");
  ASSERT_EQ(Rules(*doc),
            std::vector<std::string>{"input/front-matter-invalid"});
  EXPECT_EQ(doc->input_findings()[0].range, R(3, 8, 3, 8));
}

TEST(DocumentInputTest, FrontMatterUnterminated) {
  auto doc = Parse("---\ntitle: x\n\n# Body\n");
  ASSERT_EQ(Rules(*doc),
            std::vector<std::string>{"input/front-matter-unterminated"});
  EXPECT_EQ(doc->input_findings()[0].range, R(1, 1, 1, 1));
  EXPECT_EQ(doc->input_findings()[0].excerpt, "---");
  EXPECT_TRUE(doc->front_matter().present());
  EXPECT_FALSE(doc->front_matter().block().terminated);
  EXPECT_EQ(doc->front_matter().Find("title").status,
            FieldLookup::Status::kMissing);
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range, R(4, 1, 4, 7));
}

TEST(DocumentInputTest, FrontMatterThatIsAList) {
  auto doc = Parse("---\n- a\n- b\n---\nText.\n");
  ASSERT_EQ(Rules(*doc),
            std::vector<std::string>{"input/front-matter-not-a-map"});
  EXPECT_EQ(doc->input_findings()[0].range, R(2, 1, 2, 1));
  EXPECT_NE(doc->input_findings()[0].message.find("a list"), std::string::npos);
  EXPECT_TRUE(doc->front_matter().root().IsNull());
  ASSERT_EQ(doc->sentences().size(), 1u);
  EXPECT_EQ(doc->sentences()[0].range, R(5, 1, 5, 6));
}

TEST(DocumentInputTest, FrontMatterThatIsAScalar) {
  auto doc = Parse("---\n# a comment\njust text\n---\n");
  ASSERT_EQ(Rules(*doc),
            std::vector<std::string>{"input/front-matter-not-a-map"});
  EXPECT_EQ(doc->input_findings()[0].range, R(3, 1, 3, 1));
  EXPECT_NE(doc->input_findings()[0].message.find("a single value"),
            std::string::npos);
}

TEST(DocumentInputTest, SixDashesOpenFrontMatter) {
  // The real corpus case: kubernetes-contributor-site blog k8s-book-club.md,
  // which Hugo publishes with its title (it reads "---" and a YAML
  // document marker).
  auto doc =
      Parse("------\nlayout: blog\ntitle: \"Book Club\"\n---\n\nText.\n");
  EXPECT_TRUE(doc->front_matter().present());
  EXPECT_TRUE(doc->input_findings().empty());
  EXPECT_EQ(doc->front_matter().Find("title").text, "Book Club");
  EXPECT_TRUE(doc->headings().empty());
}

TEST(DocumentInputTest, EmptyFrontMatterIsPresentAndEmpty) {
  auto doc = Parse("---\n---\n# T\n");
  EXPECT_TRUE(doc->input_findings().empty());
  EXPECT_TRUE(doc->front_matter().present());
  EXPECT_TRUE(doc->front_matter().block().terminated);
  EXPECT_EQ(doc->front_matter().block().close_line, 2);
  EXPECT_TRUE(doc->front_matter().root().IsNull());
  EXPECT_EQ(doc->front_matter().Find("title").status,
            FieldLookup::Status::kMissing);
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range, R(3, 1, 3, 4));

  auto bare = Parse("---\n---");
  EXPECT_TRUE(bare->front_matter().present());
  EXPECT_TRUE(bare->front_matter().block().terminated);
  EXPECT_TRUE(bare->input_findings().empty());
  EXPECT_TRUE(bare->headings().empty());
}

TEST(DocumentInputTest, FrontMatterClosedByDots) {
  auto doc = Parse("---\ntitle: T\n...\n# H\n");
  EXPECT_TRUE(doc->input_findings().empty());
  EXPECT_EQ(doc->front_matter().block().close_line, 3);
  EXPECT_EQ(doc->front_matter().Find("title").text, "T");
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range, R(4, 1, 4, 4));
}

TEST(DocumentInputTest, InputRulesListEveryRuleParseReports) {
  std::vector<std::string> ids;
  for (const InputRule& r : InputRules()) ids.emplace_back(r.id);
  EXPECT_EQ(ids,
            (std::vector<std::string>{
                "input/too-large", "input/unreadable", "input/check-failed",
                "input/nul-byte", "input/invalid-utf8",
                "input/front-matter-unterminated", "input/front-matter-invalid",
                "input/front-matter-too-complex", "input/too-deep",
                "input/front-matter-not-a-map"}));
}

// Every prefix of a draft that uses every construct above, and every
// variant of it with one byte deleted or turned into a line break, parses
// without throwing into ranges that lie inside the file.
TEST(DocumentRobustnessTest, MutationsOfARichDraft) {
  const std::string rich =
      "\xEF\xBB\xBF---\r\ntitle: \"Tïtle\"\r\ntags: [a, b]\r\n---\r\n"
      "# Head [x](y) ##\r\n\r\n"
      "Setext *é*\r\n===\r\n\r\n"
      "> quote [a](b \"t\") <https://q.com> and\r\n"
      "lazy ![i](j) www.x.com \\* &amp; `c` <!-- k -->\r\n\r\n"
      "- item [r][1] [s][] [1]\r\n\t  more https://u.com/v [w](<x y>)\r\n\r\n"
      "| a | b [l](u) |\r\n|---|---|\r\n  | `c` | d \\| e |\r\n\r\n"
      "Text[^n] {{< tab >}} [m\r\nn](o) {% p %}.\r\n\r\n"
      "<!-- proofgate-disable x reason=\"y\" -->\r\n"
      "[1]: /one\r\n[s]: /s\r\n[^n]: Note.\r\n";
  size_t parses = 0;
  auto check = [&](const std::string& text) {
    ++parses;
    std::unique_ptr<Document> doc;
    ASSERT_NO_THROW(doc = Parse(text)) << testing::PrintToString(text);
    const SourceMap& map = doc->source_map();
    auto valid = [&](const SourceRange& r) {
      auto ok = [&](int line, int column) {
        return line >= 1 && line <= map.line_count() && column >= 1 &&
               column <= CountCodePoints(map.Line(line)) + 1;
      };
      return ok(r.line, r.column) && ok(r.end_line, r.end_column) &&
             (r.end_line > r.line ||
              (r.end_line == r.line && r.end_column >= r.column));
    };
    for (const Heading& h : doc->headings()) {
      ASSERT_TRUE(valid(h.range)) << testing::PrintToString(text);
    }
    for (const Link& l : doc->links()) {
      ASSERT_TRUE(valid(l.range)) << testing::PrintToString(text);
    }
    for (const Sentence& s : doc->sentences()) {
      ASSERT_TRUE(valid(s.range)) << testing::PrintToString(text);
    }
    for (const HtmlComment& c : doc->comments()) {
      ASSERT_TRUE(valid(c.range)) << testing::PrintToString(text);
    }
    for (const Finding& f : doc->input_findings()) {
      ASSERT_TRUE(valid(f.range)) << testing::PrintToString(text);
    }
  };
  ASSERT_NO_FATAL_FAILURE(check(rich));
  {
    auto doc = Parse(rich);
    EXPECT_TRUE(doc->input_findings().empty());
    EXPECT_EQ(doc->headings().size(), 2u);
    EXPECT_EQ(doc->links().size(), 12u);
    EXPECT_EQ(doc->comments().size(), 2u);
  }
  for (size_t i = 0; i < rich.size(); ++i) {
    ASSERT_NO_FATAL_FAILURE(check(rich.substr(0, i)));
    ASSERT_NO_FATAL_FAILURE(check(rich.substr(0, i) + rich.substr(i + 1)));
    std::string broken = rich;
    broken[i] = '\n';
    ASSERT_NO_FATAL_FAILURE(check(broken));
  }
  EXPECT_EQ(parses, 3 * rich.size() + 1);
}

// Pieces that cannot be found where cmark puts them are searched for,
// within a budget: a large paragraph of them parses in linear time. (This
// one took minutes when every search could read to the paragraph's end.)
TEST(DocumentRobustnessTest, UnplaceablePiecesCostLinearTime) {
  std::string hostile;
  for (int i = 0; i < 40000; ++i) hostile += "\xFF*a* ";
  const auto start = std::chrono::steady_clock::now();
  auto doc = Parse(hostile);
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  EXPECT_LT(seconds, 10.0);
  ASSERT_EQ(doc->blocks().size(), 1u);
  EXPECT_EQ(doc->sentences().size(), 1u);
}

TEST(DocumentTest, LinkKindNames) {
  EXPECT_EQ(LinkKindName(LinkKind::kInline), "inline");
  EXPECT_EQ(LinkKindName(LinkKind::kReference), "reference");
  EXPECT_EQ(LinkKindName(LinkKind::kAutolink), "autolink");
  EXPECT_EQ(LinkKindName(LinkKind::kBareUrl), "bare-url");
  EXPECT_EQ(LinkKindName(LinkKind::kImage), "image");
}

TEST(DocumentTest, EmptyDraft) {
  auto doc = Parse("");
  EXPECT_TRUE(doc->parsed());
  EXPECT_TRUE(doc->input_findings().empty());
  EXPECT_FALSE(doc->front_matter().present());
  EXPECT_TRUE(doc->blocks().empty());
  EXPECT_EQ(doc->source_map().line_count(), 1);
  EXPECT_EQ(doc->Excerpt(R(1, 1, 1, 1)), "");
}

}  // namespace
}  // namespace proofgate

namespace proofgate {
namespace {

// Found by random drafts under the sanitizers: cmark-gfm placed the <ps:>
// autolink past the end of its line, and placing it threw out_of_range.
TEST(DocumentRegressionTest, AutolinkPlacedPastItsLineDoesNotThrow) {
  const auto doc = Document::Parse("d.md", "er%x> > \n<ps:> http://t");
  ASSERT_EQ(doc->links().size(), 2u);
  EXPECT_EQ(doc->links()[0].kind, LinkKind::kAutolink);
  EXPECT_EQ(doc->links()[0].range, (SourceRange{2, 1, 2, 6}));
  EXPECT_EQ(doc->links()[1].kind, LinkKind::kBareUrl);
  EXPECT_EQ(doc->links()[1].range, (SourceRange{2, 7, 2, 15}));
}

// 10,000 nested quotes overflowed the stack of the recursive walk.
TEST(DocumentRegressionTest, DeepNestingIsAFindingNotAStackOverflow) {
  const auto doc =
      Document::Parse("d.md", std::string(100000, '>') + " deep\n");
  ASSERT_EQ(doc->input_findings().size(), 1u);
  EXPECT_EQ(doc->input_findings()[0].rule, "input/too-deep");
  EXPECT_TRUE(doc->headings().empty());
}

}  // namespace
// The byline of corpus/opentelemetry-docs/blog/2024/
// elastic-contributes-continuous-profiling-agent.md, a folded YAML scalar
// (`author: >`) of Markdown links, as the queue shows it.
TEST(MarkdownLineTextTest, ABylineOfLinksReadsAsNames) {
  EXPECT_EQ(MarkdownLineText(
                "[Bahubali Shetti](https://github.com/bshetti) (Elastic), "
                "[Alexander\nWert](https://github.com/AlexanderWert) "
                "(Elastic)\n"),
            "Bahubali Shetti (Elastic), Alexander Wert (Elastic)");
}

TEST(MarkdownLineTextTest, InlineMarkupGoesAndBlockMarkersStay) {
  EXPECT_EQ(MarkdownLineText("Using `proofgate check` in *CI*"),
            "Using proofgate check in CI");
  EXPECT_EQ(MarkdownLineText("_Why_ we   write"), "Why we write");
  EXPECT_EQ(MarkdownLineText("1. Getting started"), "1. Getting started");
  EXPECT_EQ(MarkdownLineText("# Not a heading"), "# Not a heading");
  EXPECT_EQ(MarkdownLineText("- not a list"), "- not a list");
  EXPECT_EQ(MarkdownLineText("    indented"), "indented");
  EXPECT_EQ(MarkdownLineText("C\\# &amp; <b>F#</b>"), "C# & <b>F#</b>");
  EXPECT_EQ(MarkdownLineText(""), "");
  EXPECT_EQ(MarkdownLineText("Ann Lee"), "Ann Lee");
}

}  // namespace proofgate

// TOML front matter ("+++" lines): the block, typed lookups, positions in
// the file, and what broken or hostile TOML gets.
#include "checks/document/toml_front_matter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>
#include <string>

#include "checks/document/document.h"
#include "tests/test_paths.h"

namespace proofgate {

void PrintTo(const SourceRange& r, std::ostream* os) {
  *os << r.line << ":" << r.column << "-" << r.end_line << ":" << r.end_column;
}

namespace {

namespace fs = std::filesystem;

using Status = FieldLookup::Status;

SourceRange R(int line, int column, int end_line, int end_column) {
  return SourceRange{line, column, end_line, end_column};
}

std::unique_ptr<Document> Parse(std::string text) {
  return Document::Parse("draft.md", std::move(text));
}

// The file's text at a one-line range.
std::string TextAt(const Document& doc, const SourceRange& r) {
  EXPECT_EQ(r.line, r.end_line);
  const std::string_view line = doc.source_map().Line(r.line);
  std::string out;
  int column = 1;
  for (size_t i = 0; i < line.size(); ++i) {
    const bool starts = (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80;
    if (starts && i > 0) ++column;
    if (column >= r.column && column < r.end_column) out += line[i];
  }
  return out;
}

// ------------------------------------------------------------- the block

TEST(TomlBlockTest, PlusLinesOpenAndClose) {
  const std::string text = "+++ \t\r\ntitle = \"T\"\r\n+++\r\nBody\n";
  const SourceMap map(text);
  const FrontMatterBlock b = FindFrontMatter(map);
  EXPECT_TRUE(b.present);
  EXPECT_TRUE(b.terminated);
  EXPECT_EQ(b.format, FrontMatterFormat::kToml);
  EXPECT_EQ(b.close_line, 3);
  EXPECT_EQ(text.substr(b.data_begin, b.data_end - b.data_begin),
            "title = \"T\"\r\n");
}

TEST(TomlBlockTest, OnlyPlusLinesCloseIt) {
  const std::string text = "+++\na = 1\n---\n...\n";
  const SourceMap map(text);
  const FrontMatterBlock b = FindFrontMatter(map);
  EXPECT_TRUE(b.present);
  EXPECT_FALSE(b.terminated);
  EXPECT_EQ(b.data_end, text.size());
}

TEST(TomlBlockTest, WhatIsNotTomlFrontMatter) {
  for (const char* text : {"++++\na = 1\n+++\n", " +++\na = 1\n+++\n",
                           "++\na = 1\n+++\n", "\n+++\na = 1\n+++\n"}) {
    const SourceMap map(text);
    EXPECT_FALSE(FindFrontMatter(map).present) << text;
  }
}

// -------------------------------------------------------------- lookups

TEST(TomlFrontMatterTest, FoundMissingWrongType) {
  auto doc = Parse(
      "+++\n"
      "title = \"Hello\"\n"
      "weight = 10\n"
      "tags = [\"a\", \"b\"]\n"
      "[extra]\n"
      "release = true\n"
      "+++\n"
      "# Body\n");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatter& fm = doc->front_matter();
  EXPECT_EQ(fm.format(), FrontMatterFormat::kToml);
  EXPECT_EQ(fm.Find("nope").status, Status::kMissing);
  EXPECT_EQ(fm.Find("nope").range, R(1, 1, 1, 1));
  // A key of a sub-table is not a top-level key.
  EXPECT_EQ(fm.Find("release").status, Status::kMissing);

  const FieldLookup title = fm.Get("title", ValueType::kString);
  EXPECT_EQ(title.status, Status::kFound);
  EXPECT_EQ(title.type, ValueType::kString);
  EXPECT_EQ(title.text, "Hello");
  EXPECT_EQ(title.range, R(2, 9, 2, 16));

  EXPECT_EQ(fm.Get("weight", ValueType::kNumber).status, Status::kFound);
  EXPECT_EQ(fm.Find("weight").text, "10");
  // A number passes as a string, as in YAML.
  EXPECT_EQ(fm.Get("weight", ValueType::kString).status, Status::kFound);
  EXPECT_EQ(fm.Get("weight", ValueType::kBoolean).status, Status::kWrongType);

  const FieldLookup tags = fm.Get("tags", ValueType::kString);
  EXPECT_EQ(tags.status, Status::kWrongType);
  EXPECT_EQ(tags.type, ValueType::kList);
  EXPECT_EQ(tags.range, R(4, 8, 4, 18));
  EXPECT_EQ(fm.Get("tags", ValueType::kList).status, Status::kFound);

  const FieldLookup extra = fm.Get("extra", ValueType::kMap);
  EXPECT_EQ(extra.status, Status::kFound);
  EXPECT_EQ(extra.range, R(5, 1, 5, 8));  // the [extra] header
  const YAML::Node release = extra.node["release"];
  EXPECT_EQ(FrontMatter::TypeOf(release), ValueType::kBoolean);
  EXPECT_EQ(release.Scalar(), "true");
  EXPECT_EQ(fm.RangeOf(release), R(6, 11, 6, 15));
  // The body keeps its line numbers.
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range.line, 8);
}

TEST(TomlFrontMatterTest, ValueTypesAndTexts) {
  auto doc = Parse(
      "+++\n"
      "s = \"2024\"\n"
      "literal = 'C:\\path'\n"
      "int = 1_000\n"
      "hex = 0xff\n"
      "neg = -17\n"
      "float = 3.0\n"
      "exp = 1.5e3\n"
      "inf = -inf\n"
      "nan = nan\n"
      "yes = true\n"
      "no = false\n"
      "date = 2015-05-15\n"
      "when = 1979-05-27T07:32:00-08:00\n"
      "local = 1979-05-27T07:32:00\n"
      "time = 07:32:00\n"
      "empty_list = []\n"
      "inline = { a = 1 }\n"
      "+++\n");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatter& fm = doc->front_matter();
  const struct {
    const char* key;
    ValueType type;
    const char* text;
  } cases[] = {
      {"s", ValueType::kString, "2024"},
      {"literal", ValueType::kString, "C:\\path"},
      {"int", ValueType::kNumber, "1000"},
      {"hex", ValueType::kNumber, "255"},
      {"neg", ValueType::kNumber, "-17"},
      {"float", ValueType::kNumber, "3"},
      {"exp", ValueType::kNumber, "1500"},
      {"inf", ValueType::kNumber, "-.inf"},
      {"nan", ValueType::kNumber, ".nan"},
      {"yes", ValueType::kBoolean, "true"},
      {"no", ValueType::kBoolean, "false"},
      // Dates and times: strings, as written.
      {"date", ValueType::kString, "2015-05-15"},
      {"when", ValueType::kString, "1979-05-27T07:32:00-08:00"},
      {"local", ValueType::kString, "1979-05-27T07:32:00"},
      {"time", ValueType::kString, "07:32:00"},
      {"empty_list", ValueType::kList, ""},
      {"inline", ValueType::kMap, ""},
  };
  for (const auto& c : cases) {
    const FieldLookup l = fm.Find(c.key);
    ASSERT_EQ(l.status, Status::kFound) << c.key;
    EXPECT_EQ(ValueTypeName(l.type), ValueTypeName(c.type)) << c.key;
    EXPECT_EQ(l.text, c.text) << c.key;
  }
  EXPECT_EQ(TextAt(*doc, fm.Find("date").range), "2015-05-15");
  EXPECT_EQ(TextAt(*doc, fm.Find("float").range), "3.0");
  EXPECT_EQ(TextAt(*doc, fm.Find("inline").range), "{ a = 1 }");
}

TEST(TomlFrontMatterTest, KeysInFileOrder) {
  auto doc =
      Parse("+++\nzeta = 1\nalpha = 2\n\"quoted key\" = 3\nmid = 4\n+++\n");
  std::vector<std::string> keys;
  for (const auto& item : doc->front_matter().root()) {
    keys.push_back(item.first.Scalar());
  }
  EXPECT_EQ(keys,
            (std::vector<std::string>{"zeta", "alpha", "quoted key", "mid"}));
  EXPECT_EQ(doc->front_matter().Find("quoted key").range, R(4, 16, 4, 17));
}

// ----------------------------------------------------- RangeOf positions

TEST(TomlRangeTest, CodePointColumnsCrlfAndBom) {
  auto doc = Parse(
      "\xEF\xBB\xBF+++\r\n"
      "title = \"Ünïcödé — 日本語\"\r\n"
      "\t\"clé\" = 'valeur' # comment\r\n"
      "emoji = \"😀😀\"\r\n"
      "+++\r\n");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatter& fm = doc->front_matter();
  EXPECT_EQ(fm.Find("title").range, R(2, 9, 2, 24));
  EXPECT_EQ(fm.Find("clé").text, "valeur");
  EXPECT_EQ(fm.Find("clé").range, R(3, 10, 3, 18));
  EXPECT_EQ(fm.Find("emoji").range, R(4, 9, 4, 13));
  EXPECT_EQ(fm.Find("nope").range, R(1, 1, 1, 1));
}

TEST(TomlRangeTest, MultiLineValues) {
  auto doc = Parse(
      "+++\n"
      "description = \"\"\"\n"
      "first\n"
      "second\"\"\"\n"
      "tags = [\n"
      "  \"a\",\n"
      "  \"b\",\n"
      "]\n"
      "+++\n");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatter& fm = doc->front_matter();
  EXPECT_EQ(fm.Find("description").text, "first\nsecond");
  // A multi-line string: all of it, quotes included.
  EXPECT_EQ(fm.Find("description").range, R(2, 15, 4, 10));
  // A multi-line array: its first line.
  EXPECT_EQ(fm.Find("tags").range, R(5, 8, 5, 9));
  const YAML::Node tags = fm.Find("tags").node;
  ASSERT_EQ(tags.size(), 2u);
  EXPECT_EQ(fm.RangeOf(tags[1]), R(7, 3, 7, 6));
}

TEST(TomlRangeTest, NestedTablesDottedKeysAndArraysOfTables) {
  auto doc = Parse(
      "+++\n"
      "site.name = \"Blog\"\n"
      "[extra.social]\n"
      "mastodon = \"@rust\"\n"
      "[[extra.see_also]]\n"
      "path = \"/a/\"\n"
      "[[extra.see_also]]\n"
      "path = \"/b/\"\n"
      "+++\n");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatter& fm = doc->front_matter();
  const FieldLookup site = fm.Get("site", ValueType::kMap);
  ASSERT_EQ(site.status, Status::kFound);
  EXPECT_EQ(site.node["name"].Scalar(), "Blog");
  EXPECT_EQ(fm.RangeOf(site.node["name"]), R(2, 13, 2, 19));
  const YAML::Node extra = fm.Find("extra").node;
  ASSERT_TRUE(extra.IsMap());
  EXPECT_EQ(fm.RangeOf(extra["social"]["mastodon"]), R(4, 12, 4, 19));
  const YAML::Node see_also = extra["see_also"];
  ASSERT_TRUE(see_also.IsSequence());
  ASSERT_EQ(see_also.size(), 2u);
  EXPECT_EQ(FrontMatter::TypeOf(see_also[1]), ValueType::kMap);
  EXPECT_EQ(see_also[1]["path"].Scalar(), "/b/");
  EXPECT_EQ(fm.RangeOf(see_also[1]["path"]), R(8, 8, 8, 13));
}

TEST(TomlRangeTest, NodesFromElsewherePointAtTheBlock) {
  auto doc = Parse("+++\na = 1\n+++\n");
  const FrontMatter& fm = doc->front_matter();
  EXPECT_EQ(fm.RangeOf(fm.root()["zzz"]), R(2, 1, 2, 1));
  EXPECT_EQ(fm.RangeOf(YAML::Node("1")), R(2, 1, 2, 1));
}

TEST(TomlFrontMatterTest, EmptyBlock) {
  auto doc = Parse("+++\n+++\n# T\n");
  ASSERT_TRUE(doc->input_findings().empty());
  EXPECT_TRUE(doc->front_matter().present());
  EXPECT_TRUE(doc->front_matter().root().IsMap());
  EXPECT_EQ(doc->front_matter().Find("title").status, Status::kMissing);
}

// --------------------------------------------------- broken and hostile

// The one input finding of `doc`.
const Finding& OnlyInput(const Document& doc) {
  static const Finding none;
  EXPECT_EQ(doc.input_findings().size(), 1u);
  return doc.input_findings().empty() ? none : doc.input_findings()[0];
}

TEST(TomlInvalidTest, SyntaxErrorAtTomlsLineAndColumn) {
  auto doc = Parse("+++\ntitle = \"x\"\ny = = 2\n+++\n# T\n");
  const Finding& f = OnlyInput(*doc);
  EXPECT_EQ(f.rule, "input/front-matter-invalid");
  EXPECT_EQ(f.range, R(3, 5, 3, 5));
  EXPECT_EQ(f.message,
            "The front matter is not valid TOML: Error while parsing value: "
            "could not determine value type.");
  EXPECT_TRUE(doc->front_matter().present());
  EXPECT_EQ(doc->front_matter().Find("title").status, Status::kMissing);
  // The body is still read after the closing line.
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range.line, 5);
}

TEST(TomlInvalidTest, RedefinedKeyAndNonAsciiColumns) {
  auto doc = Parse("+++\nt = \"é\"\nt = \"ü\"\n+++\n");
  const Finding& f = OnlyInput(*doc);
  EXPECT_EQ(f.rule, "input/front-matter-invalid");
  EXPECT_EQ(f.range, R(3, 5, 3, 5));
  auto late = Parse("+++\nt = \"ééé\" x\n+++\n");
  EXPECT_EQ(OnlyInput(*late).range, R(2, 11, 2, 11));
}

TEST(TomlInvalidTest, Unterminated) {
  auto doc = Parse("+++\ntitle = \"x\"\n# Heading\n");
  const Finding& f = OnlyInput(*doc);
  EXPECT_EQ(f.rule, "input/front-matter-unterminated");
  EXPECT_EQ(f.range, R(1, 1, 1, 1));
  EXPECT_EQ(f.message,
            "The front matter opens with +++ on line 1 but has no closing "
            "+++ line; add one after the last key.");
  EXPECT_FALSE(doc->front_matter().block().terminated);
  EXPECT_EQ(doc->front_matter().Find("title").status, Status::kMissing);
  auto lone = Parse("+++");
  EXPECT_EQ(OnlyInput(*lone).rule, "input/front-matter-unterminated");
}

TEST(TomlHostileTest, DeepDottedKeysAreRefusedBeforeParsing) {
  // 100,000 parts: toml++ alone would overflow the stack.
  std::string header = "[a";
  for (int i = 0; i < 100000; ++i) header += ".a";
  auto doc = Parse("+++\n" + header + "]\n+++\n");
  const Finding& f = OnlyInput(*doc);
  EXPECT_EQ(f.rule, "input/front-matter-too-complex");
  EXPECT_EQ(f.range, R(2, 1, 2, 1));
  std::string key = "a";
  for (int i = 0; i < 100000; ++i) key += ".a";
  EXPECT_EQ(OnlyInput(*Parse("+++\n" + key + " = 1\n+++\n")).rule,
            "input/front-matter-too-complex");
}

TEST(TomlHostileTest, NestingDepthLimit) {
  // As deep as the dots allow: an array of tables nests two levels a part.
  std::string parts = "a";
  for (size_t i = 0; i < kTomlMaxDots; ++i) parts += ".a";
  auto deep = Parse("+++\n[[" + parts + "]]\n+++\n");
  const Finding& f = OnlyInput(*deep);
  EXPECT_EQ(f.rule, "input/front-matter-too-complex");
  EXPECT_NE(f.message.find("499 levels"), std::string::npos) << f.message;
  // The top-level map and 498 tables nested in it: 499 levels.
  std::string ok = "a";
  for (int i = 1; i < 498; ++i) ok += ".a";
  auto fits = Parse("+++\n[" + ok + "]\nv = 1\n+++\n");
  EXPECT_TRUE(fits->input_findings().empty());
  auto over = Parse("+++\n[" + ok + ".a]\nv = 1\n+++\n");
  EXPECT_EQ(OnlyInput(*over).rule, "input/front-matter-too-complex");
  // toml++ refuses more than 256 nested arrays itself.
  auto arrays = Parse("+++\nx = " + std::string(300, '[') +
                      std::string(300, ']') + "\n+++\n");
  EXPECT_EQ(OnlyInput(*arrays).rule, "input/front-matter-invalid");
}

TEST(TomlHostileTest, ValueBudget) {
  std::string list = "x = [";
  for (size_t i = 0; i < kFrontMatterValueBudget; ++i) list += "1,";
  auto doc = Parse("+++\n" + list + "]\n+++\n");
  const Finding& f = OnlyInput(*doc);
  EXPECT_EQ(f.rule, "input/front-matter-too-complex");
  EXPECT_TRUE(doc->front_matter().root().IsNull());
}

TEST(TomlHostileTest, NeverCrashes) {
  for (const char* text :
       {"+++\n+++", "+++\n\"\n+++\n", "+++\n[\n+++\n", "+++\n[[]]\n+++\n",
        "+++\na = \"\\uD800\"\n+++\n", "+++\na = 1979-13-45\n+++\n",
        "+++\na = \"\"\"\n+++\n", "+++\r+++\r", "+++\na.\"\".b = 1\n+++\n",
        "+++\n\xFF = 1\n+++\n", "+++\na = 1\x00\n+++\n"}) {
    auto doc = Parse(text);
    EXPECT_NE(doc, nullptr) << text;
  }
}

// --------------------------------------------------- real Zola posts

// The rust-lang blog (corpus-formats/README.md); cited files only.
const fs::path kRustBlog = fs::path(CorpusFormatsDir()) / "rust-blog";

std::unique_ptr<Document> ParseRustBlog(const std::string& name) {
  std::ifstream in(kRustBlog / name, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return Document::Parse(name, bytes.str());
}

TEST(TomlCorpusTest, ReleasePost) {
  if (!fs::is_directory(kRustBlog)) {
    GTEST_SKIP() << "no rust-lang blog corpus at " << kRustBlog;
  }
  auto doc = ParseRustBlog("Rust-1.88.0.md");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatter& fm = doc->front_matter();
  EXPECT_EQ(fm.Find("title").text, "Announcing Rust 1.88.0");
  EXPECT_EQ(fm.Find("title").range, R(3, 9, 3, 33));
  const FieldLookup authors = fm.Get("authors", ValueType::kList);
  ASSERT_EQ(authors.status, Status::kFound);
  EXPECT_EQ(authors.node[0].Scalar(), "The Rust Release Team");
  EXPECT_EQ(fm.Find("extra").node["release"].Scalar(), "true");
}

TEST(TomlCorpusTest, BlogIndexWithMultiLineStringsAndArraysOfTables) {
  if (!fs::is_directory(kRustBlog)) {
    GTEST_SKIP() << "no rust-lang blog corpus at " << kRustBlog;
  }
  auto doc = ParseRustBlog("_index.md");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatter& fm = doc->front_matter();
  EXPECT_EQ(fm.Find("title").text, "Rust Blog");
  const YAML::Node extra = fm.Find("extra").node;
  // A line ending in a backslash joins the next one.
  EXPECT_EQ(extra["index_html"].Scalar().substr(0, 38),
            "This is the <b>main Rust blog</b>. <a ");
  EXPECT_EQ(fm.RangeOf(extra["index_html"]), R(8, 14, 11, 70));
  const YAML::Node see_also = extra["see_also"];
  ASSERT_EQ(see_also.size(), 2u);
  EXPECT_EQ(see_also[0]["text"].Scalar(), "the \"Inside Rust\" blog");
  EXPECT_EQ(fm.RangeOf(see_also[1]["path"]), R(17, 8, 17, 20));
}

}  // namespace
}  // namespace proofgate

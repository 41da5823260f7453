// FrontMatter: finding the block, typed lookups, and the positions of
// values in the original file.
#include "checks/document/front_matter.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

#include "checks/document/document.h"

namespace proofgate {

void PrintTo(const SourceRange& r, std::ostream* os) {
  *os << r.line << ":" << r.column << "-" << r.end_line << ":" << r.end_column;
}

namespace {

SourceRange R(int line, int column, int end_line, int end_column) {
  return SourceRange{line, column, end_line, end_column};
}

std::unique_ptr<Document> Parse(std::string text) {
  return Document::Parse("draft.md", std::move(text));
}

using Status = FieldLookup::Status;

// ------------------------------------------------------------- the block

TEST(FindFrontMatterTest, Block) {
  const std::string text = "---\ntitle: T\n---\nBody\n";
  const SourceMap map(text);
  const FrontMatterBlock b = FindFrontMatter(map);
  EXPECT_TRUE(b.present);
  EXPECT_TRUE(b.terminated);
  EXPECT_EQ(b.open_line, 1);
  EXPECT_EQ(b.close_line, 3);
  EXPECT_EQ(text.substr(b.data_begin, b.data_end - b.data_begin), "title: T\n");
}

TEST(FindFrontMatterTest, DelimitersMayHaveTrailingBlanks) {
  const std::string text = "--- \t\r\na: 1\r\n...  \r\n";
  const SourceMap map(text);
  const FrontMatterBlock b = FindFrontMatter(map);
  EXPECT_TRUE(b.terminated);
  EXPECT_EQ(b.close_line, 3);
  EXPECT_EQ(text.substr(b.data_begin, b.data_end - b.data_begin), "a: 1\r\n");
}

// Hugo opens a block at a line of more than three dashes too
// (kubernetes-contributor-site/blog/2024/k8s-book-club/k8s-book-club.md).
TEST(FindFrontMatterTest, LongerDashLineOpensIt) {
  const std::string text = "------\na: 1\n---\nBody\n";
  const SourceMap map(text);
  const FrontMatterBlock b = FindFrontMatter(map);
  EXPECT_TRUE(b.present);
  EXPECT_TRUE(b.terminated);
  EXPECT_EQ(b.close_line, 3);
  EXPECT_EQ(text.substr(b.data_begin, b.data_end - b.data_begin), "a: 1\n");
}

TEST(FindFrontMatterTest, WhatIsNotFrontMatter) {
  for (const char* text : {"\n---\na: 1\n---\n", " ---\na: 1\n---\n",
                           "--\na: 1\n---\n", "", "# T\n"}) {
    const SourceMap map(text);
    EXPECT_FALSE(FindFrontMatter(map).present) << text;
  }
}

TEST(FindFrontMatterTest, Unterminated) {
  const std::string text = "---\na: 1\n----\n";
  const SourceMap map(text);
  const FrontMatterBlock b = FindFrontMatter(map);
  EXPECT_TRUE(b.present);
  EXPECT_FALSE(b.terminated);
  EXPECT_EQ(b.close_line, 0);
  EXPECT_EQ(b.data_end, text.size());
}

TEST(FindFrontMatterTest, OnlyAnOpeningLine) {
  const SourceMap map("---");
  const FrontMatterBlock b = FindFrontMatter(map);
  EXPECT_TRUE(b.present);
  EXPECT_FALSE(b.terminated);
  EXPECT_EQ(b.data_begin, 3u);
  EXPECT_EQ(b.data_end, 3u);
}

// -------------------------------------------------------------- lookups

TEST(FrontMatterTest, MissingVersusWrongTypeVersusFound) {
  auto doc = Parse("---\ntitle: Hello\ntags: [a, b]\n---\n");
  const FrontMatter& fm = doc->front_matter();
  EXPECT_EQ(fm.Find("nope").status, Status::kMissing);
  EXPECT_EQ(fm.Get("nope", ValueType::kString).status, Status::kMissing);
  // A missing key points at the opening line.
  EXPECT_EQ(fm.Find("nope").range, R(1, 1, 1, 1));

  const FieldLookup title = fm.Get("title", ValueType::kString);
  EXPECT_EQ(title.status, Status::kFound);
  EXPECT_EQ(title.type, ValueType::kString);
  EXPECT_EQ(title.text, "Hello");
  EXPECT_EQ(title.range, R(2, 8, 2, 13));

  const FieldLookup wrong = fm.Get("tags", ValueType::kString);
  EXPECT_EQ(wrong.status, Status::kWrongType);
  EXPECT_EQ(wrong.type, ValueType::kList);
  EXPECT_EQ(wrong.range, R(3, 7, 3, 13));
  EXPECT_EQ(fm.Get("tags", ValueType::kList).status, Status::kFound);
  EXPECT_EQ(fm.Get("title", ValueType::kList).status, Status::kWrongType);
  // Find never says kWrongType.
  EXPECT_EQ(fm.Find("tags").status, Status::kFound);
  // Keys are case-sensitive.
  EXPECT_EQ(fm.Find("Title").status, Status::kMissing);
}

TEST(FrontMatterTest, NoFrontMatter) {
  auto doc = Parse("# T\n");
  const FrontMatter& fm = doc->front_matter();
  EXPECT_FALSE(fm.present());
  EXPECT_TRUE(fm.root().IsNull() || !fm.root().IsDefined());
  const FieldLookup l = fm.Get("title", ValueType::kString);
  EXPECT_EQ(l.status, Status::kMissing);
  EXPECT_EQ(l.range, R(1, 1, 1, 1));
}

TEST(FrontMatterTest, ValueTypes) {
  auto doc = Parse(
      "---\n"
      "quoted_number: \"2024\"\n"
      "plain_number: 2024\n"
      "float: 1.5e3\n"
      "hex: 0x1F\n"
      "octal: 0o17\n"
      "inf: -.inf\n"
      "nan: .NaN\n"
      "signed_hex: +0x1F\n"
      "signed_nan: -.nan\n"
      "version: 1.2.3\n"
      "yes_word: yes\n"
      "bool_lower: true\n"
      "bool_title: False\n"
      "bool_upper: TRUE\n"
      "bool_quoted: 'true'\n"
      "tagged: !!str 2024\n"
      "list: [a, b]\n"
      "block_list:\n  - a\n"
      "map:\n  name: X\n"
      "empty:\n"
      "tilde: ~\n"
      "null_word: null\n"
      "null_quoted: \"null\"\n"
      "literal: |\n  text\n"
      "---\n");
  const FrontMatter& fm = doc->front_matter();
  ASSERT_TRUE(doc->input_findings().empty());
  const struct {
    const char* key;
    ValueType type;
  } cases[] = {
      {"quoted_number", ValueType::kString},
      {"plain_number", ValueType::kNumber},
      {"float", ValueType::kNumber},
      {"hex", ValueType::kNumber},
      {"octal", ValueType::kNumber},
      {"inf", ValueType::kNumber},
      {"nan", ValueType::kNumber},
      // YAML 1.2 core schema: no sign on hex, octal or nan.
      {"signed_hex", ValueType::kString},
      {"signed_nan", ValueType::kString},
      {"version", ValueType::kString},
      // YAML 1.1's yes/no are strings in YAML 1.2.
      {"yes_word", ValueType::kString},
      {"bool_lower", ValueType::kBoolean},
      {"bool_title", ValueType::kBoolean},
      {"bool_upper", ValueType::kBoolean},
      {"bool_quoted", ValueType::kString},
      {"tagged", ValueType::kString},
      {"list", ValueType::kList},
      {"block_list", ValueType::kList},
      {"map", ValueType::kMap},
      {"empty", ValueType::kNull},
      {"tilde", ValueType::kNull},
      {"null_word", ValueType::kNull},
      {"null_quoted", ValueType::kString},
      {"literal", ValueType::kString},
  };
  for (const auto& c : cases) {
    const FieldLookup l = fm.Find(c.key);
    EXPECT_EQ(l.status, Status::kFound) << c.key;
    EXPECT_EQ(ValueTypeName(l.type), ValueTypeName(c.type)) << c.key;
  }
  EXPECT_EQ(fm.Find("quoted_number").text, "2024");
  EXPECT_EQ(fm.Find("literal").text, "text\n");
  EXPECT_EQ(fm.Find("list").text, "");  // not a scalar
}

TEST(FrontMatterTest, PlainNumbersAndBooleansAreAcceptedAsStrings) {
  auto doc = Parse("---\ntitle: 2024\ndraft: true\nn: ~\nl: [1]\n---\n");
  const FrontMatter& fm = doc->front_matter();
  const FieldLookup title = fm.Get("title", ValueType::kString);
  EXPECT_EQ(title.status, Status::kFound);
  EXPECT_EQ(title.type, ValueType::kNumber);  // the actual type
  EXPECT_EQ(title.text, "2024");
  const FieldLookup draft = fm.Get("draft", ValueType::kString);
  EXPECT_EQ(draft.status, Status::kFound);
  EXPECT_EQ(draft.text, "true");
  // Not the other way round, and not null or lists.
  EXPECT_EQ(fm.Get("title", ValueType::kBoolean).status, Status::kWrongType);
  EXPECT_EQ(fm.Get("draft", ValueType::kNumber).status, Status::kWrongType);
  EXPECT_EQ(fm.Get("n", ValueType::kString).status, Status::kWrongType);
  EXPECT_EQ(fm.Get("l", ValueType::kString).status, Status::kWrongType);
  EXPECT_EQ(fm.Get("title", ValueType::kNumber).status, Status::kFound);
  EXPECT_EQ(fm.Get("n", ValueType::kNull).status, Status::kFound);
}

// ----------------------------------------------------- RangeOf positions

TEST(FrontMatterRangeTest, ScalarsEndWhereTheirTextEnds) {
  auto doc = Parse(
      "---\n"
      "title: Café au lait   # a comment\n"
      "clé: valeur\n"
      "q: \"a \\\"b\\\" c\" # x\n"
      "s: 'it''s' # y\n"
      "n: 42\n"
      "---\n");
  const FrontMatter& fm = doc->front_matter();
  ASSERT_TRUE(doc->input_findings().empty());
  EXPECT_EQ(fm.Find("title").text, "Café au lait");
  EXPECT_EQ(fm.Find("title").range, R(2, 8, 2, 20));
  // yaml-cpp's marks are bytes; columns are code points.
  EXPECT_EQ(fm.Find("clé").range, R(3, 6, 3, 12));
  EXPECT_EQ(fm.Find("q").text, "a \"b\" c");
  EXPECT_EQ(fm.Find("q").range, R(4, 4, 4, 15));
  EXPECT_EQ(fm.Find("s").text, "it's");
  EXPECT_EQ(fm.Find("s").range, R(5, 4, 5, 11));
  EXPECT_EQ(fm.Find("n").range, R(6, 4, 6, 6));
}

TEST(FrontMatterRangeTest, NonAsciiValuesAndCrlf) {
  auto doc = Parse(
      "---\r\n"
      "title: \"Ünïcödé — 日本語\"\r\n"
      "описание: текст тут\r\n"
      "emoji: 😀😀 x\r\n"
      "---\r\n");
  const FrontMatter& fm = doc->front_matter();
  ASSERT_TRUE(doc->input_findings().empty());
  EXPECT_EQ(fm.Find("title").range, R(2, 8, 2, 23));
  EXPECT_EQ(fm.Find("описание").text, "текст тут");
  EXPECT_EQ(fm.Find("описание").range, R(3, 11, 3, 20));
  EXPECT_EQ(fm.Find("emoji").range, R(4, 8, 4, 12));
}

TEST(FrontMatterRangeTest, ByteOrderMark) {
  auto doc = Parse("\xEF\xBB\xBF---\ntitle: é\n---\n");
  EXPECT_EQ(doc->front_matter().Find("title").range, R(2, 8, 2, 9));
  EXPECT_EQ(doc->front_matter().Find("nope").range, R(1, 1, 1, 1));
}

TEST(FrontMatterRangeTest, NullValuesPointAtTheirKey) {
  auto doc = Parse("---\na: 1\nempty:\nb: 2\n---\n");
  const FieldLookup l = doc->front_matter().Find("empty");
  EXPECT_EQ(l.type, ValueType::kNull);
  EXPECT_EQ(l.range, R(3, 1, 3, 6));
}

TEST(FrontMatterRangeTest, CollectionsAndBlockScalars) {
  auto doc = Parse(
      "---\n"
      "tags: [a, b]  # c\n"
      "block_list:\n"
      "  - first\n"
      "  - second\n"
      "author:\n"
      "  name: X\n"
      "description: first\n"
      "  second\n"
      "literal: |\n"
      "  text\n"
      "---\n");
  const FrontMatter& fm = doc->front_matter();
  ASSERT_TRUE(doc->input_findings().empty());
  EXPECT_EQ(fm.Find("tags").range, R(2, 7, 2, 18));
  EXPECT_EQ(fm.Find("block_list").range, R(4, 3, 4, 10));
  EXPECT_EQ(fm.Find("author").range, R(7, 3, 7, 10));
  // A plain scalar over two lines: the rest of its first line.
  EXPECT_EQ(fm.Find("description").text, "first second");
  EXPECT_EQ(fm.Find("description").range, R(8, 14, 8, 19));
  EXPECT_EQ(fm.Find("literal").range, R(10, 10, 10, 11));
  // Items of a list, through RangeOf.
  const YAML::Node list = fm.Find("block_list").node;
  EXPECT_EQ(fm.RangeOf(list[1]), R(5, 5, 5, 11));
  EXPECT_EQ(fm.RangeOf(fm.Find("author").node["name"]), R(7, 9, 7, 10));
}

TEST(FrontMatterRangeTest, UndefinedNodePointsAtTheBlock) {
  auto doc = Parse("---\na: 1\n---\n");
  const YAML::Node missing = doc->front_matter().root()["zzz"];
  EXPECT_EQ(doc->front_matter().RangeOf(missing), R(2, 1, 2, 1));
  EXPECT_EQ(FrontMatter().RangeOf(missing), R(1, 1, 1, 1));
}

// --------------------------------------------------------------- names

TEST(ValueTypeTest, NamesRoundTrip) {
  for (ValueType t : {ValueType::kNull, ValueType::kString, ValueType::kNumber,
                      ValueType::kBoolean, ValueType::kList, ValueType::kMap}) {
    EXPECT_EQ(ParseValueType(ValueTypeName(t)), t);
  }
  EXPECT_EQ(ValueTypeName(ValueType::kBoolean), "boolean");
  EXPECT_EQ(ValueTypeName(ValueType::kList), "list");
  EXPECT_EQ(ParseValueType("String"), std::nullopt);
  EXPECT_EQ(ParseValueType("int"), std::nullopt);
}

TEST(ValueTypeTest, TypeOfNodes) {
  EXPECT_EQ(FrontMatter::TypeOf(YAML::Node()), ValueType::kNull);
  EXPECT_EQ(FrontMatter::TypeOf(YAML::Load("3")), ValueType::kNumber);
  EXPECT_EQ(FrontMatter::TypeOf(YAML::Load("'3'")), ValueType::kString);
  EXPECT_EQ(FrontMatter::TypeOf(YAML::Load("-3.5")), ValueType::kNumber);
  EXPECT_EQ(FrontMatter::TypeOf(YAML::Load("3.")), ValueType::kNumber);
  EXPECT_EQ(FrontMatter::TypeOf(YAML::Load("1_000")), ValueType::kString);
  EXPECT_EQ(FrontMatter::TypeOf(YAML::Load("{a: 1}")), ValueType::kMap);
  EXPECT_EQ(FrontMatter::TypeOf(YAML::Load("[]")), ValueType::kList);
}

}  // namespace
}  // namespace proofgate

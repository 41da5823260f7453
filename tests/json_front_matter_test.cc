// JSON front matter (a draft that opens with a JSON object, as Hugo reads
// it): the block, typed lookups, positions in the file, and what broken or
// hostile JSON gets.
#include "checks/document/json_front_matter.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "checks/document/document.h"

namespace proofgate {

void PrintTo(const SourceRange& r, std::ostream* os) {
  *os << r.line << ":" << r.column << "-" << r.end_line << ":" << r.end_column;
}

namespace {

using Status = FieldLookup::Status;

SourceRange R(int line, int column, int end_line, int end_column) {
  return SourceRange{line, column, end_line, end_column};
}

std::unique_ptr<Document> Parse(std::string text) {
  return Document::Parse("draft.md", std::move(text));
}

// The one input finding of `doc`.
const Finding& OnlyInput(const Document& doc) {
  static const Finding none;
  EXPECT_EQ(doc.input_findings().size(), 1u);
  return doc.input_findings().empty() ? none : doc.input_findings()[0];
}

// ------------------------------------------------------------- the block

TEST(JsonBlockTest, WhatOpensJsonFrontMatter) {
  for (const char* text : {"{\n\"a\": 1\n}\n", "{\"a\": 1}\n", "{ \"a\": 1 }\n",
                           "{}\n", "{\t\n}\n", "\xEF\xBB\xBF{\n}\n"}) {
    const SourceMap map(text);
    const FrontMatterBlock b = FindFrontMatter(map);
    EXPECT_TRUE(b.present) << text;
    EXPECT_EQ(b.format, FrontMatterFormat::kJson) << text;
    // Only the JSON parser knows where the object ends.
    EXPECT_FALSE(b.terminated) << text;
  }
}

TEST(JsonBlockTest, TemplatingAndTextDoNotOpenJsonFrontMatter) {
  for (const char* text :
       {"{{< note >}}\nx\n{{< /note >}}\n", "{% raw %}\n", "{/* MDX */}\n",
        "{frontmatter.title}\n", " {\n\"a\": 1\n}\n", "\n{\n\"a\": 1\n}\n",
        "{#anchor}\n"}) {
    const SourceMap map(text);
    EXPECT_FALSE(FindFrontMatter(map).present) << text;
  }
}

TEST(JsonBlockTest, TheBlockEndsWithTheObject) {
  auto doc = Parse("{\n  \"title\": \"T\",\n  \"x\": {\"y\": \"}\"}\n}\n# H\n");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatterBlock& b = doc->front_matter().block();
  EXPECT_TRUE(b.terminated);
  EXPECT_EQ(b.close_line, 4);
  EXPECT_EQ(doc->bytes().substr(b.data_begin, b.data_end - b.data_begin),
            "{\n  \"title\": \"T\",\n  \"x\": {\"y\": \"}\"}\n}");
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range.line, 5);

  auto one_line = Parse("{\"title\": \"T\"}\n\n# H\n");
  ASSERT_TRUE(one_line->input_findings().empty());
  EXPECT_EQ(one_line->front_matter().block().close_line, 1);
  EXPECT_EQ(one_line->front_matter().Find("title").text, "T");
  EXPECT_EQ(one_line->headings()[0].range.line, 3);
}

// -------------------------------------------------------------- lookups

TEST(JsonFrontMatterTest, FoundMissingWrongTypeAndRanges) {
  auto doc = Parse(
      "{\n"
      "  \"title\": \"Hello \\\"wörld\\\"\",\n"
      "  \"weight\": 12,\n"
      "  \"ratio\": -1.5e3,\n"
      "  \"draft\": false,\n"
      "  \"empty\": null,\n"
      "  \"tags\": [\"a\", \"b\"],\n"
      "  \"params\": {\"x\": [1, {\"y\": true}]}\n"
      "}\n");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatter& fm = doc->front_matter();
  EXPECT_EQ(fm.format(), FrontMatterFormat::kJson);
  EXPECT_EQ(fm.Find("nope").status, Status::kMissing);
  EXPECT_EQ(fm.Find("nope").range, R(1, 1, 1, 1));

  const FieldLookup title = fm.Get("title", ValueType::kString);
  EXPECT_EQ(title.status, Status::kFound);
  EXPECT_EQ(title.text, "Hello \"wörld\"");
  EXPECT_EQ(title.range, R(2, 12, 2, 29));

  const FieldLookup weight = fm.Get("weight", ValueType::kNumber);
  EXPECT_EQ(weight.status, Status::kFound);
  EXPECT_EQ(weight.text, "12");
  EXPECT_EQ(weight.range, R(3, 13, 3, 15));
  EXPECT_EQ(fm.Get("weight", ValueType::kString).status, Status::kFound);
  EXPECT_EQ(fm.Find("ratio").text, "-1.5e3");  // as written
  EXPECT_EQ(fm.Find("ratio").type, ValueType::kNumber);
  EXPECT_EQ(fm.Find("ratio").range, R(4, 12, 4, 18));
  EXPECT_EQ(fm.Find("draft").type, ValueType::kBoolean);
  EXPECT_EQ(fm.Find("draft").text, "false");
  EXPECT_EQ(fm.Find("draft").range, R(5, 12, 5, 17));

  // A null value points at its key.
  const FieldLookup empty = fm.Find("empty");
  EXPECT_EQ(empty.type, ValueType::kNull);
  EXPECT_EQ(empty.range, R(6, 3, 6, 10));
  EXPECT_EQ(fm.Get("empty", ValueType::kString).status, Status::kWrongType);

  const FieldLookup tags = fm.Get("tags", ValueType::kString);
  EXPECT_EQ(tags.status, Status::kWrongType);
  EXPECT_EQ(tags.type, ValueType::kList);
  EXPECT_EQ(tags.range, R(7, 11, 7, 21));
  EXPECT_EQ(fm.RangeOf(tags.node[1]), R(7, 17, 7, 20));

  const FieldLookup params = fm.Get("params", ValueType::kMap);
  ASSERT_EQ(params.status, Status::kFound);
  EXPECT_EQ(params.range, R(8, 13, 8, 36));
  const YAML::Node x = params.node["x"];
  ASSERT_TRUE(x.IsSequence());
  EXPECT_EQ(fm.RangeOf(x[0]), R(8, 20, 8, 21));
  EXPECT_EQ(FrontMatter::TypeOf(x[1]["y"]), ValueType::kBoolean);
  EXPECT_EQ(fm.RangeOf(x[1]["y"]), R(8, 29, 8, 33));
}

TEST(JsonFrontMatterTest, ValueTypesAndNumbersAsWritten) {
  auto doc = Parse(
      "{\"s\": \"2024\", \"n\": 2024, \"neg\": -0.5, \"big\": "
      "123456789012345678901234567890, \"e\": 1E+5, \"t\": true, "
      "\"l\": [], \"m\": {}}\n");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatter& fm = doc->front_matter();
  const struct {
    const char* key;
    ValueType type;
    const char* text;
  } cases[] = {
      {"s", ValueType::kString, "2024"},
      {"n", ValueType::kNumber, "2024"},
      {"neg", ValueType::kNumber, "-0.5"},
      {"big", ValueType::kNumber, "123456789012345678901234567890"},
      {"e", ValueType::kNumber, "1E+5"},
      {"t", ValueType::kBoolean, "true"},
      {"l", ValueType::kList, ""},
      {"m", ValueType::kMap, ""},
  };
  for (const auto& c : cases) {
    const FieldLookup l = fm.Find(c.key);
    ASSERT_EQ(l.status, Status::kFound) << c.key;
    EXPECT_EQ(ValueTypeName(l.type), ValueTypeName(c.type)) << c.key;
    EXPECT_EQ(l.text, c.text) << c.key;
  }
  EXPECT_EQ(fm.Find("e").range, R(1, 83, 1, 87));
  EXPECT_EQ(fm.Find("m").range, R(1, 114, 1, 116));
}

TEST(JsonFrontMatterTest, KeysInFileOrderAndRepeatedKeys) {
  auto doc = Parse("{\"zeta\": 1, \"alpha\": 2, \"zeta\": 3}\n");
  ASSERT_TRUE(doc->input_findings().empty());
  std::vector<std::string> keys;
  for (const auto& item : doc->front_matter().root()) {
    keys.push_back(item.first.Scalar());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"zeta", "alpha", "zeta"}));
  EXPECT_EQ(doc->front_matter().Find("zeta").text, "1");
}

TEST(JsonRangeTest, EscapesCodePointsCrlfAndBom) {
  auto doc = Parse(
      "\xEF\xBB\xBF{\r\n"
      "  \"t\": \"\\\\\",\r\n"
      "  \"u\": \"\\u00e9\\\\\\\"x\",\r\n"
      "  \"日本\": \"😀😀\",\r\n"
      "  \"list\": [\r\n"
      "    10\r\n"
      "  ]\r\n"
      "}\r\n");
  ASSERT_TRUE(doc->input_findings().empty());
  const FrontMatter& fm = doc->front_matter();
  EXPECT_EQ(fm.Find("t").text, "\\");
  EXPECT_EQ(fm.Find("t").range, R(2, 8, 2, 12));
  EXPECT_EQ(fm.Find("u").text, "é\\\"x");
  EXPECT_EQ(fm.Find("u").range, R(3, 8, 3, 21));
  EXPECT_EQ(fm.Find("日本").range, R(4, 9, 4, 13));
  // An array over several lines: its first line.
  EXPECT_EQ(fm.Find("list").range, R(5, 11, 5, 12));
  EXPECT_EQ(fm.RangeOf(fm.Find("list").node[0]), R(6, 5, 6, 7));
  EXPECT_EQ(doc->front_matter().block().close_line, 8);
}

// --------------------------------------------------- broken and hostile

TEST(JsonInvalidTest, SyntaxErrorWhereTheParserStopped) {
  auto doc = Parse("{\n  \"title\": \"x\",\n  \"b\" 2\n}\n# H\n");
  const Finding& f = OnlyInput(*doc);
  EXPECT_EQ(f.rule, "input/front-matter-invalid");
  EXPECT_EQ(f.range, R(3, 7, 3, 7));
  EXPECT_EQ(f.message,
            "The front matter is not valid JSON: syntax error while parsing "
            "object separator - unexpected number literal; expected ':'.");
  EXPECT_EQ(doc->front_matter().Find("title").status, Status::kMissing);
  // The block still ends at the lone "}" line; the body is read after it.
  EXPECT_TRUE(doc->front_matter().block().terminated);
  EXPECT_EQ(doc->front_matter().block().close_line, 4);
  ASSERT_EQ(doc->headings().size(), 1u);
  EXPECT_EQ(doc->headings()[0].range.line, 5);
}

TEST(JsonInvalidTest, WithoutALoneClosingLineTheWholeDraftIsMarkdown) {
  auto doc = Parse("{\"title\": \"x\" \"y\"}\n# H\n");
  const Finding& f = OnlyInput(*doc);
  EXPECT_EQ(f.rule, "input/front-matter-invalid");
  // The parser stops at the last byte of the token it did not expect.
  EXPECT_EQ(f.range, R(1, 17, 1, 17));
  EXPECT_FALSE(doc->front_matter().block().terminated);
  ASSERT_EQ(doc->headings().size(), 1u);
}

TEST(JsonInvalidTest, Unterminated) {
  for (const char* text :
       {"{\n  \"title\": \"x\",\n", "{", "{\"a\": \"abc", "{\"a\": [1, 2"}) {
    auto doc = Parse(text);
    const Finding& f = OnlyInput(*doc);
    EXPECT_EQ(f.rule, "input/front-matter-unterminated") << text;
    EXPECT_EQ(f.range, R(1, 1, 1, 1)) << text;
    EXPECT_FALSE(doc->front_matter().block().terminated) << text;
  }
}

TEST(JsonInvalidTest, TextAfterTheClosingBrace) {
  auto doc = Parse("{\"title\": \"x\"} # H\n");
  const Finding& f = OnlyInput(*doc);
  EXPECT_EQ(f.rule, "input/front-matter-invalid");
  EXPECT_EQ(f.range, R(1, 16, 1, 16));
}

TEST(JsonHostileTest, NestingDepthLimit) {
  // The top-level object and 498 arrays nested in it: 499 levels.
  auto fits =
      Parse("{\"a\": " + std::string(498, '[') + std::string(498, ']') + "}\n");
  EXPECT_TRUE(fits->input_findings().empty());
  auto over = Parse("{\"a\": " + std::string(499, '[') + std::string(499, ']') +
                    "}\n# H\n");
  const Finding& f = OnlyInput(*over);
  EXPECT_EQ(f.rule, "input/front-matter-too-complex");
  EXPECT_EQ(f.range, R(1, 505, 1, 505));
  // The parser reads on: the block ends with the object.
  EXPECT_EQ(over->front_matter().block().close_line, 1);
  EXPECT_EQ(over->headings().size(), 1u);
  // A million levels cost heap, not stack.
  auto deep = Parse("{\"a\": " + std::string(1000000, '[') +
                    std::string(1000000, ']') + "}\n");
  EXPECT_EQ(OnlyInput(*deep).rule, "input/front-matter-too-complex");
  auto open = Parse("{\"a\": " + std::string(1000, '['));
  EXPECT_EQ(OnlyInput(*open).rule, "input/front-matter-unterminated");
}

TEST(JsonHostileTest, ValueBudget) {
  std::string list = "{\"x\": [";
  for (size_t i = 0; i < kFrontMatterValueBudget; ++i) list += "1,";
  auto doc = Parse(list + "1]}\n");
  const Finding& f = OnlyInput(*doc);
  EXPECT_EQ(f.rule, "input/front-matter-too-complex");
  EXPECT_TRUE(doc->front_matter().root().IsNull());
}

TEST(JsonHostileTest, NeverCrashes) {
  const std::vector<std::string> texts = {"{\"a\": \"\\ud800\"}\n",
                                          "{\"a\": 1e999}\n",
                                          "{\"a\": \"\xFF\"}\n",
                                          std::string("{\"a\": \"\0\"}\n", 10),
                                          "{}}\n",
                                          "{\"a\": -}\n",
                                          "{\"a\": 01}\n",
                                          "{\"a\": [,]}\n",
                                          "{\"a\": tru}\n",
                                          "{\n}\n}\n",
                                          "{\"a\": 1}\r\r# H\r",
                                          "{\"\": {\"\": {\"\": null}}}\n"};
  for (const std::string& text : texts) {
    auto doc = Parse(text);
    EXPECT_NE(doc, nullptr) << text;
    for (const Finding& f : doc->input_findings()) {
      EXPECT_GE(f.range.line, 1) << text;
    }
  }
}

}  // namespace
}  // namespace proofgate

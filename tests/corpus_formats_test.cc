// The second shared corpus (corpus-formats/README.md): the rust-lang blog's
// 754 Zola posts, every one with TOML front matter between "+++" lines.
// Each must be read: no input/front-matter-* finding, and a title wherever
// the post has one, at the exact place of its TOML string.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "checks/document/document.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

namespace fs = std::filesystem;

const fs::path kRustBlog = fs::path(CorpusFormatsDir()) / "rust-blog";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Byte offset of a (line, code point column) position.
size_t OffsetOf(const SourceMap& map, int line, int column) {
  const std::string_view text = map.Line(line);
  size_t i = 0;
  for (int c = 1; c < column && i < text.size(); ++c) {
    ++i;
    while (i < text.size() &&
           (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) {
      ++i;
    }
  }
  return map.LineStart(line) + i;
}

// Whether the TOML block of a post (its text up to the second "+++" line)
// has a top-level title line, read without the TOML parser.
bool HasTitleLine(const std::string& post) {
  static const std::regex kTitle("^title\\s*=");
  std::istringstream lines(post);
  std::string line;
  int delimiters = 0;
  while (delimiters < 2 && std::getline(lines, line)) {
    if (line.starts_with("+++")) {
      ++delimiters;
    } else if (line.starts_with("[")) {
      return false;  // a [table] starts: later keys are not top-level
    } else if (std::regex_search(line, kTitle)) {
      return true;
    }
  }
  return false;
}

std::vector<fs::path> Posts() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(kRustBlog)) {
    if (entry.is_regular_file() && entry.path().extension() == ".md") {
      out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CorpusFormatsTest, EveryZolaPostHasItsTomlFrontMatterRead) {
  if (!fs::is_directory(kRustBlog)) {
    GTEST_SKIP() << "no rust-lang blog corpus at " << kRustBlog;
  }
  size_t posts = 0;
  size_t titles = 0;
  for (const fs::path& path : Posts()) {
    ++posts;
    const std::string bytes = ReadFile(path);
    auto doc = Document::Parse(path.string(), bytes);
    EXPECT_TRUE(doc->input_findings().empty()) << path;
    const FrontMatter& fm = doc->front_matter();
    EXPECT_EQ(fm.format(), FrontMatterFormat::kToml) << path;
    const FieldLookup title = fm.Get("title", ValueType::kString);
    EXPECT_EQ(title.status == FieldLookup::Status::kFound, HasTitleLine(bytes))
        << path;
    if (title.status != FieldLookup::Status::kFound) continue;
    ++titles;
    // The range holds the quoted string, on one line (no post escapes
    // anything in its title).
    ASSERT_EQ(title.range.line, title.range.end_line) << path;
    const SourceMap& map = doc->source_map();
    const size_t begin = OffsetOf(map, title.range.line, title.range.column);
    const size_t end = OffsetOf(map, title.range.line, title.range.end_column);
    std::string_view quoted = map.text().substr(begin, end - begin);
    const size_t quotes =
        quoted.starts_with("'''") || quoted.starts_with("\"\"\"") ? 3 : 1;
    ASSERT_GE(quoted.size(), 2 * quotes) << path;
    EXPECT_TRUE(quoted.starts_with('"') || quoted.starts_with('\'')) << path;
    quoted.remove_prefix(quotes);
    quoted.remove_suffix(quotes);
    EXPECT_EQ(quoted, title.text) << path;
  }
  EXPECT_EQ(posts, 754u);
  EXPECT_EQ(titles, 753u);  // releases/latest.md is a template stub
}

// `proofgate check` over the whole folder: before TOML front matter was
// read, every post failed with metadata/missing-key for its title.
TEST(CorpusFormatsTest, CheckFindsNoMissingTitleAndNoFrontMatterProblem) {
  if (!fs::is_directory(kRustBlog)) {
    GTEST_SKIP() << "no rust-lang blog corpus at " << kRustBlog;
  }
  const std::string command = ProofgateBinary() +
                              " check --offline --format json " +
                              kRustBlog.string() + " 2>/dev/null";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  const auto report = nlohmann::json::parse(out);
  ASSERT_EQ(report["drafts"].size(), 754u);
  for (const auto& draft : report["drafts"]) {
    const std::string path = draft["path"];
    const bool has_title = HasTitleLine(ReadFile(path));
    for (const auto& f : draft["findings"]) {
      const std::string rule = f["rule"];
      EXPECT_FALSE(rule.starts_with("input/")) << path << ": " << rule;
      if (rule == "metadata/missing-key" && has_title) {
        ADD_FAILURE() << path << ": " << f["message"];
      }
    }
  }
}

}  // namespace
}  // namespace proofgate

// Parses every Markdown file of the shared corpus of real documentation
// (3,815 files, 30 MB; see corpus/README.md) in one pass and checks that
// every range the document model reports is consistent with the file.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "checks/document/document.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

namespace fs = std::filesystem;

using ::proofgate::testing::ReadFile;

std::string Show(const SourceRange& r) {
  return std::to_string(r.line) + ":" + std::to_string(r.column) + "-" +
         std::to_string(r.end_line) + ":" + std::to_string(r.end_column);
}

const fs::path kRoot(CorpusDir());

std::unique_ptr<Document> ParseCorpusFile(const std::string& name) {
  return Document::Parse(name, ReadFile(kRoot / name));
}

// Collects violations; reports how many and the first few.
class Violations {
 public:
  void Add(const std::string& file, const std::string& what) {
    if (list_.size() < 20) list_.push_back(file + ": " + what);
    ++count_;
  }
  size_t count() const { return count_; }
  std::string Summary() const {
    std::string out;
    for (const std::string& s : list_) out += s + "\n";
    return out;
  }

 private:
  std::vector<std::string> list_;
  size_t count_ = 0;
};

// Counts over the whole corpus.
struct Totals {
  size_t files = 0;
  size_t unparsed = 0;
  size_t headings = 0;
  size_t atx_headings = 0;
  size_t sentences = 0;
  std::map<LinkKind, size_t> links;
};

void CheckRanges(const std::string& name, const Document& doc, Violations& v) {
  const SourceMap& map = doc.source_map();
  auto check = [&](const SourceRange& r, const char* what) {
    auto valid = [&](int line, int column) {
      return line >= 1 && line <= map.line_count() && column >= 1 &&
             column <= CountCodePoints(map.Line(line)) + 1;
    };
    if (!valid(r.line, r.column) || !valid(r.end_line, r.end_column) ||
        r.end_line < r.line ||
        (r.end_line == r.line && r.end_column < r.column)) {
      v.Add(name, std::string(what) + " " + Show(r));
    }
  };
  for (const Heading& h : doc.headings()) check(h.range, "heading");
  for (const Link& l : doc.links()) check(l.range, "link");
  for (const Sentence& s : doc.sentences()) check(s.range, "sentence");
  for (const ProseBlock& b : doc.blocks()) check(b.range, "block");
  for (const HtmlComment& c : doc.comments()) check(c.range, "comment");
  for (const Finding& f : doc.input_findings()) check(f.range, "finding");
}

void CheckAtxHeadings(const std::string& name, const Document& doc,
                      Totals& totals, Violations& v) {
  const SourceMap& map = doc.source_map();
  for (const Heading& h : doc.headings()) {
    if (h.setext) continue;
    const size_t start = map.OffsetOfColumn(h.range.line, h.range.column);
    if (map.text().substr(start, 2) == "<h") continue;  // a JSX <h2> (MDX)
    ++totals.atx_headings;
    const std::string_view line = map.Line(h.range.line);
    // '#' after indentation and quote markers (the corpus has no ATX
    // heading in a list item), and at the range's start.
    const size_t first = line.find_first_not_of(" \t>");
    if (first == std::string_view::npos || line[first] != '#' ||
        map.text().substr(start, 1) != "#") {
      v.Add(name, "ATX heading at " + Show(h.range) + ": " +
                      std::string(line.substr(0, 60)));
    }
  }
}

void CheckLinks(const std::string& name, const Document& doc, Totals& totals,
                Violations& v) {
  const SourceMap& map = doc.source_map();
  const std::string_view text = map.text();
  for (const Link& l : doc.links()) {
    ++totals.links[l.kind];
    const size_t begin = map.OffsetOfColumn(l.range.line, l.range.column);
    const size_t end = map.OffsetOfColumn(l.range.end_line, l.range.end_column);
    const std::string_view at = text.substr(begin, end - begin);
    bool ok = false;
    switch (l.kind) {
      case LinkKind::kInline:
        ok = at.starts_with("[") && at.ends_with(")");
        break;
      case LinkKind::kReference:
        ok = at.starts_with("[") && at.ends_with("]");
        break;
      case LinkKind::kImage:
        ok = at.starts_with("![") && (at.ends_with(")") || at.ends_with("]"));
        break;
      case LinkKind::kAutolink:
        ok = at.starts_with("<") && at.ends_with(">");
        break;
      case LinkKind::kBareUrl:
        ok = at == l.text;
        break;
    }
    if (!ok) {
      v.Add(name, std::string(LinkKindName(l.kind)) + " link at " +
                      Show(l.range) + ": " + std::string(at.substr(0, 60)));
    }
  }
}

// A sentence's range starts at its first character in the file, or at the
// backslash or entity reference that character was written as.
void CheckSentences(const std::string& name, const Document& doc,
                    Violations& v) {
  const SourceMap& map = doc.source_map();
  for (const Sentence& s : doc.sentences()) {
    const size_t begin = map.OffsetOfColumn(s.range.line, s.range.column);
    const std::string_view at = map.text().substr(begin, 4);
    const unsigned char lead = static_cast<unsigned char>(s.text[0]);
    const size_t n = std::min<size_t>(s.text.size(), lead < 0x80   ? 1
                                                     : lead < 0xE0 ? 2
                                                     : lead < 0xF0 ? 3
                                                                   : 4);
    if (!at.starts_with(s.text.substr(0, n)) && !at.starts_with("\\") &&
        !at.starts_with("&")) {
      v.Add(name, "sentence at " + Show(s.range) + " [" + s.text.substr(0, 30) +
                      "] but the file has [" + std::string(at) + "]");
    }
  }
}

// Counts and violations of one pass over a corpus.
struct Scan {
  Totals totals;
  Violations ranges, atx, links, sentences, input;
};

// Parses the file at `path` (named `name` in reports) into `scan`.
void ScanFile(const fs::path& path, const std::string& name, Scan& scan) {
  const std::unique_ptr<Document> doc = Document::Parse(name, ReadFile(path));
  Totals& totals = scan.totals;
  ++totals.files;
  if (!doc->parsed()) ++totals.unparsed;
  totals.headings += doc->headings().size();
  totals.sentences += doc->sentences().size();
  for (const Finding& f : doc->input_findings()) {
    scan.input.Add(name, f.rule + " at " + Show(f.range));
  }
  CheckRanges(name, *doc, scan.ranges);
  CheckAtxHeadings(name, *doc, totals, scan.atx);
  CheckLinks(name, *doc, totals, scan.links);
  CheckSentences(name, *doc, scan.sentences);
}

// The files below `root` with one of `extensions`, in a subfolder (not
// the corpus' own README.md), sorted.
std::vector<fs::path> CorpusFiles(const fs::path& root,
                                  const std::vector<std::string>& extensions) {
  std::vector<fs::path> paths;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && entry.path().parent_path() != root &&
        std::find(extensions.begin(), extensions.end(), ext) !=
            extensions.end()) {
      paths.push_back(entry.path());
    }
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

// One pass over the corpus: every file parses, and every range is
// consistent with the file.
TEST(CorpusTest, EveryFileParsesIntoConsistentRanges) {
  if (!fs::is_directory(kRoot)) GTEST_SKIP() << "no corpus at " << kRoot;
  Scan scan;
  for (const fs::path& path : CorpusFiles(kRoot, {".md"})) {
    ScanFile(path, fs::relative(path, kRoot).generic_string(), scan);
  }
  const Totals& totals = scan.totals;
  EXPECT_EQ(totals.files, 3815u);
  EXPECT_EQ(totals.unparsed, 0u);
  EXPECT_EQ(scan.ranges.count(), 0u) << scan.ranges.Summary();
  EXPECT_EQ(scan.atx.count(), 0u) << scan.atx.Summary();
  EXPECT_EQ(scan.links.count(), 0u) << scan.links.Summary();
  EXPECT_EQ(scan.sentences.count(), 0u) << scan.sentences.Summary();
  // The one broken input of the corpus (corpus/README.md).
  EXPECT_EQ(scan.input.Summary(),
            "powershell-docs/7.6/Microsoft.PowerShell.Core/ForEach-Object.md: "
            "input/front-matter-invalid at 9:5-9:5\n");
  // Far from empty, and every kind of link occurs in real documentation.
  EXPECT_GT(totals.headings, 30000u);
  EXPECT_GT(totals.atx_headings, 30000u);
  EXPECT_GT(totals.sentences, 200000u);
  EXPECT_GT(totals.links.at(LinkKind::kInline), 20000u);
  EXPECT_GT(totals.links.at(LinkKind::kReference), 1000u);
  EXPECT_GT(totals.links.at(LinkKind::kImage), 1000u);
  EXPECT_GT(totals.links.at(LinkKind::kAutolink), 0u);
  EXPECT_GT(totals.links.at(LinkKind::kBareUrl), 0u);
}

// The same over the second corpus (corpus-formats/README.md): 420 MDX
// pages of Astro's docs (imports, JSX, expressions, asides) and the Rust
// blog's 754 Zola posts with TOML front matter. No input finding: every
// page is well-formed.
TEST(CorpusTest, EveryFormatsFileParsesIntoConsistentRanges) {
  const fs::path root(CorpusFormatsDir());
  if (!fs::is_directory(root)) GTEST_SKIP() << "no corpus-formats at " << root;
  Scan scan;
  size_t mdx = 0;
  for (const fs::path& path : CorpusFiles(root, {".md", ".mdx"})) {
    if (path.extension() == ".mdx") ++mdx;
    ScanFile(path, fs::relative(path, root).generic_string(), scan);
  }
  const Totals& totals = scan.totals;
  EXPECT_EQ(totals.files, 1174u);
  EXPECT_EQ(mdx, 420u);
  EXPECT_EQ(totals.unparsed, 0u);
  EXPECT_EQ(scan.ranges.count(), 0u) << scan.ranges.Summary();
  EXPECT_EQ(scan.atx.count(), 0u) << scan.atx.Summary();
  EXPECT_EQ(scan.links.count(), 0u) << scan.links.Summary();
  // Known, not yet fixed: 7 sentences in 3 Zola posts start at the wrong
  // place (a sentence after a code span holding a quoted string, and a
  // paragraph that a table interrupts without a blank line:
  // ffi-unwind-longjmp.md:26, this-development-cycle-in-cargo-1.80.md:202,
  // webassembly-targets-change-in-default-target-features.md:184). The
  // limit keeps any new one from passing unnoticed.
  EXPECT_LE(scan.sentences.count(), 7u) << scan.sentences.Summary();
  EXPECT_EQ(scan.input.Summary(), "");
  EXPECT_GT(totals.headings, 5000u);
  EXPECT_GT(totals.sentences, 40000u);
  EXPECT_GT(totals.links.at(LinkKind::kInline), 5000u);
}

TEST(CorpusTest, KnownEdgeCases) {
  if (!fs::is_directory(kRoot)) GTEST_SKIP() << "no corpus at " << kRoot;
  // Opens with six dashes: front matter, as Hugo reads it.
  const auto book = ParseCorpusFile(
      "kubernetes-contributor-site/blog/2024/k8s-book-club/k8s-book-club.md");
  EXPECT_TRUE(book->front_matter().present());
  EXPECT_EQ(book->front_matter().Find("author").text,
            "Frederico Muñoz (SAS Institute)");
  EXPECT_TRUE(book->input_findings().empty());
  // The only file with a byte order mark.
  const auto bom = ParseCorpusFile(
      "powershell-docs/7.6/Microsoft.PowerShell.Utility/Write-Host.md");
  ASSERT_TRUE(bom->bytes().starts_with("\xEF\xBB\xBF---"));
  EXPECT_TRUE(bom->front_matter().present());
  EXPECT_EQ(bom->front_matter().Find("title").text, "Write-Host");
  EXPECT_EQ(bom->front_matter().Find("title").range.column, 8);
  // CRLF line ends.
  const auto crlf = ParseCorpusFile(
      "kubernetes-contributor-site/blog/2026/"
      "wg-device-management-spotlight.md");
  ASSERT_NE(crlf->bytes().find("\r\n"), std::string::npos);
  EXPECT_TRUE(crlf->front_matter().present());
  EXPECT_EQ(crlf->front_matter().Find("title").status,
            FieldLookup::Status::kFound);
  EXPECT_FALSE(crlf->headings().empty());
  // Invalid YAML: `- %` under `aliases:`, at line 9, column 5.
  const auto invalid = ParseCorpusFile(
      "powershell-docs/7.6/Microsoft.PowerShell.Core/ForEach-Object.md");
  ASSERT_EQ(invalid->input_findings().size(), 1u);
  EXPECT_EQ(invalid->input_findings()[0].rule, "input/front-matter-invalid");
  EXPECT_EQ(invalid->input_findings()[0].range, (SourceRange{9, 5, 9, 5}));
  EXPECT_EQ(invalid->input_findings()[0].excerpt, "- %");
  EXPECT_FALSE(invalid->headings().empty());
}

}  // namespace
}  // namespace proofgate

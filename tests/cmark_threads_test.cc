// Drafts parse on many threads at once: cmark-gfm's shared table of inline
// special characters is fixed before the first parse (cmark_threads.h), so
// no parse writes it and concurrent parses find what a lone parse finds.
#include "checks/document/cmark_threads.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "checks/document/document.h"

namespace proofgate {
namespace {

// What a parse found, in one comparable string: every link (kind,
// destination, range) and every sentence.
std::string Summary(const Document& doc) {
  std::string out;
  for (const Link& l : doc.links()) {
    out += std::string(LinkKindName(l.kind)) + " " + l.destination + " " +
           std::to_string(l.range.line) + ":" + std::to_string(l.range.column) +
           "\n";
  }
  for (const Sentence& s : doc.sentences()) out += s.text + "\n";
  return out;
}

// Bare URLs (':' and 'w' are extension characters), strikethrough ('~',
// also skipped around emphasis delimiters) and table pipes in each
// paragraph.
std::string Draft() {
  std::string md = "# Title\n\n| a | b |\n|---|---|\n| x~y | www.t.dev |\n\n";
  for (int i = 0; i < 40; ++i) {
    const std::string n = std::to_string(i);
    md += "Item " + n + " cites https://a" + n + ".dev/x and ~~old~~ *new* " +
          "www.b" + n + ".dev, see <https://c.dev> or [d](https://d.dev).\n\n";
  }
  return md;
}

TEST(CmarkThreadsTest, ParsesRunInParallel) {
  PrepareCmarkForThreads();
  // False would mean the interposition did not take: parses would then run
  // one at a time (still correct, but no faster on more cores).
  EXPECT_TRUE(CmarkParsesInParallel());
  EXPECT_FALSE(CmarkFinishLock().owns_lock());
}

TEST(CmarkThreadsTest, ConcurrentParsesFindWhatALoneParseFinds) {
  const std::string md = Draft();
  const std::string expected = Summary(*Document::Parse("d.md", md));
  ASSERT_NE(expected.find("bare-url https://a39.dev/x"), std::string::npos);
  ASSERT_NE(expected.find("www.b39.dev"), std::string::npos);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int& count : mismatches) {
    threads.emplace_back([&md, &expected, &count] {
      for (int i = 0; i < 30; ++i) {
        if (Summary(*Document::Parse("d.md", md)) != expected) ++count;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int count : mismatches) EXPECT_EQ(count, 0);
}

}  // namespace
}  // namespace proofgate

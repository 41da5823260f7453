// SplitSentences on the cases that break naive splitters on documentation.
#include "checks/document/sentences.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace proofgate {
namespace {

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  for (const SentenceSpan& s : SplitSentences(text)) {
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

using Sentences = std::vector<std::string>;

TEST(SentencesTest, ExactSpansTrimmedOfWhitespace) {
  const std::vector<SentenceSpan> spans =
      SplitSentences("  Lead and trail.   Two.\n Three  ");
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].begin, 2u);
  EXPECT_EQ(spans[0].end, 17u);
  EXPECT_EQ(spans[1].begin, 20u);
  EXPECT_EQ(spans[1].end, 24u);
  EXPECT_EQ(spans[2].begin, 26u);
  EXPECT_EQ(spans[2].end, 31u);
}

TEST(SentencesTest, NothingToSplit) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences(" \t\n ").empty());
  EXPECT_EQ(Split("No period at the end"), Sentences{"No period at the end"});
  EXPECT_EQ(Split("."), Sentences{"."});
}

TEST(SentencesTest, Abbreviations) {
  EXPECT_EQ(Split("See e.g. Foo and i.e. Bar. Dr. Smith agreed. Tabs vs. "
                  "Spaces, Fig. 3 and Eq. 2 apply."),
            (Sentences{"See e.g. Foo and i.e. Bar.", "Dr. Smith agreed.",
                       "Tabs vs. Spaces, Fig. 3 and Eq. 2 apply."}));
  // Case does not matter; a quote or bracket before the word neither.
  EXPECT_EQ(Split("\"Dr. Who\" said (E.g. This) and 'etc. Now' too."),
            Sentences{"\"Dr. Who\" said (E.g. This) and 'etc. Now' too."});
  // The documented cost: "etc." at a sentence's end does not end it.
  EXPECT_EQ(Split("Items, etc. Next."), Sentences{"Items, etc. Next."});
}

TEST(SentencesTest, Initials) {
  EXPECT_EQ(Split("J. R. R. Tolkien wrote it. Then U.S. Army came. É. Dupont "
                  "est là."),
            (Sentences{"J. R. R. Tolkien wrote it.", "Then U.S. Army came.",
                       "É. Dupont est là."}));
}

TEST(SentencesTest, DecimalsVersionsAndDomains) {
  EXPECT_EQ(Split("Pi is 3.14 today. Install v1.2.3 now. Visit example.com "
                  "today. Version 2. Next"),
            (Sentences{"Pi is 3.14 today.", "Install v1.2.3 now.",
                       "Visit example.com today.", "Version 2.", "Next"}));
}

TEST(SentencesTest, RunsOfPunctuation) {
  EXPECT_EQ(
      Split("Really?! Yes. What?? No... Wait... then go."),
      (Sentences{"Really?!", "Yes.", "What??", "No...", "Wait... then go."}));
}

TEST(SentencesTest, LowerCaseAfterAPeriodContinues) {
  EXPECT_EQ(Split("See the example. then more."),
            Sentences{"See the example. then more."});
}

TEST(SentencesTest, QuotesAndBrackets) {
  EXPECT_EQ(Split("He said \"Stop.\" Then left. 'Go!' She ran. (See below.) "
                  "Next one. [Aside.] End."),
            (Sentences{"He said \"Stop.\"", "Then left.", "'Go!'", "She ran.",
                       "(See below.)", "Next one.", "[Aside.]", "End."}));
  // Typographic quotes, opening and closing.
  EXPECT_EQ(Split("\u201CQuoted.\u201D Next. \u00ABCité.\u00BB Puis. "
                  "It\u2019s \u2018done.\u2019 Ok"),
            (Sentences{"\u201CQuoted.\u201D", "Next.", "\u00ABCité.\u00BB",
                       "Puis.", "It\u2019s \u2018done.\u2019", "Ok"}));
}

TEST(SentencesTest, NonAscii) {
  const std::string text = "Ça va. École fermée. Très bien! Ünïcode? ok.";
  EXPECT_EQ(Split(text), (Sentences{"Ça va.", "École fermée.", "Très bien!",
                                    "Ünïcode? ok."}));
  const std::vector<SentenceSpan> spans = SplitSentences(text);
  ASSERT_EQ(spans.size(), 4u);
  // Byte offsets: "Ça va." is 7 bytes.
  EXPECT_EQ(spans[0].end, 7u);
  EXPECT_EQ(spans[1].begin, 8u);
  EXPECT_EQ(spans[1].end, 23u);
}

TEST(SentencesTest, ChineseAndJapanesePunctuation) {
  EXPECT_EQ(Split("你好。世界！好吗？「はい。」Done."),
            (Sentences{"你好。", "世界！", "好吗？", "「はい。」", "Done."}));
}

TEST(SentencesTest, SentencesOverLineBreaks) {
  EXPECT_EQ(Split("First line\ngoes on. Second\n\nthird."),
            (Sentences{"First line\ngoes on.", "Second\n\nthird."}));
}

}  // namespace
}  // namespace proofgate

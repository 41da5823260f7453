#include "rules/verifier.h"

#include <gtest/gtest.h>

namespace proofgate {
namespace {

Finding MakeFinding(Severity severity, double confidence,
                    bool suppressed = false) {
  Finding f;
  f.rule = "test/rule";
  f.severity = severity;
  f.confidence = confidence;
  f.suppressed = suppressed;
  return f;
}

TEST(DecideVerdictTest, NoFindingsPass) {
  EXPECT_EQ(DecideVerdict({}, Routing{}), Verdict::kPass);
}

TEST(DecideVerdictTest, ConfidentErrorFails) {
  EXPECT_EQ(DecideVerdict({MakeFinding(Severity::kError, 1.0)}, Routing{}),
            Verdict::kFail);
}

TEST(DecideVerdictTest, UncertainErrorGoesToReview) {
  EXPECT_EQ(DecideVerdict({MakeFinding(Severity::kError, 0.5)}, Routing{}),
            Verdict::kReview);
}

TEST(DecideVerdictTest, WarningPassesUnlessFailOnWarning) {
  const std::vector<Finding> findings = {MakeFinding(Severity::kWarning, 1)};
  EXPECT_EQ(DecideVerdict(findings, Routing{}), Verdict::kPass);
  Routing strict;
  strict.fail_on = Severity::kWarning;
  EXPECT_EQ(DecideVerdict(findings, strict), Verdict::kFail);
}

TEST(DecideVerdictTest, UncertainWarningGoesToReview) {
  EXPECT_EQ(DecideVerdict({MakeFinding(Severity::kWarning, 0.6)}, Routing{}),
            Verdict::kReview);
}

TEST(DecideVerdictTest, InfoNeverHoldsBack) {
  EXPECT_EQ(DecideVerdict({MakeFinding(Severity::kInfo, 0.1)}, Routing{}),
            Verdict::kPass);
}

TEST(DecideVerdictTest, FailBeatsReview) {
  EXPECT_EQ(DecideVerdict({MakeFinding(Severity::kError, 0.5),
                           MakeFinding(Severity::kError, 0.9)},
                          Routing{}),
            Verdict::kFail);
}

TEST(DecideVerdictTest, SuppressedFindingsDoNotCount) {
  EXPECT_EQ(
      DecideVerdict({MakeFinding(Severity::kError, 1.0, true)}, Routing{}),
      Verdict::kPass);
}

TEST(DecideVerdictTest, MinConfidenceIsInclusive) {
  Routing routing;
  routing.min_confidence = 0.8;
  EXPECT_EQ(DecideVerdict({MakeFinding(Severity::kError, 0.8)}, routing),
            Verdict::kFail);
}

}  // namespace
}  // namespace proofgate

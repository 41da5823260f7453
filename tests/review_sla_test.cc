// Review service levels: durations, the SLA table, and `review.sla` in the
// daemon configuration (refused with file:line:col like every key).
#include <gtest/gtest.h>

#include <sstream>

#include "daemon/cli/report_command.h"
#include "daemon/ledger/ledger.h"
#include "daemon/review/review_report.h"
#include "daemon/service/daemon_config.h"
#include "daemon/text/duration_text.h"
#include "daemon/text/timestamp.h"
#include "tests/daemon_process.h"
#include "tests/temp_dir.h"

namespace proofgate::testing {
namespace {

using std::chrono::seconds;

TEST(DurationTextTest, ParsesTheFourUnits) {
  EXPECT_EQ(ParseDuration("30s"), seconds(30));
  EXPECT_EQ(ParseDuration("15m"), seconds(900));
  EXPECT_EQ(ParseDuration("24h"), seconds(86400));
  EXPECT_EQ(ParseDuration("7d"), seconds(604800));
  for (const char* bad : {"", "s", "0s", "-1h", "1.5h", "1 h", "1w", "48",
                          "h48", "1234567890s"}) {
    EXPECT_FALSE(ParseDuration(bad)) << bad;
  }
}

TEST(ReviewSlaTest, MostSpecificGlobWinsOverTheDefault) {
  ReviewSla sla;
  EXPECT_FALSE(sla.For("a.md"));
  sla.SetDefault(seconds(48 * 3600));
  sla.Add(PathGlob("legal/**"), seconds(24 * 3600));
  sla.Add(PathGlob("legal/urgent/**"), seconds(3600));
  EXPECT_EQ(sla.For("blog/a.md"), seconds(48 * 3600));
  EXPECT_EQ(sla.For("legal/a.md"), seconds(24 * 3600));
  EXPECT_EQ(sla.For("legal/urgent/a.md"), seconds(3600));
}

TEST(ReviewSlaTest, ReportTimesTakeDurationsDatesAndRfc3339) {
  const WallTime now = *ParseRfc3339Utc("2026-03-08T12:00:00.000000Z");
  EXPECT_EQ(ParseReportTime("7d", now),
            ParseRfc3339Utc("2026-03-01T12:00:00.000000Z"));
  EXPECT_EQ(ParseReportTime("2026-03-01", now),
            ParseRfc3339Utc("2026-03-01T00:00:00.000000Z"));
  EXPECT_EQ(ParseReportTime("2026-03-01T09:30:00.000000Z", now),
            ParseRfc3339Utc("2026-03-01T09:30:00.000000Z"));
  EXPECT_FALSE(ParseReportTime("last week", now));
}

// /report?since=... as found by tests/fuzz/http_request_fuzz.cc: bounds
// past what WallTime holds (64-bit nanoseconds, about 1678 to 2262)
// overflowed the clock instead of being answered.
TEST(ReviewSlaTest, ReportTimesOutsideTheClocksRangeDoNotOverflow) {
  const WallTime now = *ParseRfc3339Utc("2026-03-08T12:00:00.000000Z");
  // A window reaching before 1970 starts at the Unix epoch.
  EXPECT_EQ(ParseReportTime("999999999d", now), WallTime{});
  EXPECT_EQ(ParseReportTime("200000d", now), WallTime{});
  EXPECT_EQ(ParseReportTime("20000d", now),
            now - std::chrono::seconds(20000LL * 86400));
  // Dates WallTime cannot hold are not report times.
  for (const char* bad :
       {"0001-01-01", "9999-12-31", "1000-01-01", "0001-01-01T00:00:00.000000Z",
        "9999-12-31T23:59:59.999999Z"}) {
    EXPECT_FALSE(ParseReportTime(bad, now)) << bad;
    EXPECT_FALSE(ParseRfc3339Utc(bad)) << bad;
  }
  EXPECT_TRUE(ParseReportTime("2200-01-01", now));
  EXPECT_TRUE(ParseReportTime("1800-01-01", now));
}

// The report parses about a million ledger times at 1M submissions: the
// parser reads what Rfc3339Utc writes back to the same instant, across
// leap days, years and the clock's range, and refuses a malformed field.
TEST(TimestampTest, ParsesWhatItWritesAndRefusesBadFields) {
  for (const char* text :
       {"1970-01-01T00:00:00.000000Z", "2024-02-29T23:59:59.999999Z",
        "2026-12-31T12:34:56.000001Z", "1969-12-31T23:59:59.500000Z",
        "1800-03-01T00:00:00.000000Z", "2200-01-01T00:00:00.000000Z"}) {
    const std::optional<WallTime> at = ParseRfc3339Utc(text);
    ASSERT_TRUE(at) << text;
    EXPECT_EQ(Rfc3339Utc(*at), text);
  }
  WallTime t = *ParseRfc3339Utc("2020-01-01T00:00:00.000000Z");
  for (int i = 0; i < 2000; ++i) {  // every 1.3 days, 7 years
    t += std::chrono::seconds(112345) + std::chrono::microseconds(7);
    EXPECT_EQ(ParseRfc3339Utc(Rfc3339Utc(t)), t);
  }
  EXPECT_EQ(*ParseRfc3339Utc("2026-03-01T00:00:00.000000Z") -
                *ParseRfc3339Utc("2026-02-28T00:00:00.000000Z"),
            std::chrono::hours(24));
  for (const char* bad :
       {"2026-02-29T00:00:00.000000Z", "2026-13-01T00:00:00.000000Z",
        "2026-00-01T00:00:00.000000Z", "2026-01-01T24:00:00.000000Z",
        "2026-01-01T00:60:00.000000Z", "2026-01-01T00:00:00.00000aZ",
        "2026-01-01 00:00:00.000000Z", "2026-01-01T00:00:00.000000z",
        "+026-01-01T00:00:00.000000Z", "2026-01-01T00:00:00.000000"}) {
    EXPECT_FALSE(ParseRfc3339Utc(bad)) << bad;
  }
}

std::vector<std::string> Errors(const std::string& yaml) {
  TempDir dir;
  const fs::path file = dir.path() / "proofgate.yaml";
  WriteFile(file, yaml);
  const auto load = LoadDaemonConfig(file);
  std::vector<std::string> out;
  if (load) return out;
  for (const ConfigError& e : load.error()) {
    std::string s = e.ToString();
    out.push_back(s.substr(s.find(".yaml") + 5));  // ":line:col: message"
  }
  return out;
}

TEST(ReviewSlaConfigTest, LoadsLevels) {
  TempDir dir;
  const fs::path file = dir.path() / "proofgate.yaml";
  WriteFile(file, "review:\n  sla:\n    default: 48h\n    \"legal/**\": 24h\n");
  const auto load = LoadDaemonConfig(file);
  ASSERT_TRUE(load);
  EXPECT_EQ(load->review_sla.For("legal/x.md"), seconds(86400));
  EXPECT_EQ(load->review_sla.For("x.md"), seconds(172800));
}

TEST(ReviewSlaConfigTest, RefusesBadValuesAtTheirPosition) {
  EXPECT_EQ(Errors("review:\n  sla:\n    default: 2x\n"),
            std::vector<std::string>{
                ":3:14: 'review.sla.default' must be a duration such as 30s, "
                "15m, 24h or 7d, not '2x'"});
  // A level past ten years would put the due time beyond the clock's range.
  EXPECT_EQ(Errors("review:\n  sla:\n    default: 999999999d\n"),
            std::vector<std::string>{
                ":3:14: 'review.sla.default' must be at most 3650d (ten "
                "years), not '999999999d'"});
  EXPECT_TRUE(Errors("review:\n  sla:\n    default: 3650d\n").empty());
  EXPECT_EQ(Errors("review:\n  sla: [1h]\n"),
            std::vector<std::string>{
                ":2:8: 'review.sla' must be a map of 'default' or draft path "
                "globs to durations (30s, 15m, 24h, 7d)"});
  EXPECT_EQ(
      Errors("review:\n  sl: {}\n"),
      std::vector<std::string>{":2:3: unknown key 'review.sl' (expected sla)"});
  EXPECT_EQ(
      Errors("review: 48h\n"),
      std::vector<std::string>{":1:9: 'review' must be a map with 'sla'"});
  EXPECT_EQ(Errors("review:\n  sla:\n    \"legal/**\": {a: 1}\n").size(), 1u);
}

TEST(ReportCommandTest, RefusesABadWindowAndAMissingLedger) {
  TempDir dir;
  ReportOptions options;
  options.ledger = (dir.path() / "none.sqlite").string();
  std::ostringstream out, err;
  EXPECT_EQ(RunReportCommand(options, out, err), 1);
  EXPECT_NE(err.str().find("no ledger at"), std::string::npos) << err.str();
  options.since = "yesterday";
  err.str("");
  EXPECT_EQ(RunReportCommand(options, out, err), 2);
  EXPECT_NE(err.str().find("--since/--until"), std::string::npos) << err.str();
}

TEST(ReportCommandTest, AnEmptyLedgerGivesAnEmptyReport) {
  TempDir dir;
  const fs::path file = dir.path() / "ledger.sqlite";
  ASSERT_TRUE(Ledger::OpenFile(file));
  ReportOptions options;
  options.ledger = file.string();
  options.format = "json";
  std::ostringstream out, err;
  ASSERT_EQ(RunReportCommand(options, out, err), 0) << err.str();
  const nlohmann::json j = nlohmann::json::parse(out.str());
  EXPECT_EQ(j["volume"]["submissions"], 0);
  EXPECT_TRUE(j["volume"]["first_pass_yield"].is_null());
  EXPECT_TRUE(j["handoff_latency"]["p50_seconds"].is_null());
  EXPECT_EQ(j["queue"]["depth"], 0);
}

}  // namespace
}  // namespace proofgate::testing

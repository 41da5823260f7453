// `proofgate report`, review service levels and the ledger's running
// totals, over a real ledger: drafts routed by the real `proofgate run`
// binary, decisions through its HTTP API on 127.0.0.1, the report read
// in-process from the same SQLite file while the daemon runs.
#include "daemon/review/review_report.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <sstream>

#include "daemon/cli/queue_command.h"
#include "daemon/cli/report_command.h"
#include "daemon/ledger/ledger_schema.h"
#include "daemon/ledger/ledger_totals.h"
#include "daemon/text/timestamp.h"
#include "tests/daemon_process.h"
#include "tests/http_client.h"
#include "tests/test_paths.h"

namespace proofgate::testing {
namespace {

std::string Draft(const std::string& title, bool fails) {
  return "---\ntitle: " + title +
         "\ndescription: Why we started writing in public, what we plan to "
         "publish, and how to follow along.\nauthor: Ann\n---\n\n" +
         (fails ? "Intro.\n\n#### Too deep\n" : "## Fine\n");
}

// The report as JSON, read from `spool`'s ledger.
nlohmann::json Report(const fs::path& config,
                      const std::string& format = "json",
                      std::string* text = nullptr) {
  ReportOptions options;
  options.config = config.string();
  options.shipped_rules = BooksDir();
  options.since = "1d";
  options.format = format;
  std::ostringstream out, err;
  EXPECT_EQ(RunReportCommand(options, out, err), 0) << err.str();
  if (text) *text = out.str();
  return format == "json" ? nlohmann::json::parse(out.str(), nullptr, false)
                          : nlohmann::json();
}

const nlohmann::json* RuleRow(const nlohmann::json& report,
                              const std::string& rule) {
  for (const auto& row : report["rules"]) {
    if (row["rule"] == rule) return &row;
  }
  return nullptr;
}

class ReviewReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spool_ = dir_.path() / "spool";
    config_ = dir_.path() / "proofgate.yaml";
    WriteFile(config_, "spool: " + spool_.string() +
                           "\nreview:\n  sla:\n    default: 48h\n"
                           "    \"legal/**\": 1s\n");
    daemon_ = std::make_unique<DaemonProcess>(
        std::vector<std::string>{"--config", config_.string()},
        dir_.path() / "daemon.log");
    ASSERT_TRUE(WaitFor([&] {
      url_ = QueueUrl(daemon_->Log());
      return !url_.empty();
    })) << daemon_->Log();
  }

  // The Markdown and HTML reports of the first test's ledger.
  void ExpectTextFormats();
  // The first test's failures by rule, examples newest first.
  void ExpectFailures(const nlohmann::json& report);

  void Submit(const std::string& rel, const std::string& bytes,
              size_t rows_after) {
    WriteFile(spool_ / "inbox" / rel, bytes);
    ASSERT_TRUE(WaitFor([&] {
      return LedgerColumn(spool_, "SELECT COUNT(*) FROM submissions") ==
             std::vector<std::string>{std::to_string(rows_after)};
    })) << daemon_->Log();
  }

  void Decide(const std::string& rel, const std::string& decision) {
    const nlohmann::json queue =
        nlohmann::json::parse(Http("GET", url_ + "api/queue").body);
    for (const auto& item : queue["items"]) {
      if (item["path"] != rel) continue;
      const HttpReply r = PostUntilRouted(
          url_ + "api/drafts/" + item["id"].get<std::string>() + "/decision",
          nlohmann::json{{"decision", decision},
                         {"reason", "scripted"},
                         {"editor", "Dana"},
                         {"sha256", item["sha256"]}}
              .dump(),
          {"X-CSRF-Token: " + queue["csrf_token"].get<std::string>()});
      ASSERT_EQ(r.status, 200) << r.body;
      return;
    }
    FAIL() << rel << " is not in the queue";
  }

  TempDir dir_;
  fs::path spool_, config_;
  std::unique_ptr<DaemonProcess> daemon_;
  std::string url_;
};

TEST_F(ReviewReportTest, NumbersFromRoutedDraftsAndDecisions) {
  size_t rows = 0;
  Submit("pass.md", Draft("A draft that passes every check", false), ++rows);
  for (const char* rel : {"a.md", "b.md", "c.md", "e.md", "f.md", "g.md"}) {
    Submit(rel, Draft(std::string("The draft ") + rel + " that fails", true),
           ++rows);
  }
  for (const char* rel : {"a.md", "c.md", "e.md", "f.md", "g.md"}) {
    Decide(rel, "approve");
  }
  Decide("b.md", "return");
  Submit("b.md", Draft("The draft b.md, fixed", false), ++rows);
  Submit("legal/d.md", Draft("A legal draft that waits", true), ++rows);

  // Overdue against its 1 s level: wait (bounded) until the queue says so.
  nlohmann::json report;
  ASSERT_TRUE(WaitFor([&] {
    report = Report(config_);
    return report["queue"]["overdue"] == 1;
  })) << report.dump(2);
  const nlohmann::json& volume = report["volume"];
  EXPECT_EQ(volume["submissions"], 9);
  EXPECT_EQ(volume["drafts"], 8);
  EXPECT_EQ(volume["first_pass"], 2);
  EXPECT_DOUBLE_EQ(volume["first_pass_yield"].get<double>(), 2.0 / 9);
  ASSERT_EQ(volume["days"].size(), 1u);  // unless run across midnight UTC
  EXPECT_EQ(volume["days"][0]["submissions"], 9);

  const nlohmann::json* skipped = RuleRow(report, "headings/skipped-level");
  ASSERT_NE(skipped, nullptr) << report.dump(2);
  EXPECT_EQ((*skipped)["drafts_flagged"], 7);
  EXPECT_EQ((*skipped)["decisions"], 6);
  EXPECT_EQ((*skipped)["approvals"], 5);
  EXPECT_EQ((*skipped)["returns"], 1);
  EXPECT_DOUBLE_EQ((*skipped)["override_rate"].get<double>(), 5.0 / 6);
  EXPECT_EQ((*skipped)["too_strict"], true);
  EXPECT_EQ((*skipped)["unused"], false);
  bool any_unused = false;
  for (const auto& row : report["rules"]) {
    if (row["unused"] == true) {
      any_unused = true;
      EXPECT_EQ(row["findings"], 0) << row.dump();
    }
  }
  EXPECT_TRUE(any_unused);
  ExpectFailures(report);

  const nlohmann::json& rework = report["rework"];
  EXPECT_EQ(rework["resubmissions"], 1);
  ASSERT_EQ(rework["paths"].size(), 1u);
  EXPECT_EQ(rework["paths"][0]["path"], "b.md");
  EXPECT_EQ(rework["returned_more_than_once"], 0);
  EXPECT_EQ(rework["reached_ready"], 7);
  EXPECT_DOUBLE_EQ(rework["mean_submissions_to_ready"].get<double>(), 8.0 / 7);

  const nlohmann::json& handoff = report["handoff_latency"];
  EXPECT_EQ(handoff["count"], 6);
  EXPECT_GE(handoff["p50_seconds"].get<double>(), 0);
  EXPECT_GE(handoff["p90_seconds"].get<double>(),
            handoff["p50_seconds"].get<double>());
  EXPECT_EQ(handoff["by_folder"][""]["count"], 6);
  EXPECT_EQ(handoff["by_rulebook"].size(), 1u);
  EXPECT_EQ(report["cycle_time"]["count"], 8);

  const nlohmann::json& queue = report["queue"];
  EXPECT_EQ(queue["depth"], 1);
  EXPECT_EQ(queue["oldest_path"], "legal/d.md");
  EXPECT_EQ(queue["by_folder"]["legal"]["overdue"], 1);
  EXPECT_TRUE(queue["by_reviewer"].empty());

  ExpectTextFormats();
}

void ReviewReportTest::ExpectFailures(const nlohmann::json& report) {
  ASSERT_FALSE(report["failures"].empty());
  EXPECT_EQ(report["failures"][0]["rule"], "headings/skipped-level");
  EXPECT_EQ(report["failures"][0]["drafts"], 7);
  EXPECT_EQ(report["failures"][0]["proof_pages"].size(), kFailureExamples);
  // Newest first: the last failing submission is legal/d.md, still queued.
  const nlohmann::json waiting =
      nlohmann::json::parse(Http("GET", url_ + "api/queue").body);
  ASSERT_EQ(waiting["items"].size(), 1u) << waiting.dump(2);
  EXPECT_EQ(waiting["items"][0]["path"], "legal/d.md");
  EXPECT_EQ(report["failures"][0]["proof_pages"][0],
            "/drafts/" + waiting["items"][0]["id"].get<std::string>());
}

void ReviewReportTest::ExpectTextFormats() {
  std::string md, html;
  Report(config_, "md", &md);
  EXPECT_NE(md.find("| headings/skipped-level | 7 | 7 | 6 | 5 | 1 | 83 % | too "
                    "strict? |"),
            std::string::npos)
      << md;
  // 8 submissions over the 7 versions that reached ready/ (b.md twice).
  EXPECT_NE(md.find("- mean submissions to ready: 1.14 (over 7 versions that "
                    "reached ready/)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("No draft of this window was escalated to a reviewer."),
            std::string::npos);
  EXPECT_NE(md.find("No waiting draft names a reviewer."), std::string::npos);
  Report(config_, "html", &html);
  EXPECT_NE(html.find("1.14 (over 7 versions that reached ready/)"),
            std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST_F(ReviewReportTest, QueueApiPageMetricsAndCliShowOverdue) {
  Submit("top.md", Draft("A draft with two days to go", true), 1);
  Submit("legal/late.md", Draft("A legal draft past its level", true), 2);
  nlohmann::json items;
  ASSERT_TRUE(WaitFor([&] {
    items =
        nlohmann::json::parse(Http("GET", url_ + "api/queue").body)["items"];
    for (const auto& item : items) {
      if (item["path"] == "legal/late.md") return item["overdue"] == true;
    }
    return false;
  })) << items.dump(2);
  for (const auto& item : items) {
    ASSERT_TRUE(item["due"].is_string()) << item.dump();
    if (item["path"] == "top.md") {
      EXPECT_EQ(item["overdue"], false);
      const auto routed = ParseRfc3339Utc(item["routed"].get<std::string>());
      const auto due = ParseRfc3339Utc(item["due"].get<std::string>());
      ASSERT_TRUE(routed && due);
      EXPECT_EQ(*due - *routed, std::chrono::hours(48));
    }
  }
  const std::string metrics = Http("GET", url_ + "metrics").body;
  EXPECT_NE(metrics.find("\nproofgate_queue_overdue{folder=\"legal\"} 1\n"),
            std::string::npos)
      << metrics;
  EXPECT_EQ(metrics.find("proofgate_queue_overdue{folder=\"\"}"),
            std::string::npos);
  const std::string page = Http("GET", url_).body;
  const size_t late = page.find("legal/late.md"), top = page.find("top.md");
  ASSERT_NE(late, std::string::npos);
  EXPECT_LT(late, top);  // overdue first
  EXPECT_NE(page.find("class=\"overdue\""), std::string::npos);
  EXPECT_NE(page.find("overdue by"), std::string::npos);

  const HttpReply report = Http("GET", url_ + "report?since=7d");
  EXPECT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("1 overdue"), std::string::npos) << report.body;
  EXPECT_NE(report.body.find("unused?"), std::string::npos);  // rules in force
  EXPECT_EQ(Http("GET", url_ + "report?since=forever").status, 400);

  QueueListOptions list;
  list.client.url = url_;
  list.overdue = true;
  std::ostringstream out, err;
  ASSERT_EQ(RunQueueList(list, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("1 draft overdue"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("legal/late.md"), std::string::npos);
  EXPECT_EQ(out.str().find("top.md"), std::string::npos);
}

// The running totals equal totals rebuilt from every raw row, and a
// version-0 ledger migrates to the same totals.
TEST_F(ReviewReportTest, RunningTotalsEqualAFullScan) {
  size_t rows = 0;
  for (const char* rel : {"x.md", "y.md", "z/w.md"}) {
    Submit(rel, Draft(std::string("Totals draft ") + rel, true), ++rows);
  }
  Submit("ok.md", Draft("A draft that passes every check", false), ++rows);
  Decide("x.md", "approve");
  Decide("y.md", "return");
  Submit("y.md", Draft("Totals draft y.md again", true), ++rows);
  Submit("z/w.md", Draft("Totals draft z/w.md again", true), ++rows);
  daemon_->Signal(SIGTERM);
  ASSERT_EQ(daemon_->Wait(), 0);

  sqlite3* db = nullptr;
  const fs::path file = spool_ / ".proofgate" / "ledger.sqlite";
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  const LedgerCounts running = ReadTotals(db);
  EXPECT_EQ(running.submitted, 6);
  EXPECT_EQ(running.handoff.count(), 2);
  EXPECT_EQ(running.cycle.count(), 3);  // two decisions, one pass
  ASSERT_EQ(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_TRUE(RebuildTotals(db));
  EXPECT_TRUE(ReadTotals(db) == running);
  ASSERT_EQ(sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr), SQLITE_OK);

  const std::vector<std::string> firsts = LedgerColumn(
      spool_, "SELECT first_submitted_at FROM submissions ORDER BY id");
  ASSERT_EQ(sqlite3_exec(db,
                         "DELETE FROM metric_totals; UPDATE submissions SET "
                         "first_submitted_at = NULL; PRAGMA user_version = 0",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  ASSERT_TRUE(ApplyLedgerSchema(db));
  EXPECT_EQ(LedgerSchemaVersion(db), kLedgerSchemaVersion);
  EXPECT_TRUE(ReadTotals(db) == running);
  sqlite3_close(db);
  EXPECT_EQ(
      LedgerColumn(spool_,
                   "SELECT first_submitted_at FROM submissions ORDER BY id"),
      firsts);
}

}  // namespace
}  // namespace proofgate::testing

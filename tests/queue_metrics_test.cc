// /metrics after a scripted sequence of submissions and decisions: the real
// `proofgate run` binary, HTTP to 127.0.0.1 only.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "tests/daemon_process.h"
#include "tests/http_client.h"

namespace proofgate::testing {
namespace {

std::string Front(const std::string& title) {
  return "---\ntitle: " + title +
         "\ndescription: Why we started writing in public, what we plan to "
         "publish, and how to follow along.\nauthor: Ann\n---\n\n";
}

// The value of the sample `series` (name with labels, exactly as printed)
// in `text`, or -1 when absent.
double Sample(const std::string& text, const std::string& series) {
  const size_t at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

TEST(QueueMetricsTest, CountsSubmissionsDecisionsAndLatencies) {
  TempDir dir;
  const fs::path spool = dir.path() / "spool";
  DaemonProcess daemon({"--spool", spool.string()}, dir.path() / "daemon.log");
  std::string url;
  ASSERT_TRUE(WaitFor([&] {
    url = QueueUrl(daemon.Log());
    return !url.empty();
  })) << daemon.Log();

  // Four drafts: one passes, three fail on headings/skipped-level, one of
  // which also lacks its title (a metadata rule).
  const std::string failing = "Intro.\n\n#### Too deep\n";
  const std::vector<std::pair<std::string, std::string>> drafts = {
      {"pass.md", Front("A draft that passes every check") + "## Fine\n"},
      {"a.md", Front("The first draft that fails") + failing},
      {"b.md", Front("The second draft that fails") + failing},
      {"c.md",
       "---\ndescription: Why we started writing in public, what we plan "
       "to publish, and how to follow along.\n---\n\n" +
           failing},
  };
  for (const auto& [rel, bytes] : drafts) {
    WriteFile(spool / "inbox" / rel, bytes);
    ASSERT_TRUE(WaitFor([&] {
      const Routed r = FindRouted(spool, rel);
      return r.copies == 1 && r.record.is_object();
    })) << daemon.Log();
  }
  // The queue lists the index, whose rows are committed with the ledger's,
  // which may follow the files into review/ by a group commit.
  nlohmann::json queue;
  EXPECT_TRUE(WaitFor([&] {
    queue = nlohmann::json::parse(Http("GET", url + "api/queue").body, nullptr,
                                  false);
    return queue.is_object() && queue["items"].size() == 3u;
  }));
  ASSERT_EQ(queue["items"].size(), 3u) << queue.dump();
  const std::string csrf = queue["csrf_token"];
  auto decide = [&](const std::string& rel, const std::string& decision) {
    for (const auto& item : queue["items"]) {
      if (item["path"] != rel) continue;
      const HttpReply r = PostUntilRouted(
          url + "api/drafts/" + item["id"].get<std::string>() + "/decision",
          nlohmann::json{{"decision", decision},
                         {"reason", "scripted"},
                         {"editor", "Dana"},
                         {"sha256", item["sha256"]}}
              .dump(),
          {"X-CSRF-Token: " + csrf});
      EXPECT_EQ(r.status, 200) << r.body;
    }
  };
  decide("a.md", "approve");
  decide("c.md", "approve");
  decide("b.md", "return");
  // One more failing draft stays waiting in the queue.
  WriteFile(spool / "inbox" / "d.md",
            Front("A fourth draft that waits") + failing);
  // Its ledger row is written just after it appears in review/.
  ASSERT_TRUE(WaitFor([&] {
    return LedgerColumn(spool, "SELECT COUNT(*) FROM submissions") ==
           std::vector<std::string>{"5"};
  }));

  const HttpReply reply = Http("GET", url + "metrics");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("content-type"),
            "text/plain; version=0.0.4; charset=utf-8");
  const std::string m = "\n" + reply.body;
  EXPECT_EQ(Sample(m, "proofgate_drafts_submitted_total"), 5);
  EXPECT_EQ(
      Sample(m,
             "proofgate_drafts_routed_total{verdict=\"pass\",area=\"ready\"}"),
      1);
  EXPECT_EQ(
      Sample(m,
             "proofgate_drafts_routed_total{verdict=\"fail\",area=\"review\"}"),
      4);
  EXPECT_EQ(Sample(m, "proofgate_queue_depth"), 1);
  EXPECT_GE(Sample(m, "proofgate_queue_oldest_age_seconds"), 0);
  EXPECT_EQ(
      Sample(m,
             "proofgate_queue_drafts_by_rule{rule=\"headings/skipped-level\"}"),
      1);
  EXPECT_EQ(Sample(m, "proofgate_decisions_total{decision=\"approve\"}"), 2);
  EXPECT_EQ(Sample(m, "proofgate_decisions_total{decision=\"return\"}"), 1);
  // Per rule: what the decided drafts were in review for.
  std::map<std::pair<std::string, std::string>, int> by_rule;
  std::map<std::string, int> overrides;
  for (const auto& item : queue["items"]) {
    const std::string decision = item["path"] == "b.md" ? "return" : "approve";
    for (const auto& rule : item["blocking_rules"]) {
      ++by_rule[{rule.get<std::string>(), decision}];
      if (decision == "approve") ++overrides[rule.get<std::string>()];
    }
  }
  ASSERT_GE(overrides.size(), 2u) << queue.dump();  // c.md adds metadata rules
  EXPECT_EQ(overrides["headings/skipped-level"], 1);
  for (const auto& [key, n] : by_rule) {
    EXPECT_EQ(Sample(m, "proofgate_decisions_by_rule_total{rule=\"" +
                            key.first + "\",decision=\"" + key.second + "\"}"),
              n)
        << m;
  }
  for (const auto& [rule, n] : overrides) {
    EXPECT_EQ(Sample(m, "proofgate_overrides_total{rule=\"" + rule + "\"}"), n)
        << m;
  }
  // Three decisions: three handoffs; cycle times for them and the pass.
  EXPECT_EQ(Sample(m, "proofgate_handoff_latency_seconds_count"), 3);
  EXPECT_EQ(Sample(m, "proofgate_handoff_latency_seconds_bucket{le=\"+Inf\"}"),
            3);
  EXPECT_EQ(Sample(m, "proofgate_handoff_latency_seconds_bucket{le=\"60\"}"),
            3);
  EXPECT_GT(Sample(m, "proofgate_handoff_latency_seconds_sum"), 0);
  EXPECT_EQ(Sample(m, "proofgate_cycle_time_seconds_count"), 4);
  EXPECT_GT(Sample(m, "proofgate_cycle_time_seconds_sum"), 0);
  // Findings per rule over all five submissions: the three failing drafts
  // with a title (the page's H1) jump from it to an H4 once each; c.md has
  // no title, so its H4 is reported as headings/first-not-h1 instead.
  EXPECT_EQ(
      Sample(m, "proofgate_findings_total{rule=\"headings/skipped-level\"}"),
      3);
  // Every check of the rulebook ran on every submission, each timed.
  for (const char* check : {"headings", "metadata", "prohibited", "links"}) {
    SCOPED_TRACE(check);
    const std::string labels = std::string("{check=\"") + check + "\"";
    EXPECT_EQ(
        Sample(m, "proofgate_check_duration_seconds_count" + labels + "}"), 5);
    EXPECT_EQ(Sample(m, "proofgate_check_duration_seconds_bucket" + labels +
                            ",le=\"+Inf\"}"),
              5);
    EXPECT_GT(Sample(m, "proofgate_check_duration_seconds_sum" + labels + "}"),
              0);
  }
  // Every line is a comment or a sample "name{labels} value".
  const std::regex line(R"(^(#.*|[a-z_]+(\{[^}]*\})? [-+0-9.eInf]+)$)");
  std::istringstream in(reply.body);
  for (std::string l; std::getline(in, l);) {
    EXPECT_TRUE(std::regex_match(l, line)) << l;
  }

  // The counts survive a restart: they come from the ledger.
  daemon.Signal(SIGTERM);
  ASSERT_EQ(daemon.Wait(), 0);
  DaemonProcess again({"--spool", spool.string()}, dir.path() / "again.log");
  ASSERT_TRUE(WaitFor([&] {
    url = QueueUrl(again.Log());
    return !url.empty();
  })) << again.Log();
  const std::string after = "\n" + Http("GET", url + "metrics").body;
  EXPECT_EQ(Sample(after, "proofgate_decisions_total{decision=\"approve\"}"),
            2);
  EXPECT_EQ(Sample(after, "proofgate_handoff_latency_seconds_count"), 3);
  EXPECT_EQ(Sample(after,
                   "proofgate_findings_total{rule=\"headings/skipped-level\"}"),
            3);
}

}  // namespace
}  // namespace proofgate::testing

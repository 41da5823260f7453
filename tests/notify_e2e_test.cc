// Webhook notifications end to end: the real `proofgate run` binary fed
// drafts (synthetic ones, plus corpus drafts when ../shared/corpus is
// there), an editor's decision over HTTP, and a real receiver on
// 127.0.0.1 that is down at first. The daemon is killed with SIGKILL while
// events wait, drafts arrive while it is down, then the receiver comes up
// and the daemon restarts: every event the ledger recorded arrives, with a
// valid signature, and deduplicated by id nothing is missing. Bounded
// waits, no timing asserted.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <set>

#include "daemon/notify/webhook_request.h"
#include "tests/daemon_process.h"
#include "tests/http_client.h"
#include "tests/test_paths.h"
#include "tests/webhook_receiver.h"

namespace proofgate::testing {
namespace {

std::string Front(const std::string& title) {
  return "---\ntitle: " + title +
         "\ndescription: Why we started writing in public, what we plan to "
         "publish, and how to follow along.\nauthor: Ann Lee\n---\n\n";
}
// headings/skipped-level: fails the draft (review/).
const std::string kFailingBody = "Intro paragraph.\n\n#### Too deep\n";
const std::string kPassingBody = "## Fine\n\nText.\n";

class NotifyE2eTest : public ::testing::Test {
 protected:
  fs::path spool() const { return dir_.path() / "spool"; }

  void Start() {
    daemon_ = std::make_unique<DaemonProcess>(
        std::vector<std::string>{"--config", config_.string()},
        dir_.path() / ("daemon" + std::to_string(++starts_) + ".log"));
    ASSERT_TRUE(WaitFor([&] {
      return Contains(daemon_->Log(), "proofgate run: watching") ||
             daemon_->Wait(std::chrono::milliseconds(0)).has_value();
    })) << daemon_->Log();
    url_ = QueueUrl(daemon_->Log());
    ASSERT_FALSE(url_.empty()) << daemon_->Log();
  }

  void WriteConfig(unsigned short port) {
    WriteFile(dir_.path() / "secret", "e2e-secret\n");
    config_ = dir_.path() / "proofgate.yaml";
    WriteFile(config_,
              "spool: " + spool().string() +
                  "\nlinks: {network: false}\nreview:\n  sla: {default: 1s}\n"
                  "notify:\n  retry_max_s: 1\n  webhooks:\n"
                  "    - url: http://127.0.0.1:" +
                  std::to_string(port) +
                  "/hook\n      allow_private: true\n"
                  "      secret_file: " +
                  (dir_.path() / "secret").string() +
                  "\n      events: [draft.review, draft.failed, "
                  "draft.ready, decision, sla.breached]\n");
  }

  // Drops the drafts (unless `write` is false: already in inbox/) and
  // waits until each is routed.
  void Drop(const std::map<std::string, std::string>& drafts,
            bool write = true) {
    for (const auto& [rel, bytes] : drafts) {
      if (write) WriteFile(spool() / "inbox" / rel, bytes);
    }
    for (const auto& [rel, bytes] : drafts) {
      EXPECT_TRUE(WaitFor([&] {
        return FindRouted(spool(), rel).copies == 1 &&
               FilesBelow(spool() / ".proofgate" / "processing").empty();
      })) << rel
          << daemon_->Log();
    }
  }

  void Approve(const std::string& rel) {
    const Routed r = FindRouted(spool(), rel);
    ASSERT_EQ(r.area, "review");
    const HttpReply q = Http("GET", url_ + "api/queue");
    const std::string csrf =
        nlohmann::json::parse(q.body, nullptr, false).value("csrf_token", "");
    const nlohmann::json body = {{"decision", "approve"},
                                 {"reason", "The H4 is intended"},
                                 {"editor", "Dana"},
                                 {"sha256", r.record["draft"]["sha256"]}};
    const HttpReply reply = PostUntilRouted(
        url_ + "api/drafts/" + r.record["submission"].get<std::string>() +
            "/decision",
        body.dump(),
        {"Content-Type: application/json", "X-CSRF-Token: " + csrf});
    ASSERT_EQ(reply.status, 200) << reply.body;
  }

  static bool Contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }

  TempDir dir_;
  fs::path config_;
  std::unique_ptr<DaemonProcess> daemon_;
  std::string url_;
  int starts_ = 0;  // a log file per start, so url_ is this start's
};

// The value of the unlabelled series `name` in /metrics text `text`; -1
// when absent.
double Gauge(const std::string& text, const std::string& name) {
  const std::string line = "\n" + name + " ";
  const size_t at = ("\n" + text).find(line);
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + line.size() - 1));
}

std::map<std::string, std::string> Drafts(const std::string& prefix,
                                          bool corpus) {
  std::map<std::string, std::string> drafts;
  for (int i = 0; i < 3; ++i) {
    const std::string n = prefix + std::to_string(i);
    drafts[n + "-fails.md"] = Front("Failing " + n) + kFailingBody;
    drafts[n + "-passes.md"] = Front("Passing " + n) + kPassingBody;
  }
  if (!corpus || !CorpusPresent()) return drafts;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(CorpusDir())) {
    if (e.path().extension() == ".md") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (size_t i = 0; i < files.size() && i < 12; ++i) {
    drafts["corpus/c" + std::to_string(i) + ".md"] =
        ReadFile(files[i * (files.size() / 12)]);
  }
  return drafts;
}

TEST_F(NotifyE2eTest, EveryEventArrivesAcrossADownReceiverAndAKillNine) {
  unsigned short port = 0;
  {
    WebhookReceiver probe;  // a free port, closed again: the receiver is down
    port = probe.port();
  }
  WriteConfig(port);
  Start();
  if (HasFatalFailure()) return;
  Drop(Drafts("a", /*corpus=*/true));
  Approve("a0-fails.md");
  // The receiver is down: deliveries fail and are retried.
  ASSERT_TRUE(WaitFor([&] {
    return !LedgerColumn(spool(),
                         "SELECT seq FROM notify_outbox WHERE attempts > 0")
                .empty();
  })) << daemon_->Log();
  // /metrics shows the backlog: deliveries waiting, the oldest one's age.
  const std::string backlog = Http("GET", url_ + "metrics").body;
  EXPECT_GE(Gauge(backlog, "proofgate_notify_outbox_pending"), 1) << backlog;
  EXPECT_GT(Gauge(backlog, "proofgate_notify_outbox_oldest_age_seconds"), 0)
      << backlog;
  daemon_->Signal(SIGKILL);
  ASSERT_TRUE(daemon_->Wait());

  // Drafts arrive while the daemon is down; the receiver comes up.
  for (const auto& [rel, bytes] : Drafts("b", false)) {
    WriteFile(spool() / "inbox" / rel, bytes);
  }
  WebhookReceiver receiver(port);
  Start();
  if (HasFatalFailure()) return;
  Drop(Drafts("b", false), /*write=*/false);

  // Every submission's routing event, the decision, an SLA breach for each
  // draft still waiting in review/: all recorded in the outbox...
  const auto expected_routing = [&] {
    return LedgerColumn(
        spool(),
        "SELECT id || '/' || CASE WHEN route = 'ready' THEN "
        "'draft.ready' WHEN verdict = 'fail' THEN 'draft.failed' "
        "ELSE 'draft.review' END FROM (SELECT id, verdict, "
        "(SELECT to_area FROM routing_events r WHERE r.submission "
        "= s.id AND from_area IS NULL) AS route FROM submissions s)");
  };
  std::set<std::string> expected;
  ASSERT_TRUE(WaitFor([&] {
    expected.clear();
    for (const std::string& id : expected_routing()) expected.insert(id);
    for (const std::string& id : LedgerColumn(
             spool(), "SELECT submission || '/decision' FROM decisions")) {
      expected.insert(id);
    }
    for (const std::string& id : LedgerColumn(
             spool(),
             "SELECT id || '/sla.breached' FROM submissions s WHERE area = "
             "'review' AND superseded_by IS NULL AND NOT EXISTS (SELECT 1 "
             "FROM decisions d WHERE "
             "d.submission = s.id)")) {
      expected.insert(id);
    }
    const auto recorded =
        LedgerColumn(spool(), "SELECT event_id FROM notify_outbox");
    const std::set<std::string> in_outbox(recorded.begin(), recorded.end());
    return std::includes(in_outbox.begin(), in_outbox.end(), expected.begin(),
                         expected.end());
  })) << daemon_->Log();
  EXPECT_GE(expected.size(), 6u + 6u + 1u + 5u);

  // ... and all delivered: deduplicated by id, the receiver has them all.
  std::set<std::string> received;
  ASSERT_TRUE(WaitFor([&] {
    received.clear();
    for (const ReceivedRequest& r : receiver.Requests()) {
      received.insert(
          nlohmann::json::parse(r.body, nullptr, false).value("id", ""));
    }
    return std::includes(received.begin(), received.end(), expected.begin(),
                         expected.end()) &&
           LedgerColumn(
               spool(),
               "SELECT seq FROM notify_outbox WHERE delivered_at IS NULL")
               .empty();
  })) << daemon_->Log();
  const auto recorded =
      LedgerColumn(spool(), "SELECT event_id FROM notify_outbox");
  EXPECT_EQ(received, std::set<std::string>(recorded.begin(), recorded.end()));
  const std::string drained = Http("GET", url_ + "metrics").body;
  EXPECT_EQ(Gauge(drained, "proofgate_notify_outbox_pending"), 0) << drained;
  EXPECT_EQ(Gauge(drained, "proofgate_notify_outbox_oldest_age_seconds"), 0);
  // Failed deliveries were logged with the webhook's URL redacted.
  const std::string log =
      daemon_->Log() + ReadFile(dir_.path() / "daemon1.log");
  EXPECT_TRUE(Contains(
      log, "webhook http://127.0.0.1:" + std::to_string(port) + "/…: "))
      << log;
  EXPECT_FALSE(Contains(log, "/hook")) << log;

  // Each request is signed over its timestamp and raw body.
  for (const ReceivedRequest& r : receiver.Requests()) {
    const std::string stamp = r.headers.at("x-proofgate-timestamp");
    EXPECT_EQ(r.headers.at("x-proofgate-signature"),
              "sha256=" + HmacSha256Hex("e2e-secret", stamp + "." + r.body));
    const nlohmann::json body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body["url"],
              url_ + "drafts/" + body["submission"].get<std::string>());
    EXPECT_EQ(r.headers.at("x-proofgate-delivery"), body["id"]);
  }
  daemon_->Signal(SIGTERM);
  EXPECT_EQ(daemon_->Wait(), 0);
}

// SIGHUP reloads the webhooks: a new URL, secret and events take effect
// without a restart; the events of a removed webhook wait in the outbox,
// unsent, and go out once it is configured again; a bad `notify:` is
// refused at file:line:col and the webhooks in force stay.
TEST_F(NotifyE2eTest, SighupReloadsTheWebhooks) {
  unsigned short old_port = 0;
  {
    WebhookReceiver probe;  // a free port, closed again: down
    old_port = probe.port();
  }
  WebhookReceiver fresh;
  WriteFile(dir_.path() / "secret2", "second-secret\n");
  config_ = dir_.path() / "proofgate.yaml";
  const auto write = [&](unsigned short port, const std::string& secret,
                         const std::string& events) {
    WriteFile(config_, "spool: " + spool().string() +
                           "\nlinks: {network: false}\n"
                           "notify:\n  retry_max_s: 1\n  webhooks:\n"
                           "    - url: http://127.0.0.1:" +
                           std::to_string(port) +
                           "/hook\n      allow_private: true\n"
                           "      secret_file: " +
                           (dir_.path() / secret).string() +
                           "\n      events: " + events + "\n");
  };
  WriteFile(dir_.path() / "secret", "e2e-secret\n");
  write(old_port, "secret", "[draft.failed, draft.ready]");
  Start();
  if (HasFatalFailure()) return;
  Drop({{"d1.md", Front("One") + kFailingBody}});
  ASSERT_TRUE(WaitFor([&] {
    return !LedgerColumn(spool(),
                         "SELECT seq FROM notify_outbox WHERE attempts > 0")
                .empty();
  })) << daemon_->Log();

  // A new URL, secret and events, without a restart.
  write(fresh.port(), "secret2", "[draft.ready]");
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] {
    return Contains(daemon_->Log(), "webhooks reloaded: 1 in force");
  })) << daemon_->Log();
  Drop({{"d2.md", Front("Two") + kFailingBody},
        {"d3.md", Front("Three") + kPassingBody}});
  ASSERT_TRUE(WaitFor([&] { return fresh.Requests().size() == 1; }))
      << daemon_->Log();
  const ReceivedRequest got = fresh.Requests()[0];
  const nlohmann::json body = nlohmann::json::parse(got.body);
  EXPECT_EQ(body["event"], "draft.ready");
  EXPECT_EQ(body["path"], "d3.md");
  EXPECT_EQ(got.headers.at("x-proofgate-signature"),
            "sha256=" + HmacSha256Hex("second-secret",
                                      got.headers.at("x-proofgate-timestamp") +
                                          "." + got.body));
  // The removed webhook's event waits, unsent, in the outbox.
  const std::string old_url =
      "http://127.0.0.1:" + std::to_string(old_port) + "/hook";
  EXPECT_EQ(LedgerColumn(spool(),
                         "SELECT event FROM notify_outbox WHERE "
                         "delivered_at IS NULL AND target = '" +
                             old_url + "'"),
            std::vector<std::string>{"draft.failed"});

  // A bad notify: section is refused at its position; the webhook in
  // force goes on.
  WriteFile(config_, "spool: " + spool().string() +
                         "\nlinks: {network: false}\nnotify:\n  webhooks:\n"
                         "    - url: http://127.0.0.1:1/hook\n"
                         "      allow_private: true\n"
                         "      events: [draft.nope]\n");
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] {
    return Contains(daemon_->Log(), "the previous configuration stays");
  })) << daemon_->Log();
  const std::string log = daemon_->Log();
  const size_t refused =
      log.find("configuration refused: " + config_.string() + ":7:");
  ASSERT_NE(refused, std::string::npos) << log;
  EXPECT_NE(log.find("draft.nope", refused), std::string::npos) << log;
  Drop({{"d4.md", Front("Four") + kPassingBody}});
  ASSERT_TRUE(WaitFor([&] { return fresh.Requests().size() == 2; }))
      << daemon_->Log();
  EXPECT_EQ(nlohmann::json::parse(fresh.Requests()[1].body)["path"], "d4.md");

  // The old webhook configured again (its receiver up now): its waiting
  // event goes out.
  WebhookReceiver old_receiver(old_port);
  write(old_port, "secret", "[draft.failed, draft.ready]");
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return !old_receiver.Requests().empty(); }))
      << daemon_->Log();
  const nlohmann::json late =
      nlohmann::json::parse(old_receiver.Requests()[0].body);
  EXPECT_EQ(late["event"], "draft.failed");
  EXPECT_EQ(late["path"], "d1.md");
  daemon_->Signal(SIGTERM);
  EXPECT_EQ(daemon_->Wait(), 0);
}

}  // namespace
}  // namespace proofgate::testing

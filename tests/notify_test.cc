// Webhook notifications, piece by piece: the signature (against vectors
// computed with `openssl dgst -sha256 -hmac`), the payload and the Slack
// message, the `notify:` configuration and its errors at file:line:col,
// the digest in a real SQLite ledger (the outbox itself on both backends:
// tests/notify_outbox_test.cc), and the address policy refusing a
// loopback receiver (a real HTTP server on 127.0.0.1) unless allowed.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <sstream>

#include "daemon/ledger/ledger.h"
#include "daemon/ledger/notify_outbox.h"
#include "daemon/ledger/sqlite_file.h"
#include "daemon/notify/notify_event.h"
#include "daemon/notify/webhook_request.h"
#include "daemon/notify/webhook_url.h"
#include "daemon/service/daemon_config.h"
#include "daemon/service/notify_config.h"
#include "daemon/service/notify_timers.h"
#include "daemon/service/webhook_sender.h"
#include "daemon/spool/spool.h"
#include "tests/daemon_process.h"
#include "tests/notify_fixtures.h"
#include "tests/webhook_receiver.h"

namespace proofgate {
namespace {

using testing::OneWebhook;
using testing::Record;
using testing::TempDir;
using testing::WaitFor;
using testing::WebhookReceiver;
using testing::WriteFile;

TEST(WebhookSignatureTest, HmacMatchesOpenSslVectors) {
  // printf '%s' 'The quick brown fox jumps over the lazy dog' |
  //   openssl dgst -sha256 -hmac key
  EXPECT_EQ(HmacSha256Hex("key", "The quick brown fox jumps over the lazy dog"),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

TEST(WebhookSignatureTest, SignsTheTimestampAndTheRawBody) {
  // printf '%s' '1764835200.{"event":"draft.review"}' |
  //   openssl dgst -sha256 -hmac 'It is a secret'
  const auto headers = SignatureHeaders("It is a secret", 1764835200,
                                        R"({"event":"draft.review"})");
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].first, "X-Proofgate-Timestamp");
  EXPECT_EQ(headers[0].second, "1764835200");
  EXPECT_EQ(headers[1].first, "X-Proofgate-Signature");
  EXPECT_EQ(headers[1].second,
            "sha256=28fa8883b500363d1e00b4777ab4ae99133bca58b47e96d9be4e127093"
            "f29b30");
}

TEST(NotifyEventTest, RoutingEventCarriesTheDraftsFacts) {
  const auto e = RoutingEventOf(Record("S1", "review", "review"));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->event, "draft.review");
  EXPECT_EQ(e->id, "S1/draft.review");
  const nlohmann::json& p = e->payload;
  EXPECT_EQ(p["event"], "draft.review");
  EXPECT_EQ(p["id"], "S1/draft.review");
  EXPECT_EQ(p["submission"], "S1");
  EXPECT_EQ(p["path"], "legal/<terms>.md");
  EXPECT_EQ(p["verdict"], "review");
  EXPECT_EQ(p["rules"], nlohmann::json::array({"claims/unsourced-number"}));
  EXPECT_EQ(p["reviewer"], "legal");
  EXPECT_EQ(p["owner"], "Docs team");
  EXPECT_TRUE(p["url"].is_null());
  EXPECT_EQ(p["at"], "2026-12-04T08:00:02.000000Z");
  EXPECT_EQ(RoutingEventOf(Record("S2", "fail", "review"))->event,
            "draft.failed");
  EXPECT_EQ(RoutingEventOf(Record("S3", "pass", "ready"))->event,
            "draft.ready");
  EXPECT_FALSE(RoutingEventOf(nlohmann::json::object()));
}

TEST(NotifyEventTest, DecisionEventAddsTheDecision) {
  nlohmann::json record = Record("S1", "fail", "review");
  record["decision"] = {
      {"decision", "approve"}, {"reason", "Sourced in the appendix"},
      {"editor", "Dana"},      {"at", "2026-12-04T10:42:00.000000Z"},
      {"area", "ready"},       {"rules", {"claims/unsourced-number"}}};
  const auto e = DecisionEventOf(record);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->id, "S1/decision");
  EXPECT_EQ(e->payload["decision"]["decision"], "approve");
  EXPECT_EQ(e->payload["decision"]["editor"], "Dana");
  EXPECT_EQ(e->payload["decision"]["area"], "ready");
  EXPECT_EQ(e->payload["at"], "2026-12-04T10:42:00.000000Z");
  EXPECT_FALSE(DecisionEventOf(Record("S1", "fail", "review")));
}

TEST(NotifyEventTest, UrlIsTheProofPageUnderTheBase) {
  const auto e = RoutingEventOf(Record("S1", "review", "review"));
  EXPECT_EQ(WithProofUrl(e->payload, "https://q.example.com/")["url"],
            "https://q.example.com/drafts/S1");
  EXPECT_TRUE(WithProofUrl(e->payload, "")["url"].is_null());
  const NotifyEvent d = DigestEvent("2026-12-04", {{"since", "a"}}, "t");
  EXPECT_EQ(d.id, "digest/2026-12-04");
  EXPECT_EQ(WithProofUrl(d.payload, "http://h:1")["url"],
            "http://h:1/report?since=24h");
}

TEST(WebhookBodyTest, JsonIsThePayloadAndSlackAMessageWithTheSameFacts) {
  const nlohmann::json p = WithProofUrl(
      RoutingEventOf(Record("S1", "review", "review"))->payload, "http://q");
  EXPECT_EQ(nlohmann::json::parse(WebhookBody(p, WebhookFormat::kJson)), p);
  const nlohmann::json slack =
      nlohmann::json::parse(WebhookBody(p, WebhookFormat::kSlack));
  ASSERT_TRUE(slack.is_object());
  ASSERT_EQ(slack.size(), 1u);
  const std::string text = slack["text"];
  EXPECT_NE(text.find("Needs judgment: legal/&lt;terms&gt;.md"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("verdict: needs judgment"), std::string::npos) << text;
  EXPECT_NE(text.find("rules: claims/unsourced-number"), std::string::npos);
  EXPECT_NE(text.find("reviewer: legal"), std::string::npos);
  EXPECT_NE(text.find("owner: Docs team"), std::string::npos);
  EXPECT_NE(text.find("<http://q/drafts/S1|proof page>"), std::string::npos);
}

TEST(NotifyConfigTest, ReadsEveryKey) {
  TempDir dir;
  WriteFile(dir.path() / "secret", "  s3cret\n");
  const auto file = dir.path() / "c.yaml";
  WriteFile(file,
            "notify:\n"
            "  public_url: https://q.example.com\n"
            "  digest_at: \"08:30\"\n"
            "  retry_max_s: 60\n"
            "  webhooks:\n"
            "    - url: https://hooks.example.com/a\n"
            "      events: [draft.review, decision, digest]\n"
            "      format: slack\n"
            "      secret_file: " +
                (dir.path() / "secret").string() +
                "\n"
                "    - url: http://127.0.0.1:9/b\n"
                "      events: [sla.breached]\n"
                "      allow_private: true\n");
  const auto load = LoadDaemonConfig(file);
  ASSERT_TRUE(load) << load.error().front().ToString();
  const NotifySettings& n = load->notify;
  EXPECT_EQ(n.public_url, "https://q.example.com");
  EXPECT_EQ(n.digest_minute, 8 * 60 + 30);
  EXPECT_EQ(n.retry_max_s, 60);
  ASSERT_EQ(n.webhooks.size(), 2u);
  EXPECT_EQ(n.webhooks[0].format, WebhookFormat::kSlack);
  EXPECT_EQ(n.webhooks[0].events,
            (std::set<std::string>{"draft.review", "decision", "digest"}));
  EXPECT_EQ(ReadWebhookSecret(n.webhooks[0].secret_file), "s3cret");
  EXPECT_TRUE(n.webhooks[1].allow_private);
  EXPECT_EQ(TargetsFor(n, "sla.breached"),
            std::vector<std::string>{"http://127.0.0.1:9/b"});
  EXPECT_TRUE(TargetsFor(n, "draft.ready").empty());
}

TEST(NotifyConfigTest, ErrorsAreRefusedAtTheirPosition) {
  TempDir dir;
  const auto file = dir.path() / "c.yaml";
  WriteFile(file,
            "notify:\n"
            "  digest_at: 8am\n"
            "  webhooks:\n"
            "    - url: http://10.1.2.3/hook\n"
            "      events: [draft.review, draft.sent]\n"
            "    - url: ftp://example.com/x\n"
            "      events: [decision]\n"
            "    - url: https://example.com/x\n"
            "      events: [decision]\n"
            "      secret_file: /nonexistent/secret\n"
            "      colour: red\n");
  const auto load = LoadDaemonConfig(file);
  ASSERT_FALSE(load);
  std::vector<std::string> errors;
  for (const ConfigError& e : load.error()) errors.push_back(e.ToString());
  const auto has = [&](const std::string& where, const std::string& what) {
    for (const std::string& e : errors) {
      if (e.find(file.string() + ":" + where) == 0 &&
          e.find(what) != std::string::npos) {
        return true;
      }
    }
    return false;
  };
  std::string all;
  for (const std::string& e : errors) all += e + "\n";
  EXPECT_TRUE(has("2:14", "HH:MM")) << all;
  EXPECT_TRUE(has("5:30", "unknown event 'draft.sent'")) << all;
  EXPECT_TRUE(has("4:12", "private")) << all;
  EXPECT_TRUE(has("6:12", "not an http or https URL")) << all;
  EXPECT_TRUE(has("10:20", "cannot read the secret file")) << all;
  EXPECT_TRUE(has("11:7", "unknown key 'notify.webhooks[].colour'")) << all;
}

TEST(NotifyConfigTest, PrivateAndLoopbackUrlsNeedAllowPrivate) {
  for (const char* url :
       {"http://127.0.0.1:8080/h", "http://[::1]/h", "http://localhost/h",
        "https://169.254.169.254/latest", "http://192.168.1.10/h",
        "http://[fd00::1]/h", "http://0.0.0.0/h"}) {
    EXPECT_NE(WebhookUrlProblem(url, false), "") << url;
    EXPECT_EQ(WebhookUrlProblem(url, true), "") << url;
  }
  EXPECT_EQ(WebhookUrlProblem("https://hooks.slack.com/services/x", false), "");
  EXPECT_NE(WebhookUrlProblem("file:///etc/passwd", true), "");
  EXPECT_NE(WebhookUrlProblem("not a url", true), "");
}

TEST(NotifyConfigTest, RetryDelayDoublesUpToTheCap) {
  EXPECT_EQ(RetryDelay(1, 300).count(), 1);
  EXPECT_EQ(RetryDelay(2, 300).count(), 2);
  EXPECT_EQ(RetryDelay(5, 300).count(), 16);
  EXPECT_EQ(RetryDelay(10, 300).count(), 300);
  EXPECT_EQ(RetryDelay(1000, 300).count(), 300);
}

TEST(NotifyTimersTest, DigestIsRecordedOncePerDayAfterItsTime) {
  TempDir dir;
  const auto file = dir.path() / "ledger.sqlite";
  auto ledger = Ledger::OpenFile(file);
  ASSERT_TRUE(ledger);
  ASSERT_TRUE((*ledger)->Record(Record("S1", "fail", "review")));
  NotifySettings settings;
  WebhookTarget t;
  t.url = "https://hooks.example/d";
  t.events = {"digest"};
  settings.webhooks.push_back(t);
  settings.digest_minute = 8 * 60;
  const LedgerLocation where{file, {}, {}};
  auto outbox = NotifyOutbox::OpenFile(file);
  ASSERT_TRUE(outbox);
  spdlog::logger log("test");
  const WallTime before = *ParseRfc3339Utc("2026-12-04T07:59:00.000000Z");
  const WallTime after = *ParseRfc3339Utc("2026-12-04T08:01:00.000000Z");
  EXPECT_FALSE(
      RecordDigestIfDue(**outbox, settings, ReviewSla(), where, before, log));
  EXPECT_TRUE(
      RecordDigestIfDue(**outbox, settings, ReviewSla(), where, after, log));
  EXPECT_FALSE(RecordDigestIfDue(**outbox, settings, ReviewSla(), where,
                                 after + std::chrono::hours(1), log));
  const auto due = (*outbox)->Due({t.url}, after, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].event_id, "digest/2026-12-04");
  const nlohmann::json p = nlohmann::json::parse(due[0].payload);
  EXPECT_EQ(p["event"], "digest");
  EXPECT_EQ(p["report"]["volume"]["submissions"], 1);
  const std::string text = SlackText(p);
  EXPECT_NE(text.find("proofgate digest 2026-12-04: 1 submissions"),
            std::string::npos)
      << text;
}

// Sends the outbox of a fresh ledger holding one routing event to a real
// receiver on 127.0.0.1, through a WebhookSender; returns the receiver's
// requests once the row is delivered or has failed once.
// `target` is the URL's path and query; the sender's log goes to `log_text`
// when given.
std::vector<testing::ReceivedRequest> SendOne(
    bool allow_private, long long& attempts,
    const std::string& target = "/hook",
    std::ostringstream* log_text = nullptr) {
  TempDir dir;
  WebhookReceiver receiver;
  const std::string url =
      "http://127.0.0.1:" + std::to_string(receiver.port()) + target;
  const auto file = dir.path() / "ledger.sqlite";
  auto ledger = Ledger::OpenFile(file);
  const NotifySettings settings = OneWebhook(url, allow_private);
  (*ledger)->SetNotify(settings, nullptr);
  EXPECT_TRUE((*ledger)->Record(Record("S1", "review", "review")));
  Spool spool(dir.path() / "spool");
  auto log = std::make_shared<spdlog::logger>("test");
  if (log_text != nullptr) {
    log->sinks().push_back(
        std::make_shared<spdlog::sinks::ostream_sink_mt>(*log_text));
  }
  auto outbox = NotifyOutbox::OpenFile(file);
  {
    WebhookSender sender(spool, log);
    WebhookSender::Options options;
    options.settings = settings;
    options.base_url = "http://queue.example";
    options.ledger = LedgerLocation{file, {}, {}};
    EXPECT_TRUE(sender.Start(options));
    const auto far = std::chrono::system_clock::now() + std::chrono::hours(1);
    EXPECT_TRUE(WaitFor([&] {
      const auto due = (*outbox)->Due({url}, far, 1);
      attempts = due.empty() ? 0 : due[0].attempts;
      return (*outbox)->Pending() == 0 || attempts > 0;
    }));
  }
  return receiver.Requests();
}

TEST(WebhookSenderTest, DeliversToAnAllowedLoopbackReceiver) {
  long long attempts = -1;
  const auto requests = SendOne(/*allow_private=*/true, attempts);
  EXPECT_EQ(attempts, 0);
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target, "/hook");
  EXPECT_EQ(requests[0].headers.at("content-type"), "application/json");
  EXPECT_EQ(requests[0].headers.at("x-proofgate-delivery"), "S1/draft.review");
  const nlohmann::json body = nlohmann::json::parse(requests[0].body);
  EXPECT_EQ(body["id"], "S1/draft.review");
  EXPECT_EQ(body["url"], "http://queue.example/drafts/S1");
  EXPECT_EQ(requests[0].headers.count("x-proofgate-signature"), 0u);
}

TEST(WebhookSenderTest, RefusesLoopbackWithoutAllowPrivate) {
  long long attempts = -1;
  const auto requests = SendOne(/*allow_private=*/false, attempts);
  EXPECT_EQ(attempts, 1);  // failed, to be retried
  EXPECT_TRUE(requests.empty());
}

// A webhook URL can carry its credential (a path segment, a query token,
// user:password@): the sender's log names the webhook by scheme, host and
// port only.
TEST(WebhookSenderTest, LogsTheUrlRedacted) {
  long long attempts = -1;
  std::ostringstream log;
  const auto requests =
      SendOne(/*allow_private=*/false, attempts,
              "/services/T0/B0/s3cr3tpath?token=s3cr3tquery", &log);
  EXPECT_EQ(attempts, 1);
  EXPECT_TRUE(requests.empty());
  const std::string text = log.str();
  EXPECT_NE(text.find("webhook http://127.0.0.1:"), std::string::npos) << text;
  EXPECT_NE(text.find("/…: S1/draft.review not delivered (attempt 1)"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("s3cr3t"), std::string::npos) << text;
  EXPECT_EQ(text.find("/services"), std::string::npos) << text;
}

TEST(WebhookUrlTest, RedactedUrlKeepsSchemeHostAndPortOnly) {
  EXPECT_EQ(RedactedUrl("https://hooks.slack.com/services/T0/B0/XXXX"),
            "https://hooks.slack.com/…");
  EXPECT_EQ(RedactedUrl("http://user:pa55@hooks.example:8443/h?token=t#f"),
            "http://hooks.example:8443/…");
  EXPECT_EQ(RedactedUrl("http://[::1]:9/x"), "http://[::1]:9/…");
  EXPECT_EQ(RedactedUrl("not a url with token=abc"), "(an unparsable URL)");
  EXPECT_EQ(RedactedUrl(""), "(an unparsable URL)");
  const std::string why =
      WebhookUrlProblem("http://user:pa55@127.0.0.1/h?token=t0ken", false);
  EXPECT_NE(why.find("'http://127.0.0.1/…' names a loopback address"),
            std::string::npos)
      << why;
  EXPECT_EQ(why.find("pa55"), std::string::npos) << why;
  EXPECT_EQ(why.find("t0ken"), std::string::npos) << why;
}

// Each webhook has its own sender: a receiver that accepts the connection
// and never answers (requests time out after 60 s here) holds only its own
// rows; the other webhook gets the same event meanwhile, while the silent
// one's first attempt is still in flight.
TEST(WebhookSenderTest, ASilentReceiverDelaysOnlyItsOwnDeliveries) {
  TempDir dir;
  WebhookReceiver live;
  boost::asio::io_context io;
  auto silent = std::make_unique<boost::asio::ip::tcp::acceptor>(
      io, boost::asio::ip::tcp::endpoint(
              boost::asio::ip::make_address("127.0.0.1"), 0));
  const std::string silent_url =
      "http://127.0.0.1:" + std::to_string(silent->local_endpoint().port()) +
      "/hook";
  const std::string live_url =
      "http://127.0.0.1:" + std::to_string(live.port()) + "/hook";
  // The silent webhook first: its row comes first in the outbox.
  NotifySettings settings = OneWebhook(silent_url, true);
  settings.webhooks.push_back(OneWebhook(live_url, true).webhooks[0]);
  const auto file = dir.path() / "ledger.sqlite";
  auto ledger = Ledger::OpenFile(file);
  ASSERT_TRUE(ledger);
  (*ledger)->SetNotify(settings, nullptr);
  ASSERT_TRUE((*ledger)->Record(Record("S1", "review", "review")));
  Spool spool(dir.path() / "spool");
  WebhookSender sender(spool, std::make_shared<spdlog::logger>("test"));
  WebhookSender::Options options;
  options.settings = settings;
  options.ledger = LedgerLocation{file, {}, {}};
  options.timeout_ms = 60000;
  ASSERT_TRUE(sender.Start(options));
  EXPECT_TRUE(WaitFor([&] { return live.Requests().size() == 1; }));
  auto outbox = NotifyOutbox::OpenFile(file);
  ASSERT_TRUE(outbox);
  const auto far = std::chrono::system_clock::now() + std::chrono::hours(1);
  const auto waiting = (*outbox)->Due({silent_url}, far, 5);
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].attempts, 0);  // its request is still in flight
  // Delivered: recorded once the receiver's answer is in (bounded wait).
  EXPECT_TRUE(
      WaitFor([&] { return (*outbox)->Due({live_url}, far, 5).empty(); }));
  silent.reset();  // resets the connection: Stop() need not wait 60 s
  sender.Stop();
}

}  // namespace
}  // namespace proofgate

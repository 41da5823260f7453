// Webhooks from two daemons sharing a PostgreSQL ledger (a real server
// this binary starts, tests/postgres_server.h), end to end: the real
// `proofgate run` binary twice, one webhook on both, and a receiver on
// 127.0.0.1 that is down at first, then accepts connections without ever
// answering (so each node has a delivery in flight), while one node is
// killed with SIGKILL; then a real receiver comes up. Every event the
// ledger recorded arrives, deduplicated by id; the row the killed node
// held is sent by the other once its lease ends. Bounded waits, no timing
// asserted. Skips without the PostgreSQL binaries.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <set>

#include "daemon/ledger/pg_connection.h"
#include "daemon/notify/webhook_request.h"
#include "tests/daemon_process.h"
#include "tests/postgres_environment.h"
#include "tests/postgres_server.h"
#include "tests/webhook_receiver.h"

namespace proofgate::testing {
namespace {

std::string Draft(const std::string& title, bool fails) {
  return "---\ntitle: " + title +
         "\ndescription: Why we started writing in public, what we plan to "
         "publish, and how to follow along.\nauthor: Ann Lee\n---\n\n" +
         (fails ? "Intro paragraph.\n\n#### Too deep\n" : "## Fine\n\nText.\n");
}

// Accepts connections on 127.0.0.1:`port` and never answers them: the
// senders' requests stay in flight until their timeout or until this
// closes (which resets them).
class SilentReceiver {
 public:
  explicit SilentReceiver(unsigned short port)
      : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), port}) {
    thread_ = std::thread([this] {
      while (!stop_) {
        boost::asio::ip::tcp::socket socket(io_);
        boost::system::error_code ec;
        acceptor_.accept(socket, ec);
        if (ec || stop_) return;
        std::lock_guard<std::mutex> lock(mu_);
        held_.push_back(std::move(socket));
      }
    });
  }
  ~SilentReceiver() {
    stop_ = true;
    boost::system::error_code ec;
    {
      boost::asio::ip::tcp::socket poke(io_);
      poke.connect(acceptor_.local_endpoint(), ec);
    }
    thread_.join();
    acceptor_.close(ec);
  }
  size_t accepted() {
    std::lock_guard<std::mutex> lock(mu_);
    return held_.size();
  }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<boost::asio::ip::tcp::socket> held_;
  std::thread thread_;
};

class NotifyClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (g_server == nullptr || !g_server->running()) {
      GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
    }
    db_ = g_server->CreateDatabase();
    ASSERT_FALSE(db_.empty());
    WriteFile(dir_.path() / "pw",
              std::string(PostgresServer::kPassword) + "\n");
    WriteFile(dir_.path() / "secret", "cluster-secret\n");
  }

  fs::path Spool(const std::string& node) const { return dir_.path() / node; }

  // Starts daemon `node` with the webhook on 127.0.0.1:`port`.
  std::unique_ptr<DaemonProcess> StartNode(const std::string& node,
                                           unsigned short port) {
    const fs::path config = dir_.path() / (node + ".yaml");
    WriteFile(config,
              "node: " + node + "\nspool: " + Spool(node).string() +
                  "\nledger: \"" + g_server->Uri(db_) +
                  "\"\nledger_password_file: " + (dir_.path() / "pw").string() +
                  "\nlinks: {network: false}\n"
                  "notify:\n  retry_max_s: 1\n  webhooks:\n"
                  "    - url: http://127.0.0.1:" +
                  std::to_string(port) +
                  "/hook\n      allow_private: true\n      secret_file: " +
                  (dir_.path() / "secret").string() +
                  "\n      events: [draft.review, draft.failed, "
                  "draft.ready]\n");
    auto daemon = std::make_unique<DaemonProcess>(
        std::vector<std::string>{"--config", config.string()},
        dir_.path() / (node + ".log"));
    EXPECT_TRUE(WaitFor([&] {
      return daemon->Log().find("proofgate run: watching") !=
                 std::string::npos ||
             daemon->Wait(std::chrono::milliseconds(0)).has_value();
    })) << daemon->Log();
    return daemon;
  }

  // Drops `n` drafts named `prefix`N.md into `node`'s inbox and waits
  // until each is routed.
  void Drop(const std::string& node, const std::string& prefix, int n) {
    for (int i = 0; i < n; ++i) {
      WriteFile(Spool(node) / "inbox" / (prefix + std::to_string(i) + ".md"),
                Draft(prefix + std::to_string(i), i % 2 == 0));
    }
    for (int i = 0; i < n; ++i) {
      const std::string rel = prefix + std::to_string(i) + ".md";
      EXPECT_TRUE(WaitFor([&] {
        return FindRouted(Spool(node), rel).copies == 1;
      })) << rel;
    }
  }

  // The first column of `sql`'s rows on the shared ledger.
  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> rows;
    auto conn =
        PgConnection::Open(g_server->Uri(db_), PostgresServer::kPassword);
    if (!conn) return rows;
    auto r = (*conn)->Exec(sql);
    for (int i = 0; r && i < r->rows(); ++i) rows.push_back(r->Text(i, 0));
    return rows;
  }

  TempDir dir_;
  std::string db_;
};

TEST_F(NotifyClusterTest, EveryEventArrivesOnceByIdThoughANodeIsKilled) {
  unsigned short port = 0;
  {
    WebhookReceiver probe;  // a free port, closed again: the receiver is down
    port = probe.port();
  }
  auto web1 = StartNode("web-1", port);
  auto web2 = StartNode("web-2", port);
  Drop("web-1", "a", 6);
  Drop("web-2", "b", 6);
  // The ledger rows (and their events) follow the files by a group
  // commit: wait, bounded, for all twelve before web-1 is killed below.
  ASSERT_TRUE(WaitFor([&] {
    return Column("SELECT id FROM submissions").size() == 12u;
  })) << web1->Log();
  // Down: deliveries fail and are retried.
  ASSERT_TRUE(WaitFor([&] {
    return !Column("SELECT seq FROM notify_outbox WHERE attempts > 0").empty();
  })) << web1->Log();

  // The receiver accepts and never answers: both nodes get a request in
  // flight (one per node and webhook at a time), and web-1 dies mid-way.
  {
    SilentReceiver silent(port);
    ASSERT_TRUE(WaitFor([&] { return silent.accepted() >= 2; }))
        << web1->Log() << web2->Log();
    web1->Signal(SIGKILL);
    ASSERT_TRUE(web1->Wait());
  }  // closed: web-2's request fails, to be retried

  // The receiver comes up; web-2 goes on routing.
  WebhookReceiver receiver(port);
  Drop("web-2", "c", 3);
  // The ledger rows follow the files (group commit): wait, bounded.
  std::vector<std::string> submissions;
  ASSERT_TRUE(WaitFor([&] {
    submissions = Column("SELECT id FROM submissions");
    return submissions.size() == 15u;
  })) << submissions.size()
      << " submissions\n"
      << web2->Log();
  std::set<std::string> expected;
  for (const std::string& id : Column("SELECT event_id FROM notify_outbox")) {
    expected.insert(id);
  }
  // One routing event per submission, whichever node routed it.
  EXPECT_EQ(expected.size(), submissions.size());

  std::set<std::string> received;
  ASSERT_TRUE(WaitFor([&] {
    received.clear();
    for (const ReceivedRequest& r : receiver.Requests()) {
      received.insert(r.headers.count("x-proofgate-delivery")
                          ? r.headers.at("x-proofgate-delivery")
                          : "");
    }
    return received == expected &&
           Column("SELECT seq FROM notify_outbox WHERE delivered_at IS NULL")
               .empty();
  })) << web2->Log();
  EXPECT_EQ(received, expected);
  // Each request is signed over its timestamp and raw body, and its body
  // carries the id it is delivered under.
  for (const ReceivedRequest& r : receiver.Requests()) {
    const std::string stamp = r.headers.at("x-proofgate-timestamp");
    EXPECT_EQ(
        r.headers.at("x-proofgate-signature"),
        "sha256=" + HmacSha256Hex("cluster-secret", stamp + "." + r.body));
    EXPECT_EQ(nlohmann::json::parse(r.body)["id"],
              r.headers.at("x-proofgate-delivery"));
  }
  web2->Signal(SIGTERM);
  EXPECT_EQ(web2->Wait(), 0);
}

}  // namespace
}  // namespace proofgate::testing

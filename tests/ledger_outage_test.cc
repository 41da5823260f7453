// The daemon on a PostgreSQL ledger that goes down: the real `proofgate
// run` binary with `ledger: postgresql://...` on a real server the test
// starts (tests/postgres_server.h), which the test then stops. Folder
// drafts keep being routed into ready/ and review/ while the ledger is
// away; each submission's proof record waits in processing/ (the local
// outbox) and its rows are recorded once the server is back, in order per
// path (a newer version of a draft waits for the older one's row). A
// restart of the daemon meanwhile loses nothing either. Bounded waits, no
// timing asserted.
#include <gtest/gtest.h>

#include "daemon/ledger/pg_connection.h"
#include "daemon/ledger/pg_link_cache_store.h"
#include "tests/daemon_process.h"
#include "tests/postgres_server.h"
#include "tests/test_paths.h"

namespace proofgate::testing {
namespace {

const std::string kDraft =
    "---\ntitle: Notes from the field\ndescription: What we learned running "
    "the service for a year, and what we would do differently now.\n"
    "author: Ann Lee\n---\n\n## Fine\n\nText.\n";

class LedgerOutageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string error = server_.Start();
    if (!error.empty()) GTEST_SKIP() << "no PostgreSQL server: " << error;
    const std::string db = server_.CreateDatabase();
    ASSERT_FALSE(db.empty());
    uri_ = server_.Uri(db);
    WriteFile(dir_.path() / "ledger.pw",
              std::string(PostgresServer::kPassword) + "\n");
    config_ = dir_.path() / "proofgate.yaml";
    WriteFile(config_, "spool: " + spool().string() +
                           "\nlinks: {network: false}\nnode: outage-1\n"
                           "ledger: " +
                           uri_ + "\nledger_password_file: " +
                           (dir_.path() / "ledger.pw").string() + "\n");
  }

  fs::path spool() const { return dir_.path() / "spool"; }

  void StartDaemon() {
    daemon_ = std::make_unique<DaemonProcess>(
        std::vector<std::string>{"--config", config_.string()},
        dir_.path() / ("daemon" + std::to_string(++starts_) + ".log"));
    ASSERT_TRUE(WaitFor([&] {
      return daemon_->Log().find("proofgate run: watching") !=
                 std::string::npos ||
             daemon_->Wait(std::chrono::milliseconds(0)).has_value();
    })) << daemon_->Log();
  }

  // The number of submissions rows for `path`, or -1 when the ledger
  // cannot be read.
  long long LedgerRows(const std::string& path) {
    auto conn = PgConnection::Open(uri_, PostgresServer::kPassword);
    if (!conn) return -1;
    auto r = (*conn)->Exec("SELECT count(*) FROM submissions WHERE path = $1",
                           {path});
    return r && r->rows() == 1 ? r->Int(0, 0) : -1;
  }

  // Whether `rel` is in `area` with a proof record for a version holding
  // `marker`.
  bool RoutedWith(const std::string& rel, const std::string& marker) {
    const Routed r = FindRouted(spool(), rel);
    return r.copies == 1 &&
           ReadFile(spool() / r.area / rel).find(marker) != std::string::npos;
  }

  PostgresServer server_;
  TempDir dir_;
  std::string uri_;
  fs::path config_;
  std::unique_ptr<DaemonProcess> daemon_;
  int starts_ = 0;
};

// A server that stops answering (a host gone, a network cut) is given
// up on within seconds, not the kernel's ~15 minutes: every connection
// starts with keepalives and a TCP user timeout, which a URI may change.
TEST_F(LedgerOutageTest,
       ConnectionsGiveUpOnASilentServerUnlessTheUriSaysOtherwise) {
  auto conn = PgConnection::Open(uri_, PostgresServer::kPassword);
  ASSERT_TRUE(conn) << conn.error();
  for (const auto& [key, value] : kPgConnectionDefaults) {
    EXPECT_EQ((*conn)->Option(key), value) << key;
  }
  const std::string joint = uri_.find('?') == std::string::npos ? "?" : "&";
  auto tuned =
      PgConnection::Open(uri_ + joint + "keepalives_idle=60&connect_timeout=3",
                         PostgresServer::kPassword);
  ASSERT_TRUE(tuned) << tuned.error();
  EXPECT_EQ((*tuned)->Option("keepalives_idle"), "60");
  EXPECT_EQ((*tuned)->Option("connect_timeout"), "3");
  EXPECT_EQ((*tuned)->Option("tcp_user_timeout"), "30000");
}

TEST_F(LedgerOutageTest, FolderDraftsRouteWhileTheLedgerIsDown) {
  StartDaemon();
  WriteFile(spool() / "inbox" / "a.md", kDraft + "\nFirst version.\n");
  ASSERT_TRUE(WaitFor([&] { return LedgerRows("a.md") == 1; }))
      << daemon_->Log();

  ASSERT_TRUE(server_.Pause());
  // New drafts are routed: the file system does not wait for the ledger.
  WriteFile(spool() / "inbox" / "b.md", kDraft + "\nOnly version.\n");
  WriteFile(spool() / "inbox" / "a.md", kDraft + "\nSecond version.\n");
  EXPECT_TRUE(WaitFor([&] { return RoutedWith("b.md", "Only version"); }))
      << daemon_->Log();
  EXPECT_TRUE(WaitFor([&] { return RoutedWith("a.md", "Second version"); }))
      << daemon_->Log();
  EXPECT_EQ(LedgerRows("b.md"), -1);  // the server is really down
  // Their proof records wait in processing/, the local outbox.
  EXPECT_FALSE(FilesBelow(spool() / ".proofgate" / "processing").empty());
  EXPECT_NE(daemon_->Log().find("the ledger refused the row"),
            std::string::npos);

  // The server returns: the running daemon records what waited.
  ASSERT_TRUE(server_.Resume());
  EXPECT_TRUE(WaitFor([&] {
    return LedgerRows("a.md") == 2 && LedgerRows("b.md") == 1 &&
           FilesBelow(spool() / ".proofgate" / "processing").empty();
  })) << daemon_->Log();

  // Order per path: a.md's first submission was superseded by its second.
  auto conn = PgConnection::Open(uri_, PostgresServer::kPassword);
  ASSERT_TRUE(conn);
  auto r = (*conn)->Exec(
      "SELECT count(*) FROM submissions WHERE path = 'a.md' AND "
      "superseded_by IS NOT NULL");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->Int(0, 0), 1);
}

TEST_F(LedgerOutageTest, ARestartDuringTheOutageLosesNothing) {
  StartDaemon();
  ASSERT_TRUE(server_.Pause());
  WriteFile(spool() / "inbox" / "b.md", kDraft + "\nOnly version.\n");
  EXPECT_TRUE(WaitFor([&] { return RoutedWith("b.md", "Only version"); }))
      << daemon_->Log();
  daemon_->Signal(SIGTERM);
  EXPECT_TRUE(daemon_->Wait().has_value());

  // The daemon does not start without its ledger; the drafts stay put.
  WriteFile(spool() / "inbox" / "c.md", kDraft + "\nWhile stopped.\n");
  StartDaemon();
  EXPECT_EQ(daemon_->Wait(), std::optional<int>(1)) << daemon_->Log();
  EXPECT_TRUE(fs::exists(spool() / "inbox" / "c.md"));

  ASSERT_TRUE(server_.Resume());
  StartDaemon();
  EXPECT_TRUE(WaitFor([&] {
    return LedgerRows("b.md") == 1 && LedgerRows("c.md") == 1 &&
           FilesBelow(spool() / ".proofgate" / "processing").empty();
  })) << daemon_->Log();
  EXPECT_TRUE(RoutedWith("b.md", "Only version"));
  EXPECT_TRUE(RoutedWith("c.md", "While stopped"));
}

// The shared link cache does not hold up link checks while the server is
// away: after a failure it is not asked for a while, then asked again.
TEST_F(LedgerOutageTest, TheLinkCachePausesAfterAFailure) {
  auto store = PgLinkCacheStore::Open(uri_, PostgresServer::kPassword);
  ASSERT_TRUE(store) << store.error();
  const int64_t now = std::time(nullptr);
  const LinkCacheStore::Entry entry{"fp\nhttps://example.com/",
                                    ProbeResult{ProbeOutcome::kOk, 200, "", ""},
                                    now + 3600};
  (*store)->Put(entry);
  ASSERT_TRUE((*store)->Get(entry.key, now).has_value());
  ASSERT_TRUE(server_.Pause());
  EXPECT_FALSE((*store)->Get(entry.key, now).has_value());  // fails, pauses
  ASSERT_TRUE(server_.Resume());
  EXPECT_FALSE((*store)->Get(entry.key, now + 1).has_value());  // paused
  EXPECT_TRUE((*store)->Get(entry.key, now + 61).has_value());  // asked again
}

}  // namespace
}  // namespace proofgate::testing

// HTTP submissions end to end (daemon/queue/submission_api.h,
// daemon/service/submission_worker.h): real `proofgate run` processes
// receive drafts over loopback HTTP (POST /api/submissions), claim them
// from the ledger's queue, and route them into their spools; the client
// polls GET /api/submissions/<id> until routed. On SQLite (one daemon) and
// on PostgreSQL (a real server this binary starts, tests/
// postgres_server.h): one daemon, then two daemons sharing one ledger,
// where every submission is routed exactly once.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>

#include "daemon/ledger/pg_connection.h"
#include "tests/daemon_process.h"
#include "tests/http_client.h"
#include "tests/postgres_environment.h"
#include "tests/postgres_server.h"
#include "tests/temp_dir.h"

namespace proofgate::testing {
namespace {

namespace fs = std::filesystem;

const std::string kFront =
    "---\ntitle: Welcome to the new engineering blog\n"
    "description: Why we started writing in public, what we plan to "
    "publish, and how to follow along.\n"
    "author: Sam Rivera\ndate: 2026-11-02\n---\n\n";
const std::string kPassing = kFront + "## Fine\n\nA short paragraph.\n";
const std::string kFailing = kFront + "#### Too deep\n";  // skipped levels

const std::vector<std::string> kMarkdown = {"Content-Type: text/markdown"};

// A daemon on its own spool, with the ledger `ledger` ("" = SQLite in the
// spool) and node name `node`.
class Node {
 public:
  Node(const fs::path& dir, const std::string& node, const std::string& ledger)
      : dir_(dir) {
    std::string config = "node: " + node + "\nsubmission_lease_ms: 2000\n";
    if (!ledger.empty()) {
      WriteFile(dir / "pw", std::string(PostgresServer::kPassword) + "\n");
      config += "ledger: \"" + ledger +
                "\"\nledger_password_file: " + (dir / "pw").string() + "\n";
    }
    WriteFile(dir / "proofgate.yaml", config);
    spool_ = dir / "spool";
    Restart();
  }

  // Starts the daemon (again, after a kill: same node and spool, a new
  // log, so WaitUrl() reads this run's address).
  void Restart() {
    daemon_.reset();
    ++runs_;
    daemon_ = std::make_unique<DaemonProcess>(
        std::vector<std::string>{"--config", (dir_ / "proofgate.yaml").string(),
                                 "--spool", spool_.string()},
        dir_ / ("daemon" + std::to_string(runs_) + ".log"));
  }

  // The queue's URL once the daemon serves it, "" when it exited first.
  std::string WaitUrl() {
    WaitFor([&] {
      return !QueueUrl(daemon_->Log()).empty() ||
             daemon_->Wait(std::chrono::milliseconds(0)).has_value();
    });
    return QueueUrl(daemon_->Log());
  }

  const fs::path& spool() const { return spool_; }
  DaemonProcess& process() { return *daemon_; }

 private:
  int runs_ = 0;
  fs::path dir_;
  fs::path spool_;
  std::unique_ptr<DaemonProcess> daemon_;
};

// POSTs `bytes` as draft `path`; the reply.
HttpReply Submit(const std::string& url, const std::string& path,
                 const std::string& bytes,
                 std::vector<std::string> headers = kMarkdown) {
  return Http("POST", url + "api/submissions?path=" + path + "&author=ana",
              bytes, headers);
}

// The submission's JSON once its status is "routed" (polled, bounded), or
// the last answer.
nlohmann::json WaitRoutedJson(const std::string& url, const std::string& id) {
  nlohmann::json last;
  WaitFor([&] {
    const HttpReply r = Http("GET", url + "api/submissions/" + id);
    last = nlohmann::json::parse(r.body, nullptr, false);
    return r.status == 200 && last.value("status", "") == "routed";
  });
  return last;
}

enum class Backend { kSqlite, kPostgres };

class HttpSubmissionsTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) return;
    if (g_server == nullptr || !g_server->running()) {
      GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
    }
    const std::string db = g_server->CreateDatabase();
    ASSERT_FALSE(db.empty());
    ledger_ = g_server->Uri(db);
  }

  std::vector<std::string> SupersedeLinks(Node& node, const std::string& first,
                                          const std::string& second);

  TempDir dir_;
  std::string ledger_;  // "" for SQLite
};

TEST_P(HttpSubmissionsTest, PostedDraftsAreCheckedAndRoutedIntoTheSpool) {
  Node node(dir_.path(), "web-1", ledger_);
  const std::string url = node.WaitUrl();
  ASSERT_FALSE(url.empty()) << node.process().Log();

  const HttpReply good =
      Submit(url, "blog/good.md", kPassing,
             {"Content-Type: text/markdown", "Idempotency-Key: good-1"});
  ASSERT_EQ(good.status, 202) << good.body;
  const nlohmann::json accepted = nlohmann::json::parse(good.body);
  EXPECT_EQ(accepted["status"], "pending");
  const std::string good_id = accepted["id"];
  EXPECT_EQ(good.header("location"), "/api/submissions/" + good_id);
  const HttpReply bad = Submit(url, "blog/bad.mdx", kFailing);
  ASSERT_EQ(bad.status, 202) << bad.body;
  const std::string bad_id = nlohmann::json::parse(bad.body)["id"];

  // A retry with the same key gives the same submission; other content
  // under it is refused.
  const HttpReply retry =
      Submit(url, "blog/good.md", kPassing,
             {"Content-Type: text/markdown", "Idempotency-Key: good-1"});
  ASSERT_EQ(retry.status, 202) << retry.body;
  EXPECT_EQ(nlohmann::json::parse(retry.body)["id"], good_id);
  EXPECT_EQ(Submit(url, "blog/good.md", kFailing,
                   {"Content-Type: text/markdown", "Idempotency-Key: good-1"})
                .status,
            422);

  const nlohmann::json routed = WaitRoutedJson(url, good_id);
  EXPECT_EQ(routed["area"], "ready") << routed.dump();
  EXPECT_EQ(routed["verdict"], "pass");
  EXPECT_EQ(routed["node"], "web-1");
  EXPECT_EQ(routed["path"], "blog/good.md");
  EXPECT_EQ(routed["record"]["submission"], good_id);
  const nlohmann::json failed = WaitRoutedJson(url, bad_id);
  EXPECT_EQ(failed["area"], "review") << failed.dump();
  EXPECT_EQ(failed["verdict"], "fail");

  const HttpReply draft =
      Http("GET", url + "api/submissions/" + good_id + "/draft");
  EXPECT_EQ(draft.status, 200);
  EXPECT_EQ(draft.body, kPassing);
  // Delivered into the spool with its proof record, as a folder draft;
  // the failing one waits in the exception queue.
  ASSERT_TRUE(WaitFor([&] {
    return FindRouted(node.spool(), "blog/good.md").copies == 1 &&
           FindRouted(node.spool(), "blog/bad.mdx").copies == 1;
  })) << node.process().Log();
  EXPECT_EQ(FindRouted(node.spool(), "blog/good.md").area, "ready");
  EXPECT_EQ(ReadFile(node.spool() / "ready" / "blog/good.md"), kPassing);
  EXPECT_EQ(FindRouted(node.spool(), "blog/bad.mdx").record["submission"],
            bad_id);
  const HttpReply queue = Http("GET", url + "api/queue");
  EXPECT_NE(queue.body.find("blog/bad.mdx"), std::string::npos) << queue.body;
  EXPECT_EQ(Http("GET", url + "api/submissions/1-2-3").status, 404);

  node.process().Signal(SIGTERM);
  EXPECT_EQ(node.process().Wait(), 0) << node.process().Log();
}

// Drafts are larger than decisions: POST /api/submissions takes up to
// max_draft_bytes, every other request keeps the small limit.
TEST_P(HttpSubmissionsTest, LargeDraftsAreAcceptedOnlyWhereDraftsGo) {
  Node node(dir_.path(), "web-1", ledger_);
  const std::string url = node.WaitUrl();
  ASSERT_FALSE(url.empty()) << node.process().Log();
  std::string large = kPassing;
  while (large.size() < 200 * 1024) large += "\nMore text for the page.\n";
  const HttpReply posted = Submit(url, "blog/large.md", large);
  ASSERT_EQ(posted.status, 202) << posted.body;
  const nlohmann::json routed =
      WaitRoutedJson(url, nlohmann::json::parse(posted.body)["id"]);
  EXPECT_EQ(routed["status"], "routed") << routed.dump();
  EXPECT_EQ(Http("POST", url + "api/drafts/1-2-3/decision", large,
                 {"Content-Type: application/json"})
                .status,
            413);
}

// A resubmission over HTTP supersedes the earlier version in the ledger
// too: its row names the one it replaced, which moved to history.
// "supersedes/superseded_by" of submissions `first` and `second` in the
// ledger of `node`, first's row first; empty when the ledger cannot be
// read.
std::vector<std::string> HttpSubmissionsTest::SupersedeLinks(
    Node& node, const std::string& first, const std::string& second) {
  const std::string sql =
      "SELECT COALESCE(supersedes, '') || '/' || COALESCE(superseded_by, "
      "'') FROM submissions WHERE id = '" +
      second + "' OR id = '" + first + "' ORDER BY CASE WHEN id = '" + first +
      "' THEN 0 ELSE 1 END";
  std::vector<std::string> rows;
  if (ledger_.empty()) {
    sqlite3* db = nullptr;
    if (sqlite3_open((node.spool() / ".proofgate" / "ledger.sqlite").c_str(),
                     &db) == SQLITE_OK) {
      sqlite3_exec(
          db, sql.c_str(),
          [](void* out, int, char** values, char**) {
            static_cast<std::vector<std::string>*>(out)->push_back(values[0]);
            return 0;
          },
          &rows, nullptr);
    }
    sqlite3_close(db);
    return rows;
  }
  auto conn = PgConnection::Open(ledger_, PostgresServer::kPassword);
  if (!conn) return rows;
  auto r = (*conn)->Exec(sql);
  if (!r) return rows;
  for (int i = 0; i < r->rows(); ++i) rows.push_back(r->Text(i, 0));
  return rows;
}

TEST_P(HttpSubmissionsTest, AResubmissionSupersedesTheEarlierVersion) {
  Node node(dir_.path(), "web-1", ledger_);
  const std::string url = node.WaitUrl();
  ASSERT_FALSE(url.empty()) << node.process().Log();
  std::vector<std::string> ids;
  for (const std::string& bytes : {kFailing, kPassing}) {
    const HttpReply r = Submit(url, "blog/again.md", bytes);
    ASSERT_EQ(r.status, 202) << r.body;
    ids.push_back(nlohmann::json::parse(r.body)["id"]);
    WaitRoutedJson(url, ids.back());
    ASSERT_TRUE(WaitFor([&] {
      const Routed routed = FindRouted(node.spool(), "blog/again.md");
      return routed.copies == 1 && routed.record["submission"] == ids.back();
    })) << node.process().Log();
  }
  // The ledger links the two once the newer one's rows are committed,
  // which may follow its file into ready/ by a group commit.
  const std::vector<std::string> expected = {"/" + ids[1], ids[0] + "/"};
  std::vector<std::string> rows;
  EXPECT_TRUE(WaitFor([&] {
    rows = SupersedeLinks(node, ids[0], ids[1]);
    return rows == expected;
  })) << ::testing::PrintToString(rows);
}

TEST_P(HttpSubmissionsTest, BadPathsAndFormsAreRefusedAndNothingIsWritten) {
  Node node(dir_.path(), "web-1", ledger_);
  const std::string url = node.WaitUrl();
  ASSERT_FALSE(url.empty()) << node.process().Log();
  const std::map<std::string, std::string> refused = {
      {"%2Fetc%2Fpasswd.md", "absolute"},
      {"..%2Fescape.md", "\\\"..\\\" component"},
      {"a%2F..%2F..%2Fx.md", "\\\"..\\\" component"},
      {"a%00b.md", "control character"},
      {"a%0Ab.md", "control character"},
      {"caf%C3.md", "not valid UTF-8"},
      {"notes.txt", "extension"},
      {"a%2F%2Fb.md", "empty component"},
      {".hidden.md", "ignores"},
      {"", "missing"},
  };
  for (const auto& [path, why] : refused) {
    const HttpReply r = Submit(url, path, kPassing);
    EXPECT_EQ(r.status, 400) << path << ": " << r.body;
    EXPECT_NE(r.body.find(why), std::string::npos) << path << ": " << r.body;
  }
  // A browser form's type (curl's default) is refused: another site's page
  // could send one.
  EXPECT_EQ(Submit(url, "ok.md", kPassing, {}).status, 415);
  EXPECT_EQ(Http("GET", url + "api/submissions").status, 405);
  EXPECT_EQ(FilesBelow(node.spool() / "ready").size(), 0u);
  EXPECT_EQ(FilesBelow(node.spool() / "review").size(), 0u);
  node.process().Signal(SIGTERM);
  EXPECT_EQ(node.process().Wait(), 0) << node.process().Log();
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpSubmissionsTest,
                         ::testing::Values(Backend::kSqlite,
                                           Backend::kPostgres),
                         [](const auto& info) {
                           return info.param == Backend::kSqlite ? "Sqlite"
                                                                 : "Postgres";
                         });

// The ledger `db` holds `n` submissions routed once each (one routing row
// each, none left pending), and each draft posts/p<i>.md lies in exactly
// one of the spools `a` and `b`, with its proof files.
void ExpectEachRoutedOnce(const std::string& db, int n, const fs::path& a,
                          const fs::path& b) {
  auto conn = PgConnection::Open(g_server->Uri(db), PostgresServer::kPassword);
  ASSERT_TRUE(conn);
  auto count = [&](const std::string& sql) {
    auto r = (*conn)->Exec(sql);
    return r ? r->Text(0, 0) : r.error();
  };
  EXPECT_EQ(count("SELECT COUNT(*) FROM submissions"), std::to_string(n));
  EXPECT_EQ(count("SELECT COUNT(*) FROM routing_events"), std::to_string(n));
  EXPECT_EQ(count("SELECT COUNT(*) FROM (SELECT submission FROM "
                  "routing_events GROUP BY submission HAVING COUNT(*) > 1) "
                  "AS twice"),
            "0");
  EXPECT_EQ(count("SELECT COUNT(*) FROM http_submissions WHERE status <> "
                  "'routed'"),
            "0");
  // Every draft in exactly one spool, once.
  ASSERT_TRUE(WaitFor([&] {
    return FilesBelow(a / "ready").size() + FilesBelow(a / "review").size() +
               FilesBelow(b / "ready").size() +
               FilesBelow(b / "review").size() ==
           3u * n;  // each draft with its two proof files
  }));
  for (int i = 0; i < n; ++i) {
    const std::string rel = "posts/p" + std::to_string(i) + ".md";
    EXPECT_EQ(FindRouted(a, rel).copies + FindRouted(b, rel).copies, 1) << rel;
  }
}

// Two daemons, A and B, on one PostgreSQL ledger (a fresh database each
// test).
class HttpSubmissionsClusterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (g_server == nullptr || !g_server->running()) {
      GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
    }
    db_ = g_server->CreateDatabase();
    ASSERT_FALSE(db_.empty());
    a_ = std::make_unique<Node>(dir_a_.path(), "node-a", g_server->Uri(db_));
    b_ = std::make_unique<Node>(dir_b_.path(), "node-b", g_server->Uri(db_));
    url_a_ = a_->WaitUrl();
    url_b_ = b_->WaitUrl();
    ASSERT_FALSE(url_a_.empty()) << a_->process().Log();
    ASSERT_FALSE(url_b_.empty()) << b_->process().Log();
  }

  // Posts drafts posts/p0.md .. p<n-1>.md (every third one failing), to A
  // and B in turn when `both`, else all to B; adds their ids to ids_.
  void PostDrafts(int n, bool both) {
    for (int i = 0; i < n; ++i) {
      const std::string path = "posts/p" + std::to_string(i) + ".md";
      const HttpReply r = Submit(both && i % 2 ? url_a_ : url_b_, path,
                                 i % 3 ? kPassing : kFailing);
      ASSERT_EQ(r.status, 202) << r.body;
      ids_.push_back(nlohmann::json::parse(r.body)["id"].get<std::string>());
    }
  }

  // Waits until every posted submission is routed, by A or B.
  void WaitAllRouted() {
    for (const std::string& id : ids_) {
      const nlohmann::json routed = WaitRoutedJson(url_b_, id);
      ASSERT_EQ(routed.value("status", ""), "routed") << routed.dump();
      EXPECT_TRUE(routed["node"] == "node-a" || routed["node"] == "node-b")
          << routed.dump();
    }
  }

  // Drains both daemons: each exits 0.
  void StopBoth() {
    a_->process().Signal(SIGTERM);
    b_->process().Signal(SIGTERM);
    EXPECT_EQ(a_->process().Wait(), 0) << a_->process().Log();
    EXPECT_EQ(b_->process().Wait(), 0) << b_->process().Log();
  }

  TempDir dir_a_, dir_b_;
  std::string db_, url_a_, url_b_;
  std::unique_ptr<Node> a_, b_;
  std::vector<std::string> ids_;
};

// Submissions posted to either node are claimed by either, and each is
// routed exactly once (one routing row in the ledger, one draft in one
// spool).
TEST_F(HttpSubmissionsClusterTest, TwoNodesRouteEverySubmissionExactlyOnce) {
  constexpr int kSubmissions = 200;
  PostDrafts(kSubmissions, /*both=*/true);
  WaitAllRouted();
  ExpectEachRoutedOnce(db_, kSubmissions, a_->spool(), b_->spool());
  StopBoth();
}

// Node A is killed -9 while both nodes work through the queue: what A had
// leased is taken over by B once A's lease (2 s) runs out, every
// submission is routed exactly once, and A, restarted, delivers what it
// had routed before the kill.
TEST_F(HttpSubmissionsClusterTest,
       ANodeKilledMidRunLosesItsLeasedWorkToTheOther) {
  constexpr int kSubmissions = 120;
  PostDrafts(kSubmissions, /*both=*/false);
  // Kill A once it has claimed something, or (bounded) once everything is
  // routed without it.
  WaitFor([&] {
    bool all_routed = true;
    for (const std::string& id : ids_) {
      const nlohmann::json s = nlohmann::json::parse(
          Http("GET", url_b_ + "api/submissions/" + id).body, nullptr, false);
      if (s.value("node", nlohmann::json()) == "node-a") return true;
      all_routed = all_routed && s.value("status", "") == "routed";
    }
    return all_routed;
  });
  a_->process().Signal(SIGKILL);
  EXPECT_EQ(a_->process().Wait(), 128 + SIGKILL);
  WaitAllRouted();
  a_->Restart();
  ASSERT_FALSE(a_->WaitUrl().empty()) << a_->process().Log();
  ExpectEachRoutedOnce(db_, kSubmissions, a_->spool(), b_->spool());
  StopBoth();
}

}  // namespace
}  // namespace proofgate::testing

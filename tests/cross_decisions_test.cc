// Decisions across nodes (daemon/ledger/pending_decisions.h,
// daemon/service/decision_relay.h): two `proofgate run` daemons on one
// PostgreSQL ledger (a real server this binary starts, tests/
// postgres_server.h). A decision POSTed to the node that does not hold the
// draft is checked there (409 rules), recorded, and applied by the node
// that holds the file: through LISTEN/NOTIFY, through polling alone, and
// at the holder's next start when it was down. Applying a decision twice
// changes nothing.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/ledger/pg_connection.h"
#include "tests/daemon_process.h"
#include "tests/http_client.h"
#include "tests/pg_nodes.h"
#include "tests/postgres_environment.h"
#include "tests/postgres_server.h"
#include "tests/temp_dir.h"

namespace proofgate::testing {
namespace {

namespace fs = std::filesystem;

// H1 then H4: headings/skipped-level fails the draft, so it waits in
// review/.
const std::string kFailing =
    "---\ntitle: A post\ndescription: Why we started writing in public, "
    "what we plan to publish, and how to follow along.\nauthor: Ann "
    "Lee\n---\n\nIntro paragraph.\n\n#### Too deep\n";

// Polls fast, so the tests' bounded waits end soon.
const std::string kFastPoll = "decision_poll_ms: 200\n";

class CrossDecisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (g_server == nullptr || !g_server->running()) {
      GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
    }
    db_ = g_server->CreateDatabase();
    ASSERT_FALSE(db_.empty());
    auto conn =
        PgConnection::Open(g_server->Uri(db_), PostgresServer::kPassword);
    ASSERT_TRUE(conn) << conn.error();
    conn_ = std::move(*conn);
  }

  // The queue of the node at `url`: its items and its CSRF token.
  nlohmann::json Queue(const std::string& url) {
    const HttpReply r = Http("GET", url + "api/queue");
    EXPECT_EQ(r.status, 200) << r.body;
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  // Waits until the node at `url` lists `path`; its queue item.
  nlohmann::json WaitListed(const std::string& url, const std::string& path) {
    nlohmann::json found;
    EXPECT_TRUE(WaitFor([&] {
      const nlohmann::json queue = Queue(url);
      for (const nlohmann::json& item : queue["items"]) {
        if (item["path"] == path) found = item;
      }
      return found.is_object();
    })) << path;
    return found;
  }

  // POSTs a decision on `item` to the node at `url`, with its CSRF token
  // (`csrf` "" takes the node's own).
  HttpReply Decide(const std::string& url, const nlohmann::json& item,
                   const std::string& decision, std::string sha256 = "",
                   std::string csrf = "") {
    if (csrf.empty()) csrf = Queue(url)["csrf_token"];
    if (sha256.empty()) sha256 = item["sha256"];
    const nlohmann::json body = {{"decision", decision},
                                 {"reason", "checked the headings by hand"},
                                 {"editor", "Ann Lee"},
                                 {"sha256", sha256}};
    return PostUntilRouted(
        url + "api/drafts/" + item["id"].get<std::string>() + "/decision",
        body.dump(),
        {"Content-Type: application/json", "X-CSRF-Token: " + csrf});
  }

  // The first column of `sql` with `param`, one row per entry.
  std::vector<std::string> Column(const std::string& sql,
                                  const std::string& param) {
    std::vector<std::string> out;
    auto r = conn_->Exec(sql, {param});
    EXPECT_TRUE(r) << (r ? "" : r.error());
    for (int i = 0; r && i < r->rows(); ++i) out.push_back(r->Text(i, 0));
    return out;
  }
  std::string PendingStatus(const std::string& id) {
    const auto rows = Column(
        "SELECT status FROM pending_decisions WHERE submission = $1", id);
    return rows.empty() ? "" : rows[0];
  }
  size_t Decisions(const std::string& id) {
    return Column("SELECT decision FROM decisions WHERE submission = $1", id)
        .size();
  }

  // Sends SIGTERM to every daemon of `daemons`; each drains and exits 0.
  static void Drain(const std::vector<DaemonProcess*>& daemons) {
    for (DaemonProcess* d : daemons) d->Signal(SIGTERM);
    for (DaemonProcess* d : daemons) EXPECT_EQ(d->Wait(), 0) << d->Log();
  }

  // Drops a failing draft at `rel` into web-2's inbox; its queue item as
  // web-1 lists it (null when it is not listed within WaitFor's deadline).
  nlohmann::json DropOnWeb2(const std::string& rel) {
    WriteFile(dir_.path() / "web-2" / "inbox" / rel, kFailing);
    return WaitListed(url1_, rel);
  }

  // Starts web-1 and web-2 on the test's database, both polling fast.
  void StartBoth() {
    web1_ = StartNode(dir_, db_, "web-1", "web-1.log", url1_, kFastPoll);
    web2_ = StartNode(dir_, db_, "web-2", "web-2.log", url2_, kFastPoll);
  }

  TempDir dir_;
  std::string db_;
  std::unique_ptr<PgConnection> conn_;
  std::unique_ptr<DaemonProcess> web1_, web2_;
  std::string url1_, url2_;  // their queues' URLs
};

// A folder draft on web-2 decided through web-1 moves on web-2, once; the
// 409 rules hold on web-1; a replayed pending row changes nothing.
TEST_F(CrossDecisionTest, AFolderDraftOnBDecidedThroughAMovesOnB) {
  StartBoth();
  ASSERT_FALSE(url1_.empty() || url2_.empty());
  const fs::path spool2 = dir_.path() / "web-2";
  const nlohmann::json item = DropOnWeb2("post.md");
  ASSERT_TRUE(item.is_object()) << web2_->Log();
  EXPECT_EQ(item["node"], "web-2");
  const std::string id = item["id"];

  // web-1's rules: CSRF token, then the version decided on.
  EXPECT_EQ(Decide(url1_, item, "approve", "", std::string(64, '0')).status,
            403);
  const HttpReply stale = Decide(url1_, item, "approve", std::string(64, 'e'));
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_NE(stale.body.find("changed since"), std::string::npos);
  EXPECT_EQ(PendingStatus(id), "");

  const HttpReply taken = Decide(url1_, item, "approve");
  ASSERT_EQ(taken.status, 202) << taken.body;
  const nlohmann::json answer = nlohmann::json::parse(taken.body);
  EXPECT_EQ(answer["status"], "pending");
  EXPECT_EQ(answer["node"], "web-2");
  EXPECT_EQ(answer["area"], "ready");
  EXPECT_EQ(answer["decision"]["editor"], "Ann Lee");
  ASSERT_TRUE(WaitFor([&] {
    return fs::exists(spool2 / "ready" / "post.md") &&
           PendingStatus(id) == "applied";
  })) << web2_->Log();
  EXPECT_FALSE(fs::exists(spool2 / "review" / "post.md"));
  EXPECT_FALSE(fs::exists(dir_.path() / "web-1" / "ready" / "post.md"));
  const nlohmann::json record =
      nlohmann::json::parse(ReadFile(spool2 / "ready" / "post.md.proof.json"));
  EXPECT_EQ(record["decision"]["editor"], "Ann Lee");
  EXPECT_EQ(record["area"], "ready");
  EXPECT_EQ(Decisions(id), 1u);
  EXPECT_TRUE(Queue(url1_)["items"].empty());
  EXPECT_TRUE(Queue(url2_)["items"].empty());
  EXPECT_NE(web2_->Log().find("taken through node web-1): applied"),
            std::string::npos)
      << web2_->Log();

  // Deciding it again through web-1: it is no longer waiting.
  EXPECT_EQ(Decide(url1_, item, "return").status, 409);

  // The same pending row applied twice: marked applied again, nothing
  // moves, the ledger still holds one decision.
  const std::vector<std::string> files = FilesBelow(spool2 / "ready");
  ASSERT_TRUE(conn_->Run(
      "UPDATE pending_decisions SET status = 'pending', outcome = NULL "
      "WHERE submission = $1",
      {id}));
  ASSERT_TRUE(WaitFor([&] { return PendingStatus(id) == "applied"; }))
      << web2_->Log();
  EXPECT_EQ(Column("SELECT outcome FROM pending_decisions WHERE submission "
                   "= $1",
                   id)[0]
                .rfind("applied before", 0),
            0u);
  EXPECT_EQ(FilesBelow(spool2 / "ready"), files);
  EXPECT_TRUE(FilesBelow(spool2 / "returned").empty());
  EXPECT_EQ(Decisions(id), 1u);

  Drain({web1_.get(), web2_.get()});
}

// A decision taken through web-1 while web-2 is down is applied when
// web-2 starts; with LISTEN off, polling alone applies the next one.
TEST_F(CrossDecisionTest, HolderDownThenPollingAloneAppliesDecisions) {
  StartBoth();
  ASSERT_FALSE(url1_.empty() || url2_.empty());
  const fs::path spool2 = dir_.path() / "web-2";
  const nlohmann::json first = DropOnWeb2("first.md");
  ASSERT_TRUE(first.is_object()) << web2_->Log();
  web2_->Signal(SIGTERM);
  ASSERT_EQ(web2_->Wait(), 0);

  // web-2 is down: its draft is still listed, the decision waits.
  const HttpReply taken = Decide(url1_, first, "return");
  ASSERT_EQ(taken.status, 202) << taken.body;
  EXPECT_EQ(PendingStatus(first["id"]), "pending");
  EXPECT_TRUE(fs::exists(spool2 / "review" / "first.md"));

  web2_ = StartNode(dir_, db_, "web-2", "web-2-again.log", url2_,
                    kFastPoll + "decision_listen: false\n");
  ASSERT_FALSE(url2_.empty());
  ASSERT_TRUE(WaitFor([&] {
    return fs::exists(spool2 / "returned" / "first.md") &&
           PendingStatus(first["id"]) == "applied";
  })) << web2_->Log();
  EXPECT_FALSE(fs::exists(spool2 / "review" / "first.md"));
  EXPECT_EQ(Decisions(first["id"]), 1u);

  // No listener on web-2 now: the poll finds the next decision.
  const nlohmann::json second = DropOnWeb2("second.md");
  ASSERT_TRUE(second.is_object()) << web2_->Log();
  // Through web-1's form this time: a page says where it is applied.
  const std::string form =
      "decision=approve&reason=fine&editor=Ann+Lee&sha256=" +
      second["sha256"].get<std::string>() +
      "&csrf=" + Queue(url1_)["csrf_token"].get<std::string>();
  const HttpReply page = Http(
      "POST", url1_ + "drafts/" + second["id"].get<std::string>() + "/decision",
      form, {"Content-Type: application/x-www-form-urlencoded"});
  ASSERT_EQ(page.status, 202) << page.body;
  EXPECT_NE(page.body.find("Decision recorded"), std::string::npos);
  EXPECT_NE(page.body.find("node web-2 holds the file"), std::string::npos);
  ASSERT_TRUE(WaitFor([&] {
    return fs::exists(spool2 / "ready" / "second.md");
  })) << web2_->Log();
  EXPECT_EQ(web2_->Log().find("listening on"), std::string::npos);
  EXPECT_NE(web1_->Log().find("listening on proofgate_decisions"),
            std::string::npos);

  Drain({web1_.get(), web2_.get()});
}

// GET /api/submissions/<id> follows an editor's decision on an HTTP
// submission routed to review, taken through the node that does not hold
// it: "status" "decided", "area" "returned".
TEST_F(CrossDecisionTest, ASubmissionsAreaFollowsItsDecision) {
  StartBoth();
  ASSERT_FALSE(url1_.empty() || url2_.empty());
  const HttpReply posted = Http("POST", url1_ + "api/submissions?path=sent.md",
                                kFailing, {"Content-Type: text/markdown"});
  ASSERT_EQ(posted.status, 202) << posted.body;
  const std::string id = nlohmann::json::parse(posted.body)["id"];
  nlohmann::json state;
  ASSERT_TRUE(WaitFor([&] {
    state = nlohmann::json::parse(
        Http("GET", url2_ + "api/submissions/" + id).body, nullptr, false);
    return state.value("status", "") == "routed" &&
           fs::exists(dir_.path() / state.value("node", "none") / "review" /
                      "sent.md");
  })) << web1_->Log()
      << web2_->Log();
  EXPECT_EQ(state["area"], "review");
  EXPECT_TRUE(state["decision"].is_null());
  const std::string holder = state["node"];
  const std::string other = holder == "web-1" ? url2_ : url1_;
  const nlohmann::json item = WaitListed(other, "sent.md");
  ASSERT_EQ(item["id"], id);
  ASSERT_EQ(Decide(other, item, "return").status, 202);
  ASSERT_TRUE(WaitFor([&] {
    state = nlohmann::json::parse(
        Http("GET", other + "api/submissions/" + id).body, nullptr, false);
    return state.value("status", "") == "decided";
  })) << web1_->Log()
      << web2_->Log();
  EXPECT_EQ(state["area"], "returned");
  EXPECT_EQ(state["decision"]["decision"], "return");
  EXPECT_EQ(state["decision"]["editor"], "Ann Lee");
  EXPECT_TRUE(fs::exists(dir_.path() / holder / "returned" / "sent.md"));

  Drain({web1_.get(), web2_.get()});
}

// PostgreSQL restarts under both daemons: web-2's listener reconnects (at
// its next poll) and a decision taken through web-1 afterwards is applied.
TEST_F(CrossDecisionTest, TheListenerReconnectsAfterAServerRestart) {
  StartBoth();
  ASSERT_FALSE(url1_.empty() || url2_.empty());
  const fs::path spool2 = dir_.path() / "web-2";
  const nlohmann::json item = DropOnWeb2("post.md");
  ASSERT_TRUE(item.is_object()) << web2_->Log();
  ASSERT_TRUE(g_server->Restart());
  auto listens = [&] {
    const std::string log = web2_->Log();
    size_t n = 0;
    for (size_t at = log.find("decisions: listening on");
         at != std::string::npos;
         at = log.find("decisions: listening on", at + 1)) {
      ++n;
    }
    return n;
  };
  ASSERT_TRUE(WaitFor([&] { return listens() == 2; })) << web2_->Log();
  EXPECT_NE(web2_->Log().find("the listening connection broke"),
            std::string::npos);
  const HttpReply taken = Decide(url1_, item, "approve");
  ASSERT_EQ(taken.status, 202) << taken.body;
  ASSERT_TRUE(WaitFor([&] { return fs::exists(spool2 / "ready" / "post.md"); }))
      << web2_->Log();
  Drain({web1_.get(), web2_.get()});
}

}  // namespace
}  // namespace proofgate::testing

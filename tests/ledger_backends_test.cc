// The ledger (daemon/ledger/ledger.h, decision_ledger.h) and the HTTP
// submissions' queue (submission_queue.h) on both backends:
// every test runs on SQLite (a file in a temporary folder) and on
// PostgreSQL (a fresh database on a real server this binary starts,
// tests/postgres_server.h). The PostgreSQL runs skip when the server's
// binaries are missing.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "daemon/cli/report_command.h"
#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/ledger_rows.h"
#include "daemon/ledger/ledger_schema.h"
#include "daemon/ledger/pending_decisions.h"
#include "daemon/ledger/pg_connection.h"
#include "daemon/ledger/pg_schema.h"
#include "daemon/review/review_report.h"
#include "daemon/review/review_report_json.h"
#include "daemon/text/timestamp.h"
#include "tests/daemon_process.h"
#include "tests/http_client.h"
#include "tests/pg_nodes.h"
#include "tests/postgres_environment.h"
#include "tests/postgres_server.h"
#include "tests/temp_dir.h"

namespace proofgate::testing {
namespace {

namespace fs = std::filesystem;

enum class Backend { kSqlite, kPostgres };

std::string Name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

// A proof record (daemon/spool/proof_record.h) with the fields the ledger
// reads.
nlohmann::json Record(const std::string& id, const std::string& path,
                      const std::string& verdict, const std::string& route,
                      const std::string& submitted,
                      const std::string& supersedes = "",
                      const std::string& old_area = "") {
  nlohmann::json r = {
      {"submission", id},
      {"verdict", verdict},
      {"route", route},
      {"draft", {{"path", path}, {"sha256", "ab" + id}, {"size", 42}}},
      {"rulebook", {{"name", "default"}, {"version", "1"}, {"sha256", "cd"}}},
      {"timestamps",
       {{"submitted", submitted},
        {"verified", submitted},
        {"routed", submitted}}},
      {"checks",
       {{{"name", "headings"},
         {"duration_ms", 0.5},
         {"findings",
          {{{"rule", "headings/skipped-level"}, {"effect", "fails"}},
           {{"rule", "headings/skipped-level"}, {"effect", "fails"}}}}},
        {{"name", "links"},
         {"duration_ms", 2.0},
         {"findings", nlohmann::json::array()}}}}};
  if (!supersedes.empty()) {
    r["supersedes"] = {{"submission", supersedes}, {"area", old_area}};
  }
  return r;
}

std::string At(int minute) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "2026-03-01T09:%02d:00.000000Z", minute);
  return buf;
}

class LedgerBackendTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      where_.file = dir_.path() / "ledger.sqlite";
      return;
    }
    if (g_server == nullptr || !g_server->running()) {
      GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
    }
    const std::string db = g_server->CreateDatabase();
    ASSERT_FALSE(db.empty());
    where_.uri = g_server->Uri(db);
    where_.password = PostgresServer::kPassword;
  }

  std::unique_ptr<Ledger> Open() {
    auto opened = OpenLedger(where_);
    EXPECT_TRUE(opened) << (opened ? "" : opened.error());
    return opened ? std::move(*opened) : nullptr;
  }
  std::unique_ptr<DecisionLedger> OpenDecisions() {
    auto opened = OpenDecisionLedger(where_);
    EXPECT_TRUE(opened) << (opened ? "" : opened.error());
    return opened ? std::move(*opened) : nullptr;
  }

  // The first column of `sql`'s rows as text, on either backend (the SQL
  // both dialects share).
  std::vector<std::string> Rows(const std::string& sql) {
    std::vector<std::string> rows;
    if (where_.postgres()) {
      auto conn = PgConnection::Open(where_.uri, where_.password);
      EXPECT_TRUE(conn);
      if (!conn) return rows;
      auto r = (*conn)->Exec(sql);
      EXPECT_TRUE(r) << (r ? "" : r.error());
      for (int i = 0; r && i < r->rows(); ++i) rows.push_back(r->Text(i, 0));
      return rows;
    }
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(where_.file.c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db);
    while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(stmt, 0);
      rows.push_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return rows;
  }

  // Runs `sql` (no rows) on either backend.
  void Exec(const std::string& sql) {
    if (where_.postgres()) {
      auto conn = PgConnection::Open(where_.uri, where_.password);
      ASSERT_TRUE(conn);
      ASSERT_TRUE((*conn)->Run(sql));
      return;
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(where_.file.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }

  TempDir dir_;
  LedgerLocation where_;
};

TEST_P(LedgerBackendTest, RecordsASubmissionOnceAndAReplayChangesNothing) {
  auto ledger = Open();
  ASSERT_TRUE(ledger);
  const nlohmann::json r = Record("s1", "blog/a.md", "fail", "review", At(0));
  ASSERT_TRUE(ledger->Record(r));
  ASSERT_TRUE(ledger->Record(r));
  EXPECT_EQ(Rows("SELECT id || '|' || path || '|' || verdict || '|' || area "
                 "|| '|' || size || '|' || first_submitted_at FROM "
                 "submissions"),
            std::vector<std::string>{"s1|blog/a.md|fail|review|42|" + At(0)});
  EXPECT_EQ(Rows("SELECT COALESCE(from_area, '-') || '>' || to_area FROM "
                 "routing_events"),
            std::vector<std::string>{"->review"});
  EXPECT_EQ(Rows("SELECT rule || '=' || count FROM submission_findings"),
            std::vector<std::string>{"headings/skipped-level=2"});
  EXPECT_EQ(Rows("SELECT check_name FROM check_runs ORDER BY check_name"),
            (std::vector<std::string>{"headings", "links"}));
  auto decisions = OpenDecisions();
  ASSERT_TRUE(decisions);
  const LedgerCounts counts = decisions->Counts();
  EXPECT_EQ(counts.submitted, 1);
  EXPECT_EQ((counts.routed.at({"fail", "review"})), 1);
  EXPECT_EQ(counts.findings_by_rule.at("headings/skipped-level"), 2);
  EXPECT_EQ(counts.check_seconds.at("links").count(), 1);
  EXPECT_DOUBLE_EQ(counts.check_seconds.at("links").sum, 0.002);
}

TEST_P(LedgerBackendTest, SupersedingMovesTheEarlierToHistoryAndKeepsItsStart) {
  auto ledger = Open();
  ASSERT_TRUE(ledger);
  ASSERT_TRUE(ledger->Record(Record("s1", "a.md", "fail", "review", At(0))));
  ASSERT_TRUE(ledger->Record(
      Record("s2", "a.md", "pass", "ready", At(5), "s1", "review")));
  EXPECT_EQ(Rows("SELECT COALESCE(superseded_by, '-') FROM submissions "
                 "ORDER BY id"),
            (std::vector<std::string>{"s2", "-"}));
  EXPECT_EQ(Rows("SELECT first_submitted_at FROM submissions WHERE id = 's2'"),
            std::vector<std::string>{At(0)});
  EXPECT_EQ(Rows("SELECT submission || ':' || COALESCE(from_area, '-') || '>' "
                 "|| to_area FROM routing_events ORDER BY seq"),
            (std::vector<std::string>{"s1:->review", "s2:->ready",
                                      "s1:review>history"}));
  auto decisions = OpenDecisions();
  ASSERT_TRUE(decisions);
  // Cycle time: first submission (09:00) to ready by a pass (09:05).
  const LedgerCounts counts = decisions->Counts();
  EXPECT_EQ(counts.cycle.count(), 1);
  EXPECT_DOUBLE_EQ(counts.cycle.sum, 300);
  EXPECT_EQ(decisions->FirstSubmittedAt("s2"), At(0));
  EXPECT_EQ(decisions->FirstSubmittedAt("nope"), "");
}

DecisionRow Decided(const std::string& id, const std::string& decision,
                    int minute) {
  return DecisionRow{id,
                     "a.md",
                     decision,
                     "looks fine",
                     "Ann Lee",
                     "review",
                     {"headings/skipped-level", "claims/x"},
                     At(0),
                     At(minute),
                     At(0)};
}

TEST_P(LedgerBackendTest, DecisionsAreRecordedOnceAndReadBack) {
  auto ledger = Open();
  ASSERT_TRUE(ledger);
  ASSERT_TRUE(ledger->Record(Record("s1", "a.md", "review", "review", At(0))));
  ASSERT_TRUE(ledger->Record(Record("s2", "b.md", "fail", "review", At(1))));
  auto decisions = OpenDecisions();
  ASSERT_TRUE(decisions);
  ASSERT_TRUE(decisions->Record(Decided("s1", "approve", 10)));
  ASSERT_TRUE(decisions->Record(Decided("s1", "approve", 10)));
  DecisionRow returned = Decided("s2", "return", 20);
  returned.path = "b.md";
  ASSERT_TRUE(decisions->Record(returned));

  const std::optional<DecisionRow> d = decisions->Decision("s1");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->decision, "approve");
  EXPECT_EQ(d->editor, "Ann Lee");
  EXPECT_EQ(d->rules,
            (std::vector<std::string>{"headings/skipped-level", "claims/x"}));
  EXPECT_FALSE(decisions->Decision("s9"));
  const std::vector<DecisionRow> recent = decisions->RecentDecisions(5);
  ASSERT_EQ(recent.size(), 2u);
  EXPECT_EQ(recent[0].submission, "s2");
  EXPECT_EQ(decisions->RecentDecisions(1).size(), 1u);
  EXPECT_EQ(decisions->PathOf("s2"), "b.md");
  EXPECT_EQ(decisions->PathOf("s9"), "");

  const std::vector<SubmissionHistoryRow> history = decisions->History("a.md");
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].decision, "approve");
  EXPECT_EQ(history[0].reason, "looks fine");
  EXPECT_EQ(Rows("SELECT submission || '>' || to_area FROM routing_events "
                 "WHERE from_area = 'review' ORDER BY submission"),
            (std::vector<std::string>{"s1>ready", "s2>returned"}));

  const LedgerCounts counts = decisions->Counts();
  EXPECT_EQ(counts.decisions.at("approve"), 1);
  EXPECT_EQ(counts.decisions.at("return"), 1);
  EXPECT_EQ((counts.decisions_by_rule.at({"claims/x", "approve"})), 1);
  EXPECT_EQ(counts.handoff.count(), 2);
  EXPECT_DOUBLE_EQ(counts.handoff.sum, 600 + 1200);
}

// The ids of the queue index's items for `filter`, in the queue's order.
std::vector<std::string> QueueIds(DecisionLedger& ledger,
                                  const QueueFilter& filter = {}) {
  std::vector<std::string> ids;
  auto page = ledger.QueueItems(filter, {});
  EXPECT_TRUE(page) << (page ? "" : page.error());
  if (!page) return ids;
  EXPECT_EQ(page->total, page->items.size());
  for (const QueueItem& item : page->items) ids.push_back(item.id);
  return ids;
}

// A draft with front matter, a NUL byte and a byte that is not UTF-8:
// the index keeps the bytes exactly.
const std::string kDraftBytes =
    std::string("---\ntitle: Our first post\nauthor: Ann Lee\n---\n\nA") +
    '\0' + "b\xff c.\n";

TEST_P(LedgerBackendTest, TheQueueIndexFollowsRoutingDecisionsAndSupersedes) {
  auto ledger = Open();
  ASSERT_TRUE(ledger);
  ledger->SetNode("web-1");
  auto decisions = OpenDecisions();
  ASSERT_TRUE(decisions);
  const nlohmann::json s1 = Record("s1", "blog/a.md", "fail", "review", At(2));
  ASSERT_TRUE(ledger->Record(s1, kDraftBytes));
  ASSERT_TRUE(ledger->Record(Record("s2", "b.md", "review", "review", At(1))));
  ASSERT_TRUE(ledger->Record(Record("s3", "c.md", "pass", "ready", At(0))));
  // Oldest routed first; a draft routed to ready/ is not waiting.
  EXPECT_EQ(QueueIds(*decisions), (std::vector<std::string>{"s2", "s1"}));
  EXPECT_EQ(Rows("SELECT node FROM submissions WHERE id = 's3'"),
            std::vector<std::string>{"web-1"});

  const std::optional<QueueDraft> draft = decisions->QueuedDraft("s1");
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->bytes, kDraftBytes);
  EXPECT_EQ(draft->area, "review");
  EXPECT_EQ(draft->record, s1);
  EXPECT_EQ(draft->item.node, "web-1");
  EXPECT_EQ(draft->item.path, "blog/a.md");
  EXPECT_EQ(draft->item.folder, "blog");
  EXPECT_EQ(draft->item.title, "Our first post");
  EXPECT_EQ(draft->item.author, "Ann Lee");
  EXPECT_EQ(draft->item.verdict, "fail");
  EXPECT_EQ(draft->item.sha256, "abs1");
  EXPECT_EQ(draft->item.rules,
            std::vector<std::string>{"headings/skipped-level"});
  EXPECT_EQ(Rfc3339Utc(draft->item.routed), At(2));
  EXPECT_FALSE(decisions->QueuedDraft("s3"));

  // A decision removes its row in its transaction; a late replay of the
  // routing does not bring it back.
  DecisionRow decided = Decided("s1", "approve", 10);
  decided.path = "blog/a.md";
  ASSERT_TRUE(decisions->Record(decided));
  ASSERT_TRUE(ledger->Record(s1, kDraftBytes));
  EXPECT_EQ(QueueIds(*decisions), std::vector<std::string>{"s2"});
  EXPECT_FALSE(decisions->QueuedDraft("s1"));

  // A resubmission supersedes the waiting version: one row, the new one.
  ASSERT_TRUE(ledger->Record(
      Record("s4", "b.md", "fail", "review", At(5), "s2", "review")));
  EXPECT_EQ(QueueIds(*decisions), std::vector<std::string>{"s4"});
  ASSERT_TRUE(ledger->Record(
      Record("s5", "b.md", "pass", "ready", At(6), "s4", "review")));
  EXPECT_TRUE(QueueIds(*decisions).empty());
  // Records and bytes leave with their rows.
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM review_queue_drafts"),
            std::vector<std::string>{"0"});
}

TEST_P(LedgerBackendTest, TheQueueIndexFiltersByNodeAndVerdict) {
  auto web1 = Open();
  auto web2 = Open();
  ASSERT_TRUE(web1 && web2);
  web1->SetNode("web-1");
  web2->SetNode("web-2");
  ASSERT_TRUE(web1->Record(Record("s1", "a.md", "fail", "review", At(0))));
  ASSERT_TRUE(web2->Record(Record("s2", "a.md", "review", "review", At(1))));
  ASSERT_TRUE(web2->Record(Record("s3", "x/b.md", "fail", "review", At(2))));
  auto decisions = OpenDecisions();
  ASSERT_TRUE(decisions);
  EXPECT_EQ(QueueIds(*decisions), (std::vector<std::string>{"s1", "s2", "s3"}));
  QueueFilter node;
  node.node = "web-2";
  EXPECT_EQ(QueueIds(*decisions, node), (std::vector<std::string>{"s2", "s3"}));
  QueueFilter verdict;
  verdict.verdict = "fail";
  EXPECT_EQ(QueueIds(*decisions, verdict),
            (std::vector<std::string>{"s1", "s3"}));
  node.verdict = "fail";
  node.folder = "x";
  EXPECT_EQ(QueueIds(*decisions, node), std::vector<std::string>{"s3"});
  node.node = "web-3";
  EXPECT_TRUE(QueueIds(*decisions, node).empty());
}

// The ids and total of window {offset, limit} of the queue for `filter`.
std::pair<std::vector<std::string>, size_t> QueueWindowIds(
    DecisionLedger& ledger, const QueueFilter& filter, size_t offset,
    size_t limit) {
  std::vector<std::string> ids;
  auto page = ledger.QueueItems(filter, {.offset = offset, .limit = limit});
  EXPECT_TRUE(page) << (page ? "" : page.error());
  if (!page) return {ids, 0};
  for (const QueueItem& item : page->items) ids.push_back(item.id);
  return {ids, page->total};
}

TEST_P(LedgerBackendTest, TheQueueIndexListsAWindowAndTheTotal) {
  auto web1 = Open();
  auto web2 = Open();
  ASSERT_TRUE(web1 && web2);
  web1->SetNode("web-1");
  web2->SetNode("web-2");
  ASSERT_TRUE(web1->Record(Record("s1", "a.md", "fail", "review", At(0))));
  ASSERT_TRUE(web2->Record(Record("s2", "x/a.md", "review", "review", At(1))));
  ASSERT_TRUE(web2->Record(Record("s3", "x/b.md", "fail", "review", At(2))));
  ASSERT_TRUE(web1->Record(Record("s4", "x/c.md", "fail", "review", At(3))));
  auto decisions = OpenDecisions();
  ASSERT_TRUE(decisions);
  using Ids = std::vector<std::string>;
  // The index decides the filter: the database pages and counts.
  EXPECT_EQ(QueueWindowIds(*decisions, {}, 1, 2),
            (std::pair{Ids{"s2", "s3"}, size_t{4}}));
  EXPECT_EQ(QueueWindowIds(*decisions, {}, 3, 10),
            (std::pair{Ids{"s4"}, size_t{4}}));
  EXPECT_EQ(QueueWindowIds(*decisions, {}, 9, 10),
            (std::pair{Ids{}, size_t{4}}));
  QueueFilter fail;
  fail.verdict = "fail";
  EXPECT_EQ(QueueWindowIds(*decisions, fail, 1, 1),
            (std::pair{Ids{"s3"}, size_t{3}}));
  EXPECT_EQ(QueueWindowIds(*decisions, fail, 2, SIZE_MAX),
            (std::pair{Ids{"s4"}, size_t{3}}));
  // A folder is matched after the query: the same window and total.
  QueueFilter folder = fail;
  folder.folder = "x";
  EXPECT_EQ(QueueWindowIds(*decisions, folder, 1, 5),
            (std::pair{Ids{"s4"}, size_t{2}}));
}

TEST_P(LedgerBackendTest, SyncQueueMakesOneNodesRowsMatchItsReviewFolder) {
  auto ledger = Open();
  auto other = Open();
  ASSERT_TRUE(ledger && other);
  ledger->SetNode("web-1");
  other->SetNode("web-2");
  ASSERT_TRUE(ledger->Record(Record("s1", "a.md", "fail", "review", At(0))));
  ASSERT_TRUE(other->Record(Record("s2", "b.md", "fail", "review", At(1))));
  auto decisions = OpenDecisions();
  ASSERT_TRUE(decisions);
  // web-1's review/ now holds s6 only (s1 left it while the ledger was
  // away): s1 goes, s6 comes, web-2's s2 stays.
  const nlohmann::json s6 = Record("s6", "c.md", "review", "review", At(3));
  QueueIndexRow row{QueueItemOf("c.md", s6, kDraftBytes), QueueRecordText(s6),
                    kDraftBytes};
  row.item.node = "web-1";
  ASSERT_TRUE(decisions->SyncQueue("web-1", {row}));
  EXPECT_EQ(QueueIds(*decisions), (std::vector<std::string>{"s2", "s6"}));
  const std::optional<QueueDraft> draft = decisions->QueuedDraft("s6");
  ASSERT_TRUE(draft);
  EXPECT_EQ(draft->bytes, kDraftBytes);
  EXPECT_EQ(draft->item.title, "Our first post");
  // Idempotent.
  ASSERT_TRUE(decisions->SyncQueue("web-1", {row}));
  EXPECT_EQ(QueueIds(*decisions), (std::vector<std::string>{"s2", "s6"}));
  ASSERT_TRUE(decisions->QueuedDraft("s6"));
  EXPECT_EQ(decisions->QueuedDraft("s6")->bytes, kDraftBytes);
  ASSERT_TRUE(decisions->SyncQueue("web-1", {}));
  EXPECT_EQ(QueueIds(*decisions), std::vector<std::string>{"s2"});
  EXPECT_EQ(Rows("SELECT submission FROM review_queue_drafts"),
            std::vector<std::string>{"s2"});
}

TEST_P(LedgerBackendTest, ConcurrentRecordsAllCommit) {
  auto ledger = Open();
  ASSERT_TRUE(ledger);
  constexpr int kThreads = 8, kEach = 25;
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        const std::string id =
            "t" + std::to_string(t) + "-" + std::to_string(i);
        if (!ledger->Record(Record(id, id + ".md", "pass", "ready", At(i)))) {
          ++failed;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM submissions"),
            std::vector<std::string>{std::to_string(kThreads * kEach)});
  auto decisions = OpenDecisions();
  ASSERT_TRUE(decisions);
  EXPECT_EQ(decisions->Counts().submitted, kThreads * kEach);
}

TEST_P(LedgerBackendTest, OpenersStartingTogetherMigrateOnce) {
  constexpr int kOpeners = 4;
  std::vector<std::thread> threads;
  std::atomic<int> opened{0};
  std::vector<std::string> errors(kOpeners);
  if (!where_.postgres()) {
    ASSERT_TRUE(Open());  // SQLite: the file first
  }
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back([&, i] {
      auto l = OpenDecisionLedger(where_);
      if (l) {
        ++opened;
      } else {
        errors[i] = l.error();
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(opened, kOpeners) << errors[0] << errors[1];
  if (where_.postgres()) {
    EXPECT_EQ(
        Rows("SELECT COUNT(*) || '/' || MAX(version) FROM "
             "ledger_schema_versions"),
        std::vector<std::string>{std::to_string(kLedgerSchemaVersion) + "/" +
                                 std::to_string(kLedgerSchemaVersion)});
  } else {
    EXPECT_EQ(Rows("PRAGMA user_version"),
              std::vector<std::string>{std::to_string(kLedgerSchemaVersion)});
  }
}

TEST_P(LedgerBackendTest, ANewerSchemaIsRefusedWithAClearError) {
  ASSERT_TRUE(Open());
  const int newer = kLedgerSchemaVersion + 1;
  if (where_.postgres()) {
    Exec("INSERT INTO ledger_schema_versions VALUES(" + std::to_string(newer) +
         ", 'later')");
  } else {
    Exec("PRAGMA user_version = " + std::to_string(newer));
  }
  for (int kind = 0; kind < 2; ++kind) {
    const std::string error = kind == 0 ? OpenLedger(where_).error()
                                        : OpenDecisionLedger(where_).error();
    EXPECT_NE(error.find("schema is version " + std::to_string(newer) +
                         ", newer than this proofgate knows"),
              std::string::npos)
        << error;
  }
}

// Records submission `id` (of `path`) returned at minute 20.
void ReturnDraft(const LedgerLocation& where, const std::string& id,
                 const std::string& path) {
  auto decisions = OpenDecisionLedger(where);
  ASSERT_TRUE(decisions) << decisions.error();
  DecisionRow returned = Decided(id, "return", 20);
  returned.path = path;
  ASSERT_TRUE((*decisions)->Record(returned));
}

// A report window holding every row of these tests, at a fixed "now".
nlohmann::json ReportOf(const LedgerLocation& where) {
  ReportRequest request;
  request.since = *ParseRfc3339Utc("2026-01-01T00:00:00.000000Z");
  request.until = *ParseRfc3339Utc("2026-06-01T00:00:00.000000Z");
  request.now = *ParseRfc3339Utc("2026-03-01T12:00:00.000000Z");
  request.sla.SetDefault(std::chrono::hours(1));
  const Expected<ReviewReport> report = BuildReviewReport(where, request);
  EXPECT_TRUE(report) << (report ? "" : report.error());
  return report ? ReviewReportJson(*report) : nlohmann::json();
}

// The report's indexes (schema version 4) change how fast it reads, never
// what: the same report with and without them.
TEST_P(LedgerBackendTest, ReportReadsTheSameWithoutItsIndexes) {
  auto ledger = Open();
  ASSERT_TRUE(ledger);
  // A warning that held nothing back, on a draft another rule failed.
  nlohmann::json failed = Record("s1", "a.md", "fail", "review", At(0));
  failed["checks"][1]["findings"].push_back(
      {{"rule", "links/bare-url"}, {"effect", "advisory"}});
  ASSERT_TRUE(ledger->Record(failed));
  ASSERT_TRUE(
      ledger->Record(Record("s2", "b/c.md", "review", "review", At(1))));
  ASSERT_TRUE(ledger->Record(Record("s3", "d.md", "pass", "ready", At(2))));
  ASSERT_TRUE(ledger->Record(
      Record("s4", "a.md", "pass", "ready", At(30), "s1", "review")));
  ReturnDraft(where_, "s2", "b/c.md");
  const nlohmann::json indexed = ReportOf(where_);
  EXPECT_EQ(indexed["volume"]["submissions"], 4) << indexed.dump(1);
  ASSERT_EQ(indexed["failures"].size(), 1u) << indexed.dump(1);
  EXPECT_EQ(indexed["failures"][0]["rule"], "headings/skipped-level");
  EXPECT_EQ(indexed["failures"][0]["findings"], 4);
  for (const auto& row : indexed["rules"]) {
    if (row["rule"] != "links/bare-url") continue;
    EXPECT_EQ(row["findings"], 1);
    EXPECT_EQ(row["drafts_flagged"], 0);
  }
  EXPECT_EQ(indexed["handoff_latency"]["by_rulebook"]["default"]["count"], 1);
  Exec("DROP INDEX submission_findings_holding");
  Exec("DROP INDEX submissions_window");
  EXPECT_EQ(ReportOf(where_), indexed);
}

// Each submission's reviewers (the `reviewer` its findings name) are
// written with it on both backends, and the report counts escalations and
// the queue per reviewer.
TEST_P(LedgerBackendTest, ReportCountsEscalationsAndTheQueueByReviewer) {
  auto ledger = Open();
  ASSERT_TRUE(ledger);
  auto escalated = [](nlohmann::json r,
                      const std::vector<std::string>& reviewers) {
    for (const std::string& who : reviewers) {
      r["checks"][0]["findings"].push_back(
          {{"rule", "escalate/" + who}, {"reviewer", who}});
    }
    return r;
  };
  ASSERT_TRUE(ledger->Record(escalated(
      Record("s1", "legal/a.md", "review", "review", At(0)), {"legal"})));
  ASSERT_TRUE(
      ledger->Record(escalated(Record("s2", "b.md", "review", "review", At(1)),
                               {"legal", "finance", "legal"})));
  ASSERT_TRUE(ledger->Record(Record("s3", "c.md", "fail", "review", At(2))));
  ASSERT_TRUE(ledger->Record(escalated(
      Record("s4", "legal/a.md", "review", "review", At(3), "s1", "review"),
      {"legal"})));
  EXPECT_EQ(Rows("SELECT submission || ':' || reviewer FROM "
                 "submission_reviewers ORDER BY submission, reviewer"),
            (std::vector<std::string>{"s1:legal", "s2:finance", "s2:legal",
                                      "s4:legal"}));
  ReturnDraft(where_, "s2", "b.md");

  const nlohmann::json report = ReportOf(where_);
  const nlohmann::json& legal = report["escalations"]["by_reviewer"]["legal"];
  EXPECT_EQ(legal["submissions"], 3) << report.dump(1);
  EXPECT_EQ(legal["drafts"], 2);
  EXPECT_EQ(legal["decisions"], 1);
  EXPECT_EQ(legal["returns"], 1);
  EXPECT_EQ(legal["approvals"], 0);
  EXPECT_EQ(report["escalations"]["by_reviewer"]["finance"]["submissions"], 1);
  EXPECT_EQ(report["escalations"]["by_reviewer"].size(), 2u);
  // The queue now: s4 (legal) and s3 (no reviewer); s2 is decided, s1
  // superseded. All routed hours before "now": past the 1 h SLA.
  const nlohmann::json& queue = report["queue"];
  EXPECT_EQ(queue["depth"], 2) << queue.dump(1);
  EXPECT_EQ(queue["by_reviewer"].size(), 1u) << queue.dump(1);
  EXPECT_EQ(queue["by_reviewer"]["legal"]["depth"], 1);
  EXPECT_EQ(queue["by_reviewer"]["legal"]["overdue"], 1);
  EXPECT_GT(queue["by_reviewer"]["legal"]["oldest_seconds"], 3600);
}

// The HTTP submissions' queue (daemon/ledger/submission_queue.h).

NewSubmission Draft(const std::string& id, const std::string& bytes, int second,
                    const std::string& key = "") {
  return NewSubmission{
      id,    "posts/" + id + ".md",
      "ana", bytes,
      key,   WallTime(std::chrono::seconds(1'770'000'000 + second))};
}

WallTime Clock(int second) {
  return WallTime(std::chrono::seconds(1'770'000'100 + second));
}

constexpr std::chrono::milliseconds kLease{30'000};

TEST_P(LedgerBackendTest, QueueEnqueuesClaimsTheOldestAndCompletesOnce) {
  auto queue = OpenSubmissionQueue(where_);
  ASSERT_TRUE(queue) << queue.error();
  // Bytes with a NUL and invalid UTF-8 come back as they were sent.
  const std::string bytes = std::string("# Title\n\0\xff text\n", 17);
  ASSERT_EQ(*(*queue)->Enqueue(Draft("200-1", "# Later\n", 2)), "200-1");
  ASSERT_EQ(*(*queue)->Enqueue(Draft("100-1", bytes, 1)), "100-1");

  auto pending = (*queue)->Get("100-1");
  ASSERT_TRUE(pending && *pending);
  EXPECT_EQ((*pending)->status, "pending");
  EXPECT_EQ((*pending)->path, "posts/100-1.md");
  EXPECT_EQ((*pending)->author, "ana");
  EXPECT_EQ((*pending)->bytes, bytes);
  EXPECT_EQ((*pending)->size, 17);
  EXPECT_EQ((*pending)->node, "");
  EXPECT_TRUE((*pending)->record.is_null());
  EXPECT_EQ((*pending)->sha256.size(), 64u);

  auto claimed = (*queue)->Claim("web-1", kLease, Clock(0));
  ASSERT_TRUE(claimed && *claimed) << (claimed ? "none" : claimed.error());
  EXPECT_EQ((*claimed)->id, "100-1");  // the oldest first
  EXPECT_EQ((*claimed)->status, "checking");
  EXPECT_EQ((*claimed)->node, "web-1");
  EXPECT_EQ((*claimed)->lease_token, 1);
  EXPECT_EQ((*claimed)->bytes, bytes);

  nlohmann::json record =
      Record("100-1", "posts/100-1.md", "review", "review", At(5));
  auto done = (*queue)->Complete("100-1", 1, record, Clock(1));
  ASSERT_TRUE(done) << done.error();
  EXPECT_TRUE(*done);
  // Routed: a second Complete under the same token changes nothing.
  auto again = (*queue)->Complete("100-1", 1, record, Clock(2));
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);

  auto routed = (*queue)->Get("100-1");
  ASSERT_TRUE(routed && *routed);
  EXPECT_EQ((*routed)->status, "routed");
  EXPECT_EQ((*routed)->area, "review");
  EXPECT_EQ((*routed)->verdict, "review");
  EXPECT_EQ((*routed)->routed_at, At(5));
  EXPECT_EQ((*routed)->record.value("submission", ""), "100-1");
  EXPECT_FALSE((*routed)->delivered);
  EXPECT_EQ(Rows("SELECT area FROM submissions WHERE id = '100-1'"),
            std::vector<std::string>{"review"});
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM routing_events WHERE submission = "
                 "'100-1'"),
            std::vector<std::string>{"1"});
  EXPECT_FALSE(*(*queue)->Get("unknown"));
}

// Every claim counts toward the poison limit (schema version 9), a
// claim after a lease ran out too; heartbeats and the completion do not.
TEST_P(LedgerBackendTest, QueueCountsEveryClaimOfASubmission) {
  auto queue = OpenSubmissionQueue(where_);
  ASSERT_TRUE(queue) << queue.error();
  ASSERT_TRUE((*queue)->Enqueue(Draft("1-1", "# A\n", 1)));
  EXPECT_EQ((*(*queue)->Get("1-1"))->attempts, 0);
  constexpr std::chrono::milliseconds kShort{1000};
  for (int claim = 1; claim <= 3; ++claim) {
    // Each claim comes after the last one's lease ran out (a node died).
    auto claimed = (*queue)->Claim("web-" + std::to_string(claim), kShort,
                                   Clock(10 * claim));
    ASSERT_TRUE(claimed && *claimed) << claim;
    EXPECT_EQ((*claimed)->attempts, claim);
    EXPECT_EQ((*claimed)->lease_token, claim);
  }
  // While the lease holds nobody claims it, and nothing is counted.
  auto none = (*queue)->Claim("web-9", kShort, Clock(30));
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  ASSERT_TRUE(*(*queue)->Heartbeat("1-1", 3, kShort, Clock(30)));
  nlohmann::json record =
      Record("1-1", "posts/1-1.md", "review", "review", At(31));
  ASSERT_TRUE(*(*queue)->Complete("1-1", 3, record, Clock(31)));
  EXPECT_EQ((*(*queue)->Get("1-1"))->attempts, 3);
  EXPECT_EQ(Rows("SELECT attempts FROM http_submissions WHERE id = '1-1'"),
            std::vector<std::string>{"3"});
}

TEST_P(LedgerBackendTest, QueueIdempotencyKeyReturnsTheSameSubmission) {
  auto queue = OpenSubmissionQueue(where_);
  ASSERT_TRUE(queue) << queue.error();
  auto first = (*queue)->Enqueue(Draft("1-1", "# A\n", 1, "key-1"));
  ASSERT_TRUE(first) << first.error().message;
  NewSubmission retry = Draft("1-1", "# A\n", 1, "key-1");
  retry.id = "2-2";  // a retry gets a new id from the node it reaches
  auto second = (*queue)->Enqueue(retry);
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(*second, "1-1");
  NewSubmission other = Draft("1-1", "# B\n", 1, "key-1");
  other.id = "3-3";
  auto reused = (*queue)->Enqueue(other);
  ASSERT_FALSE(reused);
  EXPECT_TRUE(reused.error().key_reused);
  EXPECT_NE(reused.error().message.find("Idempotency-Key"), std::string::npos);
  // Without a key, the same bytes are a new submission.
  EXPECT_EQ(*(*queue)->Enqueue(Draft("4-4", "# A\n", 1)), "4-4");
  EXPECT_EQ(*(*queue)->Enqueue(Draft("5-5", "# A\n", 1)), "5-5");
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM http_submissions"),
            std::vector<std::string>{"3"});
}

TEST_P(LedgerBackendTest, QueueConcurrentClaimersNeverShareARow) {
  constexpr int kDrafts = 60, kClaimers = 4;
  {
    auto queue = OpenSubmissionQueue(where_);
    ASSERT_TRUE(queue) << queue.error();
    for (int i = 0; i < kDrafts; ++i) {
      ASSERT_TRUE(
          (*queue)->Enqueue(Draft("d" + std::to_string(i), "# D\n", i % 7)));
    }
  }
  std::vector<std::vector<std::string>> got(kClaimers);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kClaimers; ++t) {
    threads.emplace_back([&, t] {
      auto queue = OpenSubmissionQueue(where_);  // a connection each
      if (!queue) {
        ++errors;
        return;
      }
      // Bounded: never more claims than drafts.
      for (int n = 0; n < kDrafts; ++n) {
        auto c = (*queue)->Claim("node-" + std::to_string(t), kLease, Clock(0));
        if (!c) {
          ++errors;
          continue;
        }
        if (!*c) break;
        got[t].push_back((*c)->id);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(errors, 0);
  std::map<std::string, int> times;
  for (const auto& ids : got) {
    for (const std::string& id : ids) ++times[id];
  }
  EXPECT_EQ(times.size(), static_cast<size_t>(kDrafts));
  for (const auto& [id, n] : times) EXPECT_EQ(n, 1) << id;
}

TEST_P(LedgerBackendTest, QueueExpiredLeaseIsTakenOverAndTheStaleTokenFenced) {
  auto queue = OpenSubmissionQueue(where_);
  ASSERT_TRUE(queue) << queue.error();
  ASSERT_TRUE((*queue)->Enqueue(Draft("7-7", "# Slow\n", 1)));
  const std::chrono::milliseconds lease{10'000};
  auto a = (*queue)->Claim("node-a", lease, Clock(0));
  ASSERT_TRUE(a && *a);
  EXPECT_EQ((*a)->lease_token, 1);
  // Still leased: nothing to claim; a heartbeat extends it.
  EXPECT_FALSE(*(*queue)->Claim("node-b", lease, Clock(5)));
  EXPECT_TRUE(*(*queue)->Heartbeat("7-7", 1, lease, Clock(9)));
  EXPECT_FALSE(*(*queue)->Claim("node-b", lease, Clock(15)));
  // Node a stalls past its lease: node b takes the work over.
  auto b = (*queue)->Claim("node-b", lease, Clock(20));
  ASSERT_TRUE(b && *b);
  EXPECT_EQ((*b)->id, "7-7");
  EXPECT_EQ((*b)->node, "node-b");
  EXPECT_EQ((*b)->lease_token, 2);
  // Node a's token no longer holds: no heartbeat, no routing.
  EXPECT_FALSE(*(*queue)->Heartbeat("7-7", 1, lease, Clock(21)));
  nlohmann::json record = Record("7-7", "posts/7-7.md", "pass", "ready", At(1));
  EXPECT_FALSE(*(*queue)->Complete("7-7", 1, record, Clock(22)));
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM submissions"),
            std::vector<std::string>{"0"});
  EXPECT_TRUE(*(*queue)->Complete("7-7", 2, record, Clock(23)));
  EXPECT_EQ(Rows("SELECT COUNT(*) FROM routing_events WHERE submission = "
                 "'7-7'"),
            std::vector<std::string>{"1"});
  // Routed rows are never claimed again, however old their lease.
  EXPECT_FALSE(*(*queue)->Claim("node-c", lease, Clock(500)));
}

TEST_P(LedgerBackendTest, QueueListsWhatANodeRoutedAndDidNotDeliver) {
  auto queue = OpenSubmissionQueue(where_);
  ASSERT_TRUE(queue) << queue.error();
  for (const char* id : {"1-1", "2-2"}) {
    ASSERT_TRUE((*queue)->Enqueue(Draft(id, "# D\n", 1)));
    auto c = (*queue)->Claim("web-1", kLease, Clock(0));
    ASSERT_TRUE(c && *c);
    ASSERT_TRUE(*(*queue)->Complete(
        (*c)->id, (*c)->lease_token,
        Record((*c)->id, (*c)->path, "pass", "ready", At(1)), Clock(1)));
  }
  auto undelivered = (*queue)->Undelivered("web-1", 10);
  ASSERT_TRUE(undelivered) << undelivered.error();
  EXPECT_EQ(undelivered->size(), 2u);
  EXPECT_TRUE((*queue)->Undelivered("web-2", 10)->empty());
  ASSERT_TRUE((*queue)->MarkDelivered("1-1", Clock(2)));
  ASSERT_TRUE((*queue)->MarkDelivered("1-1", Clock(3)));  // idempotent
  undelivered = (*queue)->Undelivered("web-1", 10);
  ASSERT_EQ(undelivered->size(), 1u);
  EXPECT_EQ(undelivered->front().id, "2-2");
  EXPECT_TRUE((*(*queue)->Get("1-1"))->delivered);
}

PendingDecision Pending(const std::string& id, const std::string& node,
                        int minute) {
  PendingDecision d;
  d.submission = id;
  d.path = "posts/" + id + ".md";
  d.sha256 = std::string(64, 'a');
  d.node = node;
  d.decision = "approve";
  d.editor = "Ann Lee";
  d.reason = "checked by hand";
  d.made_at = At(minute);
  d.made_on = "web-1";
  return d;
}

// The pending decisions' store: one row per submission, a node's rows
// given to `apply` oldest first and marked with its answer; a retry stays
// pending and ends the round; other nodes' rows are left alone.
TEST_P(LedgerBackendTest, PendingDecisionsAreAppliedOnceByTheirNode) {
  ASSERT_TRUE(Open());  // creates the SQLite file
  auto opened = OpenPendingDecisions(where_);
  ASSERT_TRUE(opened) << opened.error();
  PendingDecisions& store = **opened;
  ASSERT_TRUE(*store.Add(Pending("s2", "web-2", 2)));
  ASSERT_TRUE(*store.Add(Pending("s1", "web-2", 1)));
  ASSERT_TRUE(*store.Add(Pending("s3", "web-2", 3)));
  ASSERT_TRUE(*store.Add(Pending("t1", "web-3", 0)));
  PendingDecision again = Pending("s1", "web-2", 5);
  again.decision = "return";
  Expected<bool> second = store.Add(again);
  ASSERT_TRUE(second);
  EXPECT_FALSE(*second);  // already recorded: nothing changed
  EXPECT_EQ((*store.Get("s1"))->decision, "approve");
  EXPECT_EQ((*store.Get("s1"))->status, "pending");
  EXPECT_FALSE(*store.Get("nope"));

  std::vector<std::string> seen;
  auto apply = [&](const PendingDecision& d) {
    seen.push_back(d.submission);
    if (d.submission == "s1") {
      return PendingResult{PendingResult::Kind::kApplied, "moved to ready/"};
    }
    if (d.submission == "s2") {
      return PendingResult{PendingResult::Kind::kRefused, "it changed"};
    }
    return PendingResult{PendingResult::Kind::kRetry, "disk full"};
  };
  Expected<int> marked = store.ApplyPending("web-2", apply, At(9), 10);
  ASSERT_TRUE(marked) << marked.error();
  EXPECT_EQ(*marked, 2);
  EXPECT_EQ(seen, (std::vector<std::string>{"s1", "s2", "s3"}));
  const PendingDecision s1 = **store.Get("s1");
  EXPECT_EQ(s1.status, "applied");
  EXPECT_EQ(s1.applied_at, At(9));
  EXPECT_EQ(s1.outcome, "moved to ready/");
  EXPECT_EQ(s1.made_on, "web-1");
  EXPECT_EQ((*store.Get("s2"))->status, "refused");
  EXPECT_EQ((*store.Get("s2"))->outcome, "it changed");
  EXPECT_EQ((*store.Get("s3"))->status, "pending");
  EXPECT_EQ((*store.Get("t1"))->status, "pending");

  // The next round sees only what is still pending, within `limit`.
  seen.clear();
  marked = store.ApplyPending(
      "web-2",
      [&](const PendingDecision& d) {
        seen.push_back(d.submission);
        return PendingResult{PendingResult::Kind::kApplied, "done"};
      },
      At(10), 10);
  ASSERT_TRUE(marked);
  EXPECT_EQ(*marked, 1);
  EXPECT_EQ(seen, std::vector<std::string>{"s3"});
  marked = store.ApplyPending("web-3", apply, At(11), 0);
  EXPECT_EQ(*marked, 0);
  EXPECT_EQ((*store.Get("t1"))->status, "pending");
}

// A decision that cannot be applied yet (kRetry, or an exception while
// applying it) stays pending without holding up the ones after it.
TEST_P(LedgerBackendTest, APendingDecisionLeftForLaterDoesNotHoldUpTheRest) {
  ASSERT_TRUE(Open());  // creates the SQLite file
  auto opened = OpenPendingDecisions(where_);
  ASSERT_TRUE(opened) << opened.error();
  PendingDecisions& store = **opened;
  for (int i = 1; i <= 4; ++i) {
    ASSERT_TRUE(*store.Add(Pending("s" + std::to_string(i), "web-2", i)));
  }
  std::vector<std::string> seen;
  Expected<int> marked = store.ApplyPending(
      "web-2",
      [&](const PendingDecision& d) {
        seen.push_back(d.submission);
        if (d.submission == "s1") {
          return PendingResult{PendingResult::Kind::kRetry, "path busy"};
        }
        if (d.submission == "s3") throw std::runtime_error("disk gone");
        return PendingResult{PendingResult::Kind::kApplied, "moved"};
      },
      At(9), 10);
  ASSERT_TRUE(marked) << marked.error();
  EXPECT_EQ(*marked, 2);
  EXPECT_EQ(seen, (std::vector<std::string>{"s1", "s2", "s3", "s4"}));
  EXPECT_EQ((*store.Get("s1"))->status, "pending");
  EXPECT_EQ((*store.Get("s2"))->status, "applied");
  EXPECT_EQ((*store.Get("s3"))->status, "pending");
  EXPECT_EQ((*store.Get("s4"))->status, "applied");
  // The store is usable after the exception: the next round applies both.
  marked = store.ApplyPending(
      "web-2",
      [](const PendingDecision&) {
        return PendingResult{PendingResult::Kind::kApplied, "moved"};
      },
      At(10), 10);
  ASSERT_TRUE(marked) << marked.error();
  EXPECT_EQ(*marked, 2);
  EXPECT_EQ((*store.Get("s3"))->status, "applied");
}

// PostgreSQL: Add() notifies the holder's name on kDecisionsChannel, and a
// row one store is applying is skipped by another (FOR UPDATE SKIP
// LOCKED), so two appliers never take the same decision.
TEST_P(LedgerBackendTest, PendingDecisionsNotifyAndAreClaimedByOneApplier) {
  if (!where_.postgres()) GTEST_SKIP() << "PostgreSQL only";
  auto listener = PgConnection::Open(where_.uri, where_.password);
  ASSERT_TRUE(listener);
  auto first = OpenPendingDecisions(where_);
  auto second = OpenPendingDecisions(where_);
  ASSERT_TRUE(first && second);
  ASSERT_TRUE((*listener)->Run(std::string("LISTEN ") + kDecisionsChannel));
  ASSERT_TRUE(*(*first)->Add(Pending("s1", "web-2", 1)));
  ASSERT_TRUE(*(*first)->Add(Pending("s2", "web-2", 2)));
  std::vector<std::string> payloads;
  ASSERT_TRUE(WaitFor([&] {
    auto got = (*listener)->Notifications(std::chrono::milliseconds(100));
    EXPECT_TRUE(got) << (got ? "" : got.error());
    if (got) payloads.insert(payloads.end(), got->begin(), got->end());
    return payloads.size() >= 2;
  }));
  EXPECT_EQ(payloads, (std::vector<std::string>{"web-2", "web-2"}));

  std::vector<std::string> outer, inner;
  auto done = PendingResult{PendingResult::Kind::kApplied, "done"};
  Expected<int> marked = (*first)->ApplyPending(
      "web-2",
      [&](const PendingDecision& d) {
        outer.push_back(d.submission);
        if (outer.size() == 1) {
          // While s1 is locked here, the other store takes s2 only.
          Expected<int> n = (*second)->ApplyPending(
              "web-2",
              [&](const PendingDecision& o) {
                inner.push_back(o.submission);
                return done;
              },
              At(8), 10);
          EXPECT_TRUE(n && *n == 1);
        }
        return done;
      },
      At(9), 10);
  ASSERT_TRUE(marked) << marked.error();
  EXPECT_EQ(*marked, 1);
  EXPECT_EQ(outer, std::vector<std::string>{"s1"});
  EXPECT_EQ(inner, std::vector<std::string>{"s2"});
  EXPECT_EQ((*(*first)->Get("s1"))->applied_at, At(9));
  EXPECT_EQ((*(*first)->Get("s2"))->applied_at, At(8));
}

INSTANTIATE_TEST_SUITE_P(Backends, LedgerBackendTest,
                         ::testing::Values(Backend::kSqlite,
                                           Backend::kPostgres),
                         Name);

TEST(PostgresLedgerTest, AWrongPasswordIsRefusedWithoutShowingIt) {
  if (g_server == nullptr || !g_server->running()) {
    GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
  }
  LedgerLocation where;
  where.uri = g_server->Uri();
  where.password = "not-the-password-42";
  auto opened = OpenLedger(where);
  ASSERT_FALSE(opened);
  EXPECT_NE(opened.error().find("password authentication failed"),
            std::string::npos)
      << opened.error();
  EXPECT_EQ(opened.error().find("not-the-password-42"), std::string::npos);
}

// `proofgate run` with `ledger: postgresql://...`: a failing draft is
// routed to review/, its rows are in PostgreSQL, the queue lists it, and
// neither the password nor the URI's secret reaches the log.
TEST(PostgresDaemonTest, RoutesADraftIntoThePostgresLedger) {
  if (g_server == nullptr || !g_server->running()) {
    GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
  }
  TempDir dir;
  const std::string db = g_server->CreateDatabase();
  ASSERT_FALSE(db.empty());
  WriteFile(dir.path() / "pw", std::string(PostgresServer::kPassword) + "\n");
  const fs::path config = dir.path() / "proofgate.yaml";
  WriteFile(config, "node: test-node\nledger: \"" + g_server->Uri(db) +
                        "\"\nledger_password_file: " +
                        (dir.path() / "pw").string() + "\n");
  const fs::path spool = dir.path() / "spool";
  DaemonProcess daemon({"--config", config.string(), "--spool", spool.string()},
                       dir.path() / "daemon.log");
  ASSERT_TRUE(WaitFor([&] {
    return !QueueUrl(daemon.Log()).empty() ||
           daemon.Wait(std::chrono::milliseconds(0)).has_value();
  })) << daemon.Log();
  const std::string url = QueueUrl(daemon.Log());
  ASSERT_FALSE(url.empty()) << daemon.Log();
  // H1 then H4: headings/skipped-level fails the draft.
  WriteFile(spool / "inbox" / "post.md",
            "---\ntitle: A post\ndescription: Why we started writing in "
            "public, what we plan to publish, and how to follow along.\n"
            "author: Ann Lee\n---\n\nIntro paragraph.\n\n#### Too deep\n");
  ASSERT_TRUE(WaitFor([&] {
    const Routed r = FindRouted(spool, "post.md");
    return r.copies == 1 && r.record.is_object();
  })) << daemon.Log();
  const Routed routed = FindRouted(spool, "post.md");
  EXPECT_EQ(routed.area, "review");
  const std::string id = routed.record.value("submission", "");

  auto conn = PgConnection::Open(g_server->Uri(db), PostgresServer::kPassword);
  ASSERT_TRUE(conn);
  // The ledger commits after the draft is delivered (ARCHITECTURE.md,
  // crash safety: step 6 after step 5).
  auto row = [&] {
    return (*conn)->Exec(
        "SELECT path || '|' || area || '|' || verdict FROM submissions "
        "WHERE id = $1",
        {id});
  };
  ASSERT_TRUE(WaitFor([&] {
    auto r = row();
    return r && r->rows() == 1;
  })) << daemon.Log();
  auto rows = row();
  ASSERT_TRUE(rows) << rows.error();
  EXPECT_EQ(rows->Text(0, 0), "post.md|review|fail");
  auto findings = (*conn)->Exec(
      "SELECT count FROM submission_findings WHERE submission = $1 AND rule "
      "= 'headings/skipped-level'",
      {id});
  ASSERT_TRUE(findings);
  EXPECT_EQ(findings->Text(0, 0), "1");

  const HttpReply queue = Http("GET", url + "api/queue");
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_NE(queue.body.find("post.md"), std::string::npos) << queue.body;
  const HttpReply metrics = Http("GET", url + "metrics");
  EXPECT_NE(metrics.body.find("headings/skipped-level"), std::string::npos);
  const HttpReply page = Http("GET", url + "report?since=30d");
  EXPECT_EQ(page.status, 200) << page.body;

  // proofgate report reads the same ledger through the configuration.
  ReportOptions options;
  options.config = config.string();
  options.format = "json";
  options.since = "30d";
  std::ostringstream out, err;
  ASSERT_EQ(RunReportCommand(options, out, err), 0) << err.str();
  const nlohmann::json report = nlohmann::json::parse(out.str());
  EXPECT_EQ(report["volume"]["submissions"], 1) << out.str();
  EXPECT_EQ(report["queue"]["depth"], 1) << out.str();
  EXPECT_EQ(report["queue"]["oldest_path"], "post.md") << out.str();

  daemon.Signal(SIGTERM);
  EXPECT_EQ(daemon.Wait(), 0);
  const std::string log = daemon.Log();
  EXPECT_NE(log.find("node test-node: ledger postgresql:///" + db),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find(PostgresServer::kPassword), std::string::npos);
}

// Two daemons on one PostgreSQL ledger: each lists and shows the drafts
// waiting on the other, with the node holding them; a draft already
// waiting when a daemon starts is filled into the index from its review/.
TEST(PostgresDaemonTest, EveryNodeListsAndShowsTheDraftsOfEveryNode) {
  if (g_server == nullptr || !g_server->running()) {
    GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
  }
  TempDir dir;
  const std::string db = g_server->CreateDatabase();
  ASSERT_FALSE(db.empty());
  std::string url1, url2;
  auto web1 = StartNode(dir, db, "web-1", "web-1.log", url1);
  auto web2 = StartNode(dir, db, "web-2", "web-2.log", url2);
  ASSERT_FALSE(url1.empty() || url2.empty());
  const std::string bytes =
      "---\ntitle: A post\ndescription: Why we started writing in public, "
      "what we plan to publish, and how to follow along.\nauthor: Ann "
      "Lee\n---\n\nIntro paragraph.\n\n#### Too deep\n";
  WriteFile(dir.path() / "web-2" / "inbox" / "post.md", bytes);
  nlohmann::json items;
  ASSERT_TRUE(WaitFor([&] {
    const HttpReply q = Http("GET", url1 + "api/queue");
    items = nlohmann::json::parse(q.body, nullptr, false)["items"];
    return q.status == 200 && items.size() == 1;
  })) << web2->Log();
  EXPECT_EQ(items[0]["node"], "web-2");
  EXPECT_EQ(items[0]["path"], "post.md");
  EXPECT_EQ(items[0]["title"], "A post");
  const std::string id = items[0]["id"];
  const HttpReply shown = Http("GET", url1 + "api/drafts/" + id);
  ASSERT_EQ(shown.status, 200) << shown.body;
  const nlohmann::json draft = nlohmann::json::parse(shown.body);
  EXPECT_EQ(draft["text"], bytes);
  EXPECT_EQ(draft["area"], "review");
  EXPECT_EQ(draft["record"]["submission"], id);
  EXPECT_EQ(draft["item"]["node"], "web-2");
  const HttpReply page = Http("GET", url1 + "?node=web-2");
  EXPECT_NE(page.body.find("post.md"), std::string::npos);
  EXPECT_NE(page.body.find("<td class=\"node\">web-2</td>"), std::string::npos)
      << page.body;
  const HttpReply none = Http("GET", url1 + "api/queue?node=web-1");
  EXPECT_EQ(nlohmann::json::parse(none.body)["items"].size(), 0u);

  // web-2 stops; its row is cleared behind its back; at its restart it
  // fills the index from its review/ again.
  web2->Signal(SIGTERM);
  ASSERT_EQ(web2->Wait(), 0);
  auto conn = PgConnection::Open(g_server->Uri(db), PostgresServer::kPassword);
  ASSERT_TRUE(conn);
  ASSERT_TRUE((*conn)->Run("DELETE FROM review_queue"));
  web2 = StartNode(dir, db, "web-2", "web-2-again.log", url2);
  ASSERT_FALSE(url2.empty());
  const HttpReply after = Http("GET", url1 + "api/queue?node=web-2");
  ASSERT_EQ(after.status, 200);
  const nlohmann::json again = nlohmann::json::parse(after.body)["items"];
  ASSERT_EQ(again.size(), 1u) << after.body << web2->Log();
  EXPECT_NE(web2->Log().find("queue index: 1 drafts of node web-2"),
            std::string::npos);
  EXPECT_EQ(again[0]["id"], id);
  web1->Signal(SIGTERM);
  web2->Signal(SIGTERM);
  EXPECT_EQ(web1->Wait(), 0);
  EXPECT_EQ(web2->Wait(), 0);
}

// A server restart cuts every connection; the ledger reconnects on its
// next use, and what was committed before is there.
TEST(PostgresLedgerTest, KeepsWorkingAcrossAServerRestart) {
  if (g_server == nullptr || !g_server->running()) {
    GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
  }
  LedgerLocation where;
  where.uri = g_server->Uri(g_server->CreateDatabase());
  where.password = PostgresServer::kPassword;
  auto ledger = OpenLedger(where);
  auto decisions = OpenDecisionLedger(where);
  ASSERT_TRUE(ledger && decisions);
  ASSERT_TRUE((*ledger)->Record(Record("s1", "a.md", "pass", "ready", At(0))));
  ASSERT_TRUE(g_server->Restart());
  // The first write after the restart begins its transaction on a new
  // connection; reads reconnect the same way.
  EXPECT_TRUE((*ledger)->Record(Record("s2", "b.md", "pass", "ready", At(1))));
  EXPECT_EQ((*decisions)->PathOf("s1"), "a.md");
  EXPECT_EQ((*decisions)->Counts().submitted, 2);
}

// A restart in the middle of a transaction loses it: every statement
// after that fails until the caller's ROLLBACK, so no COMMIT on a new
// connection can report rows the server rolled back as committed.
TEST(PostgresLedgerTest, ATransactionCutByARestartFailsToTheEnd) {
  if (g_server == nullptr || !g_server->running()) {
    GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
  }
  const std::string uri = g_server->Uri(g_server->CreateDatabase());
  auto conn = PgConnection::Open(uri, PostgresServer::kPassword);
  ASSERT_TRUE(conn);
  ASSERT_TRUE((*conn)->Run("CREATE TABLE t(x INTEGER)"));
  ASSERT_TRUE((*conn)->Run("BEGIN"));
  ASSERT_TRUE((*conn)->Run("INSERT INTO t VALUES(1)"));
  ASSERT_TRUE(g_server->Restart());
  EXPECT_FALSE((*conn)->Run("INSERT INTO t VALUES(2)"));
  EXPECT_FALSE((*conn)->Run("INSERT INTO t VALUES(3)"));
  EXPECT_FALSE((*conn)->Run("COMMIT"));
  EXPECT_TRUE((*conn)->Run("ROLLBACK"));
  // Usable again, and nothing of the cut transaction is there.
  auto count = (*conn)->Exec("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(count);
  EXPECT_EQ(count->Int(0, 0), 0);
}

// The link cache in the ledger: what one daemon stores, another loads; on
// PostgreSQL it also finds it by key (the store every node shares).
TEST_P(LedgerBackendTest, LinkCacheIsSharedThroughTheLedger) {
  ASSERT_NE(Open(), nullptr);  // the schema
  auto first = OpenLinkCacheStore(where_);
  auto second = OpenLinkCacheStore(where_);
  ASSERT_TRUE(first && second);
  const int64_t now = 1'800'000'000;
  const LinkCacheStore::Entry live{
      "fp\nhttps://example.com/a",
      ProbeResult{ProbeOutcome::kRedirected, 301, "https://example.com/b", ""},
      now + 100};
  (*first)->Put(live);
  (*first)->Put({"fp\nhttps://example.com/old",
                 ProbeResult{ProbeOutcome::kBroken, 404, "", ""}, now - 1});
  const auto loaded = (*second)->LoadAll(now);
  ASSERT_EQ(loaded.size(), 1u);
  EXPECT_EQ(loaded[0].key, live.key);
  EXPECT_EQ(loaded[0].result.outcome, ProbeOutcome::kRedirected);
  EXPECT_EQ(loaded[0].result.status, 301);
  EXPECT_EQ(loaded[0].result.final_url, "https://example.com/b");
  EXPECT_EQ(loaded[0].expires_unix_s, now + 100);
  if (GetParam() == Backend::kSqlite) return;  // one process's own file
  const auto found = (*second)->Get(live.key, now);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->result.final_url, "https://example.com/b");
  EXPECT_FALSE((*second)->Get(live.key, now + 100).has_value());  // expired
  EXPECT_FALSE((*second)->Get("fp\nhttps://example.com/none", now));
  // Two nodes answering together: the later expiry stays.
  (*second)->Put(
      {live.key, ProbeResult{ProbeOutcome::kOk, 200, "", ""}, now + 50});
  EXPECT_EQ((*first)->Get(live.key, now)->expires_unix_s, now + 100);
}

TEST(LedgerLocationTest, PicksTheBackendAndRedactsPasswords) {
  EXPECT_TRUE(IsPostgresUri("postgresql://db/proofgate"));
  EXPECT_TRUE(IsPostgresUri("postgres://db/proofgate"));
  EXPECT_FALSE(IsPostgresUri("var/ledger.sqlite"));
  EXPECT_FALSE(IsPostgresUri(""));
  const LedgerLocation file = LedgerLocationOf("", "/s/ledger.sqlite", "pw");
  EXPECT_FALSE(file.postgres());
  EXPECT_EQ(file.ForLog(), "/s/ledger.sqlite");
  EXPECT_EQ(file.password, "");
  const LedgerLocation pg =
      LedgerLocationOf("postgresql://pg:s3cret@db:5432/pg?sslmode=require",
                       "/s/ledger.sqlite", "");
  EXPECT_TRUE(pg.postgres());
  EXPECT_EQ(pg.ForLog(), "postgresql://pg:***@db:5432/pg?sslmode=require");
  EXPECT_EQ(RedactUri("postgresql://db/pg?user=a&password=s3cret&x=1"),
            "postgresql://db/pg?user=a&password=***&x=1");
  EXPECT_EQ(RedactUri("postgresql://proofgate@db.internal/proofgate"),
            "postgresql://proofgate@db.internal/proofgate");
  EXPECT_EQ(RedactUri("postgresql://a:b@c@db/x"), "postgresql://a:***@db/x");
  // libpq reads a '?' before the '@' as part of the password, and decodes
  // parameter names.
  EXPECT_EQ(RedactUri("postgresql://u:s3cr?t@db/x"), "postgresql://u:***@db/x");
  EXPECT_EQ(RedactUri("postgresql://db/x?pass%77ord=s3cret&sslmode=require"),
            "postgresql://db/x?pass%77ord=***&sslmode=require");
  EXPECT_TRUE(CheckLedgerSetting("postgresql://proofgate@db.internal/pg"));
  EXPECT_TRUE(CheckLedgerSetting("some/file.sqlite"));
  EXPECT_FALSE(CheckLedgerSetting("postgresql://db/pg?nosuchoption=1"));
  const Status bad = CheckLedgerSetting("postgresql://u:s3cr%zz@db/pg");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().find("s3cr"), std::string::npos) << bad.error();
  // Opening a malformed URI (proofgate report --ledger, which no config
  // check saw) names neither the password nor the URI.
  const LedgerLocation malformed = LedgerLocationOf(
      "postgresql://u:s3cret@[db/x?sslmode=require", "/s/ledger.sqlite", "");
  const auto opened = OpenDecisionLedger(malformed);
  ASSERT_FALSE(opened);
  EXPECT_EQ(opened.error().find("s3cret"), std::string::npos) << opened.error();
}

}  // namespace
}  // namespace proofgate::testing

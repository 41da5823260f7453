// The webhook outbox (daemon/ledger/notify_outbox.h) on both backends:
// every test runs on SQLite (a file in a temporary folder) and on
// PostgreSQL (a fresh database on a real server this binary starts,
// tests/postgres_server.h; skipped when its binaries are missing). Events
// are written with the rows they report; claims under a lease give each
// row to one sender at a time, a lease that ends gives it to another, and
// the stale sender's failure is fenced off.
#include "daemon/ledger/notify_outbox.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <map>
#include <thread>

#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/ledger.h"
#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/ledger_schema.h"
#include "daemon/notify/notify_event.h"
#include "daemon/text/timestamp.h"
#include "tests/notify_fixtures.h"
#include "tests/postgres_environment.h"
#include "tests/postgres_server.h"
#include "tests/temp_dir.h"

namespace proofgate::testing {
namespace {

enum class Backend { kSqlite, kPostgres };

std::string Name(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

constexpr const char* kUrl = "http://hooks.example/a";

// A second since the test's epoch.
WallTime Clock(int s) {
  return *ParseRfc3339Utc("2026-12-04T09:00:00.000000Z") +
         std::chrono::seconds(s);
}

class NotifyOutboxTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      where_.file = dir_.path() / "ledger.sqlite";
    } else {
      if (g_server == nullptr || !g_server->running()) {
        GTEST_SKIP() << "no PostgreSQL server: " << g_server_error;
      }
      const std::string db = g_server->CreateDatabase();
      ASSERT_FALSE(db.empty());
      where_.uri = g_server->Uri(db);
      where_.password = PostgresServer::kPassword;
    }
    auto ledger = OpenLedger(where_);  // creates the SQLite file
    ASSERT_TRUE(ledger) << ledger.error();
    ledger_ = std::move(*ledger);
  }

  std::unique_ptr<NotifyOutbox> Outbox() {
    auto outbox = NotifyOutbox::Open(where_);
    EXPECT_TRUE(outbox) << (outbox ? "" : outbox.error());
    return outbox ? std::move(*outbox) : nullptr;
  }

  // `n` SLA breaches (an event the sender's timers record), for kUrl.
  void EnqueueBreaches(NotifyOutbox& outbox, int n) {
    for (int i = 0; i < n; ++i) {
      const auto event =
          SlaBreachEventOf(Record("S" + std::to_string(i), "review", "review"),
                           Rfc3339Utc(Clock(-2)), Rfc3339Utc(Clock(-1)));
      ASSERT_TRUE(event);
      ASSERT_TRUE(outbox.Enqueue(OneWebhook(kUrl, false), *event, Clock(-1)));
    }
  }

  TempDir dir_;
  LedgerLocation where_;
  std::unique_ptr<Ledger> ledger_;
};

TEST_P(NotifyOutboxTest, RoutingWritesOneEventPerWebhookOnceInItsTransaction) {
  int wakes = 0;
  ledger_->SetNotify(OneWebhook(kUrl, false), [&] { ++wakes; });
  const nlohmann::json record = Record("S1", "review", "review");
  ASSERT_TRUE(ledger_->Record(record));
  ASSERT_TRUE(ledger_->Record(record));  // a replay adds nothing
  EXPECT_EQ(wakes, 2);

  auto outbox = Outbox();
  ASSERT_TRUE(outbox);
  const WallTime now = std::chrono::system_clock::now();
  auto due = outbox->Due({kUrl}, now, 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].event_id, "S1/draft.review");
  EXPECT_EQ(due[0].event, "draft.review");
  EXPECT_EQ(nlohmann::json::parse(due[0].payload)["path"], "legal/<terms>.md");
  EXPECT_TRUE(outbox->Due({"http://other.example/"}, now, 10).empty());
  EXPECT_EQ(outbox->Waiting().size(), 1u);

  // A failed attempt waits for its time; a delivery ends the row.
  ASSERT_TRUE(
      outbox->MarkFailed(due[0], 1, now + std::chrono::seconds(60), "down"));
  EXPECT_TRUE(outbox->Due({kUrl}, now, 10).empty());
  due = outbox->Due({kUrl}, now + std::chrono::seconds(61), 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].attempts, 1);
  EXPECT_EQ(outbox->Pending(), 1);
  ASSERT_TRUE(outbox->MarkDelivered(due[0].seq, now));
  EXPECT_EQ(outbox->Pending(), 0);
  EXPECT_TRUE(outbox->Has("S1/draft.review"));
}

// A draft path that is not UTF-8 (file names are bytes) is recorded with
// its event, U+FFFD in the payload. On SQLite the routing goes through
// the ledger, which goes on committing; PostgreSQL (a UTF8 database)
// refuses such a path in the submissions row itself, webhooks or not, so
// there the event is recorded by the outbox alone (as an SLA breach is).
TEST_P(NotifyOutboxTest, AnInvalidUtf8PathIsRecordedAndDoesNotStopTheLedger) {
  ledger_->SetNotify(OneWebhook(kUrl, false), nullptr);
  nlohmann::json bad = Record("S1", "review", "review");
  bad["draft"]["path"] = std::string("legal/\xff\xfe.md");
  auto outbox = Outbox();
  ASSERT_TRUE(outbox);
  if (GetParam() == Backend::kSqlite) {
    ASSERT_TRUE(ledger_->Record(bad));
  } else {
    const auto event =
        SlaBreachEventOf(bad, Rfc3339Utc(Clock(-2)), Rfc3339Utc(Clock(-1)));
    ASSERT_TRUE(event);
    ASSERT_TRUE(outbox->Enqueue(OneWebhook(kUrl, false), *event, Clock(-1)));
  }
  ASSERT_TRUE(ledger_->Record(Record("S2", "review", "review")));
  const auto due = outbox->Due({kUrl}, std::chrono::system_clock::now(), 10);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(nlohmann::json::parse(due[0].payload)["path"],
            "legal/\xef\xbf\xbd\xef\xbf\xbd.md");
}

TEST_P(NotifyOutboxTest, NoWebhookNoRow) {
  ASSERT_TRUE(ledger_->Record(Record("S1", "pass", "ready")));
  auto outbox = Outbox();
  ASSERT_TRUE(outbox);
  EXPECT_EQ(outbox->Pending(), 0);
  EXPECT_FALSE(outbox->Has("S1/draft.ready"));
}

// The decision's event is written in the decision's transaction, once;
// the backlog /metrics shows counts it until it is delivered.
TEST_P(NotifyOutboxTest, ADecisionWritesItsEventAndTheBacklogCountsIt) {
  ASSERT_TRUE(ledger_->Record(Record("S1", "fail", "review")));
  auto decisions = OpenDecisionLedger(where_);
  ASSERT_TRUE(decisions) << decisions.error();
  int wakes = 0;
  (*decisions)->SetNotify(OneWebhook(kUrl, false), [&] { ++wakes; });
  nlohmann::json decided = Record("S1", "fail", "review");
  decided["decision"] = {{"decision", "approve"},
                         {"reason", "intended"},
                         {"editor", "Dana"},
                         {"at", "2026-12-04T08:05:00.000000Z"}};
  const auto event = DecisionEventOf(decided);
  ASSERT_TRUE(event);
  DecisionRow row{"S1",
                  "legal/<terms>.md",
                  "approve",
                  "intended",
                  "Dana",
                  "fail",
                  {"claims/unsourced-number"},
                  "2026-12-04T08:00:02.000000Z",
                  "2026-12-04T08:05:00.000000Z",
                  "2026-12-04T08:00:00.000000Z"};
  ASSERT_TRUE((*decisions)->Record(row, &*event));
  ASSERT_TRUE((*decisions)->Record(row, &*event));  // a replay: one row
  EXPECT_EQ(wakes, 2);
  auto outbox = Outbox();
  ASSERT_TRUE(outbox);
  const auto due = outbox->Due({kUrl}, std::chrono::system_clock::now(), 10);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].event_id, "S1/decision");
  const std::optional<OutboxBacklog> backlog = (*decisions)->Backlog();
  ASSERT_TRUE(backlog);
  EXPECT_EQ(backlog->pending, 1);
  EXPECT_EQ(backlog->oldest_created_at, "2026-12-04T08:05:00.000000Z");
  ASSERT_TRUE(outbox->MarkDelivered(due[0].seq, Clock(0)));
  EXPECT_EQ((*decisions)->Backlog()->pending, 0);
  EXPECT_EQ((*decisions)->Backlog()->oldest_created_at, "");
}

// Senders on several connections (several nodes) claiming at once never
// get the same row.
TEST_P(NotifyOutboxTest, ConcurrentClaimersNeverShareARow) {
  constexpr int kEvents = 40, kClaimers = 4;
  {
    auto outbox = Outbox();
    ASSERT_TRUE(outbox);
    EnqueueBreaches(*outbox, kEvents);
  }
  std::vector<std::vector<std::string>> got(kClaimers);
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kClaimers; ++t) {
    threads.emplace_back([&, t] {
      auto opened = NotifyOutbox::Open(where_);  // a connection each
      if (!opened) {
        ++errors;
        return;
      }
      // Bounded: never more claims than events.
      for (int n = 0; n < kEvents; ++n) {
        std::string error;
        const auto rows =
            (*opened)->Claim(kUrl, Clock(0), Clock(30), 1, &error);
        if (!error.empty()) ++errors;
        if (rows.empty()) break;
        got[t].push_back(rows[0].event_id);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(errors, 0);
  std::map<std::string, int> times;
  for (const auto& ids : got) {
    for (const std::string& id : ids) ++times[id];
  }
  EXPECT_EQ(times.size(), static_cast<size_t>(kEvents));
  for (const auto& [id, n] : times) EXPECT_EQ(n, 1) << id;
}

// A sender that stalls (or dies) past its lease loses the row to another;
// its late failure changes nothing, and the other's delivery ends the row.
TEST_P(NotifyOutboxTest, AnExpiredLeaseIsTakenOverAndTheStaleFailureFenced) {
  auto a = Outbox();
  auto b = Outbox();
  ASSERT_TRUE(a && b);
  EnqueueBreaches(*a, 2);
  const auto held = a->Claim(kUrl, Clock(0), Clock(10), 1);
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].event_id, "S0/sla.breached");  // outbox order
  EXPECT_EQ(held[0].lease_until, Rfc3339Utc(Clock(10)));
  // Leased: the other sender gets the next row only.
  auto next = b->Claim(kUrl, Clock(5), Clock(15), 5);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].event_id, "S1/sla.breached");
  ASSERT_TRUE(b->MarkDelivered(next[0].seq, Clock(6)));
  EXPECT_TRUE(b->Claim(kUrl, Clock(9), Clock(19), 5).empty());
  // Sender a stalls past its lease: b takes the row over.
  const auto taken = b->Claim(kUrl, Clock(11), Clock(21), 5);
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].seq, held[0].seq);
  // a's late failure is fenced off: the row stays b's.
  ASSERT_TRUE(a->MarkFailed(held[0], 1, Clock(12), "timed out"));
  EXPECT_EQ(a->Due({kUrl}, Clock(20), 5).size(), 0u);
  EXPECT_EQ(a->Due({kUrl}, Clock(21), 5).at(0).attempts, 0);
  // b's own failure is recorded; then its delivery ends the row.
  ASSERT_TRUE(b->MarkFailed(taken[0], 1, Clock(13), "HTTP 503"));
  EXPECT_EQ(a->Due({kUrl}, Clock(13), 5).at(0).attempts, 1);
  ASSERT_TRUE(b->MarkDelivered(taken[0].seq, Clock(14)));
  EXPECT_EQ(a->Pending(), 0);
  EXPECT_TRUE(a->Claim(kUrl, Clock(500), Clock(510), 5).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, NotifyOutboxTest,
                         ::testing::Values(Backend::kSqlite,
                                           Backend::kPostgres),
                         Name);

}  // namespace
}  // namespace proofgate::testing

#include "daemon/ledger/ledger.h"

#include <sqlite3.h>

#include <initializer_list>
#include <map>
#include <variant>

#include "daemon/ledger/ledger_schema.h"
#include "daemon/ledger/ledger_totals.h"
#include "daemon/ledger/notify_outbox.h"
#include "daemon/ledger/sqlite_file.h"

namespace proofgate {

using Value = Ledger::Value;

namespace {

// Binds `values` to ?1.. of `stmt`, steps once and resets it. Returns
// success or SQLite's message.
Status Run(sqlite3* db, sqlite3_stmt* stmt,
           std::initializer_list<Value> values) {
  if (stmt == nullptr) return Unexpected(std::string(sqlite3_errmsg(db)));
  int i = 1;
  for (const Value& v : values) {
    if (const auto* s = std::get_if<std::string>(&v)) {
      sqlite3_bind_text(stmt, i, s->data(), static_cast<int>(s->size()),
                        SQLITE_TRANSIENT);
    } else if (const auto* n = std::get_if<long long>(&v)) {
      sqlite3_bind_int64(stmt, i, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      sqlite3_bind_double(stmt, i, *d);
    } else {
      sqlite3_bind_null(stmt, i);
    }
    ++i;
  }
  const int rc = sqlite3_step(stmt);
  Status status;
  if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
    status = Unexpected(std::string(sqlite3_errmsg(db)));
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return status;
}

Value Text(const nlohmann::json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) {
    return j[key].get<std::string>();
  }
  return nullptr;
}

std::string TextOr(const nlohmann::json& j, const char* key) {
  const Value v = Text(j, key);
  const auto* s = std::get_if<std::string>(&v);
  return s ? *s : std::string();
}

// What a proof record measured: findings per rule, each check's seconds.
struct Measured {
  std::map<std::string, long long> by_rule;
  std::vector<std::pair<std::string, double>> check_seconds;
};

Measured MeasuredOf(const nlohmann::json& record) {
  Measured m;
  const nlohmann::json& checks =
      record.contains("checks") ? record["checks"] : nlohmann::json();
  for (const nlohmann::json& check :
       checks.is_array() ? checks : nlohmann::json::array()) {
    if (!check.is_object()) continue;
    if (check.contains("findings") && check["findings"].is_array()) {
      for (const nlohmann::json& f : check["findings"]) {
        if (f.is_object() && f.contains("rule") && f["rule"].is_string()) {
          ++m.by_rule[f["rule"].get<std::string>()];
        }
      }
    }
    if (check.contains("duration_ms") && check["duration_ms"].is_number() &&
        check.contains("name") && check["name"].is_string()) {
      m.check_seconds.emplace_back(check["name"].get<std::string>(),
                                   check["duration_ms"].get<double>() / 1000.0);
    }
  }
  return m;
}

}  // namespace

Expected<std::unique_ptr<Ledger>> Ledger::OpenFile(
    const std::filesystem::path& file) {
  // Readers (reports, the queue page) may hold the database briefly: the
  // busy timeout waits for them. temp_store=MEMORY: statement journals and
  // temporary tables stay in memory rather than in files created and
  // deleted under /var/tmp.
  Expected<sqlite3*> db =
      OpenSqliteFile(file, /*create=*/true,
                     {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                      "PRAGMA temp_store=MEMORY"});
  if (!db) return Unexpected(db.error());
  if (Status schema = ApplyLedgerSchema(*db); !schema) {
    sqlite3_close(*db);
    return Unexpected(schema.error());
  }
  return std::unique_ptr<Ledger>(new Ledger(*db));
}

Ledger::Ledger(sqlite3* db) : db_(db) {}

Ledger::~Ledger() {
  for (const auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

sqlite3_stmt* Ledger::Prepared(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt,
                         nullptr) != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return nullptr;
  }
  statements_.emplace(sql, stmt);
  return stmt;
}

Status Ledger::WriteRows(const nlohmann::json& record) {
  const nlohmann::json& draft = record.value("draft", nlohmann::json::object());
  const nlohmann::json& book =
      record.contains("rulebook") ? record["rulebook"] : nlohmann::json();
  const nlohmann::json& times =
      record.value("timestamps", nlohmann::json::object());
  const nlohmann::json& supersedes =
      record.value("supersedes", nlohmann::json());
  const Value id = Text(record, "submission");
  const Value path = Text(draft, "path");
  const Value routed = Text(times, "routed");
  const Value old_id = Text(supersedes, "submission");
  const long long size =
      draft.contains("size") && draft["size"].is_number_integer()
          ? draft["size"].get<long long>()
          : 0;

  Status status;
  auto step = [&](const char* sql, std::initializer_list<Value> values) {
    if (status) status = Run(db_, Prepared(sql), values);
  };
  const Value submitted = Text(times, "submitted");
  const Value first = FirstSubmitted(old_id, submitted);
  step(
      "INSERT OR IGNORE INTO submissions(id, path, sha256, size, rulebook, "
      "rulebook_version, rulebook_sha256, verdict, area, submitted_at, "
      "verified_at, routed_at, supersedes, first_submitted_at) VALUES(?1, "
      "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
      {id, path, Text(draft, "sha256"), size, Text(book, "name"),
       Text(book, "version"), Text(book, "sha256"), Text(record, "verdict"),
       Text(record, "route"), submitted, Text(times, "verified"), routed,
       old_id, first});
  // A replay (the row was there) adds nothing to the totals.
  const bool fresh = status && sqlite3_changes(db_) > 0;
  step(
      "INSERT OR IGNORE INTO routing_events(submission, path, from_area, "
      "to_area, at) VALUES(?1, ?2, NULL, ?3, ?4)",
      {id, path, Text(record, "route"), routed});
  // Findings per rule and each check's time, for /metrics.
  const Measured measured = MeasuredOf(record);
  for (const auto& [name, seconds] : measured.check_seconds) {
    step(
        "INSERT OR IGNORE INTO check_runs(submission, check_name, seconds) "
        "VALUES(?1, ?2, ?3)",
        {id, name, seconds});
  }
  for (const auto& [rule, n] : measured.by_rule) {
    step(
        "INSERT OR IGNORE INTO submission_findings(submission, rule, count) "
        "VALUES(?1, ?2, ?3)",
        {id, rule, n});
  }
  if (!std::holds_alternative<std::nullptr_t>(old_id) &&
      !std::get<std::string>(old_id).empty()) {
    step("UPDATE submissions SET superseded_by = ?2 WHERE id = ?1",
         {old_id, id});
    step(
        "INSERT OR IGNORE INTO routing_events(submission, path, from_area, "
        "to_area, at) VALUES(?1, ?2, ?3, 'history', ?4)",
        {old_id, path, Text(supersedes, "area"), routed});
  }
  if (status) status = WriteRoutingEvent(record);
  if (status && fresh) {
    const std::string verdict = TextOr(record, "verdict");
    const std::string area = TextOr(record, "route");
    const auto* first_at = std::get_if<std::string>(&first);
    std::optional<double> cycle;
    if (verdict == "pass" && area == "ready" && first_at != nullptr) {
      cycle = SecondsBetween(*first_at, TextOr(times, "routed"));
    }
    totals_.AddSubmission(verdict, area, measured.by_rule,
                          measured.check_seconds, cycle);
  }
  return status;
}

Status Ledger::WriteRoutingEvent(const nlohmann::json& record) {
  if (notify_.webhooks.empty()) return {};
  const std::optional<NotifyEvent> event = RoutingEventOf(record);
  if (!event) return {};
  return EnqueueNotifyEvent(db_, notify_, *event,
                            event->payload.value("at", ""));
}

Ledger::Value Ledger::FirstSubmitted(const Value& old_id,
                                     const Value& submitted) {
  const auto* own = std::get_if<std::string>(&submitted);
  const auto* prev = std::get_if<std::string>(&old_id);
  if (own == nullptr) return nullptr;
  if (prev == nullptr || prev->empty()) return *own;
  sqlite3_stmt* stmt = Prepared(
      "SELECT area, COALESCE(first_submitted_at, submitted_at) FROM "
      "submissions WHERE id = ?1");
  if (stmt == nullptr) return *own;
  sqlite3_bind_text(stmt, 1, prev->data(), static_cast<int>(prev->size()),
                    SQLITE_TRANSIENT);
  std::string first = *own;
  if (sqlite3_step(stmt) == SQLITE_ROW) {
    const auto* area = sqlite3_column_text(stmt, 0);
    const auto* at = sqlite3_column_text(stmt, 1);
    if (area != nullptr && at != nullptr &&
        std::string(reinterpret_cast<const char*>(area)) != "ready") {
      first = std::min(first, std::string(reinterpret_cast<const char*>(at)));
    }
  }
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  return first;
}

void Ledger::CommitBatch(const std::vector<Pending*>& batch) {
  std::lock_guard<std::mutex> lock(mu_);
  // One transaction for the whole batch, with no savepoint per record: a
  // record's rows cannot fail on their own (every statement is INSERT OR
  // IGNORE or an UPDATE), so an error is the database's (a full disk, an
  // I/O error) and fails the batch; each caller then keeps its submission
  // in processing/ and retries it (daemon/draft_pipeline.h).
  Status status = ExecSql(db_, "BEGIN IMMEDIATE");
  for (Pending* p : batch) {
    if (!status) break;
    status = WriteRows(*p->record);
  }
  if (status) status = totals_.Flush(db_);
  if (status) status = ExecSql(db_, "COMMIT");
  if (!status) {
    (void)ExecSql(db_, "ROLLBACK");
    totals_ = TotalsDelta();
  }
  for (Pending* p : batch) p->status = status;
  if (status && on_enqueued_ && !notify_.webhooks.empty()) on_enqueued_();
}

void Ledger::SetNotify(NotifySettings settings,
                       std::function<void()> enqueued) {
  std::lock_guard<std::mutex> lock(mu_);
  notify_ = std::move(settings);
  on_enqueued_ = std::move(enqueued);
}

Status Ledger::Record(const nlohmann::json& record) {
  Pending pending{&record, {}, false};
  std::unique_lock<std::mutex> lock(queue_mu_);
  queue_.push_back(&pending);
  while (!pending.done) {
    if (committing_) {
      queue_cv_.wait(lock);
      continue;
    }
    // Lead: commit everything queued so far, ours included.
    committing_ = true;
    std::vector<Pending*> batch;
    batch.swap(queue_);
    lock.unlock();
    CommitBatch(batch);
    lock.lock();
    for (Pending* p : batch) p->done = true;
    committing_ = false;
    queue_cv_.notify_all();
  }
  return pending.status;
}

}  // namespace proofgate

// Ledger: the SQLite record (WAL mode) of every submission and every
// routing event, from which cycle time (submitted -> final state) and
// handoff latency (routed to review -> decision) are computed.
//
//   submissions(id PRIMARY KEY, path, sha256, size, rulebook,
//               rulebook_version, rulebook_sha256, verdict, area,
//               submitted_at, verified_at, routed_at,
//               supersedes, superseded_by)
//   routing_events(seq PRIMARY KEY, submission, path, from_area, to_area,
//                  at, UNIQUE(submission, to_area))
//
// Times are RFC 3339 UTC strings with microseconds (daemon/timestamp.h),
// which sort in time order and which SQLite's julianday() reads. Areas are
// "ready", "review" and "history" (superseded). from_area is NULL for the
// first routing of a submission.
//
// The ledger is derived from the spool (see daemon/spool.h): recording is
// idempotent, so a restart can replay step 6 safely. Commits use
// synchronous=FULL: a routed draft's row survives a power failure.
#ifndef PROOFGATE_DAEMON_LEDGER_H_
#define PROOFGATE_DAEMON_LEDGER_H_

#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

struct sqlite3;

namespace proofgate {

class Ledger {
 public:
  struct Open {
    std::unique_ptr<Ledger> ledger;  // null when error is set
    std::string error;
  };

  // Opens (creating when missing) the ledger at `file` and its tables.
  // The folder must exist.
  static Open OpenFile(const std::filesystem::path& file);

  ~Ledger();
  Ledger(const Ledger&) = delete;
  Ledger& operator=(const Ledger&) = delete;

  // Step 6: records the proof record `record` (the JSON of
  // daemon/proof_record.h) in one transaction: its submissions row, the
  // routing event into its area and, when it supersedes a submission, that
  // submission's move to history (and its superseded_by). Recording the
  // same submission twice changes nothing. Returns "" on success or
  // SQLite's error message. Thread-safe: calls are serialized.
  std::string Record(const nlohmann::json& record);

 private:
  explicit Ledger(sqlite3* db);
  std::string Exec(const char* sql);

  std::mutex mu_;
  sqlite3* db_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_LEDGER_H_

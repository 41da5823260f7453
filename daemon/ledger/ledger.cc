#include "daemon/ledger/ledger.h"

#include "daemon/ledger/sqlite_ledger.h"

namespace proofgate {

Expected<std::unique_ptr<Ledger>> Ledger::OpenFile(
    const std::filesystem::path& file) {
  Expected<std::unique_ptr<SqliteLedger>> opened = SqliteLedger::OpenFile(file);
  if (!opened) return Unexpected(opened.error());
  return std::unique_ptr<Ledger>(std::move(*opened));
}

Status Ledger::Record(const nlohmann::json& record, std::string_view bytes) {
  Pending pending{{&record, bytes}, {}, false};
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
    std::vector<RecordedDraft> records;
    records.reserve(batch.size());
    for (const Pending* p : batch) records.push_back(p->draft);
    const Status status = CommitRecords(records);
    if (status) notify_.Wake();
    lock.lock();
    for (Pending* p : batch) {
      p->status = status;
      p->done = true;
    }
    committing_ = false;
    queue_cv_.notify_all();
  }
  return pending.status;
}

}  // namespace proofgate

// Crash safety of `proofgate run` (the argument is in daemon/spool.h):
// kill -9 the real daemon at random moments while it processes drafts,
// restart it, repeat; then nothing may be lost, duplicated or left in
// processing/.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>

#include "tests/daemon_process.h"

namespace proofgate::testing {
namespace {

TEST(DaemonCrashTest, KillNineAtRandomMomentsLosesAndDuplicatesNothing) {
  TempDir dir;
  const fs::path spool = dir.path() / "spool";
  const fs::path inbox = spool / "inbox";
  const fs::path log = dir.path() / "daemon.log";

  // 1,000 drafts waiting before the first start, 200 more dropped while
  // the first run is busy.
  const std::vector<std::string> drafts = CorpusDrafts(1200);
  ASSERT_EQ(drafts.size(), 1200u);
  std::map<std::string, std::string> bytes;
  for (const std::string& rel : drafts) {
    bytes[rel] = ReadFile(fs::path(PROOFGATE_CORPUS_DIR) / rel);
  }
  for (size_t i = 0; i < 1000; ++i) {
    WriteFile(inbox / drafts[i], bytes[drafts[i]]);
  }

  const unsigned seed = std::random_device{}();
  std::cout << "seed " << seed << '\n';
  std::mt19937 random(seed);
  // Kill points spread from start-up (recovery, scan) to mid-stream.
  std::uniform_int_distribution<int> kill_after_ms(30, 900);
  const std::vector<std::string> args = {"--spool", spool.string()};
  constexpr int kKills = 6;
  for (int round = 0; round < kKills; ++round) {
    DaemonProcess daemon(args, log);
    if (round == 0) {
      for (size_t i = 1000; i < drafts.size(); ++i) {
        WriteFile(inbox / drafts[i], bytes[drafts[i]]);
      }
    }
    std::this_thread::sleep_for(
        std::chrono::milliseconds(kill_after_ms(random)));
    daemon.Signal(SIGKILL);
    ASSERT_EQ(daemon.Wait(), 128 + SIGKILL);
  }

  // The last run finishes the job. It is stopped only once it is up (the
  // checks below may hold at once when the killed runs did everything).
  const auto started = [&] {
    const std::string text = ReadFile(log);
    size_t n = 0;
    for (size_t at = text.find("proofgate run: watching");
         at != std::string::npos;
         at = text.find("proofgate run: watching", at + 1)) {
      ++n;
    }
    return n;
  };
  const size_t runs_before = started();
  DaemonProcess daemon(args, log);
  ASSERT_TRUE(WaitFor([&] { return started() > runs_before; })) << daemon.Log();
  ASSERT_TRUE(WaitFor([&] { return FilesBelow(inbox).empty(); }))
      << FilesBelow(inbox).size() << " left in inbox/";
  ASSERT_TRUE(WaitFor(
      [&] { return FilesBelow(spool / ".proofgate" / "processing").empty(); }));
  daemon.Signal(SIGTERM);
  ASSERT_EQ(daemon.Wait(), 0) << daemon.Log();

  const auto rows = LedgerColumn(
      spool, "SELECT path || '|' || id || '|' || area FROM submissions");
  const std::set<std::string> row_set(rows.begin(), rows.end());
  EXPECT_EQ(rows.size(), drafts.size()) << "ledger rows lost or duplicated";
  EXPECT_EQ(LedgerColumn(spool, "SELECT count(*) FROM routing_events"),
            std::vector<std::string>{std::to_string(drafts.size())});
  for (const std::string& rel : drafts) {
    SCOPED_TRACE(rel);
    const Routed r = FindRouted(spool, rel);
    ASSERT_EQ(r.copies, 1);
    ASSERT_TRUE(r.record.is_object());
    // The bytes routed are the bytes dropped, and the record describes them.
    EXPECT_EQ(ReadFile(spool / r.area / rel), bytes[rel]);
    EXPECT_EQ(r.record["draft"]["sha256"], Sha256Hex(bytes[rel]));
    EXPECT_TRUE(row_set.count(
        rel + "|" + r.record["submission"].get<std::string>() + "|" + r.area));
  }
  // Nothing superseded (each path was submitted once), nothing left over.
  EXPECT_TRUE(FilesBelow(spool / ".proofgate" / "history").empty());
  EXPECT_TRUE(FilesBelow(spool / ".proofgate" / "processing").empty());
  // Every file in ready/ and review/ is a draft or one of its two records.
  EXPECT_EQ(
      FilesBelow(spool / "ready").size() + FilesBelow(spool / "review").size(),
      3 * drafts.size());
}

}  // namespace
}  // namespace proofgate::testing

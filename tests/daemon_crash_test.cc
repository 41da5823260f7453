// Crash safety of `proofgate run` (the argument is in daemon/spool.h):
// kill -9 the real daemon at random moments while it processes drafts and
// resubmissions, restart it, repeat; then nothing may be lost, duplicated
// or left in processing/, and each resubmission supersedes its draft.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>

#include "tests/daemon_process.h"
#include "tests/test_paths.h"

namespace proofgate::testing {
namespace {

TEST(DaemonCrashTest, KillNineAtRandomMomentsLosesAndDuplicatesNothing) {
  TempDir dir;
  const fs::path spool = dir.path() / "spool";
  const fs::path inbox = spool / "inbox";
  const fs::path log = dir.path() / "daemon.log";

  // 1,000 drafts waiting before the first start, 200 more dropped while
  // the first run is busy, and 100 of the first ones resubmitted with new
  // text while the second run is busy (saved through a temporary name and
  // a rename, as editors do).
  PROOFGATE_REQUIRE_CORPUS();
  const std::vector<std::string> drafts = CorpusDrafts(1200);
  ASSERT_EQ(drafts.size(), 1200u);
  std::map<std::string, std::string> bytes;
  for (const std::string& rel : drafts) {
    bytes[rel] = ReadFile(fs::path(CorpusDir()) / rel);
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
  constexpr size_t kResubmitted = 100;
  const auto resubmission = [&](const std::string& rel) {
    return bytes[rel] + "\n\nResubmitted.\n";
  };
  for (int round = 0; round < kKills; ++round) {
    DaemonProcess daemon(args, log);
    if (round == 0) {
      for (size_t i = 1000; i < drafts.size(); ++i) {
        WriteFile(inbox / drafts[i], bytes[drafts[i]]);
      }
    }
    if (round == 1) {
      for (size_t i = 0; i < kResubmitted; ++i) {
        const fs::path file = inbox / drafts[i];
        WriteFile(fs::path(file.string() + ".tmp"), resubmission(drafts[i]));
        fs::rename(file.string() + ".tmp", file);
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

  // The kills hit work in progress: some restart found submissions to
  // finish (otherwise this test would not exercise recovery at all).
  const std::string text = ReadFile(log);
  EXPECT_NE(text.find("interrupted by a stop"), std::string::npos) << text;

  // A resubmission either replaced the draft in inbox/ before its claim
  // (one submission) or superseded the routed draft (two, the older kept
  // in history/S/AREA/R).
  std::set<std::string> superseded;
  for (const std::string& file : FilesBelow(spool / ".proofgate" / "history")) {
    const fs::path p(file);
    if (p.extension() == ".md" || p.extension() == ".markdown") {
      // S/AREA/R: drop the first two components.
      auto it = p.begin();
      ++it;
      ++it;
      fs::path rel;
      for (; it != p.end(); ++it) rel /= *it;
      superseded.insert(rel.generic_string());
      EXPECT_EQ(ReadFile(spool / ".proofgate" / "history" / file),
                bytes[rel.generic_string()]);
    }
  }
  EXPECT_LE(superseded.size(), kResubmitted);
  std::cout << superseded.size() << " of " << kResubmitted
            << " resubmissions superseded a routed draft\n";
  const size_t submissions = drafts.size() + superseded.size();
  const auto rows = LedgerColumn(
      spool, "SELECT path || '|' || id || '|' || area FROM submissions");
  const std::set<std::string> row_set(rows.begin(), rows.end());
  EXPECT_EQ(rows.size(), submissions) << "ledger rows lost or duplicated";
  // One routing event per submission, one more for each superseded one.
  EXPECT_EQ(LedgerColumn(spool, "SELECT count(*) FROM routing_events"),
            std::vector<std::string>{
                std::to_string(submissions + superseded.size())});
  for (size_t i = 0; i < drafts.size(); ++i) {
    const std::string& rel = drafts[i];
    SCOPED_TRACE(rel);
    const std::string expected =
        i < kResubmitted ? resubmission(rel) : bytes[rel];
    const Routed r = FindRouted(spool, rel);
    ASSERT_EQ(r.copies, 1);
    ASSERT_TRUE(r.record.is_object());
    // The bytes routed are the bytes last dropped, and the record
    // describes them.
    EXPECT_EQ(ReadFile(spool / r.area / rel), expected);
    EXPECT_EQ(r.record["draft"]["sha256"], Sha256Hex(expected));
    EXPECT_TRUE(row_set.count(
        rel + "|" + r.record["submission"].get<std::string>() + "|" + r.area));
    EXPECT_EQ(
        r.record.contains("supersedes") && r.record["supersedes"].is_object(),
        superseded.count(rel) == 1);
  }
  EXPECT_TRUE(FilesBelow(spool / ".proofgate" / "processing").empty());
  // Every file in ready/ and review/ is a draft or one of its two records,
  // and so is every file in history/.
  EXPECT_EQ(
      FilesBelow(spool / "ready").size() + FilesBelow(spool / "review").size(),
      3 * drafts.size());
  EXPECT_EQ(FilesBelow(spool / ".proofgate" / "history").size(),
            3 * superseded.size());
}

}  // namespace
}  // namespace proofgate::testing

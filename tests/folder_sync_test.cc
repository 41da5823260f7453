// FolderSync: one fsync serves every caller whose change came before it
// started; none returns before such a sync has ended.
#include "daemon/files/folder_sync.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "tests/temp_dir.h"

namespace proofgate {
namespace {

namespace fs = std::filesystem;

TEST(FolderSyncTest, SyncsARealFolder) {
  testing::TempDir dir;
  FolderSync sync;
  sync.Sync(dir.path());
  EXPECT_EQ(sync.syncs(), 1u);
  EXPECT_THROW(sync.Sync(dir.path() / "missing"), std::system_error);
}

// Each caller records the number of syncs that had begun when it entered;
// on return, a sync with a higher number must have ended.
TEST(FolderSyncTest, ConcurrentCallersShareSyncsThatStartAfterThem) {
  std::atomic<uint64_t> begun{0}, ended{0};
  FolderSync sync([&](const fs::path&) {
    ++begun;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ++ended;
    return std::error_code();
  });
  constexpr int kThreads = 8, kCalls = 10;
  std::atomic<int> uncovered{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCalls; ++i) {
        const uint64_t before = begun.load();
        sync.Sync("/area");
        // Some sync that began after `before` has ended.
        if (ended.load() <= before) ++uncovered;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(uncovered.load(), 0);
  // Shared: fewer syncs than calls (8 threads wait on each 20 ms sync).
  EXPECT_LT(sync.syncs(), static_cast<uint64_t>(kThreads * kCalls));
  EXPECT_EQ(sync.syncs(), begun.load());
}

TEST(FolderSyncTest, FoldersAreSyncedSeparately) {
  std::vector<std::string> synced;
  FolderSync sync([&](const fs::path& folder) {
    synced.push_back(folder.string());
    return std::error_code();
  });
  sync.Sync("/ready");
  sync.Sync("/review");
  sync.Sync("/ready");
  EXPECT_EQ(synced, (std::vector<std::string>{"/ready", "/review", "/ready"}));
}

TEST(FolderSyncTest, AFailedSyncIsReportedAndTheNextCallTriesAgain) {
  bool fail = true;
  FolderSync sync([&](const fs::path&) {
    return fail ? std::error_code(EIO, std::generic_category())
                : std::error_code();
  });
  EXPECT_THROW(sync.Sync("/ready"), std::system_error);
  fail = false;
  EXPECT_NO_THROW(sync.Sync("/ready"));
  EXPECT_EQ(sync.syncs(), 2u);
}

TEST(FolderSyncTest, AThrowingSyncIsAnErrorAndDoesNotBlockTheNext) {
  int calls = 0;
  FolderSync sync([&](const fs::path&) -> std::error_code {
    if (++calls == 1) throw std::runtime_error("out of memory");
    return {};
  });
  EXPECT_THROW(sync.Sync("/ready"), std::system_error);
  EXPECT_NO_THROW(sync.Sync("/ready"));
  EXPECT_EQ(calls, 2);
}

}  // namespace
}  // namespace proofgate

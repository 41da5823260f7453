// FolderWatcher on real inotify: what it reports as folders are created,
// renamed, moved in and moved out while it watches.
#include "daemon/service/watcher.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <set>

#include "tests/daemon_process.h"

namespace proofgate::testing {
namespace {

class WatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(root_);
    watcher_ = std::make_unique<FolderWatcher>(
        io_, root_, FolderWatcher::Options{},
        [this](const std::string& rel, bool complete) {
          reported_.insert(rel);
          if (!complete) found_.insert(rel);
        },
        [] {});
    ASSERT_TRUE(watcher_->Start());
  }

  // Runs the event loop until `rel` is reported or 5 s pass.
  bool WaitFor(const std::string& rel) {
    const auto deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!reported_.count(rel) &&
           std::chrono::steady_clock::now() < deadline) {
      io_.run_for(std::chrono::milliseconds(20));
      io_.restart();
    }
    return reported_.count(rel) > 0;
  }

  // Runs the event loop for `ms` milliseconds (to let stray events in).
  void Settle(int ms) {
    io_.run_for(std::chrono::milliseconds(ms));
    io_.restart();
  }

  TempDir dir_;
  fs::path root_ = dir_.path() / "inbox";
  boost::asio::io_context io_;
  std::unique_ptr<FolderWatcher> watcher_;
  std::set<std::string> reported_;
  std::set<std::string> found_;  // reported by a scan, not an event
};

TEST_F(WatcherTest, FolderRenamedInsideIsWatchedUnderItsNewName) {
  fs::create_directories(root_ / "a" / "sub");
  Settle(100);
  fs::rename(root_ / "a", root_ / "b");
  Settle(100);
  WriteFile(root_ / "b" / "sub" / "x.md", "# x\n");
  ASSERT_TRUE(WaitFor("b/sub/x.md"));
  EXPECT_EQ(reported_.count("a/sub/x.md"), 0u);
}

TEST_F(WatcherTest, FolderMovedOutIsNoLongerWatched) {
  fs::create_directories(root_ / "team");
  Settle(100);
  fs::rename(root_ / "team", dir_.path() / "elsewhere");
  Settle(100);
  WriteFile(dir_.path() / "elsewhere" / "y.md", "# y\n");
  // A file in the root afterwards proves events are flowing.
  WriteFile(root_ / "z.md", "# z\n");
  ASSERT_TRUE(WaitFor("z.md"));
  Settle(100);
  EXPECT_EQ(reported_, std::set<std::string>{"z.md"});
  EXPECT_EQ(watcher_->folders(), 1u);
}

TEST_F(WatcherTest, FolderMovedInReportsItsFilesAndLaterOnes) {
  WriteFile(dir_.path() / "outside" / "deep" / "a.md", "# a\n");
  fs::rename(dir_.path() / "outside", root_ / "came");
  ASSERT_TRUE(WaitFor("came/deep/a.md"));
  WriteFile(root_ / "came" / "deep" / "b.md", "# b\n");
  ASSERT_TRUE(WaitFor("came/deep/b.md"));
  // a.md was found by scanning the folder, b.md by its close.
  EXPECT_EQ(found_, std::set<std::string>{"came/deep/a.md"});
}

}  // namespace
}  // namespace proofgate::testing

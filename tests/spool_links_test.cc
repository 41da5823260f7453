// Symbolic links and other non-files in the spool are never read through:
// a writer who can put a name in inbox/ or review/ must not be able to
// point it at a file only the daemon may read (a token, the ledger) and
// have its content checked, put on a proof page or shown in the queue.
// The daemon-level tests (daemon_e2e_test.cc) drop links into inbox/;
// these cover the link that arrives after the claim's check (a swap) and
// the reads themselves.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <future>

#include "daemon/files/durable_file.h"
#include "daemon/queue/queue_view.h"
#include "tests/pipeline_fixture.h"

namespace proofgate::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSecret = "token-4f1d9c\n";

// "" on success, else the message: what ReadFileUpTo's failures read as.
std::string ErrorOf(const Status& status) {
  return status ? "" : status.error();
}

TEST(ReadFileUpToTest, ReadsAtMostTheLimitAndReportsTheFullSize) {
  TempDir dir;
  const fs::path file = dir.Write("draft.md", std::string(10000, 'x'));
  std::string out;
  uint64_t size = 0;
  EXPECT_TRUE(ReadFileUpTo(file, 4097, SymlinkPolicy::kRefuse, out, &size));
  EXPECT_EQ(out.size(), 4097u);
  EXPECT_EQ(size, 10000u);
  EXPECT_TRUE(ReadFileUpTo(file, 1 << 20, SymlinkPolicy::kRefuse, out, &size));
  EXPECT_EQ(out, std::string(10000, 'x'));
  const fs::path empty = dir.Write("empty.md", "");
  EXPECT_TRUE(ReadFileUpTo(empty, 100, SymlinkPolicy::kRefuse, out, &size));
  EXPECT_EQ(out, "");
  EXPECT_EQ(size, 0u);
}

TEST(ReadFileUpToTest, RefusesALinkOnlyWhenAskedTo) {
  TempDir dir;
  const fs::path secret = dir.Write("secret", kSecret);
  const fs::path link = dir.path() / "draft.md";
  ASSERT_EQ(::symlink(secret.c_str(), link.c_str()), 0);
  std::string out = "stale";
  EXPECT_EQ(ErrorOf(ReadFileUpTo(link, 1 << 20, SymlinkPolicy::kRefuse, out)),
            "it is a symbolic link, which is not followed");
  EXPECT_EQ(out, "");
  EXPECT_FALSE(ReadSmallFile(link, out, SymlinkPolicy::kRefuse));
  // Configuration files may be linked into place.
  EXPECT_TRUE(ReadSmallFile(link, out));
  EXPECT_EQ(out, kSecret);
}

TEST(ReadFileUpToTest, AFifoOrFolderIsRefusedWithoutBlocking) {
  TempDir dir;
  const fs::path fifo = dir.path() / "pipe.md";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  // No writer ever opens the FIFO: a plain open() would wait forever.
  auto read = std::async(std::launch::async, [&] {
    std::string out;
    return ErrorOf(ReadFileUpTo(fifo, 100, SymlinkPolicy::kFollow, out));
  });
  ASSERT_EQ(read.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(read.get(), "it is not a regular file");
  std::string out;
  EXPECT_EQ(ErrorOf(ReadFileUpTo(dir.path(), 100, SymlinkPolicy::kRefuse, out)),
            "it is not a regular file");
  EXPECT_EQ(ErrorOf(ReadFileUpTo(dir.path() / "missing", 100,
                                 SymlinkPolicy::kRefuse, out)),
            "No such file or directory");
}

class SpoolLinksTest : public PipelineTest {
 protected:
  // A file outside the spool that only the daemon may read.
  TempDir outside_;
  fs::path secret_ = outside_.Write("secret/token", kSecret);
};

TEST_F(SpoolLinksTest, ALinkInAFolderOnTheWayIsNotClaimed) {
  // inbox/team is a link to a folder outside inbox/.
  ASSERT_EQ(::symlink(secret_.parent_path().c_str(),
                      (spool_.inbox() / "team").c_str()),
            0);
  ClaimedDraft claimed;
  EXPECT_EQ(
      spool_.Claim("team/token", std::chrono::system_clock::now(), claimed),
      Spool::ClaimStatus::kNotAFile);
  EXPECT_EQ(ReadFile(secret_), kSecret);
  EXPECT_EQ(FilesBelow(spool_.processing()), std::vector<std::string>{});
}

TEST_F(SpoolLinksTest, ALinkSwappedInAfterTheClaimIsRoutedUnread) {
  // The draft passed the claim's check as a regular file, then was swapped
  // for a link before the rename: processing/ holds the link itself.
  const ClaimedDraft claimed = Claim("post.md", "# Post\n\nText.\n");
  ASSERT_EQ(::unlink(claimed.file.c_str()), 0);
  ASSERT_EQ(::symlink(secret_.c_str(), claimed.file.c_str()), 0);

  ASSERT_EQ(pipeline_->Process(claimed), Area::kReview);

  const fs::path routed = spool_.area(Area::kReview) / "post.md";
  struct stat st;
  ASSERT_EQ(::lstat(routed.c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode)) << "the link itself moves, unfollowed";
  EXPECT_EQ(ReadFile(secret_), kSecret);
  const std::string json = ReadFile(routed.string() + ".proof.json");
  const std::string html = ReadFile(routed.string() + ".proof.html");
  EXPECT_NE(json.find("input/unreadable"), std::string::npos) << json;
  EXPECT_NE(json.find("symbolic link"), std::string::npos) << json;
  EXPECT_EQ(json.find("token-4f1d9c"), std::string::npos);
  EXPECT_EQ(html.find("token-4f1d9c"), std::string::npos);

  // The queue does not read through it either: the item has no page.
  const nlohmann::json record = nlohmann::json::parse(json);
  EXPECT_FALSE(FindQueueDraft(spool_, record["submission"].get<std::string>()));
}

TEST_F(SpoolLinksTest, TheQueueDoesNotShowALinkPlantedInReview) {
  // A routed draft, then its file in review/ replaced by a link.
  const ClaimedDraft claimed =
      Claim("post.md", "# One\n\n#### Four\n\nText.\n");
  ASSERT_EQ(pipeline_->Process(claimed), Area::kReview);
  ASSERT_TRUE(FindQueueDraft(spool_, claimed.id));
  const fs::path routed = spool_.area(Area::kReview) / "post.md";
  ASSERT_EQ(::unlink(routed.c_str()), 0);
  ASSERT_EQ(::symlink(secret_.c_str(), routed.c_str()), 0);

  EXPECT_FALSE(FindQueueDraft(spool_, claimed.id));
  for (const QueueItem& item : ListQueue(spool_)) {
    EXPECT_NE(item.id, claimed.id) << "listed through a link";
  }
}

}  // namespace
}  // namespace proofgate::testing

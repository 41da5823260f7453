// Crash recovery of the spool, one interrupted state at a time (the
// argument is in daemon/spool.h; daemon_crash_test.cc kills the real
// daemon at random moments). Each test leaves a submission exactly as a
// crash at one step would, runs DraftPipeline::Recover as a restart does,
// and checks where every file ended and what the ledger holds.
#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "daemon/ledger/ledger.h"
#include "daemon/spool/draft_pipeline.h"
#include "daemon/spool/router.h"
#include "daemon/spool/spool.h"
#include "tests/pipeline_fixture.h"

namespace proofgate::testing {
namespace {

constexpr const char* kPassing =
    "---\ntitle: Release notes for the spring update\n"
    "description: What changed in the spring update and how to upgrade "
    "without downtime, step by step.\n---\n# Release notes\n\nText.\n";
constexpr const char* kFailing = "# One\n\n#### Four\n\nText.\n";
// astro-docs/install-and-setup.mdx, lines 126-145 (two of its three tabs),
// under a front matter of its own. Read as Markdown, the shell comments in
// the code would be two H1s.
constexpr const char* kMdxDraft =
    "---\ntitle: Install and set up Astro\n"
    "description: How to install Astro and start a new project with the "
    "create astro command or by hand.\n---\n"
    "import PackageManagerTabs from "
    "'~/components/tabs/PackageManagerTabs.astro'\n"
    "\n"
    "<PackageManagerTabs>\n"
    "  <Fragment slot=\"npm\">\n"
    "  ```shell\n"
    "  # create a new project with an official example\n"
    "  npm create astro@latest -- --template <example-name>\n"
    "  ```\n"
    "  </Fragment>\n"
    "  <Fragment slot=\"pnpm\">\n"
    "  ```shell\n"
    "  # create a new project with an official example\n"
    "  pnpm create astro@latest --template <example-name>\n"
    "  ```\n"
    "  </Fragment>\n"
    "</PackageManagerTabs>\n";

class SpoolRecoveryTest : public PipelineTest {
 protected:
  // Steps 2-4 as DraftPipeline::Process runs them, for a draft routed to
  // review/ (kFailing): supersede, then stage the record.
  nlohmann::json SupersedeAndStage(const ClaimedDraft& draft) {
    const Supersession s = router_.Supersede(draft.id, draft.path);
    nlohmann::json record = {
        {"submission", draft.id},
        {"draft", {{"path", draft.path}, {"sha256", "x"}, {"size", 1}}},
        {"verdict", "fail"},
        {"route", "review"},
        {"supersedes", {{"submission", s.submission}, {"area", s.area}}},
        {"timestamps",
         {{"submitted", "2026-11-22T00:00:00.000000Z"},
          {"verified", "2026-11-22T00:00:00.000000Z"},
          {"routed", "2026-11-22T00:00:00.000000Z"}}}};
    router_.Stage(draft.id, record.dump(), "<html>staged</html>");
    return record;
  }

  Router router_{spool_};
};

TEST_F(SpoolRecoveryTest, ClaimedOnlyIsVerifiedAndRouted) {
  const ClaimedDraft draft = Claim("team/post.md", kFailing);
  EXPECT_EQ(pipeline_->Recover(draft.id).path, "team/post.md");
  EXPECT_EQ(ReadFile(dir_.path() / "review/team/post.md"), kFailing);
  EXPECT_TRUE(fs::exists(dir_.path() / "review/team/post.md.proof.json"));
  EXPECT_EQ(FilesBelow(spool_.processing()), std::vector<std::string>{});
  EXPECT_EQ(Ledger("SELECT area FROM submissions"),
            std::vector<std::string>{"review"});
}

TEST_F(SpoolRecoveryTest, MdxDraftIsReadAsMdx) {
  const ClaimedDraft draft = Claim("docs/install.mdx", kMdxDraft);
  EXPECT_EQ(pipeline_->Process(draft), Area::kReady);
  EXPECT_EQ(ReadFile(dir_.path() / "ready/docs/install.mdx"), kMdxDraft);
}

TEST_F(SpoolRecoveryTest, InterruptedDeliveryKeepsItsOwnProofOutOfHistory) {
  // An earlier submission sits in review/.
  const ClaimedDraft first = Claim("post.md", kFailing);
  ASSERT_EQ(pipeline_->Process(first), Area::kReview);
  // The resubmission passes; its delivery stopped right after the proof
  // record was linked into review/ (the first move of step 5).
  const ClaimedDraft second = Claim("post.md", kPassing);
  SupersedeAndStage(second);
  ASSERT_EQ(::link(spool_.staged_proof(second.id, "json").c_str(),
                   (dir_.path() / "review/post.md.proof.json").c_str()),
            0);

  EXPECT_EQ(pipeline_->Recover(second.id).path, "post.md");

  // Verified again, it passes: ready/ holds it with its own record, its
  // stray record left review/, and history/ holds only the first one.
  EXPECT_EQ(ReadFile(dir_.path() / "ready/post.md"), kPassing);
  const nlohmann::json record =
      nlohmann::json::parse(ReadFile(dir_.path() / "ready/post.md.proof.json"));
  EXPECT_EQ(record["submission"], second.id);
  EXPECT_EQ(record["supersedes"]["submission"], first.id);
  EXPECT_EQ(FilesBelow(dir_.path() / "review"), std::vector<std::string>{});
  const fs::path history = spool_.history() / second.id / "review";
  EXPECT_EQ(ReadFile(history / "post.md"), kFailing);
  EXPECT_EQ(nlohmann::json::parse(ReadFile(history / "post.md.proof.json"))
                .value("submission", ""),
            first.id);
  EXPECT_EQ(FilesBelow(spool_.processing()), std::vector<std::string>{});
  EXPECT_EQ(Ledger("SELECT superseded_by FROM submissions WHERE id = '" +
                   first.id + "'"),
            std::vector<std::string>{second.id});
}

TEST_F(SpoolRecoveryTest, FirstAttemptsSupersedeAcrossAreasAndStrayRecords) {
  // A fresh claim is marked as a first attempt (steps 3-5 skip looking for
  // an earlier attempt's files); one found in processing/ is not.
  const ClaimedDraft first = Claim("post.md", kFailing);
  EXPECT_TRUE(first.first_attempt);
  const std::optional<ClaimedDraft> found = spool_.FindClaimed(first.id);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->first_attempt);
  ASSERT_EQ(pipeline_->Process(first), Area::kReview);

  // A first attempt still moves whatever an older submission left: the
  // review/ copy, and a stray proof page in ready/ with no draft beside it.
  WriteFile(dir_.path() / "ready/post.md.proof.html", "<html>stray</html>");
  const ClaimedDraft second = Claim("post.md", kPassing);
  ASSERT_EQ(pipeline_->Process(second), Area::kReady);
  EXPECT_EQ(ReadFile(dir_.path() / "ready/post.md"), kPassing);
  EXPECT_EQ(FilesBelow(dir_.path() / "review"), std::vector<std::string>{});
  const fs::path history = spool_.history() / second.id;
  EXPECT_EQ(ReadFile(history / "review/post.md"), kFailing);
  EXPECT_EQ(ReadFile(history / "ready/post.md.proof.html"),
            "<html>stray</html>");
  const nlohmann::json record =
      nlohmann::json::parse(ReadFile(dir_.path() / "ready/post.md.proof.json"));
  EXPECT_EQ(record["submission"], second.id);
  EXPECT_EQ(record["supersedes"]["submission"], first.id);
  EXPECT_EQ(record["supersedes"]["area"], "review");
  EXPECT_NE(ReadFile(dir_.path() / "ready/post.md.proof.html"),
            "<html>stray</html>");
  EXPECT_EQ(FilesBelow(spool_.processing()), std::vector<std::string>{});
}

// A crash on a file system whose renames are not journaled can leave a
// superseded draft both in its area and in history/ (the move reached
// history/, the removal from the area did not): the next attempt removes
// the area's identical copy instead of failing on every retry. A copy that
// differs is never removed.
TEST_F(SpoolRecoveryTest, SupersedeFinishesAMoveAHalfUndoneRenameLeft) {
  const ClaimedDraft first = Claim("post.md", kFailing);
  ASSERT_EQ(pipeline_->Process(first), Area::kReview);
  const std::string id = "0000000000000009-1-1";
  const fs::path kept = spool_.history() / id / "review";
  fs::create_directories(kept);
  fs::copy_file(dir_.path() / "review/post.md", kept / "post.md");
  const Supersession s = router_.Supersede(id, "post.md", false);
  EXPECT_EQ(s.area, "review");
  EXPECT_EQ(s.submission, first.id);
  EXPECT_FALSE(fs::exists(dir_.path() / "review/post.md"));
  EXPECT_EQ(ReadFile(kept / "post.md"), kFailing);
  EXPECT_TRUE(fs::exists(kept / "post.md.proof.json"));

  WriteFile(dir_.path() / "ready/other.md", "new bytes\n");
  fs::create_directories(spool_.history() / id / "ready");
  WriteFile(spool_.history() / id / "ready/other.md", "old bytes\n");
  EXPECT_THROW(router_.Supersede(id, "other.md", false), std::system_error);
  EXPECT_EQ(ReadFile(dir_.path() / "ready/other.md"), "new bytes\n");
}

TEST_F(SpoolRecoveryTest, DeliveredDraftGetsItsLedgerRowAndNothingMoves) {
  const ClaimedDraft draft = Claim("a/b/post.md", kFailing);
  const nlohmann::json record = SupersedeAndStage(draft);
  router_.Deliver(draft, Area::kReview);
  // The crash came before step 6: no ledger row yet.
  ASSERT_EQ(Ledger("SELECT id FROM submissions").size(), 0u);

  EXPECT_EQ(pipeline_->Recover(draft.id).path, "a/b/post.md");

  EXPECT_EQ(ReadFile(dir_.path() / "review/a/b/post.md"), kFailing);
  EXPECT_EQ(ReadFile(dir_.path() / "review/a/b/post.md.proof.json"),
            record.dump());
  EXPECT_EQ(ReadFile(dir_.path() / "review/a/b/post.md.proof.html"),
            "<html>staged</html>");
  EXPECT_EQ(Ledger("SELECT id FROM submissions"),
            std::vector<std::string>{draft.id});
  EXPECT_EQ(FilesBelow(spool_.processing()), std::vector<std::string>{});
}

// After a delivery, the clean-up leaves processing/ empty, for a draft
// claimed under a flat name and for one whose encoded path needs a folder
// there (longer than a file name may be).
TEST_F(SpoolRecoveryTest, DiscardDeliveredLeavesProcessingEmpty) {
  // 240 bytes of folders: "S=" + E would pass NAME_MAX (255).
  const std::string deep =
      std::string(120, 'a') + "/" + std::string(119, 'b') + "/post.md";
  for (const std::string& rel : {std::string("a/flat.md"), deep}) {
    const ClaimedDraft draft = Claim(rel, kFailing);
    SupersedeAndStage(draft);
    router_.Deliver(draft, Area::kReview);
    EXPECT_TRUE(spool_.DiscardDelivered(draft)) << rel;
    EXPECT_EQ(FilesBelow(spool_.processing()), std::vector<std::string>{})
        << rel;
    EXPECT_EQ(ReadFile(dir_.path() / "review" / rel), kFailing) << rel;
  }
}

TEST_F(SpoolRecoveryTest, EmptyProcessingFolderIsCleanedUp) {
  const fs::path folder = spool_.processing() / "0000000000000001-1-1";
  fs::create_directories(folder / "draft" / "sub");
  EXPECT_EQ(pipeline_->Recover("0000000000000001-1-1").path, "");
  EXPECT_FALSE(fs::exists(folder));
}

TEST_F(SpoolRecoveryTest, ClaimIsOneFlatNameThatKeepsThePath) {
  // '%' and '/' in R survive the flat name; nothing but the draft is made.
  const ClaimedDraft draft = Claim("team 100%/2026/post%2F.md", kFailing);
  EXPECT_EQ(draft.file.parent_path(), spool_.processing());
  EXPECT_EQ(FilesBelow(spool_.processing()),
            std::vector<std::string>{draft.id +
                                     "=team 100%25%2F2026%2Fpost%252F.md"});
  const std::optional<ClaimedDraft> found = spool_.FindClaimed(draft.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->path, "team 100%/2026/post%2F.md");
  EXPECT_EQ(pipeline_->Recover(draft.id).path, "team 100%/2026/post%2F.md");
  EXPECT_EQ(ReadFile(dir_.path() / "review/team 100%/2026/post%2F.md"),
            kFailing);
  EXPECT_EQ(FilesBelow(spool_.processing()), std::vector<std::string>{});
}

TEST_F(SpoolRecoveryTest, PathTooLongForOneNameUsesAFolder) {
  // 240 bytes of folders: "S=" + E would pass NAME_MAX (255).
  const std::string rel =
      std::string(120, 'a') + "/" + std::string(119, 'b') + "/post.md";
  const ClaimedDraft draft = Claim(rel, kFailing);
  EXPECT_EQ(draft.file, spool_.processing() / draft.id / "draft" / rel);
  const std::optional<ClaimedDraft> found = spool_.FindClaimed(draft.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->path, rel);
  EXPECT_EQ(pipeline_->Recover(draft.id).path, rel);
  EXPECT_EQ(ReadFile(dir_.path() / "review" / rel), kFailing);
  EXPECT_FALSE(fs::exists(spool_.processing() / draft.id));
}

TEST(SpoolPathTest, EncodingRoundTripsAndRejectsStrayPercent) {
  for (const std::string path : {"a.md", "x/y/z.md", "%", "%2F/%25", "a%b"}) {
    EXPECT_EQ(Spool::DecodePath(Spool::EncodePath(path)), path);
    EXPECT_EQ(Spool::EncodePath(path).find('/'), std::string::npos);
  }
  EXPECT_EQ(Spool::DecodePath("a%2"), std::nullopt);
  EXPECT_EQ(Spool::DecodePath("a%41"), std::nullopt);
}

TEST_F(SpoolRecoveryTest, ConcurrentRecordsShareCommitsAndAllLand) {
  // Group commit: 16 threads x 25 records, each returns only once its rows
  // are committed; every row is there, and each thread's records too.
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const std::string id =
            "0000000000000001-" + std::to_string(t) + "-" + std::to_string(i);
        nlohmann::json record = {
            {"submission", id},
            {"draft", {{"path", id + ".md"}, {"sha256", "x"}, {"size", 1}}},
            {"verdict", "pass"},
            {"route", "ready"},
            {"timestamps",
             {{"submitted", "2026-11-22T00:00:00.000000Z"},
              {"verified", "2026-11-22T00:00:00.000000Z"},
              {"routed", "2026-11-22T00:00:00.000000Z"}}}};
        if (!ledger_->Record(record)) ++failures;
        if (Ledger("SELECT id FROM submissions WHERE id = '" + id + "'") !=
            std::vector<std::string>{id}) {
          ++failures;
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(Ledger("SELECT count(*) FROM submissions"),
            std::vector<std::string>{"400"});
  EXPECT_EQ(Ledger("SELECT count(*) FROM routing_events"),
            std::vector<std::string>{"400"});
}

}  // namespace
}  // namespace proofgate::testing

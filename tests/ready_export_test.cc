// The export of ready/ content (daemon/spool/ready_export.h, config
// `export_dir`): ReadyExport on real files (newer versions only, nothing
// but drafts visible, the start-up catch-up), then the real daemon
// exporting a folder draft, an HTTP submission and an approved draft, and
// keeping the last ready version when a newer one goes to review.
#include "daemon/spool/ready_export.h"

#include <gtest/gtest.h>

#include "tests/daemon_process.h"
#include "tests/http_client.h"
#include "tests/submission_node.h"
#include "tests/temp_dir.h"

namespace proofgate::testing {
namespace {

// Submission ids as Spool::NewSubmissionId makes them: nanoseconds, fixed
// width, first.
const std::string kOld = "0001764843720000000001-100-1";
const std::string kNew = "0001764843720000000002-100-1";
const std::string kNewer = "0001764843720000000003-100-1";

// The files below `folder` a site build sees (outside dot-folders).
std::vector<std::string> Visible(const fs::path& folder) {
  std::vector<std::string> visible;
  for (const std::string& f : FilesBelow(folder)) {
    if (!f.starts_with(".proofgate/")) visible.push_back(f);
  }
  return visible;
}

TEST(ReadyExportTest, WritesTheDraftUnderItsPathAndNothingElseVisible) {
  TempDir dir;
  const ReadyExport out(dir.path() / "site" / "content");
  EXPECT_TRUE(out.Export("blog/a.md", kNew, "# A\n"));
  EXPECT_EQ(ReadFile(dir.path() / "site/content/blog/a.md"), "# A\n");
  EXPECT_EQ(Visible(out.folder()), std::vector<std::string>{"blog/a.md"});
  EXPECT_TRUE(FilesBelow(out.folder() / ".proofgate" / "staging").empty());
}

// A folder of the export that is a symbolic link (to a place outside it)
// is refused: the draft is not written through it.
TEST(ReadyExportTest, AFolderThatIsASymbolicLinkIsRefused) {
  TempDir dir;
  const fs::path outside = dir.path() / "outside";
  fs::create_directories(outside);
  const ReadyExport out(dir.path() / "content");
  ASSERT_TRUE(out.Export("a.md", kOld, "a\n"));
  fs::create_directory_symlink(outside, dir.path() / "content" / "blog");
  try {
    out.Export("blog/b.md", kNew, "b\n");
    ADD_FAILURE() << "exported through a symbolic link";
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find("symbolic link"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(FilesBelow(outside).empty());
  EXPECT_TRUE(FilesBelow(out.folder() / ".proofgate" / "staging").empty());
  // Deeper too, and the draft's other folders are still created.
  fs::create_directories(dir.path() / "content" / "docs");
  fs::create_directory_symlink(outside, dir.path() / "content/docs/guides");
  EXPECT_THROW(out.Export("docs/guides/c.md", kNew, "c\n"), std::system_error);
  EXPECT_TRUE(FilesBelow(outside).empty());
  EXPECT_TRUE(out.Export("docs/new/deeper/d.md", kNew, "d\n"));
  EXPECT_EQ(ReadFile(dir.path() / "content/docs/new/deeper/d.md"), "d\n");
}

TEST(ReadyExportTest, AnOlderVersionNeverReplacesANewerOne) {
  TempDir dir;
  const ReadyExport out(dir.path());
  ASSERT_TRUE(out.Export("a.md", kNew, "new\n"));
  EXPECT_FALSE(out.Export("a.md", kOld, "old\n"));
  EXPECT_EQ(ReadFile(dir.path() / "a.md"), "new\n");
  EXPECT_TRUE(out.Export("a.md", kNewer, "newer\n"));
  EXPECT_EQ(ReadFile(dir.path() / "a.md"), "newer\n");
}

TEST(ReadyExportTest, TheSameVersionIsWrittenAgainOnlyWhenItIsMissing) {
  TempDir dir;
  const ReadyExport out(dir.path());
  ASSERT_TRUE(out.Export("a.md", kNew, "new\n"));
  EXPECT_FALSE(out.Export("a.md", kNew, "new\n"));
  fs::remove(dir.path() / "a.md");
  EXPECT_TRUE(out.Export("a.md", kNew, "new\n"));
  EXPECT_EQ(ReadFile(dir.path() / "a.md"), "new\n");
  // A crash after the version was recorded and before the file was
  // replaced: the file holds older bytes; the same version's next export
  // writes it, and an older one still cannot.
  ASSERT_TRUE(out.Export("b.md", kOld, "old\n"));
  WriteFile(dir.path() / ".proofgate/versions/b.md", kNewer);
  EXPECT_FALSE(out.Export("b.md", kNew, "new\n"));
  EXPECT_EQ(ReadFile(dir.path() / "b.md"), "old\n");
  EXPECT_TRUE(out.Export("b.md", kNewer, "newer\n"));
  EXPECT_EQ(ReadFile(dir.path() / "b.md"), "newer\n");
}

TEST(ReadyExportTest, SyncExportsWhatReadyHoldsWithItsProofRecord) {
  TempDir dir;
  const fs::path ready = dir.path() / "ready";
  WriteFile(ready / "docs/a.md", "a\n");
  WriteFile(ready / "docs/a.md.proof.json",
            nlohmann::json{{"submission", kNew}}.dump());
  WriteFile(ready / "b.md", "no proof record\n");
  const ReadyExport out(dir.path() / "export");
  EXPECT_EQ(out.Sync(ready), 1);
  EXPECT_EQ(Visible(out.folder()), std::vector<std::string>{"docs/a.md"});
  EXPECT_EQ(out.Sync(ready), 0);  // already there
  // A newer version exported meanwhile (another node) is kept.
  ASSERT_TRUE(out.Export("docs/a.md", kNewer, "newer\n"));
  EXPECT_EQ(out.Sync(ready), 0);
  EXPECT_EQ(ReadFile(out.folder() / "docs/a.md"), "newer\n");
}

TEST(ReadyExportDaemonTest, FolderHttpAndApprovedDraftsAreExported) {
  TempDir dir;
  const fs::path site = dir.path() / "site";
  Node node(dir.path(), "web-1", "",
            "links: {network: false}\nexport_dir: " + site.string() + "\n");
  const std::string url = node.WaitUrl();
  ASSERT_FALSE(url.empty()) << node.process().Log();
  const fs::path inbox = node.spool() / "inbox";

  // A folder draft that passes, and one that fails (not exported).
  WriteFile(inbox / "blog/pass.md", kPassing);
  WriteFile(inbox / "blog/fail.md", kFailing);
  ASSERT_TRUE(WaitFor([&] {
    return fs::exists(site / "blog/pass.md") &&
           FindRouted(node.spool(), "blog/fail.md").area == "review";
  })) << node.process().Log();
  EXPECT_EQ(ReadFile(site / "blog/pass.md"), kPassing);
  EXPECT_FALSE(fs::exists(site / "blog/fail.md"));

  // An HTTP submission routed to ready/.
  const HttpReply posted = Submit(url, "news/h.md", kPassing);
  ASSERT_EQ(posted.status, 202) << posted.body;
  ASSERT_TRUE(WaitFor([&] { return fs::exists(site / "news/h.md"); }))
      << node.process().Log();
  EXPECT_EQ(ReadFile(site / "news/h.md"), kPassing);

  // An editor approves the failing draft: exported.
  const Routed fail = FindRouted(node.spool(), "blog/fail.md");
  const nlohmann::json queue =
      nlohmann::json::parse(Http("GET", url + "api/queue").body);
  const HttpReply decided = PostUntilRouted(
      url + "api/drafts/" + fail.record["submission"].get<std::string>() +
          "/decision",
      nlohmann::json{{"decision", "approve"},
                     {"reason", "the H4 quotes the spec's numbering"},
                     {"editor", "Dana"},
                     {"sha256", fail.record["draft"]["sha256"]}}
          .dump(),
      {"Content-Type: application/json",
       "X-CSRF-Token: " + queue["csrf_token"].get<std::string>()});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(ReadFile(site / "blog/fail.md"), kFailing);

  // A newer version that goes to review leaves the published one.
  WriteFile(inbox / "blog/pass.md", kFailing);
  ASSERT_TRUE(WaitFor([&] {
    return FindRouted(node.spool(), "blog/pass.md").area == "review";
  })) << node.process().Log();
  EXPECT_EQ(ReadFile(site / "blog/pass.md"), kPassing);
  EXPECT_EQ(Visible(site), (std::vector<std::string>{
                               "blog/fail.md", "blog/pass.md", "news/h.md"}));

  // A file removed from the export by hand comes back at the next start.
  node.process().Signal(SIGTERM);
  ASSERT_EQ(node.process().Wait(), 0) << node.process().Log();
  fs::remove(site / "news/h.md");
  node.Restart();
  ASSERT_FALSE(node.WaitUrl().empty()) << node.process().Log();
  EXPECT_TRUE(WaitFor([&] { return fs::exists(site / "news/h.md"); }))
      << node.process().Log();
  node.process().Signal(SIGTERM);
  EXPECT_EQ(node.process().Wait(), 0) << node.process().Log();
}

}  // namespace
}  // namespace proofgate::testing

// End-to-end tests of `proofgate run`: the real binary on a temporary
// spool, real inotify, real SQLite.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "proofgate_version.h"
#include "tests/daemon_process.h"
#include "tests/test_paths.h"

namespace proofgate::testing {
namespace {

// A daemon on a fresh spool, with the shipped rulebooks unless told.
class DaemonTest : public ::testing::Test {
 protected:
  fs::path spool() const { return dir_.path() / "spool"; }
  fs::path inbox() const { return spool() / "inbox"; }
  fs::path log() const { return dir_.path() / "daemon.log"; }

  void Start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--spool", spool().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    daemon_ = std::make_unique<DaemonProcess>(args, log());
    ASSERT_TRUE(WaitFor([&] {
      return Contains(daemon_->Log(), "proofgate run: watching") ||
             daemon_->Wait(std::chrono::milliseconds(0)).has_value();
    })) << daemon_->Log();
    ASSERT_TRUE(Contains(daemon_->Log(), "proofgate run: watching"))
        << daemon_->Log();
  }

  // SIGTERM, then the exit code.
  std::optional<int> Stop() {
    daemon_->Signal(SIGTERM);
    return daemon_->Wait();
  }

  static bool Contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }

  // Waits until `rel` is in ready/ or review/ with its proof record.
  bool WaitRouted(const std::string& rel) {
    return WaitFor([&] {
      const Routed r = FindRouted(spool(), rel);
      return r.copies == 1 && r.record.is_object();
    });
  }

  // The checks every routed draft must pass: in exactly one area, a proof
  // record whose sha256 is that of the bytes there (or "" when over the
  // size limit), and a ledger row for the record's submission.
  void ExpectIntact(const std::string& rel,
                    const std::set<std::string>& ledger_rows,
                    bool oversized = false) {
    SCOPED_TRACE(rel);
    const Routed r = FindRouted(spool(), rel);
    ASSERT_EQ(r.copies, 1);
    ASSERT_TRUE(r.record.is_object());
    const std::string bytes = ReadFile(spool() / r.area / rel);
    EXPECT_EQ(r.record["draft"]["path"], rel);
    EXPECT_EQ(r.record["draft"]["sha256"],
              oversized ? std::string() : Sha256Hex(bytes));
    EXPECT_EQ(r.record["draft"]["size"], bytes.size());
    EXPECT_EQ(r.record["route"], r.area);
    EXPECT_EQ(r.record["proofgate_version"], std::string(kProofgateVersion));
    EXPECT_TRUE(fs::exists(spool() / r.area / (rel + ".proof.html")));
    EXPECT_TRUE(ledger_rows.count(
        rel + "|" + r.record["submission"].get<std::string>() + "|" + r.area))
        << "no ledger row";
  }

  std::set<std::string> LedgerRows() {
    const auto rows = LedgerColumn(
        spool(), "SELECT path || '|' || id || '|' || area FROM submissions");
    return {rows.begin(), rows.end()};
  }

  TempDir dir_;
  std::unique_ptr<DaemonProcess> daemon_;
};

TEST_F(DaemonTest, RoutesCorpusAndCraftedDraftsEachToExactlyOnePlace) {
  const fs::path config = dir_.path() / "proofgate.yaml";
  // Small enough that a crafted draft exceeds it, larger than any corpus
  // page (the largest is 150,711 bytes).
  WriteFile(config, "max_draft_bytes: 200000\nworkers: 2\n");
  Start({"--config", config.string()});

  std::vector<std::string> expected;
  // 300 real pages, each in its repository's subfolders.
  PROOFGATE_REQUIRE_CORPUS();
  const std::vector<std::string> corpus = CorpusDrafts(300);
  ASSERT_EQ(corpus.size(), 300u);
  for (const std::string& rel : corpus) {
    const std::string bytes = ReadFile(fs::path(CorpusDir()) / rel);
    // Every third through a temporary name and a rename, as editors save.
    if (expected.size() % 3 == 0) {
      WriteFile(inbox() / (rel + ".tmp"), bytes);
      fs::rename(inbox() / (rel + ".tmp"), inbox() / rel);
    } else {
      WriteFile(inbox() / rel, bytes);
    }
    expected.push_back(rel);
  }
  // Crafted: failing, malformed, binary, oversized.
  const std::vector<std::pair<std::string, std::string>> crafted = {
      {"crafted/skipped-level.md", "# Title\n\n#### Too deep\n\nText.\n"},
      {"crafted/nul.md", std::string("# Bin\0ary\n", 10)},
      {"crafted/latin1.md", "# Caf\xe9\n"},
      {"crafted/bad-front-matter.md", "---\n- %\n---\n# T\n"},
      {"crafted/unterminated.md", "---\ntitle: Never closed\n# T\n"},
      {"crafted/list-front-matter.md", "---\n- a\n- b\n---\n# T\n"},
      {"crafted/empty.md", ""},
      {"crafted/big.md", "# Big\n\n" + std::string(300000, 'x') + "\n"},
  };
  for (const auto& [rel, bytes] : crafted) {
    WriteFile(inbox() / rel, bytes);
    expected.push_back(rel);
  }
  // Written slowly, in chunks through open files, four at once: each must
  // be claimed only once it is closed, whole.
  constexpr int kSlow = 4;
  std::map<std::string, std::string> slow_bytes;
  {
    fs::create_directories(inbox() / "slow");
    std::vector<std::ofstream> outs;
    for (int d = 0; d < kSlow; ++d) {
      outs.emplace_back(
          inbox() / "slow" / ("chunked-" + std::to_string(d) + ".md"),
          std::ios::binary);
    }
    for (int i = 0; i < 5; ++i) {
      for (int d = 0; d < kSlow; ++d) {
        const std::string chunk =
            i == 0 ? "---\ntitle: Written in five chunks\n---\n"
                   : "\n## Part " + std::to_string(i) + "\n\nSome text.\n";
        outs[d] << chunk << std::flush;
        slow_bytes["slow/chunked-" + std::to_string(d) + ".md"] += chunk;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(60));
    }
  }
  for (const auto& [rel, bytes] : slow_bytes) expected.push_back(rel);
  // A folder that appears while running, with a draft already inside when
  // it is moved in.
  WriteFile(dir_.path() / "team-b" / "deep" / "note.md", "# Note\n");
  fs::rename(dir_.path() / "team-b", inbox() / "team-b");
  expected.push_back("team-b/deep/note.md");

  for (const std::string& rel : expected) {
    ASSERT_TRUE(WaitRouted(rel)) << rel << "\n" << daemon_->Log();
  }
  ASSERT_EQ(Stop(), 0) << daemon_->Log();

  const std::set<std::string> rows = LedgerRows();
  for (const std::string& rel : expected) {
    ExpectIntact(rel, rows, rel == "crafted/big.md");
  }
  EXPECT_EQ(rows.size(), expected.size());
  for (const auto& [rel, bytes] : slow_bytes) {
    EXPECT_EQ(ReadFile(spool() / FindRouted(spool(), rel).area / rel), bytes)
        << rel;
  }
  // Bad input goes to review with the input finding that says why.
  for (const auto& [rel, rule] :
       std::vector<std::pair<std::string, std::string>>{
           {"crafted/nul.md", "input/nul-byte"},
           {"crafted/latin1.md", "input/invalid-utf8"},
           {"crafted/bad-front-matter.md", "input/front-matter-invalid"},
           {"crafted/big.md", "input/too-large"},
           {"crafted/skipped-level.md", "headings/skipped-level"}}) {
    const Routed r = FindRouted(spool(), rel);
    EXPECT_EQ(r.area, "review") << rel;
    EXPECT_TRUE(Contains(r.record.dump(), rule)) << rel;
  }
  EXPECT_TRUE(FilesBelow(inbox()).empty());
  EXPECT_TRUE(FilesBelow(spool() / ".proofgate" / "processing").empty());
}

TEST_F(DaemonTest, EditorTempFilesWaitUntilRenamed) {
  Start();
  const std::vector<std::string> temps = {
      ".#post.md", "post.md~", ".post.md.swp", "post.md.tmp", ".hidden.md"};
  for (const std::string& t : temps) WriteFile(inbox() / t, "# Draft\n");
  // A marker dropped after the temp files; once it is routed, the temp
  // files' events have been handled too (one inotify queue, in order).
  WriteFile(inbox() / "marker.md", "---\ntitle: Marker draft\n---\n");
  ASSERT_TRUE(WaitRouted("marker.md")) << daemon_->Log();
  for (const std::string& t : temps) {
    EXPECT_TRUE(fs::exists(inbox() / t)) << t;
    EXPECT_EQ(FindRouted(spool(), t).copies, 0) << t;
  }
  fs::rename(inbox() / "post.md.tmp", inbox() / "post.md");
  ASSERT_TRUE(WaitRouted("post.md")) << daemon_->Log();
  EXPECT_EQ(Stop(), 0);
}

TEST_F(DaemonTest, DraftStillOpenInAFolderMovedInIsClaimedOnlyWhenWhole) {
  Start();
  // A folder moved into inbox/ holds a draft its writer still has open:
  // the folder's scan finds it, but the claim must wait for the close.
  fs::create_directories(dir_.path() / "incoming");
  std::string whole;
  {
    std::ofstream out(dir_.path() / "incoming" / "open.md", std::ios::binary);
    out << "---\ntitle: Written while its folder moved in\n---\n" << std::flush;
    whole = "---\ntitle: Written while its folder moved in\n---\n";
    fs::rename(dir_.path() / "incoming", inbox() / "incoming");
    // Past the daemon's quiet time (1 s): written every 300 ms meanwhile.
    for (int i = 0; i < 5; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      const std::string chunk =
          "\n## Part " + std::to_string(i) + "\n\nText.\n";
      out << chunk << std::flush;
      whole += chunk;
    }
  }
  ASSERT_TRUE(WaitRouted("incoming/open.md")) << daemon_->Log();
  ASSERT_EQ(Stop(), 0);
  ExpectIntact("incoming/open.md", LedgerRows());
  const Routed r = FindRouted(spool(), "incoming/open.md");
  EXPECT_EQ(ReadFile(spool() / r.area / "incoming/open.md"), whole);
  EXPECT_EQ(r.record["draft"]["sha256"], Sha256Hex(whole));
}

TEST_F(DaemonTest, ResubmissionSupersedesIntoHistoryWithLedgerLink) {
  Start();
  const std::string front =
      "---\ntitle: Welcome to the new engineering blog\n"
      "description: Why we started writing in public, what we plan to "
      "publish, and how to follow along.\n"
      "author: Sam Rivera\ndate: 2026-11-02\n---\n\n";
  const std::string failing = front + "#### Too deep\n";
  WriteFile(inbox() / "blog" / "post.md", failing);
  ASSERT_TRUE(WaitRouted("blog/post.md"));
  const Routed first = FindRouted(spool(), "blog/post.md");
  ASSERT_EQ(first.area, "review");
  const std::string first_id = first.record["submission"];

  const std::string fixed = front + "## Fine now\n";
  WriteFile(inbox() / "blog" / "post.md", fixed);
  ASSERT_TRUE(WaitFor([&] {
    const Routed r = FindRouted(spool(), "blog/post.md");
    return r.area == "ready" && r.copies == 1 && r.record.is_object();
  })) << daemon_->Log();
  ASSERT_EQ(Stop(), 0);

  const Routed second = FindRouted(spool(), "blog/post.md");
  const std::string second_id = second.record["submission"];
  EXPECT_NE(first_id, second_id);
  EXPECT_EQ(second.record["supersedes"]["submission"], first_id);
  EXPECT_EQ(second.record["supersedes"]["area"], "review");
  // The old copy and its proof record are kept, not overwritten.
  const fs::path kept =
      spool() / ".proofgate" / "history" / second_id / "review" / "blog";
  EXPECT_EQ(ReadFile(kept / "post.md"), failing);
  EXPECT_TRUE(fs::exists(kept / "post.md.proof.json"));
  EXPECT_TRUE(fs::exists(kept / "post.md.proof.html"));
  EXPECT_EQ(LedgerColumn(spool(),
                         "SELECT superseded_by FROM submissions "
                         "WHERE id = '" +
                             first_id + "'"),
            std::vector<std::string>{second_id});
  EXPECT_EQ(LedgerColumn(spool(),
                         "SELECT to_area FROM routing_events WHERE "
                         "submission = '" +
                             first_id + "' ORDER BY seq"),
            (std::vector<std::string>{"review", "history"}));
}

TEST_F(DaemonTest, InvalidRulebookIsRefusedAndPreviousStaysInForce) {
  const fs::path rules = dir_.path() / "rules";
  const std::string valid =
      "name: house\nversion: \"1\"\nchecks:\n"
      "  headings: {}\n";
  WriteFile(rules / "house.yaml", valid);
  Start({"--rules", rules.string()});

  // Changed on disk while running: refused, with file:line:col.
  WriteFile(rules / "house.yaml",
            "name: house\nversion: \"2\"\nchecks:\n  no-such-check: {}\n");
  ASSERT_TRUE(WaitFor([&] {
    return Contains(
        daemon_->Log(),
        "rulebook refused: " + (rules / "house.yaml").string() + ":4:");
  })) << daemon_->Log();
  WriteFile(inbox() / "a.md", "# A\n");
  ASSERT_TRUE(WaitRouted("a.md"));
  EXPECT_EQ(FindRouted(spool(), "a.md").record["rulebook"]["version"], "1");

  // SIGHUP with the file still invalid: refused again.
  daemon_->Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] {
    const std::string log = daemon_->Log();
    return log.find("rulebook refused", log.find("SIGHUP")) !=
           std::string::npos;
  })) << daemon_->Log();

  // Fixed: the new version applies to the next draft.
  WriteFile(rules / "house.yaml",
            "name: house\nversion: \"2\"\nchecks:\n  headings: {}\n");
  ASSERT_TRUE(WaitFor([&] {
    return Contains(daemon_->Log(),
                    "rulebooks in force from " + rules.string() + ": house 2");
  })) << daemon_->Log();
  WriteFile(inbox() / "b.md", "# B\n");
  ASSERT_TRUE(WaitRouted("b.md"));
  EXPECT_EQ(FindRouted(spool(), "b.md").record["rulebook"]["version"], "2");
  EXPECT_EQ(Stop(), 0);
}

TEST_F(DaemonTest, SigtermDrainsInFlightDraftsAndExitsZero) {
  // Dropped before the start so the daemon is busy when SIGTERM arrives.
  PROOFGATE_REQUIRE_CORPUS();
  const std::vector<std::string> drafts = CorpusDrafts(200);
  for (const std::string& rel : drafts) {
    WriteFile(inbox() / rel, ReadFile(fs::path(CorpusDir()) / rel));
  }
  Start();
  ASSERT_TRUE(WaitFor([&] {
    return !FilesBelow(spool() / "ready").empty() ||
           !FilesBelow(spool() / "review").empty();
  }));
  ASSERT_EQ(Stop(), 0) << daemon_->Log();
  EXPECT_TRUE(Contains(daemon_->Log(), "SIGTERM: draining"));
  EXPECT_TRUE(Contains(daemon_->Log(), "drained"));
  // Nothing half-done: every draft is either still waiting in inbox/ or
  // routed with its proof record and ledger row.
  EXPECT_TRUE(FilesBelow(spool() / ".proofgate" / "processing").empty());
  const std::set<std::string> rows = LedgerRows();
  size_t routed = 0;
  for (const std::string& rel : drafts) {
    if (fs::exists(inbox() / rel)) {
      EXPECT_EQ(FindRouted(spool(), rel).copies, 0) << rel;
      continue;
    }
    ExpectIntact(rel, rows);
    ++routed;
  }
  EXPECT_EQ(rows.size(), routed);
  // Drafts the stop left in inbox/ (how many depends on the machine's
  // speed) are routed by the next start.
  std::cout << routed << " of " << drafts.size()
            << " drafts routed before the stop\n";
  Start();
  for (const std::string& rel : drafts) {
    ASSERT_TRUE(WaitRouted(rel)) << rel;
  }
  EXPECT_EQ(Stop(), 0);
}

TEST_F(DaemonTest, SigintStopsLikeSigterm) {
  Start();
  WriteFile(inbox() / "a.md", "# A\n");
  ASSERT_TRUE(WaitRouted("a.md"));
  daemon_->Signal(SIGINT);
  EXPECT_EQ(daemon_->Wait(), 0);
  EXPECT_TRUE(Contains(daemon_->Log(), "SIGINT: draining"));
}

TEST_F(DaemonTest, SymlinksAndFifosAreNotFollowedOrClaimed) {
  const fs::path outside = dir_.path() / "secret.md";
  WriteFile(outside, "# Not a draft of the inbox\n");
  Start();
  fs::create_symlink(outside, inbox() / "link.md");
  ASSERT_EQ(::mkfifo((inbox() / "pipe.md").c_str(), 0644), 0);
  WriteFile(inbox() / "marker.md", "# Marker\n");
  ASSERT_TRUE(WaitRouted("marker.md")) << daemon_->Log();
  // A moment for the link and the pipe, announced before the marker.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(fs::is_symlink(inbox() / "link.md"));
  EXPECT_TRUE(fs::is_fifo(inbox() / "pipe.md"));
  EXPECT_EQ(FindRouted(spool(), "link.md").copies, 0);
  EXPECT_EQ(FindRouted(spool(), "pipe.md").copies, 0);
  EXPECT_EQ(ReadFile(outside), "# Not a draft of the inbox\n");
  EXPECT_EQ(Stop(), 0);
}

// A draft whose name a file or folder in its area already takes cannot be
// routed: it waits in processing/ (never lost, nothing else moved) and is
// routed once the name is free, ahead of any newer submission of it.
TEST_F(DaemonTest, NameTakenInTheAreaWaitsAndIsRetried) {
  const std::string draft = "# A draft\n\nText.\n";
  // A file where the draft's folder must go, in both areas.
  WriteFile(spool() / "ready" / "team", "not a folder");
  WriteFile(spool() / "review" / "team", "not a folder");
  // A folder of routed drafts where a draft of the same name must go.
  WriteFile(spool() / "ready" / "notes" / "kept.md", "# Kept\n");
  WriteFile(spool() / "review" / "notes" / "kept.md", "# Kept\n");
  Start();
  WriteFile(inbox() / "team" / "post.md", draft);
  WriteFile(inbox() / "notes", draft);
  ASSERT_TRUE(WaitFor([&] {
    const std::string log = daemon_->Log();
    return Contains(log, "team/post.md: submission") &&
           Contains(log, "notes: submission");
  })) << daemon_->Log();
  const std::vector<std::string> waiting =
      FilesBelow(spool() / ".proofgate" / "processing");
  const auto claimed = [&](const std::string& encoded) {
    return std::count_if(waiting.begin(), waiting.end(), [&](auto& name) {
      return name.size() > encoded.size() &&
             name.compare(name.size() - encoded.size(), encoded.size(),
                          encoded) == 0;
    });
  };
  EXPECT_EQ(claimed("=team%2Fpost.md"), 1) << ::testing::PrintToString(waiting);
  EXPECT_EQ(claimed("=notes"), 1) << ::testing::PrintToString(waiting);
  EXPECT_EQ(ReadFile(spool() / "ready" / "notes" / "kept.md"), "# Kept\n");
  EXPECT_TRUE(FilesBelow(spool() / ".proofgate" / "history").empty());
  // A newer submission of the same path waits behind the unfinished one:
  // still in inbox/ after the older one's next retry has failed again.
  WriteFile(inbox() / "team" / "post.md", draft + "\nNewer.\n");
  ASSERT_TRUE(WaitFor([&] {
    std::istringstream lines(daemon_->Log());
    for (std::string line; std::getline(lines, line);) {
      if (Contains(line, "team/post.md: submission") &&
          Contains(line, "is retried in 2 s")) {
        return true;
      }
    }
    return false;
  })) << daemon_->Log();
  EXPECT_TRUE(fs::exists(inbox() / "team" / "post.md"));

  // The operator frees the names; the retries route both, then the newer
  // submission supersedes the older one.
  fs::remove(spool() / "ready" / "team");
  fs::remove(spool() / "review" / "team");
  fs::rename(spool() / "ready" / "notes", spool() / "ready" / "notes-old");
  fs::rename(spool() / "review" / "notes", spool() / "review" / "notes-old");
  ASSERT_TRUE(WaitRouted("notes")) << daemon_->Log();
  ASSERT_TRUE(WaitFor([&] {
    const Routed r = FindRouted(spool(), "team/post.md");
    return r.copies == 1 && r.record.is_object() &&
           r.record.contains("supersedes") &&
           ReadFile(spool() / r.area / "team/post.md") == draft + "\nNewer.\n";
  })) << daemon_->Log();
  ASSERT_EQ(Stop(), 0);
  const std::set<std::string> rows = LedgerRows();
  ExpectIntact("notes", rows);
  ExpectIntact("team/post.md", rows);
  EXPECT_EQ(ReadFile(spool() / "ready" / "notes-old" / "kept.md"), "# Kept\n");
  EXPECT_TRUE(FilesBelow(spool() / ".proofgate" / "processing").empty());
  EXPECT_EQ(rows.size(), 3u);
}

}  // namespace
}  // namespace proofgate::testing

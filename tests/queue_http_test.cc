// The exception queue over HTTP: the real `proofgate run` binary on a
// temporary spool, a real HTTP client (libcurl) to 127.0.0.1 only.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include "daemon/text/percent_encode.h"
#include "daemon/text/timestamp.h"
#include "tests/daemon_process.h"
#include "tests/http_client.h"
#include "tests/test_paths.h"

namespace proofgate::testing {
namespace {

// Front matter every default-rulebook check accepts.
std::string Front(const std::string& title, const std::string& author) {
  return "---\ntitle: " + title +
         "\ndescription: Why we started writing in public, what we plan to "
         "publish, and how to follow along.\nauthor: " +
         author + "\n---\n\n";
}
// Line 8 skips from H1-by-title to H4: headings/skipped-level.
const std::string kFailingBody = "Intro paragraph.\n\n#### Too deep\n";
constexpr int kFailingLine = 9;

class QueueHttpTest : public ::testing::Test {
 protected:
  fs::path spool() const { return dir_.path() / "spool"; }
  fs::path inbox() const { return spool() / "inbox"; }

  void Start(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"--spool", spool().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    daemon_ = std::make_unique<DaemonProcess>(args, dir_.path() / "daemon.log");
    ASSERT_TRUE(WaitFor([&] {
      return !QueueUrl(daemon_->Log()).empty() ||
             daemon_->Wait(std::chrono::milliseconds(0)).has_value();
    })) << daemon_->Log();
    url_ = QueueUrl(daemon_->Log());
    ASSERT_FALSE(url_.empty()) << daemon_->Log();
    // A daemon on every address is reached on loopback, as every test
    // request must be.
    const std::string any = "http://0.0.0.0:";
    if (url_.rfind(any, 0) == 0) {
      url_ = "http://127.0.0.1:" + url_.substr(any.size());
    }
    ASSERT_EQ(url_.rfind("http://127.0.0.1:", 0), 0u) << url_;
  }

  // "127.0.0.1:PORT", as a client names the daemon in Host.
  std::string HostPort() const {
    return url_.substr(7, url_.size() - 8);  // between "http://" and "/"
  }

  // Drops `bytes` as inbox/`rel` and waits until it is routed.
  Routed Submit(const std::string& rel, const std::string& bytes) {
    const nlohmann::json old = FindRouted(spool(), rel).record;
    const std::string before =
        old.is_object() ? old.value("submission", "") : std::string();
    WriteFile(inbox() / rel, bytes);
    EXPECT_TRUE(WaitFor([&] {
      const Routed r = FindRouted(spool(), rel);
      return r.copies == 1 && r.record.is_object() &&
             r.record.value("submission", "") != before &&
             FilesBelow(spool() / ".proofgate" / "processing").empty();
    })) << daemon_->Log();
    return FindRouted(spool(), rel);
  }

  nlohmann::json Queue(const std::string& query = "") {
    const HttpReply r = Http("GET", url_ + "api/queue" + query);
    EXPECT_EQ(r.status, 200) << r.error << r.body;
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  HttpReply Decide(const std::string& id, const nlohmann::json& body,
                   const std::string& csrf) {
    return PostUntilRouted(
        url_ + "api/drafts/" + id + "/decision", body.dump(),
        {"Content-Type: application/json", "X-CSRF-Token: " + csrf});
  }

  static bool Contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
  }

  TempDir dir_;
  std::unique_ptr<DaemonProcess> daemon_;
  std::string url_;
};

TEST_F(QueueHttpTest, QueueListsDraftsNeedingJudgmentOldestFirst) {
  Start();
  const Routed a = Submit(
      "a-first.md", Front("The first failing draft", "Ann Lee") + kFailingBody);
  ASSERT_EQ(a.area, "review");
  const Routed b =
      Submit("blog/b-second.md",
             Front("The second failing draft", "Bo Chen") + kFailingBody);
  ASSERT_EQ(b.area, "review");
  const Routed ok = Submit(
      "fine.md", Front("A draft that passes", "Cy") + "## Fine\n\nText.\n");
  ASSERT_EQ(ok.area, "ready");

  const nlohmann::json q = Queue();
  ASSERT_TRUE(q.is_object());
  ASSERT_EQ(q["items"].size(), 2u) << q.dump();
  EXPECT_EQ(q["items"][0]["path"], "a-first.md");
  EXPECT_EQ(q["items"][0]["title"], "The first failing draft");
  EXPECT_EQ(q["items"][0]["author"], "Ann Lee");
  EXPECT_EQ(q["items"][0]["verdict"], "fail");
  EXPECT_EQ(q["items"][0]["id"], a.record["submission"]);
  EXPECT_EQ(q["items"][0]["sha256"], a.record["draft"]["sha256"]);
  EXPECT_EQ(q["items"][0]["rules"],
            nlohmann::json::array({"headings/skipped-level"}));
  EXPECT_GE(q["items"][0]["waiting_seconds"].get<long long>(), 0);
  EXPECT_EQ(q["items"][1]["path"], "blog/b-second.md");
  EXPECT_EQ(q["items"][1]["folder"], "blog");
  EXPECT_EQ(q["csrf_token"].get<std::string>().size(), 64u);

  // Filters.
  EXPECT_EQ(Queue("?folder=blog")["items"].size(), 1u);
  EXPECT_EQ(Queue("?verdict=review")["items"].size(), 0u);
  EXPECT_EQ(Queue("?rule=headings%2Fskipped-level")["items"].size(), 2u);
  EXPECT_EQ(Queue("?rule=links/bare-url")["items"].size(), 0u);

  // Pages: `limit` items from `offset`, the whole count in `total`, and
  // `next_offset` while items remain.
  EXPECT_EQ(q["total"], 2);
  EXPECT_FALSE(q.contains("next_offset"));
  const nlohmann::json page1 = Queue("?limit=1");
  ASSERT_EQ(page1["items"].size(), 1u) << page1.dump();
  EXPECT_EQ(page1["items"][0]["path"], "a-first.md");
  EXPECT_EQ(page1["total"], 2);
  EXPECT_EQ(page1["next_offset"], 1);
  const nlohmann::json page2 = Queue("?limit=1&offset=1");
  ASSERT_EQ(page2["items"].size(), 1u) << page2.dump();
  EXPECT_EQ(page2["items"][0]["path"], "blog/b-second.md");
  EXPECT_FALSE(page2.contains("next_offset"));
  EXPECT_EQ(Queue("?offset=5")["items"].size(), 0u);
  EXPECT_EQ(Queue("?folder=blog&limit=1")["total"], 1);
  for (const char* bad : {"?limit=0", "?limit=1001", "?limit=x", "?offset=-1",
                          "?offset=", "?limit=1e3"}) {
    const HttpReply refused = Http("GET", url_ + "api/queue" + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_TRUE(Contains(refused.body, "\"error\"")) << bad << refused.body;
  }

  // The page: one row per draft, oldest first, linking to its proof page.
  const HttpReply page = Http("GET", url_);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  const size_t first = page.body.find("a-first.md");
  const size_t second = page.body.find("blog/b-second.md");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_FALSE(Contains(page.body, "fine.md"));
  EXPECT_TRUE(Contains(page.body,
                       "/drafts/" + a.record["submission"].get<std::string>()));
  EXPECT_TRUE(Contains(page.body, "<script src=\"/assets/queue.js\">"));
  EXPECT_EQ(Http("GET", url_ + "assets/queue.js").status, 200);
  EXPECT_EQ(Http("GET", url_ + "assets/queue.css").status, 200);
  EXPECT_EQ(Http("GET", url_ + "healthz").body, "ok\n");
  EXPECT_EQ(Http("GET", url_ + "nowhere").status, 404);
}

TEST_F(QueueHttpTest, VerdictFilterSeparatesFailingFromLowConfidence) {
  Start();
  const Routed failing =
      Submit("fails.md",
             Front("A draft with a skipped heading", "Ann") + kFailingBody);
  ASSERT_EQ(failing.area, "review");
  ASSERT_EQ(failing.record["verdict"], "fail");
  // An unsourced statistic: a claims finding below routing.min_confidence
  // (0.8), so the draft needs judgment rather than failing.
  const Routed unsure =
      Submit("claims.md", Front("A draft with a bold number", "Bo") +
                              "## Results\n\n73% of teams ship faster.\n");
  ASSERT_EQ(unsure.area, "review") << unsure.record.dump();
  ASSERT_EQ(unsure.record["verdict"], "review") << unsure.record.dump();

  const nlohmann::json all = Queue();
  ASSERT_EQ(all["items"].size(), 2u);
  const nlohmann::json review = Queue("?verdict=review")["items"];
  ASSERT_EQ(review.size(), 1u) << review;
  EXPECT_EQ(review[0]["path"], "claims.md");
  EXPECT_EQ(review[0]["verdict"], "review");
  EXPECT_EQ(review[0]["rules"],
            nlohmann::json::array({"claims/unsupported-statistic"}));
  const nlohmann::json fail = Queue("?verdict=fail")["items"];
  ASSERT_EQ(fail.size(), 1u) << fail;
  EXPECT_EQ(fail[0]["path"], "fails.md");
  EXPECT_EQ(fail[0]["verdict"], "fail");

  // The page filters the same way, and names the verdict for people.
  const HttpReply page = Http("GET", url_ + "?verdict=review");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Contains(page.body, ">claims.md</a>"));
  EXPECT_FALSE(Contains(page.body, ">fails.md</a>"));
  EXPECT_TRUE(Contains(page.body,
                       "<span class=\"verdict review\">needs judgment</span>"));
  EXPECT_TRUE(Contains(page.body, "<option value=\"review\" selected>"));
  const HttpReply failed = Http("GET", url_ + "?verdict=fail");
  EXPECT_TRUE(Contains(failed.body, ">fails.md</a>"));
  EXPECT_FALSE(Contains(failed.body, ">claims.md</a>"));
}

TEST_F(QueueHttpTest, DraftPageShowsFindingsAtTheirLinesAndHistory) {
  Start();
  const std::string rel = "post.md";
  const Routed first =
      Submit(rel, Front("A draft sent twice over", "Ann") + "#### Deep\n");
  const Routed r =
      Submit(rel, Front("A draft sent twice over", "Ann") + kFailingBody);
  ASSERT_EQ(r.area, "review");
  const std::string id = r.record["submission"];
  const HttpReply page = Http("GET", url_ + "drafts/" + id);
  ASSERT_EQ(page.status, 200) << page.body;
  // The finding sits right under its line.
  const size_t line =
      page.body.find("id=\"L" + std::to_string(kFailingLine) + "\"");
  ASSERT_NE(line, std::string::npos) << page.body;
  EXPECT_TRUE(Contains(page.body.substr(line - 30, 40), "line hit"));
  const size_t finding = page.body.find("headings/skipped-level", line);
  ASSERT_NE(finding, std::string::npos);
  // The finding's exact range is highlighted in its line, and the line is
  // not repeated under it as evidence.
  EXPECT_TRUE(
      Contains(page.body.substr(line, finding - line), "<mark class=\"hl\">"))
      << page.body.substr(line, 600);
  EXPECT_FALSE(Contains(page.body, "Evidence:"));
  EXPECT_EQ(
      page.body.find("id=\"L" + std::to_string(kFailingLine + 1) + "\"", line),
      std::string::npos);  // the last line: nothing between
  // Checks that passed, rulebook, sha256, the decision form.
  EXPECT_TRUE(Contains(
      page.body, "<strong>metadata</strong> <span class=\"status passed\">"));
  EXPECT_TRUE(Contains(page.body, "default version 3"));
  EXPECT_TRUE(
      Contains(page.body, r.record["draft"]["sha256"].get<std::string>()));
  EXPECT_TRUE(Contains(page.body, "name=\"csrf\""));
  EXPECT_TRUE(Contains(page.body, "value=\"approve\""));
  // History: both submissions, newest first, each with the area it was
  // routed to (the earlier one went to review/ too; superseded, its files
  // now lie in .proofgate/history/, which the new record names).
  const std::string first_id = first.record["submission"];
  const size_t this_one = page.body.find(id + "</code> (this one)");
  const size_t earlier = page.body.find(first_id + "</a></code></td>");
  ASSERT_NE(this_one, std::string::npos) << page.body;
  ASSERT_NE(earlier, std::string::npos) << page.body;
  EXPECT_LT(this_one, earlier);
  EXPECT_TRUE(Contains(page.body.substr(earlier, 120), "<td>review/</td>"));

  const HttpReply api = Http("GET", url_ + "api/drafts/" + id);
  ASSERT_EQ(api.status, 200);
  const nlohmann::json j = nlohmann::json::parse(api.body);
  EXPECT_EQ(j["item"]["path"], rel);
  EXPECT_EQ(j["record"]["submission"], id);
  EXPECT_EQ(j["text"], ReadFile(spool() / "review" / rel));
  ASSERT_EQ(j["history"].size(), 2u);
  EXPECT_EQ(j["history"][0]["submission"], id);
  EXPECT_EQ(j["history"][0]["area"], "review");
  // "area" is where a submission was routed, not where its files are now.
  EXPECT_EQ(j["history"][1]["submission"], first_id);
  EXPECT_EQ(j["history"][1]["area"], "review");
  EXPECT_FALSE(j["history"][1].contains("decision"));
  // The superseded version keeps its page, read-only, naming its successor.
  const HttpReply old = Http("GET", url_ + "drafts/" + first_id);
  ASSERT_EQ(old.status, 200) << old.body;
  EXPECT_TRUE(Contains(old.body, "Superseded by <a href=\"/drafts/" + id))
      << old.body;
  EXPECT_FALSE(Contains(old.body, "name=\"csrf\""));
  EXPECT_EQ(nlohmann::json::parse(
                Http("GET", url_ + "api/drafts/" + first_id).body)["area"],
            "history");
  EXPECT_EQ(j["record"]["supersedes"]["submission"], first_id);
  EXPECT_EQ(j["record"]["supersedes"]["area"], "review");
  const fs::path moved = spool() / ".proofgate" / "history" / id / "review" /
                         (rel + ".proof.json");
  ASSERT_TRUE(fs::exists(moved));
  EXPECT_EQ(nlohmann::json::parse(ReadFile(moved))["submission"], first_id);
}

TEST_F(QueueHttpTest, ApproveMovesDraftToReadyWithDecisionRecorded) {
  Start();
  const Routed r = Submit(
      "docs/ok.md", Front("A draft an editor approves", "Ann") + kFailingBody);
  ASSERT_EQ(r.area, "review");
  const std::string id = r.record["submission"];
  const std::string csrf = Queue()["csrf_token"];
  const HttpReply reply =
      Decide(id,
             {{"decision", "approve"},
              {"reason", "H4 is intended: it quotes the spec's numbering"},
              {"editor", "Dana Editor"},
              {"sha256", r.record["draft"]["sha256"]}},
             csrf);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const nlohmann::json j = nlohmann::json::parse(reply.body);
  EXPECT_EQ(j["area"], "ready");

  EXPECT_FALSE(fs::exists(spool() / "review" / "docs/ok.md"));
  EXPECT_FALSE(fs::exists(spool() / "review" / "docs/ok.md.proof.json"));
  const Routed now = FindRouted(spool(), "docs/ok.md");
  ASSERT_EQ(now.area, "ready");
  EXPECT_EQ(now.record["submission"], id);
  EXPECT_EQ(now.record["decision"]["decision"], "approve");
  EXPECT_EQ(now.record["decision"]["editor"], "Dana Editor");
  EXPECT_EQ(now.record["decision"]["reason"],
            "H4 is intended: it quotes the spec's numbering");
  EXPECT_EQ(now.record["decision"]["overrides"],
            nlohmann::json::array({"headings/skipped-level"}));
  EXPECT_TRUE(ParseRfc3339Utc(now.record["decision"]["at"].get<std::string>()));
  EXPECT_TRUE(Contains(ReadFile(spool() / "ready" / "docs/ok.md.proof.html"),
                       "Dana Editor"));
  EXPECT_EQ(LedgerColumn(spool(),
                         "SELECT decision || '|' || editor || '|' || "
                         "path FROM decisions"),
            std::vector<std::string>{"approve|Dana Editor|docs/ok.md"});
  EXPECT_EQ(LedgerColumn(spool(),
                         "SELECT from_area || '>' || to_area FROM "
                         "routing_events WHERE submission = '" +
                             id + "' AND from_area IS NOT NULL"),
            std::vector<std::string>{"review>ready"});
  EXPECT_EQ(Queue()["items"].size(), 0u);
  // The record says where the draft is now and keeps the verdict.
  EXPECT_EQ(now.record["area"], "ready");
  EXPECT_EQ(now.record["route"], "review");
  EXPECT_EQ(now.record["verdict"], "fail");
  // Its page stays, read-only, headed by the decision.
  const HttpReply decided = Http("GET", url_ + "drafts/" + id);
  ASSERT_EQ(decided.status, 200) << decided.body;
  const size_t heading = decided.body.find(
      "id=\"decided\">approved by Dana "
      "Editor, ");
  ASSERT_NE(heading, std::string::npos) << decided.body;
  EXPECT_LT(heading, decided.body.find("id=\"verdict\""));
  EXPECT_TRUE(Contains(decided.body, "UTC: moved to ready/"));
  EXPECT_TRUE(Contains(decided.body, "In ready/. This page is read-only"));
  EXPECT_FALSE(Contains(decided.body, "name=\"csrf\""));
  // The recent decisions page lists it, linking to that page.
  const HttpReply recent = Http("GET", url_ + "decisions");
  ASSERT_EQ(recent.status, 200);
  EXPECT_TRUE(
      Contains(recent.body, "<a href=\"/drafts/" + id + "\">docs/ok.md</a>"))
      << recent.body;
  EXPECT_TRUE(Contains(recent.body, "approved by Dana Editor, "));
  // Deciding again: the draft is no longer in the queue.
  const HttpReply again = Decide(id,
                                 {{"decision", "return"},
                                  {"reason", "again"},
                                  {"editor", "Dana"},
                                  {"sha256", r.record["draft"]["sha256"]}},
                                 csrf);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(FindRouted(spool(), "docs/ok.md").area, "ready");
  ASSERT_EQ(daemon_->Wait(std::chrono::milliseconds(0)), std::nullopt);
  daemon_->Signal(SIGTERM);
  EXPECT_EQ(daemon_->Wait(), 0);
}

// The queue reads the ledger's index; a ledger whose index lost a row (or
// one from before the index) gets it back from review/ at the next start.
TEST_F(QueueHttpTest, TheQueueIndexIsFilledFromReviewAtStart) {
  Start();
  const Routed r =
      Submit("kept.md", Front("A draft that waits", "Ann") + kFailingBody);
  ASSERT_EQ(r.area, "review");
  const std::string id = r.record["submission"];
  const nlohmann::json before = Queue();
  ASSERT_EQ(before["items"].size(), 1u);
  EXPECT_FALSE(before["items"][0]["node"].get<std::string>().empty());
  EXPECT_EQ(LedgerColumn(spool(), "SELECT submission FROM review_queue"),
            std::vector<std::string>{id});
  daemon_->Signal(SIGTERM);
  ASSERT_EQ(daemon_->Wait(), 0);

  sqlite3* db = nullptr;
  ASSERT_EQ(
      sqlite3_open((spool() / ".proofgate" / "ledger.sqlite").c_str(), &db),
      SQLITE_OK);
  EXPECT_EQ(
      sqlite3_exec(db, "DELETE FROM review_queue", nullptr, nullptr, nullptr),
      SQLITE_OK);
  sqlite3_close(db);
  EXPECT_TRUE(
      LedgerColumn(spool(), "SELECT submission FROM review_queue").empty());

  fs::remove(dir_.path() / "daemon.log");  // Start() reads the URL from it
  Start();
  const nlohmann::json after = Queue();
  ASSERT_EQ(after["items"].size(), 1u) << after.dump();
  EXPECT_EQ(after["items"][0]["id"], id);
  EXPECT_EQ(after["items"][0]["title"], "A draft that waits");
  EXPECT_EQ(after["items"][0]["node"], before["items"][0]["node"]);
  daemon_->Signal(SIGTERM);
  EXPECT_EQ(daemon_->Wait(), 0);
}

TEST_F(QueueHttpTest, FormReturnToWriterRedirectsAndTwiceKeepsHistory) {
  Start();
  const HttpReply home = Http("GET", url_);
  std::string csrf;
  std::vector<std::string> ids;
  for (int round = 0; round < 2; ++round) {
    const Routed r =
        Submit("ret.md", Front("A draft returned to its writer", "Ann") +
                             kFailingBody + std::string(round, '\n'));
    ASSERT_EQ(r.area, "review");
    const std::string id = r.record["submission"];
    const HttpReply page = Http("GET", url_ + "drafts/" + id);
    const size_t at = page.body.find("name=\"csrf\" value=\"");
    ASSERT_NE(at, std::string::npos);
    csrf = page.body.substr(at + 19, 64);
    const std::string form =
        "csrf=" + csrf +
        "&sha256=" + r.record["draft"]["sha256"].get<std::string>() +
        "&reason=" + PercentEncodeComponent("Needs a proper outline & an H2") +
        "&editor=Dana+Editor&decision=return";
    const HttpReply reply =
        PostUntilRouted(url_ + "drafts/" + id + "/decision", form,
                        {"Content-Type: application/x-www-form-urlencoded"});
    ASSERT_EQ(reply.status, 303) << reply.body;
    EXPECT_EQ(reply.header("location"), "/?decided=" + id);
    ids.push_back(id);
    EXPECT_TRUE(fs::exists(spool() / "returned" / "ret.md"));
    EXPECT_FALSE(fs::exists(spool() / "review" / "ret.md"));
    const nlohmann::json record = nlohmann::json::parse(
        ReadFile(spool() / "returned" / "ret.md.proof.json"));
    EXPECT_EQ(record["submission"], id);
    EXPECT_EQ(record["decision"]["reason"], "Needs a proper outline & an H2");
    EXPECT_EQ(record["decision"]["editor"], "Dana Editor");
    EXPECT_EQ(record["decision"]["overrides"], nlohmann::json::array());
  }
  // The first return moved to history when the second arrived.
  EXPECT_EQ(LedgerColumn(spool(), "SELECT COUNT(*) FROM decisions"),
            std::vector<std::string>{"2"});
  bool in_history = false;
  for (const std::string& f : FilesBelow(spool() / ".proofgate" / "history")) {
    if (f.find("/returned/ret.md.proof.json") != std::string::npos)
      in_history = true;
  }
  EXPECT_TRUE(in_history);
  // The notice after the redirect says what the ledger holds for the id.
  ASSERT_EQ(ids.size(), 2u);
  for (const std::string& id : ids) {
    const HttpReply notice = Http("GET", url_ + "?decided=" + id + "&to=ready");
    EXPECT_TRUE(Contains(notice.body,
                         "<p class=\"notice\" id=\"notice\">Decision applied: "
                         "ret.md returned by Dana Editor, "))
        << notice.body;
    EXPECT_TRUE(Contains(notice.body, " UTC: moved to returned/.</p>"))
        << notice.body;
  }
  // A link cannot make it announce anything else: text, paths, ids of
  // submissions without a decision, ids that do not exist show none.
  const std::string undecided =
      Submit("open.md",
             Front("A draft nobody decided yet", "Ann") + kFailingBody)
          .record["submission"];
  for (const std::string& query :
       {std::string("?decided=ret.md&to=returned"),
        "?decided=" + PercentEncodeComponent("Your account was deleted") +
            "&to=x",
        "?decided=" + undecided, std::string("?decided=1-2-3"),
        "?decided=" + PercentEncodeComponent(ids[0] + " moved to ready")}) {
    const HttpReply page = Http("GET", url_ + query);
    EXPECT_EQ(page.status, 200) << query;
    EXPECT_FALSE(Contains(page.body, "class=\"notice\"")) << query;
    EXPECT_FALSE(Contains(page.body, "Decision applied")) << query;
  }
}

TEST_F(QueueHttpTest, DecisionOnAChangedVersionIsRefused) {
  Start();
  const Routed r = Submit(
      "stale.md", Front("A draft that changes under us", "Ann") + kFailingBody);
  const std::string id = r.record["submission"];
  const std::string sha = r.record["draft"]["sha256"];
  const std::string csrf = Queue()["csrf_token"];
  // A sha256 that is not the version in review/.
  const HttpReply wrong = Decide(id,
                                 {{"decision", "approve"},
                                  {"reason", "fine"},
                                  {"editor", "Dana"},
                                  {"sha256", std::string(64, 'a')}},
                                 csrf);
  EXPECT_EQ(wrong.status, 409) << wrong.body;
  EXPECT_TRUE(Contains(wrong.body, "changed since")) << wrong.body;
  EXPECT_EQ(FindRouted(spool(), "stale.md").area, "review");

  // The draft is resubmitted: the old id and sha256 decide nothing.
  const Routed again =
      Submit("stale.md", Front("A draft that changes under us", "Ann") +
                             kFailingBody + "\nMore.\n");
  ASSERT_NE(again.record["submission"], id);
  const HttpReply old = Decide(id,
                               {{"decision", "approve"},
                                {"reason", "fine"},
                                {"editor", "Dana"},
                                {"sha256", sha}},
                               csrf);
  EXPECT_EQ(old.status, 409) << old.body;
  EXPECT_TRUE(Contains(old.body, "resubmitted")) << old.body;
  // The new id with the old sha256 is refused too.
  const HttpReply mixed = Decide(again.record["submission"],
                                 {{"decision", "approve"},
                                  {"reason", "fine"},
                                  {"editor", "Dana"},
                                  {"sha256", sha}},
                                 csrf);
  EXPECT_EQ(mixed.status, 409) << mixed.body;
  const Routed after = FindRouted(spool(), "stale.md");
  EXPECT_EQ(after.area, "review");
  EXPECT_FALSE(after.record.contains("decision"));
  EXPECT_TRUE(LedgerColumn(spool(), "SELECT * FROM decisions").empty());

  // Invalid decisions: 400 and nothing moves.
  for (const nlohmann::json& bad :
       {nlohmann::json{{"decision", "publish"},
                       {"reason", "x"},
                       {"editor", "D"},
                       {"sha256", sha}},
        nlohmann::json{{"decision", "approve"},
                       {"reason", "  "},
                       {"editor", "D"},
                       {"sha256", sha}},
        nlohmann::json{
            {"decision", "approve"}, {"reason", "x"}, {"sha256", sha}}}) {
    EXPECT_EQ(Decide(again.record["submission"], bad, csrf).status, 400) << bad;
  }
  EXPECT_EQ(
      Http("POST",
           url_ + "api/drafts/" +
               again.record["submission"].get<std::string>() + "/decision",
           "not json", {"X-CSRF-Token: " + csrf})
          .status,
      400);
  EXPECT_EQ(FindRouted(spool(), "stale.md").area, "review");
}

TEST_F(QueueHttpTest, DecisionsNeedTheCsrfTokenAndTheSameOrigin) {
  Start();
  const Routed r = Submit(
      "csrf.md", Front("A draft an attacker targets", "Ann") + kFailingBody);
  const std::string id = r.record["submission"];
  const nlohmann::json body = {{"decision", "approve"},
                               {"reason", "forged"},
                               {"editor", "Mallory"},
                               {"sha256", r.record["draft"]["sha256"]}};
  EXPECT_EQ(Http("POST", url_ + "api/drafts/" + id + "/decision", body.dump(),
                 {"Content-Type: application/json"})
                .status,
            403);
  EXPECT_EQ(Decide(id, body, std::string(64, '0')).status, 403);
  const std::string form =
      "csrf=&sha256=" + r.record["draft"]["sha256"].get<std::string>() +
      "&reason=forged&editor=M&decision=approve";
  EXPECT_EQ(Http("POST", url_ + "drafts/" + id + "/decision", form,
                 {"Content-Type: application/x-www-form-urlencoded"})
                .status,
            403);
  // Even with the token, a page of another origin is refused.
  const std::string csrf = Queue()["csrf_token"];
  EXPECT_EQ(Http("POST", url_ + "api/drafts/" + id + "/decision", body.dump(),
                 {"X-CSRF-Token: " + csrf, "Origin: http://evil.example"})
                .status,
            403);
  // Decisions are POSTs only.
  EXPECT_EQ(Http("GET", url_ + "api/drafts/" + id + "/decision").status, 405);
  EXPECT_EQ(FindRouted(spool(), "csrf.md").area, "review");
  EXPECT_TRUE(LedgerColumn(spool(), "SELECT * FROM decisions").empty());
}

TEST_F(QueueHttpTest, WithoutATokenOnlyLoopbackHostNamesAreServed) {
  Start();
  const Routed r =
      Submit("rebind.md",
             Front("A draft a rebinding page targets", "Ann") + kFailingBody);
  ASSERT_EQ(r.area, "review");
  const std::string id = r.record["submission"];
  const std::string port_only = HostPort().substr(HostPort().rfind(':') + 1);
  const std::string csrf = Queue()["csrf_token"];
  // A page on attacker.example whose name now resolves to 127.0.0.1: its
  // requests reach the daemon naming attacker.example, with a matching
  // Origin. The client still connects to 127.0.0.1 only.
  for (const std::string& host :
       {"attacker.example:" + port_only, std::string("attacker.example"),
        "127.0.0.1.attacker.example:" + port_only,
        "localhost.attacker.example:" + port_only}) {
    for (const char* target : {"", "api/queue", "metrics", "assets/queue.js"}) {
      const HttpReply reply = Http("GET", url_ + target, "", {"Host: " + host});
      EXPECT_EQ(reply.status, 421) << host << " /" << target;
      EXPECT_TRUE(Contains(reply.body, "http.allowed_hosts")) << reply.body;
      EXPECT_FALSE(Contains(reply.body, csrf));
    }
    const HttpReply post =
        Http("POST", url_ + "api/drafts/" + id + "/decision",
             nlohmann::json{{"decision", "approve"},
                            {"reason", "rebound"},
                            {"editor", "Mallory"},
                            {"sha256", r.record["draft"]["sha256"]}}
                 .dump(),
             {"Host: " + host, "Origin: http://" + host,
              "X-CSRF-Token: " + csrf, "Content-Type: application/json"});
    EXPECT_EQ(post.status, 421) << host;
  }
  // No Host header at all (HTTP/1.1 requires one) is refused too.
  EXPECT_EQ(Http("GET", url_ + "api/queue", "", {"Host:"}).status, 421);
  // The daemon's own names, with or without the port, in any case.
  for (const std::string& host :
       {HostPort(), "localhost:" + port_only, std::string("LocalHost"),
        std::string("127.0.0.1"), "127.9.8.7:" + port_only,
        "[::1]:" + port_only}) {
    EXPECT_EQ(Http("GET", url_ + "api/queue", "", {"Host: " + host}).status,
              200)
        << host;
  }
  // /healthz answers every name: it tells nothing.
  EXPECT_EQ(
      Http("GET", url_ + "healthz", "", {"Host: attacker.example"}).status,
      200);
  // Origin: the page's origin must be this host, over http or https (a TLS
  // proxy); "null" and other hosts are refused.
  const nlohmann::json bad_body = {{"decision", "bogus"}};
  for (const std::string& origin :
       {std::string("null"), "http://attacker.example:" + port_only,
        "http://localhost:" + port_only}) {
    EXPECT_EQ(
        Http("POST", url_ + "api/drafts/" + id + "/decision", bad_body.dump(),
             {"Origin: " + origin, "X-CSRF-Token: " + csrf})
            .status,
        403)
        << origin;
  }
  // The same-origin ones pass the check and reach the decision (which is
  // invalid: 400, nothing moves).
  for (const std::string& origin :
       {"http://" + HostPort(), "https://" + HostPort()}) {
    EXPECT_EQ(
        Http("POST", url_ + "api/drafts/" + id + "/decision", bad_body.dump(),
             {"Origin: " + origin, "X-CSRF-Token: " + csrf})
            .status,
        400)
        << origin;
  }
  EXPECT_EQ(FindRouted(spool(), "rebind.md").area, "review");
  EXPECT_TRUE(LedgerColumn(spool(), "SELECT * FROM decisions").empty());
}

TEST_F(QueueHttpTest, AllowedHostsServeAReverseProxysName) {
  const fs::path config = dir_.path() / "proofgate.yaml";
  WriteFile(config, "http:\n  allowed_hosts: [queue.example.internal]\n");
  Start({"--config", config.string()});
  const Routed r =
      Submit("proxied.md",
             Front("A draft decided through a proxy", "Ann") + kFailingBody);
  ASSERT_EQ(r.area, "review");
  const std::string host = "Host: queue.example.internal";
  EXPECT_EQ(Http("GET", url_ + "api/queue", "", {host}).status, 200);
  EXPECT_EQ(Http("GET", url_, "", {"Host: Queue.Example.Internal:443"}).status,
            200);
  EXPECT_EQ(Http("GET", url_, "", {"Host: other.example.internal"}).status,
            421);
  EXPECT_EQ(Http("GET", url_, "", {"Host: 127.0.0.1"}).status, 200);
  // A TLS proxy passes the name on; the browser's Origin is https.
  const nlohmann::json q = Queue();
  const HttpReply reply = PostUntilRouted(
      url_ + "api/drafts/" + r.record["submission"].get<std::string>() +
          "/decision",
      nlohmann::json{{"decision", "approve"},
                     {"reason", "Fine behind the proxy"},
                     {"editor", "Dana"},
                     {"sha256", r.record["draft"]["sha256"]}}
          .dump(),
      {host, "Origin: https://queue.example.internal",
       "X-CSRF-Token: " + q["csrf_token"].get<std::string>(),
       "Content-Type: application/json"});
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(FindRouted(spool(), "proxied.md").area, "ready");
}

TEST_F(QueueHttpTest, OnEveryAddressTheTokenGuardsReadsAndDecisions) {
  const std::string token = "0ff-loopback-token-9f8e7d6c5b4a";
  WriteFile(dir_.path() / "token", token + "\n");
  const fs::path config = dir_.path() / "proofgate.yaml";
  WriteFile(config,
            "http:\n  token_file: " + (dir_.path() / "token").string() + "\n");
  Start({"--config", config.string(), "--listen", "0.0.0.0:0"});
  ASSERT_TRUE(Contains(daemon_->Log(),
                       "serving the exception queue on http://0.0.0.0:"))
      << daemon_->Log();
  const Routed r = Submit(
      "lan/shared.md",
      Front("A draft an editor decides over the LAN", "Ann") + kFailingBody);
  ASSERT_EQ(r.area, "review");
  const std::string id = r.record["submission"];
  const std::string bearer = "Authorization: Bearer " + token;

  // Reads: no token and a wrong one are 401; the right one is 200.
  EXPECT_EQ(Http("GET", url_ + "api/queue").status, 401);
  EXPECT_EQ(Http("GET", url_ + "api/queue", "",
                 {"Authorization: Bearer " + token + "x"})
                .status,
            401);
  EXPECT_EQ(Http("GET", url_ + "api/queue", "",
                 {"Cookie: proofgate_token=" + std::string(token.size(), 'a')})
                .status,
            401);
  EXPECT_EQ(Http("GET", url_ + "drafts/" + id).status, 401);
  const HttpReply listed = Http("GET", url_ + "api/queue", "", {bearer});
  ASSERT_EQ(listed.status, 200) << listed.body;
  const nlohmann::json q = nlohmann::json::parse(listed.body);
  ASSERT_EQ(q["items"].size(), 1u);
  EXPECT_EQ(q["items"][0]["id"], id);
  const std::string csrf = q["csrf_token"];
  // With a token, the daemon is reached by names it cannot know (a LAN
  // name or address): any Host is served.
  EXPECT_EQ(Http("GET", url_ + "api/queue", "",
                 {bearer, "Host: editors-box.lan:8686"})
                .status,
            200);
  EXPECT_EQ(Http("GET", url_ + "api/queue", "", {"Host: editors-box.lan:8686"})
                .status,
            401);

  // Decisions need the token and the CSRF token.
  const nlohmann::json body = {{"decision", "approve"},
                               {"reason", "Checked on the shared screen"},
                               {"editor", "Dana"},
                               {"sha256", r.record["draft"]["sha256"]}};
  const std::string target = url_ + "api/drafts/" + id + "/decision";
  EXPECT_EQ(Http("POST", target, body.dump(),
                 {"X-CSRF-Token: " + csrf, "Content-Type: application/json"})
                .status,
            401);
  EXPECT_EQ(Http("POST", target, body.dump(),
                 {bearer, "Content-Type: application/json"})
                .status,
            403);
  EXPECT_EQ(FindRouted(spool(), "lan/shared.md").area, "review");
  const HttpReply decided = PostUntilRouted(
      target, body.dump(),
      {bearer, "X-CSRF-Token: " + csrf, "Content-Type: application/json"});
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(nlohmann::json::parse(decided.body)["area"], "ready");
  EXPECT_EQ(FindRouted(spool(), "lan/shared.md").area, "ready");
  EXPECT_EQ(
      LedgerColumn(spool(), "SELECT decision || '|' || editor FROM decisions"),
      std::vector<std::string>{"approve|Dana"});
}

TEST_F(QueueHttpTest, IdsCannotReachOutsideTheSpool) {
  Start();
  WriteFile(dir_.path() / "secret.md", "top secret\n");
  Submit("in.md", Front("A draft that is in the queue", "Ann") + kFailingBody);
  for (const char* target :
       {"drafts/..%2F..%2Fsecret.md", "drafts/../../secret.md",
        "api/drafts/..%2f..%2fsecret.md", "api/drafts/%2e%2e", "drafts/in.md",
        "api/drafts/review%2Fin.md", "drafts/1-2-3%00",
        "api/drafts/%2Fetc%2Fpasswd", "drafts/1-2-3/../../x"}) {
    const HttpReply r = Http("GET", url_ + std::string(target));
    EXPECT_TRUE(r.status == 404 || r.status == 400)
        << target << " " << r.status;
    EXPECT_FALSE(Contains(r.body, "top secret")) << target;
  }
  EXPECT_EQ(Http("POST", url_ + "api/drafts/..%2F..%2Fsecret.md/decision", "{}")
                .status,
            404);
  EXPECT_TRUE(fs::exists(dir_.path() / "secret.md"));
}

TEST_F(QueueHttpTest, DraftTextRendersInert) {
  Start();
  const std::string rel = "x\"><img src=x onerror=alert(1)>.md";
  const std::string hostile =
      "---\ntitle: \"\\\"><script>alert('title')</script>\"\n"
      "description: Why we started writing in public, what we plan to "
      "publish, and how to follow along.\nauthor: \"<b "
      "onmouseover=alert(2)>Eve</b>\"\n"
      "---\n\n<script>alert('body')</script>\n\n"
      "[click](javascript:alert(3)) and <a "
      "href=\"javascript:alert(4)\">x</a>\n\n"
      "' onclick='alert(5)' \" onfocus=\"alert(6)\n\n"
      "#### Deep <svg onload=alert(7)>\n";
  const Routed r = Submit(rel, hostile);
  ASSERT_EQ(r.area, "review");
  const std::string id = r.record["submission"];
  for (const std::string& target : {std::string(), "drafts/" + id}) {
    HttpReply page = Http("GET", url_ + target);
    ASSERT_EQ(page.status, 200) << target;
    // The rendered view is cmark-gfm's safe HTML, checked below; the rest
    // of the page escapes everything.
    const size_t rendered = page.body.find("<div class=\"rendered\"");
    if (rendered != std::string::npos) {
      const size_t end = page.body.find("</section>", rendered);
      ASSERT_NE(end, std::string::npos);
      page.body.erase(rendered, end - rendered);
    }
    EXPECT_FALSE(Contains(page.body, "<script>alert")) << target;
    EXPECT_FALSE(Contains(page.body, "<img src=x")) << target;
    EXPECT_FALSE(Contains(page.body, "<b onmouseover")) << target;
    EXPECT_FALSE(Contains(page.body, "href=\"javascript:")) << target;
    EXPECT_FALSE(Contains(page.body, "' onclick='")) << target;
    EXPECT_FALSE(Contains(page.body, "\" onfocus=\"")) << target;
    EXPECT_FALSE(Contains(page.body, "<svg")) << target;
    EXPECT_TRUE(Contains(page.body, "&lt;script&gt;alert(")) << target;
    // The only scripts are the daemon's own file, and the policy says so.
    EXPECT_EQ(
        page.header("content-security-policy").find("script-src 'self'") !=
            std::string::npos,
        true);
    EXPECT_EQ(page.header("x-content-type-options"), "nosniff");
  }
  const HttpReply page = Http("GET", url_ + "drafts/" + id);
  EXPECT_TRUE(
      Contains(page.body, "&lt;a href=&quot;javascript:alert(4)&quot;&gt;"));
  EXPECT_TRUE(
      Contains(page.body, "x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;.md"));
  // The finding's line, highlighted, is escaped as well.
  EXPECT_TRUE(Contains(page.body, "Deep &lt;svg onload=alert(7)&gt;"))
      << page.body;
  // The rendered view: no raw HTML, no javascript: link, links noopener.
  const size_t begin = page.body.find("<div class=\"rendered\"");
  ASSERT_NE(begin, std::string::npos);
  const std::string rendered =
      page.body.substr(begin, page.body.find("</section>", begin) - begin);
  for (const char* bad : {"<script", "<svg", "javascript:", "<a href=",
                          "<b onmouseover", "<img"}) {
    EXPECT_FALSE(Contains(rendered, bad)) << bad << "\n" << rendered;
  }
  EXPECT_TRUE(Contains(rendered, "raw HTML omitted")) << rendered;
  EXPECT_TRUE(Contains(rendered,
                       "<a rel=\"noopener noreferrer\" href=\"\">"
                       "click</a>"))
      << rendered;
  EXPECT_TRUE(Contains(rendered, "<h4>Deep")) << rendered;
  // The API returns the same text as JSON strings, unchanged.
  const nlohmann::json q = Queue();
  EXPECT_EQ(q["items"][0]["path"], rel);
  EXPECT_EQ(q["items"][0]["author"], "<b onmouseover=alert(2)>Eve</b>");
}

TEST_F(QueueHttpTest, TokenRequiredWhenConfiguredAndOffLoopback) {
  // Off loopback without a token: refused at start, nothing bound.
  const fs::path config = dir_.path() / "proofgate.yaml";
  WriteFile(config, "http:\n  listen: 0.0.0.0:0\n");
  {
    DaemonProcess d({"--spool", spool().string(), "--config", config.string(),
                     "--listen", "0.0.0.0:0"},
                    dir_.path() / "refused.log");
    EXPECT_EQ(d.Wait(), 1);
    EXPECT_TRUE(Contains(d.Log(), "not a loopback address")) << d.Log();
  }
  // With a token file, every request but /healthz must carry it.
  const std::string token = "s3cret-token-0123456789abcdef";
  WriteFile(dir_.path() / "token", token + "\n");
  WriteFile(config, "http:\n  listen: 127.0.0.1:0\n  token_file: " +
                        (dir_.path() / "token").string() + "\n");
  Start({"--config", config.string()});
  EXPECT_EQ(Http("GET", url_).status, 401);
  EXPECT_EQ(Http("GET", url_ + "api/queue").status, 401);
  EXPECT_EQ(Http("GET", url_ + "metrics").status, 401);
  EXPECT_EQ(Http("GET", url_ + "api/queue", "", {"Authorization: Bearer wrong"})
                .status,
            401);
  EXPECT_EQ(Http("GET", url_ + "healthz").status, 200);
  EXPECT_EQ(
      Http("GET", url_ + "api/queue", "", {"Authorization: Bearer " + token})
          .status,
      200);
  const HttpReply login = Http("GET", url_ + "?token=" + token);
  EXPECT_EQ(login.status, 303);
  EXPECT_EQ(login.header("location"), "/");
  EXPECT_TRUE(Contains(login.header("set-cookie"), "HttpOnly"));
  EXPECT_EQ(Http("GET", url_, "", {"Cookie: proofgate_token=" + token}).status,
            200);
  EXPECT_EQ(Http("GET", url_ + "?token=nope").status, 401);
}

TEST_F(QueueHttpTest, RequestLimitsAndManyConcurrentConnections) {
  Start();
  // Bodies over 64 KiB and headers over 8 KiB are refused.
  const HttpReply big = Http("POST", url_ + "api/drafts/1-2-3/decision",
                             std::string(100 * 1024, 'x'));
  EXPECT_EQ(big.status, 413);
  const HttpReply header =
      Http("GET", url_, "", {"X-Padding: " + std::string(16 * 1024, 'x')});
  EXPECT_EQ(header.status, 431);

  // 200 connections open at once, each then asks for /healthz; every one
  // is answered. Bounded: 200 sockets, 60 s.
  const int port = std::stoi(url_.substr(url_.rfind(':') + 1));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::vector<int> fds;
  for (int i = 0; i < 200; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    ASSERT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr),
              0);
    fds.push_back(fd);
  }
  // A client arriving meanwhile is served.
  EXPECT_EQ(Http("GET", url_ + "api/queue").status, 200);
  const std::string request =
      "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  for (int fd : fds) {
    ASSERT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(request.size()));
  }
  int answered = 0;
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::vector<std::string> got(fds.size());
  std::vector<bool> done(fds.size(), false);
  while (answered < static_cast<int>(fds.size()) &&
         std::chrono::steady_clock::now() < end) {
    std::vector<pollfd> polls;
    for (size_t i = 0; i < fds.size(); ++i) {
      if (!done[i]) polls.push_back({fds[i], POLLIN, 0});
    }
    if (::poll(polls.data(), polls.size(), 1000) <= 0) continue;
    for (const pollfd& p : polls) {
      if (!(p.revents & (POLLIN | POLLHUP))) continue;
      const size_t i = std::find(fds.begin(), fds.end(), p.fd) - fds.begin();
      char buf[1024];
      const ssize_t n = ::recv(p.fd, buf, sizeof buf, 0);
      if (n > 0) got[i].append(buf, n);
      if (n <= 0 || Contains(got[i], "\r\n\r\nok\n")) {
        done[i] = true;
        if (Contains(got[i], "HTTP/1.1 200") && Contains(got[i], "ok\n"))
          ++answered;
      }
    }
  }
  for (int fd : fds) ::close(fd);
  EXPECT_EQ(answered, 200);
  EXPECT_EQ(Http("GET", url_ + "healthz").status, 200);
}

TEST_F(QueueHttpTest, DecisionInterruptedByAStopIsFinishedAtStart) {
  Start();
  const Routed r = Submit(
      "cut/short.md",
      Front("A draft whose decision was cut short", "Ann") + kFailingBody);
  ASSERT_EQ(r.area, "review");
  daemon_->Signal(SIGTERM);
  ASSERT_EQ(daemon_->Wait(), 0);
  // The state a stop leaves right after step 1 of daemon/decision.h and
  // the draft's move: the decided proof record still in review/, the
  // draft already in returned/.
  nlohmann::json record = r.record;
  record["decision"] = {{"decision", "return"},
                        {"reason", "Needs an outline"},
                        {"editor", "Dana"},
                        {"at", "2026-11-22T05:00:00.000000Z"},
                        {"area", "returned"},
                        {"rules", {"headings/skipped-level"}},
                        {"overrides", nlohmann::json::array()}};
  WriteFile(spool() / "review" / "cut/short.md.proof.json", record.dump());
  fs::create_directories(spool() / "returned" / "cut");
  fs::rename(spool() / "review" / "cut/short.md",
             spool() / "returned" / "cut/short.md");

  fs::remove(dir_.path() / "daemon.log");  // Start() reads the URL from it
  Start();
  EXPECT_TRUE(fs::exists(spool() / "returned" / "cut/short.md"));
  EXPECT_TRUE(fs::exists(spool() / "returned" / "cut/short.md.proof.html"));
  const nlohmann::json after = nlohmann::json::parse(
      ReadFile(spool() / "returned" / "cut/short.md.proof.json"));
  EXPECT_EQ(after["decision"]["reason"], "Needs an outline");
  EXPECT_TRUE(FilesBelow(spool() / "review").empty());
  EXPECT_EQ(
      LedgerColumn(spool(), "SELECT decision || '|' || path FROM decisions"),
      std::vector<std::string>{"return|cut/short.md"});
  EXPECT_TRUE(
      Contains(daemon_->Log(), "finished the decision a stop interrupted"))
      << daemon_->Log();
}

// `proofgate ARGS` (stdout and stderr together) and its exit code.
std::pair<int, std::string> RunCli(const std::string& args) {
  const std::string command =
      std::string(ProofgateBinary()) + " " + args + " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  std::string out;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  const int status = ::pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST_F(QueueHttpTest, TerminalQueueAndDecide) {
  Start();
  const Routed r =
      Submit("cli/term.md",
             Front("A draft decided in a terminal", "Ann") + kFailingBody);
  const std::string id = r.record["submission"];
  const auto [listed, list] = RunCli("queue --url " + url_);
  EXPECT_EQ(listed, 0) << list;
  EXPECT_TRUE(Contains(list, "1 draft in the exception queue")) << list;
  EXPECT_TRUE(Contains(list, id + "  ")) << list;
  EXPECT_TRUE(Contains(list, "cli/term.md  [headings/skipped-level]")) << list;
  EXPECT_TRUE(Contains(list, "\"A draft decided in a terminal\"")) << list;
  const auto [json_rc, json] =
      RunCli("queue --json --folder cli --url " + url_);
  EXPECT_EQ(nlohmann::json::parse(json)["items"][0]["id"], id) << json;
  // The daemon holding the draft, and the filter by it.
  const std::string node = nlohmann::json::parse(json)["items"][0]["node"];
  ASSERT_FALSE(node.empty());
  EXPECT_TRUE(Contains(list, "  node: " + node)) << list;
  EXPECT_TRUE(Contains(RunCli("queue --node " + node + " --url " + url_).second,
                       "1 draft in the exception queue"));
  EXPECT_TRUE(Contains(RunCli("queue --node elsewhere --url " + url_).second,
                       "0 drafts in the exception queue"));

  const auto [bad, refused] =
      RunCli("decide 1-2-3 approve --reason ok --editor Dana --url " + url_);
  EXPECT_EQ(bad, 1);
  EXPECT_TRUE(Contains(refused, "no draft with id or path 1-2-3")) << refused;
  const auto [decided, message] =
      RunCli("decide " + id +
             " return --reason 'Needs sources' --editor Dana --url " + url_);
  EXPECT_EQ(decided, 0) << message;
  EXPECT_TRUE(Contains(message, "returned by Dana, ")) << message;
  EXPECT_TRUE(Contains(message, " UTC: moved to returned/")) << message;
  const nlohmann::json record = nlohmann::json::parse(
      ReadFile(spool() / "returned" / "cli/term.md.proof.json"));
  EXPECT_EQ(record["decision"]["reason"], "Needs sources");
  EXPECT_EQ(RunCli("queue --url http://127.0.0.1:1/").first, 1);
}

TEST_F(QueueHttpTest, TerminalDecideByPathAndAsksWhoDecides) {
  Start();
  const Routed r =
      Submit("cli/by-path.md",
             Front("A draft decided by its path", "Ann") + kFailingBody);
  ASSERT_EQ(r.area, "review");
  // Without --editor and with $USER empty: refused before any request (the
  // daemon named is not even there).
  const char* user = std::getenv("USER");
  const std::string saved = user ? user : "";
  ::setenv("USER", "", 1);
  const auto [nobody, asked] = RunCli(
      "decide cli/by-path.md approve --reason ok --url http://127.0.0.1:1/");
  if (user) {
    ::setenv("USER", saved.c_str(), 1);
  } else {
    ::unsetenv("USER");
  }
  EXPECT_EQ(nobody, 1);
  EXPECT_TRUE(Contains(asked, "Neither --editor nor $USER is set")) << asked;
  EXPECT_FALSE(Contains(asked, "cannot reach")) << asked;
  // A path as the shell completes it (the spool's review/ folder) names
  // the draft.
  const std::string path = (spool() / "review" / "cli/by-path.md").string();
  const auto [decided, message] =
      RunCli("decide " + path +
             " approve --reason 'Fine as it is' --editor Dana "
             "--url " +
             url_);
  EXPECT_EQ(decided, 0) << message;
  EXPECT_TRUE(Contains(message, "cli/by-path.md approved by Dana")) << message;
  EXPECT_TRUE(fs::exists(spool() / "ready" / "cli/by-path.md"));
}

TEST_F(QueueHttpTest, TerminalQueueShowsControlCharactersAsReplacements) {
  Start();
  // YAML double-quoted escapes: \x1b is ESC, \u009b the C1 CSI, \x7f DEL,
  // \x07 BEL; the title would turn a terminal red and clear its screen.
  const std::string front =
      "---\ntitle: \"Red \\x1b[31malert\\u009b2J here\\x7f\"\n"
      "description: Why we started writing in public, what we plan to "
      "publish, and how to follow along.\nauthor: \"Eve\\x1b]0;pwned\\x07\"\n"
      "---\n\n";
  const Routed r = Submit("cli/esc\x1b[2J.md", front + kFailingBody);
  ASSERT_EQ(r.area, "review");
  ASSERT_EQ(Queue()["items"][0]["title"], "Red \x1b[31malert\u009b2J here\x7f");
  const auto [rc, list] = RunCli("queue --url " + url_);
  EXPECT_EQ(rc, 0) << list;
  EXPECT_EQ(list.find('\x1b'), std::string::npos) << list;
  EXPECT_EQ(list.find('\x07'), std::string::npos) << list;
  EXPECT_EQ(list.find('\x7f'), std::string::npos) << list;
  EXPECT_EQ(list.find("\u009b"), std::string::npos) << list;
  EXPECT_TRUE(Contains(list, "cli/esc\uFFFD[2J.md  [headings/skipped-level]"))
      << list;
  EXPECT_TRUE(Contains(
      list,
      "\"Red \uFFFD[31malert\uFFFD2J here\uFFFD\" by Eve\uFFFD]0;pwned\uFFFD"))
      << list;
  // --json prints the API's JSON, where the characters are \u escapes.
  const auto [json_rc, json] = RunCli("queue --json --url " + url_);
  EXPECT_EQ(json.find('\x1b'), std::string::npos) << json;
  EXPECT_TRUE(Contains(json, "\\u001b[31m")) << json;
}

}  // namespace
}  // namespace proofgate::testing

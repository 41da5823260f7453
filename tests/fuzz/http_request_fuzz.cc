// Fuzzes the daemon's HTTP request handling: any bytes, read by
// Boost.Beast's request parser with the server's limits, answered by
// QueueSite::Handle on a real spool (drafts routed by the real pipeline
// into review/ and ready/) and a real SQLite ledger.
//
// The first input byte picks the site (modulo 3): no auth token, a token,
// or a token and http.allowed_hosts; the rest is the request. Placeholders
// in the parsed target, header values and body stand for what a client
// knows and the fuzzer cannot guess: @CSRF@ the site's CSRF token, @TOKEN@
// the auth token, @ID0@..@ID3@ the drafts' submission ids, @SHA0@..@SHA3@
// their sha256, @SUB@ the id of an HTTP submission waiting in the ledger's
// queue. Bytes that do not parse as a request are skipped.
//
// Must hold, or the target aborts: Handle() never throws; the status is
// one HTTP defines and never 5xx (the documented 500s need a file system
// or ledger failure, which a healthy temporary spool does not have);
// every response carries the security headers; on a site with a token, a
// request that does not carry it gets only 400, 401 or 421 (or /healthz's
// "ok"); nothing changes beside the spool (a sentinel file and the
// folder's entries), and the spool changes only through a POSTed decision
// that carries the CSRF token (POST /api/submissions writes to the ledger
// only: the spool's workers are not running). After a decision moved a draft,
// the spool's files are restored from a copy taken at start, so every input
// sees the same spool; the ledger keeps the decision rows (later inputs may see
// them in /decisions, /report and the drafts' history).
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/http/http_message.h"
#include "daemon/http/http_server.h"
#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/ledger.h"
#include "daemon/ledger/ledger_location.h"
#include "daemon/ledger/submission_queue.h"
#include "daemon/queue/queue_site.h"
#include "daemon/review/review_sla.h"
#include "daemon/spool/draft_pipeline.h"
#include "daemon/spool/spool.h"
#include "rules/rulebook_set.h"
#include "rules/sha256.h"

namespace {

namespace fs = std::filesystem;
namespace http = boost::beast::http;
using proofgate::HttpRequest;
using proofgate::HttpResponse;

constexpr std::string_view kToken = "fuzz-auth-token-0123456789";

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "http_request_fuzz: %s\n", what.c_str());
  std::abort();
}

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteAll(const fs::path& file, const std::string& bytes) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

// Every folder ("name/": "") and file below `root`, with what `value`
// says of the file, but the ledger's files, which decisions and reads may
// change.
using Tree = std::map<std::string, std::string>;
Tree Walk(const fs::path& root,
          const std::function<std::string(const fs::path&)>& value) {
  Tree tree;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string rel = entry.path().lexically_relative(root).string();
    if (entry.path().filename().string().starts_with("ledger.sqlite")) {
      continue;
    }
    if (entry.is_directory()) {
      tree[rel + "/"] = "";
    } else {
      tree[rel] = value(entry.path());
    }
  }
  return tree;
}

// The files' bytes.
Tree Snapshot(const fs::path& root) { return Walk(root, ReadAll); }

// The files' size, change time and inode: what Snapshot() tells apart, for
// the price of one lstat() each.
Tree Stamps(const fs::path& root) {
  return Walk(root, [](const fs::path& file) {
    struct stat st = {};
    if (lstat(file.c_str(), &st) != 0) Fail("lstat " + file.string());
    return std::to_string(st.st_size) + ":" +
           std::to_string(st.st_ctim.tv_sec) + "." +
           std::to_string(st.st_ctim.tv_nsec) + ":" + std::to_string(st.st_ino);
  });
}

// Makes the files below `root` what `tree` holds again (but the ledger's).
void Restore(const fs::path& root, const Tree& tree) {
  const Tree now = Snapshot(root);
  for (auto it = now.rbegin(); it != now.rend(); ++it) {
    if (!tree.contains(it->first)) fs::remove_all(root / it->first);
  }
  for (const auto& [rel, bytes] : tree) {
    if (rel.ends_with('/')) {
      fs::create_directories(root / rel);
    } else if (auto it = now.find(rel);
               it == now.end() || it->second != bytes) {
      WriteAll(root / rel, bytes);
    }
  }
}

std::string Front(const std::string& title) {
  return "---\ntitle: " + title +
         "\ndescription: Why we started writing in public, what we plan to "
         "publish, and how to follow along.\nauthor: Ann Lee\n---\n\n";
}

struct Fixture;
Fixture& TheFixture();

// The spool, ledger and sites every input is answered by.
struct Fixture {
  fs::path dir;  // holds spool/ and sentinel
  std::unique_ptr<proofgate::Spool> spool;
  std::unique_ptr<proofgate::Ledger> ledger;
  std::unique_ptr<proofgate::DecisionLedger> decisions;
  std::unique_ptr<proofgate::SubmissionQueue> submissions;
  std::vector<std::unique_ptr<proofgate::QueueSite>> sites;
  std::map<std::string, std::string> placeholders;
  Tree pristine;                     // the spool's files as routed
  Tree stamps;                       // Stamps() of the spool as it is now
  std::vector<std::string> outside;  // the entries of `dir`
  std::string sentinel;

  Fixture() {
    char tmpl[] = "/tmp/http_request_fuzz.XXXXXX";
    if (mkdtemp(tmpl) == nullptr) Fail("mkdtemp");
    dir = tmpl;
    sentinel = "do not touch\n";
    WriteAll(dir / "sentinel", sentinel);
    spool = std::make_unique<proofgate::Spool>(dir / "spool");
    spool->Create();
    auto opened = proofgate::Ledger::OpenFile(spool->state() / "ledger.sqlite");
    if (!opened) Fail("ledger: " + opened.error());
    ledger = std::move(*opened);
    RouteDrafts();
    auto dl =
        proofgate::DecisionLedger::OpenFile(spool->state() / "ledger.sqlite");
    if (!dl) Fail("decision ledger: " + dl.error());
    decisions = std::move(*dl);
    auto queue = proofgate::OpenSubmissionQueue(
        proofgate::LedgerLocation{spool->state() / "ledger.sqlite", {}, {}});
    if (!queue) Fail("submission queue: " + queue.error());
    submissions = std::move(*queue);
    EnqueueSubmission();
    MakeSites();
    pristine = Snapshot(spool->root());
    stamps = Stamps(spool->root());
    outside = Entries();
    std::atexit([] { fs::remove_all(TheFixture().dir); });
  }

  // Four drafts through the real pipeline: three fail (review/), one
  // passes (ready/); busy.md stands for a draft being verified.
  void RouteDrafts() {
    const auto rules = proofgate::RulebookSet::FromPath(
        std::string(PROOFGATE_BOOKS_DIR) + "/default.yaml");
    if (!rules) Fail("default rulebook");
    auto log = std::make_shared<spdlog::logger>(
        "fuzz", std::make_shared<spdlog::sinks::null_sink_mt>());
    proofgate::DraftPipeline pipeline(
        *spool, *ledger,
        [&] {
          return proofgate::DraftPipeline::Rules{*rules,
                                                 proofgate::ParseOptions{}};
        },
        log);
    const std::string failing = "Intro paragraph.\n\n#### Too deep\n";
    const std::vector<std::pair<std::string, std::string>> drafts = {
        {"a-first.md", Front("The first failing draft") + failing},
        {"blog/b-second.md", Front("The second failing draft") + failing},
        {"busy.md", Front("A draft being verified") + failing},
        {"fine.md", Front("A draft that passes") + "## Fine\n\nText.\n"}};
    for (size_t i = 0; i < drafts.size(); ++i) {
      WriteAll(spool->inbox() / drafts[i].first, drafts[i].second);
      proofgate::ClaimedDraft claimed;
      if (spool->Claim(drafts[i].first, std::chrono::system_clock::now(),
                       claimed) != proofgate::Spool::ClaimStatus::kClaimed ||
          !pipeline.Process(claimed)) {
        Fail("routing " + drafts[i].first);
      }
      placeholders["@ID" + std::to_string(i) + "@"] = claimed.id;
      placeholders["@SHA" + std::to_string(i) + "@"] =
          proofgate::Sha256Hex(drafts[i].second);
    }
  }

  // One HTTP submission waiting in the ledger's queue, for GET
  // /api/submissions/@SUB@ (and /draft).
  void EnqueueSubmission() {
    const auto now = std::chrono::system_clock::now();
    const proofgate::NewSubmission s{
        spool->NewSubmissionId(now),
        "posted/via-http.md",
        "ana",
        Front("A draft sent over HTTP") + "## Fine\n\nText.\n",
        "seed-key",
        now};
    if (!submissions->Enqueue(s)) Fail("enqueue");
    placeholders["@SUB@"] = s.id;
  }

  void MakeSites() {
    auto log = std::make_shared<spdlog::logger>(
        "fuzz", std::make_shared<spdlog::sinks::null_sink_mt>());
    const std::vector<proofgate::QueueSite::Access> access = {
        {"", {}},
        {std::string(kToken), {}},
        {std::string(kToken), {"queue.example"}}};
    for (const auto& a : access) {
      sites.push_back(std::make_unique<proofgate::QueueSite>(
          *spool, decisions.get(), a,
          [](const std::string& path) { return path == "busy.md"; }, log));
      sites.back()->SetReview(
          proofgate::ReviewSla(),
          proofgate::LedgerLocation{spool->state() / "ledger.sqlite", {}, {}},
          [] { return std::vector<std::string>{"x/y"}; });
      sites.back()->SetSubmissions(submissions.get(), [this](auto at) {
        return spool->NewSubmissionId(at);
      });
    }
    placeholders["@TOKEN@"] = std::string(kToken);
  }

  std::vector<std::string> Entries() const {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(dir)) {
      names.push_back(e.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    return names;
  }
};

Fixture& TheFixture() {
  static Fixture* fixture = new Fixture();  // lives as long as the process
  return *fixture;
}

std::string Substitute(std::string text,
                       const std::map<std::string, std::string>& values) {
  for (const auto& [from, to] : values) {
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

// `parsed` with the placeholders replaced in its target, header values and
// body (Content-Length is left as sent: the site does not read it).
HttpRequest WithPlaceholders(const HttpRequest& parsed,
                             const std::map<std::string, std::string>& v) {
  HttpRequest out;
  if (parsed.method() == http::verb::unknown) {
    out.method_string(parsed.method_string());  // a method Beast does not name
  } else {
    out.method(parsed.method());
  }
  out.target(Substitute(std::string(parsed.target()), v));
  out.version(parsed.version());
  for (const auto& field : parsed) {
    out.insert(field.name_string(), Substitute(std::string(field.value()), v));
  }
  out.body() = Substitute(parsed.body(), v);
  return out;
}

bool Contains(boost::beast::string_view text, std::string_view part) {
  return std::string_view(text.data(), text.size()).find(part) !=
         std::string_view::npos;
}

// Whether `request` carries `value` anywhere a client may send it.
bool Carries(const HttpRequest& request, std::string_view value) {
  if (Contains(request.target(), value) ||
      Contains(boost::beast::string_view(request.body()), value)) {
    return true;
  }
  for (const auto& field : request) {
    if (Contains(field.value(), value)) return true;
  }
  return false;
}

void CheckResponse(const HttpRequest& request, const HttpResponse& res,
                   bool token_site) {
  const unsigned code = res.result_int();
  if (http::int_to_status(code) == http::status::unknown) {
    Fail("status " + std::to_string(code) + " is not an HTTP status");
  }
  if (code >= 500) Fail("5xx: " + res.body());
  if (res["Content-Security-Policy"].empty() ||
      res["X-Content-Type-Options"] != "nosniff" ||
      res["X-Frame-Options"] != "DENY") {
    Fail("a response without the security headers");
  }
  if (token_site && !Carries(request, kToken) &&
      !(code == 200 && res.body() == "ok\n") && code != 400 && code != 401 &&
      code != 421) {
    Fail("status " + std::to_string(code) + " without the auth token");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  Fixture& fx = TheFixture();
  const size_t site = data[0] % fx.sites.size();
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.header_limit(proofgate::kMaxHeaderBytes);
  parser.body_limit(proofgate::kMaxBodyBytes);
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(data + 1, size - 1), ec);
  if (ec || !parser.is_done()) return 0;
  std::map<std::string, std::string> values = fx.placeholders;
  values["@CSRF@"] = fx.sites[site]->csrf_token();
  const HttpRequest request = WithPlaceholders(parser.get(), values);

  HttpResponse res;
  try {
    res = fx.sites[site]->Handle(request);
  } catch (...) {
    Fail("Handle() threw");
  }
  CheckResponse(request, res, site != 0);

  if (ReadAll(fx.dir / "sentinel") != fx.sentinel ||
      fx.Entries() != fx.outside) {
    Fail("something changed beside the spool");
  }
  if (Stamps(fx.spool->root()) != fx.stamps) {
    if (request.method() != http::verb::post ||
        !Carries(request, fx.sites[site]->csrf_token())) {
      Fail("the spool changed without a decision carrying the CSRF token");
    }
    Restore(fx.spool->root(), fx.pristine);
    fx.stamps = Stamps(fx.spool->root());
  }
  return 0;
}

// For tests of HTTP submissions (daemon/queue/submission_api.h): a real
// `proofgate run` daemon on its own spool and a free loopback port, with
// the ledger a test names, and the client side of POST/GET
// /api/submissions. tests/http_submissions_test.cc and
// tests/cluster_e2e_test.cc share it.
#ifndef PROOFGATE_TESTS_SUBMISSION_NODE_H_
#define PROOFGATE_TESTS_SUBMISSION_NODE_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/daemon_process.h"
#include "tests/http_client.h"
#include "tests/postgres_server.h"

namespace proofgate::testing {

inline const std::vector<std::string> kMarkdown = {
    "Content-Type: text/markdown"};

// A draft the shipped rulebooks pass (routed to ready/), and one they fail
// (a skipped heading level: routed to review/).
inline const std::string kFront =
    "---\ntitle: Welcome to the new engineering blog\n"
    "description: Why we started writing in public, what we plan to "
    "publish, and how to follow along.\n"
    "author: Sam Rivera\ndate: 2026-11-02\n---\n\n";
inline const std::string kPassing = kFront + "## Fine\n\nA short paragraph.\n";
inline const std::string kFailing = kFront + "#### Too deep\n";

// A daemon on its own spool (`dir`/spool), with the ledger `ledger` ("" =
// SQLite in the spool, else a PostgreSQL URI of PostgresServer, whose
// password it is given), node name `node`, a lease of 2 s, and `extra`
// configuration lines (YAML) appended.
class Node {
 public:
  Node(const fs::path& dir, const std::string& node, const std::string& ledger,
       const std::string& extra = "")
      : dir_(dir) {
    std::string config =
        "node: " + node + "\nsubmission_lease_ms: 2000\n" + extra;
    if (!ledger.empty()) {
      WriteFile(dir / "pw", std::string(PostgresServer::kPassword) + "\n");
      config += "ledger: \"" + ledger +
                "\"\nledger_password_file: " + (dir / "pw").string() + "\n";
    }
    WriteFile(dir / "proofgate.yaml", config);
    spool_ = dir / "spool";
    Restart();
  }

  // Starts the daemon (again, after a kill: same node and spool, a new
  // log, so WaitUrl() reads this run's address).
  void Restart() {
    daemon_.reset();
    ++runs_;
    daemon_ = std::make_unique<DaemonProcess>(
        std::vector<std::string>{"--config", (dir_ / "proofgate.yaml").string(),
                                 "--spool", spool_.string()},
        dir_ / ("daemon" + std::to_string(runs_) + ".log"));
  }

  // The queue's URL once the daemon serves it (bounded wait), "" when it
  // exited first.
  std::string WaitUrl() {
    WaitFor([&] {
      return !QueueUrl(daemon_->Log()).empty() ||
             daemon_->Wait(std::chrono::milliseconds(0)).has_value();
    });
    return QueueUrl(daemon_->Log());
  }

  const fs::path& spool() const { return spool_; }
  DaemonProcess& process() { return *daemon_; }

 private:
  int runs_ = 0;
  fs::path dir_;
  fs::path spool_;
  std::unique_ptr<DaemonProcess> daemon_;
};

// POSTs `bytes` as draft `path` (already percent-encoded where needed) to
// the daemon at `url`; the reply.
inline HttpReply Submit(const std::string& url, const std::string& path,
                        const std::string& bytes,
                        std::vector<std::string> headers = kMarkdown) {
  return Http("POST", url + "api/submissions?path=" + path + "&author=ana",
              bytes, headers);
}

// The submission's JSON once its status is "routed" (polled, bounded), or
// the last answer.
inline nlohmann::json WaitRoutedJson(const std::string& url,
                                     const std::string& id) {
  nlohmann::json last;
  WaitFor([&] {
    const HttpReply r = Http("GET", url + "api/submissions/" + id);
    last = nlohmann::json::parse(r.body, nullptr, false);
    return r.status == 200 && last.value("status", "") == "routed";
  });
  return last;
}

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_SUBMISSION_NODE_H_

// For tests of several daemons on one PostgreSQL ledger (the server of
// tests/postgres_environment.h): start a `proofgate run` of a named node.
#ifndef PROOFGATE_TESTS_PG_NODES_H_
#define PROOFGATE_TESTS_PG_NODES_H_

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "tests/daemon_process.h"
#include "tests/http_client.h"
#include "tests/postgres_environment.h"
#include "tests/temp_dir.h"

namespace proofgate::testing {

// A daemon of node `node` on spool `dir`/`node` sharing PostgreSQL
// database `db`, logging to `dir`/`log`, its configuration followed by
// `extra` (YAML lines); its queue's URL in `url` ("" when it did not
// start within WaitFor's deadline).
inline std::unique_ptr<DaemonProcess> StartNode(
    const TempDir& dir, const std::string& db, const std::string& node,
    const std::string& log, std::string& url, const std::string& extra = "") {
  WriteFile(dir.path() / "pw", std::string(PostgresServer::kPassword) + "\n");
  const std::filesystem::path config = dir.path() / (node + ".yaml");
  WriteFile(config, "node: " + node + "\nledger: \"" + g_server->Uri(db) +
                        "\"\nledger_password_file: " +
                        (dir.path() / "pw").string() + "\n" + extra);
  auto daemon = std::make_unique<DaemonProcess>(
      std::vector<std::string>{"--config", config.string(), "--spool",
                               (dir.path() / node).string()},
      dir.path() / log);
  EXPECT_TRUE(WaitFor([&] {
    return !QueueUrl(daemon->Log()).empty() ||
           daemon->Wait(std::chrono::milliseconds(0)).has_value();
  })) << daemon->Log();
  url = QueueUrl(daemon->Log());
  return daemon;
}

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_PG_NODES_H_

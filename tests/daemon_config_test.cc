// The daemon's configuration file: defaults, values, and errors located at
// file:line:col.
#include "daemon/service/daemon_config.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "tests/daemon_process.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

using testing::TempDir;
using testing::WriteFile;

TEST(DaemonConfigTest, ShippedConfigurationLoadsWithTheDefaults) {
  const auto load =
      LoadDaemonConfig(BooksDir() + "/../../config/proofgate.yaml");
  ASSERT_TRUE(load) << (load ? "" : load.error().front().ToString());
  const DaemonConfig defaults;
  EXPECT_EQ(load->spool, defaults.spool);
  EXPECT_EQ(load->workers, defaults.workers);
  EXPECT_EQ(load->max_draft_bytes, defaults.max_draft_bytes);
  EXPECT_EQ(load->log_level, defaults.log_level);
  EXPECT_EQ(load->settle_ms, defaults.settle_ms);
  EXPECT_EQ(load->links_network, defaults.links_network);
  EXPECT_EQ(load->links_concurrency, defaults.links_concurrency);
  EXPECT_EQ(load->links_per_host, defaults.links_per_host);
  EXPECT_EQ(load->links_cache_ttl_s, defaults.links_cache_ttl_s);
  EXPECT_EQ(load->links_failure_cache_ttl_s,
            defaults.links_failure_cache_ttl_s);
  EXPECT_EQ(load->decision_poll_ms, defaults.decision_poll_ms);
  EXPECT_EQ(load->decision_listen, defaults.decision_listen);
  EXPECT_EQ(load->submission_max_attempts, defaults.submission_max_attempts);
  EXPECT_EQ(load->export_dir, defaults.export_dir);
}

TEST(DaemonConfigTest, ExportFolderAndSubmissionAttempts) {
  TempDir dir;
  const auto file = dir.path() / "c.yaml";
  WriteFile(file,
            "export_dir: /srv/site/content\nsubmission_max_attempts: 5\n");
  const auto load = LoadDaemonConfig(file);
  ASSERT_TRUE(load) << load.error().front().ToString();
  EXPECT_EQ(load->export_dir, "/srv/site/content");
  EXPECT_EQ(load->submission_max_attempts, 5);
  EXPECT_EQ(DaemonConfig().submission_max_attempts, 3);
  EXPECT_TRUE(DaemonConfig().export_dir.empty());

  WriteFile(file, "export_dir: [a]\nsubmission_max_attempts: 0\n");
  const auto bad = LoadDaemonConfig(file);
  ASSERT_FALSE(bad);
  std::vector<std::string> errors;
  for (const ConfigError& e : bad.error()) errors.push_back(e.ToString());
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].rfind(file.string() + ":1:13: 'export_dir'", 0), 0u)
      << errors[0];
  EXPECT_EQ(errors[1], file.string() +
                           ":2:26: 'submission_max_attempts' must be between "
                           "1 and 100");
}

TEST(DaemonConfigTest, DecisionPollKeys) {
  TempDir dir;
  const auto file = dir.path() / "c.yaml";
  WriteFile(file, "decision_poll_ms: 500\ndecision_listen: false\n");
  auto load = LoadDaemonConfig(file);
  ASSERT_TRUE(load) << load.error().front().ToString();
  EXPECT_EQ(load->decision_poll_ms, 500);
  EXPECT_FALSE(load->decision_listen);
  EXPECT_EQ(DaemonConfig().decision_poll_ms, 2000);
  EXPECT_TRUE(DaemonConfig().decision_listen);

  WriteFile(file, "decision_poll_ms: 50\ndecision_listen: often\n");
  load = LoadDaemonConfig(file);
  ASSERT_FALSE(load);
  std::vector<std::string> errors;
  for (const ConfigError& e : load.error()) errors.push_back(e.ToString());
  const std::string f = file.string();
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0],
            f + ":1:19: 'decision_poll_ms' must be between 100 and 600000");
  EXPECT_EQ(errors[1].rfind(f + ":2:18: 'decision_listen' must be", 0), 0u)
      << errors[1];
}

TEST(DaemonConfigTest, ReadsEveryKey) {
  TempDir dir;
  const auto file = dir.path() / "c.yaml";
  WriteFile(file,
            "spool: /srv/drafts\nrules: books/\nworkers: 3\n"
            "max_draft_bytes: 1000\nledger: /srv/ledger.sqlite\n"
            "log: {level: debug, format: json}\nsettle_ms: 250\n");
  const auto load = LoadDaemonConfig(file);
  ASSERT_TRUE(load);
  EXPECT_EQ(load->spool, "/srv/drafts");
  EXPECT_EQ(load->rules, "books/");
  EXPECT_EQ(load->workers, 3);
  EXPECT_EQ(load->max_draft_bytes, 1000u);
  EXPECT_EQ(load->ledger, "/srv/ledger.sqlite");
  EXPECT_EQ(load->log_level, "debug");
  EXPECT_EQ(load->log_format, "json");
  EXPECT_EQ(load->settle_ms, 250);
}

TEST(DaemonConfigTest, EveryErrorIsReportedAtItsPosition) {
  TempDir dir;
  const auto file = dir.path() / "c.yaml";
  WriteFile(file,
            "workers: many\nlog:\n  format: xml\nsettle_ms: -1\nspol: x\n");
  const auto load = LoadDaemonConfig(file);
  EXPECT_FALSE(load);
  std::vector<std::string> errors;
  for (const ConfigError& e : load.error()) errors.push_back(e.ToString());
  const std::string f = file.string();
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0], f + ":1:10: 'workers' must be an integer");
  EXPECT_EQ(errors[1].rfind(f + ":3:11: 'log.format' must be one of", 0), 0u)
      << errors[1];
  EXPECT_EQ(errors[2], f + ":4:12: 'settle_ms' must be between 0 and 60000");
  EXPECT_EQ(errors[3].rfind(f + ":5:1: unknown key 'spol'", 0), 0u)
      << errors[3];
}

TEST(DaemonConfigTest, HttpKeys) {
  TempDir dir;
  const auto file = dir.path() / "c.yaml";
  WriteFile(file,
            "http:\n  listen: 0.0.0.0:9000\n  token_file: /etc/token\n"
            "  allowed_hosts: [Queue.Example.com, 10.0.0.5, \"[fd00::1]\"]\n");
  auto load = LoadDaemonConfig(file);
  ASSERT_TRUE(load);
  EXPECT_EQ(load->http_listen, "0.0.0.0:9000");
  EXPECT_EQ(load->http_token_file, "/etc/token");
  EXPECT_EQ(
      load->http_allowed_hosts,
      (std::vector<std::string>{"queue.example.com", "10.0.0.5", "[fd00::1]"}));
  EXPECT_TRUE(DaemonConfig().http_allowed_hosts.empty());

  WriteFile(file,
            "http:\n  allowed_hosts:\n    - queue.example.com:8686\n"
            "    - \"evil example\"\n    - ok.example\n");
  load = LoadDaemonConfig(file);
  EXPECT_FALSE(load);
  ASSERT_EQ(load.error().size(), 2u);
  const std::string f = file.string();
  EXPECT_EQ(load.error()[0].ToString().rfind(
                f + ":3:7: 'queue.example.com:8686' in 'http.allowed_hosts' "
                    "is not a host name",
                0),
            0u)
      << load.error()[0].ToString();
  EXPECT_EQ(load.error()[1].line, 4);
  WriteFile(file, "http:\n  allowed_hosts: queue.example.com\n");
  load = LoadDaemonConfig(file);
  ASSERT_EQ(load.error().size(), 1u);
  EXPECT_EQ(load.error()[0].ToString(),
            f + ":2:18: 'http.allowed_hosts' must be a list of host names");
}

TEST(DaemonConfigTest, NodeAndPostgresLedgerKeys) {
  TempDir dir;
  const auto file = dir.path() / "c.yaml";
  WriteFile(file,
            "node: web-1\nledger: postgresql://proofgate@db.internal/pg\n"
            "ledger_password_file: /etc/proofgate/pw\n");
  auto load = LoadDaemonConfig(file);
  ASSERT_TRUE(load);
  EXPECT_EQ(load->node, "web-1");
  EXPECT_EQ(load->ledger.string(), "postgresql://proofgate@db.internal/pg");
  EXPECT_EQ(load->ledger_password_file, "/etc/proofgate/pw");
  WriteFile(file, "spool: x\n");
  load = LoadDaemonConfig(file);
  ASSERT_TRUE(load);
  char host[256] = {};
  ASSERT_EQ(gethostname(host, sizeof host - 1), 0);
  EXPECT_EQ(load->node, host[0] ? std::string(host) : "localhost");

  WriteFile(file,
            "node: \"web 1\"\nledger: postgresql://db/pg?nosuchoption=1\n"
            "ledger_password_file: /pw\n");
  load = LoadDaemonConfig(file);
  ASSERT_FALSE(load);
  std::vector<std::string> errors;
  for (const ConfigError& e : load.error()) errors.push_back(e.ToString());
  const std::string f = file.string();
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], f + ":1:7: 'node' must be 1 to 63 letters, digits, "
                           "'.', '_' or '-', not 'web 1'");
  EXPECT_EQ(errors[1].rfind(f + ":2:9: 'ledger': not a valid PostgreSQL "
                                "connection URI (",
                            0),
            0u)
      << errors[1];
  // The password file needs a PostgreSQL ledger (the URI above was refused).
  EXPECT_EQ(errors[2], f + ":3:23: 'ledger_password_file' needs a PostgreSQL "
                           "'ledger' (postgresql://...)");
}

// Webhooks work with a PostgreSQL ledger too: the outbox is shared by
// every node (daemon/ledger/notify_outbox.h, CLAIMS).
TEST(DaemonConfigTest, WebhooksWithAPostgresLedgerAreAccepted) {
  TempDir dir;
  const auto file = dir.path() / "c.yaml";
  WriteFile(file,
            "ledger: postgresql://proofgate@db.internal/pg\n"
            "notify:\n  webhooks:\n    - url: https://hooks.example.com/x\n"
            "      events: [draft.review]\n");
  const auto load = LoadDaemonConfig(file);
  ASSERT_TRUE(load) << load.error()[0].ToString();
  ASSERT_EQ(load->notify.webhooks.size(), 1u);
  EXPECT_EQ(load->notify.webhooks[0].url, "https://hooks.example.com/x");
}

TEST(DaemonConfigTest, YamlSyntaxErrorHasAPosition) {
  TempDir dir;
  const auto file = dir.path() / "c.yaml";
  WriteFile(file, "spool: [unclosed\n");
  const auto load = LoadDaemonConfig(file);
  ASSERT_EQ(load.error().size(), 1u);
  EXPECT_GT(load.error()[0].line, 0);
}

}  // namespace
}  // namespace proofgate

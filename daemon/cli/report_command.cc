#include "daemon/cli/report_command.h"

#include <CLI/CLI.hpp>
#include <fstream>

#include "daemon/cli/check_command.h"
#include "daemon/files/durable_file.h"
#include "daemon/ledger/ledger_location.h"
#include "daemon/review/review_report.h"
#include "daemon/review/review_report_html.h"
#include "daemon/review/review_report_json.h"
#include "daemon/review/review_report_markdown.h"
#include "daemon/service/daemon_config.h"
#include "daemon/spool/spool.h"
#include "rules/rulebook_set.h"

namespace proofgate {

namespace {

// The rule ids of the rulebooks at `path`; none when they do not load.
std::vector<std::string> KnownRules(const std::filesystem::path& path) {
  const auto set = RulebookSet::FromPath(path);
  return set ? RuleIdsOf(**set) : std::vector<std::string>{};
}

std::string Render(const ReviewReport& report, const std::string& format) {
  if (format == "json") return ReviewReportJson(report).dump(2) + "\n";
  if (format == "md") return ReviewReportMarkdown(report);
  return ReviewReportHtml(report);
}

}  // namespace

CLI::App* AddReportCommand(CLI::App& app, ReportOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "report",
      "The exception review from the ledger: volume and first-pass yield, "
      "failures and health per rule, rework, handoff latency and cycle "
      "time, the queue now. Works while the daemon runs.");
  cmd->add_option("--spool", options.spool, "Spool root (default var/drafts)");
  cmd->add_option("--config", options.config,
                  "Daemon configuration: its spool, ledger, rules and "
                  "review.sla");
  cmd->add_option("--ledger", options.ledger, "Ledger file (overrides both)");
  cmd->add_option("--rules", options.rules,
                  "Rulebooks whose unused rules are flagged");
  cmd->add_option("--since", options.since,
                  "Start: 24h, 7d, 2026-03-01 or RFC 3339 (default 7d)");
  cmd->add_option("--until", options.until, "End, same forms (default now)");
  cmd->add_option("--folder", options.folder, "Only drafts in this folder");
  cmd->add_option("--format", options.format, "html, md or json")
      ->check(CLI::IsMember({"html", "md", "json"}));
  cmd->add_option("-o,--output", options.output, "File (default stdout)");
  return cmd;
}

int RunReportCommand(const ReportOptions& options, std::ostream& out,
                     std::ostream& err) {
  DaemonConfig config;
  if (!options.config.empty()) {
    const auto load = LoadDaemonConfig(options.config);
    if (!load) {
      for (const ConfigError& e : load.error()) err << e.ToString() << '\n';
      err << "proofgate report: the configuration above was refused\n";
      return kExitUsage;
    }
    config = *load;
  }
  if (!options.spool.empty()) config.spool = options.spool;
  const WallTime now = std::chrono::system_clock::now();
  ReportRequest request;
  request.now = now;
  const auto since = ParseReportTime(options.since, now);
  const auto until = options.until.empty()
                         ? std::optional(now)
                         : ParseReportTime(options.until, now);
  if (!since || !until) {
    err << "proofgate report: --since/--until take 24h, 7d, a date "
           "(2026-03-01) or an RFC 3339 UTC time\n";
    return kExitUsage;
  }
  request.since = *since;
  request.until = *until;
  request.folder = options.folder;
  request.sla = config.review_sla;
  const std::filesystem::path rules =
      !options.rules.empty()  ? std::filesystem::path(options.rules)
      : !config.rules.empty() ? config.rules
                              : std::filesystem::path(options.shipped_rules);
  request.known_rules = KnownRules(rules);
  std::string password;
  if (!config.ledger_password_file.empty() &&
      !ReadSecretFile(config.ledger_password_file, password)) {
    err << "proofgate report: cannot read the ledger password file "
        << config.ledger_password_file.string() << '\n';
    return 1;
  }
  const LedgerLocation ledger = LedgerLocationOf(
      !options.ledger.empty() ? options.ledger : config.ledger.string(),
      Spool(config.spool).state() / "ledger.sqlite", password);
  const Expected<ReviewReport> report = BuildReviewReport(ledger, request);
  if (!report) {
    err << "proofgate report: " << report.error() << '\n';
    return 1;
  }
  const std::string text = Render(*report, options.format);
  if (options.output.empty()) {
    out << text;
    return 0;
  }
  std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
  if (!(file << text) || !file.flush()) {
    err << "proofgate report: cannot write " << options.output << '\n';
    return 1;
  }
  return 0;
}

}  // namespace proofgate

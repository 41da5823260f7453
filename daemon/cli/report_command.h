// `proofgate report`: the exception review read from the ledger
// (daemon/review/review_report.h), as HTML, Markdown or JSON.
//
//   proofgate report [--spool DIR | --config FILE] [--ledger FILE]
//                    [--rules PATH] [--since 7d] [--until WHEN]
//                    [--folder F] [--format html|md|json] [-o FILE]
//
// WHEN (for --since and --until) is a duration back from now (30s, 15m,
// 24h, 7d), a date (2026-03-01, midnight UTC) or an RFC 3339 UTC time as
// the ledger writes it; --until defaults to now. The ledger is the one the
// configuration names (or <spool>/.proofgate/ledger.sqlite); the rules
// (for "unused?") are the configuration's, --rules', or the shipped ones;
// review.sla comes from the configuration. Reads while the daemon runs.
#ifndef PROOFGATE_DAEMON_CLI_REPORT_COMMAND_H_
#define PROOFGATE_DAEMON_CLI_REPORT_COMMAND_H_

#include <ostream>
#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace proofgate {

struct ReportOptions {
  std::string spool;
  std::string config;
  std::string ledger;         // overrides the configuration's ledger
  std::string rules;          // overrides the configuration's rules
  std::string shipped_rules;  // the rulebooks that ship (set by main)
  std::string since = "7d";
  std::string until;  // "" = now
  std::string folder;
  std::string format = "html";  // html | md | json
  std::string output;           // "" = standard output
};

// Adds the `report` subcommand to `app`, parsed into `options` (which must
// outlive the parse). Returns the subcommand, owned by `app`.
CLI::App* AddReportCommand(CLI::App& app, ReportOptions& options);

// Writes the report. Returns 0, 2 on bad arguments or configuration, 1
// when the ledger cannot be read or the output written (reason on `err`).
int RunReportCommand(const ReportOptions& options, std::ostream& out,
                     std::ostream& err);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_CLI_REPORT_COMMAND_H_

// The proofgate command line: each subcommand's arguments are set up by
// its command in daemon/cli/.
#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

#include "daemon/cli/check_command.h"
#include "daemon/cli/fix_command.h"
#include "daemon/cli/queue_command.h"
#include "daemon/cli/report_command.h"
#include "daemon/cli/run_command.h"
#include "proofgate_version.h"

#ifndef PROOFGATE_BOOKS_DIR
#define PROOFGATE_BOOKS_DIR "rules/books"
#endif

int main(int argc, char** argv) {
  using proofgate::kExitUsage;
  CLI::App app{
      "proofgate: verifies Markdown drafts against YAML rulebooks and "
      "routes them to ready or to an editor's review."};
  app.require_subcommand(1);
  app.set_version_flag(
      "--version", "proofgate " + std::string(proofgate::kProofgateVersion));

  proofgate::CheckOptions check;
  check.rules = PROOFGATE_BOOKS_DIR;
  CLI::App* check_cmd = proofgate::AddCheckCommand(app, check);
  proofgate::FixOptions fix;
  fix.rules = PROOFGATE_BOOKS_DIR;
  CLI::App* fix_cmd = proofgate::AddFixCommand(app, fix);
  proofgate::RunOptions run;
  run.shipped_rules = PROOFGATE_BOOKS_DIR;
  CLI::App* run_cmd = proofgate::AddRunCommand(app, run);
  proofgate::QueueListOptions queue;
  CLI::App* queue_cmd = proofgate::AddQueueCommand(app, queue);
  proofgate::DecideOptions decide;
  CLI::App* decide_cmd = proofgate::AddDecideCommand(app, decide);
  proofgate::ReportOptions report;
  report.shipped_rules = PROOFGATE_BOOKS_DIR;
  CLI::App* report_cmd = proofgate::AddReportCommand(app, report);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  if (check_cmd->parsed()) {
    return proofgate::RunCheckCommand(check, std::cout, std::cerr);
  }
  if (fix_cmd->parsed()) {
    return proofgate::RunFixCommand(fix, std::cout, std::cerr);
  }
  if (run_cmd->parsed()) return proofgate::RunDaemonCommand(run, std::cerr);
  if (queue_cmd->parsed()) {
    return proofgate::RunQueueList(queue, std::cout, std::cerr);
  }
  if (decide_cmd->parsed()) {
    return proofgate::RunDecide(decide, std::cout, std::cerr);
  }
  if (report_cmd->parsed()) {
    return proofgate::RunReportCommand(report, std::cout, std::cerr);
  }
  return kExitUsage;
}

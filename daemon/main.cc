// The proofgate command line.
#include <CLI/CLI.hpp>
#include <iostream>

#include "daemon/cli/check_command.h"
#include "daemon/cli/queue_command.h"
#include "daemon/cli/run_command.h"

#ifndef PROOFGATE_BOOKS_DIR
#define PROOFGATE_BOOKS_DIR "rules/books"
#endif

int main(int argc, char** argv) {
  using proofgate::kExitUsage;
  CLI::App app{
      "proofgate: verifies Markdown drafts against YAML rulebooks and "
      "routes them to ready or to an editor's review."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "proofgate 0.1.0");

  proofgate::CheckOptions check;
  check.rules = PROOFGATE_BOOKS_DIR;
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Check drafts once and report (for CI). Exit codes: 0 every draft "
      "passed; 1 a draft failed (or needs review, with --fail-on review); "
      "2 bad arguments or rulebooks.");
  cmd->add_option("paths", check.paths,
                  "Draft files and folders (folders: *.md and *.markdown, "
                  "recursively); with --changed, default: .");
  cmd->add_option("--rules", check.rules,
                  "A rulebook file (applies to every draft) or a folder of "
                  "rulebooks (chosen per draft by applies_to)")
      ->capture_default_str();
  cmd->add_option("--format", check.format,
                  "Report format (sarif: SARIF 2.1.0; codequality: GitLab "
                  "Code Quality; junit: JUnit XML; github: GitHub Actions "
                  "annotations + $GITHUB_STEP_SUMMARY)")
      ->check(CLI::IsMember(std::vector<std::string>(
          proofgate::kCheckFormats.begin(), proofgate::kCheckFormats.end())))
      ->capture_default_str();
  cmd->add_flag("--changed", check.changed,
                "Check only drafts that git reports as changed (added, "
                "modified, renamed, untracked) against --base");
  cmd->add_option("--base", check.base,
                  "With --changed: the commit to compare with (default: the "
                  "merge base of HEAD and origin/HEAD, main or master)")
      ->needs("--changed");
  cmd->add_option("--fail-on", check.fail_on,
                  "error: exit 1 on failing drafts; warning: warnings fail "
                  "drafts too; review: drafts needing review also exit 1")
      ->check(CLI::IsMember({"error", "warning", "review"}))
      ->capture_default_str();
  cmd->add_option("--max-bytes", check.max_bytes,
                  "Largest draft parsed, in bytes; larger ones get "
                  "input/too-large")
      ->capture_default_str();
  cmd->add_option("-j,--jobs", check.jobs,
                  "Worker threads (default: one per core)");
  cmd->add_flag("--offline", check.offline,
                "No network requests: link-reachability does not check "
                "external links");
  cmd->add_flag("-v,--verbose", check.verbose,
                "Text format: also list drafts that pass");

  // `proofgate run`: the daemon (daemon/run_command.h).
  proofgate::RunOptions run;
  run.shipped_rules = PROOFGATE_BOOKS_DIR;
  CLI::App* run_cmd = app.add_subcommand(
      "run",
      "Run the daemon in the foreground: watch SPOOL/inbox/, verify each "
      "draft and route it to ready/ or review/ with a proof record. "
      "SIGTERM/SIGINT drain and exit 0; SIGHUP reloads.");
  run_cmd->add_option("--config", run.config,
                      "Configuration file (see config/proofgate.yaml); "
                      "default: built-in defaults");
  run_cmd->add_option("--spool", run.spool,
                      "Spool root; overrides the configuration's spool");
  run_cmd->add_option("--rules", run.rules,
                      "Rulebook file or folder; overrides the "
                      "configuration's rules (default: the shipped ones)");
  run_cmd->add_option("--listen", run.listen,
                      "HOST:PORT for the exception queue's HTTP server; "
                      "overrides the configuration's http.listen (default "
                      "127.0.0.1:8686; port 0 picks a free one)");

  // `proofgate queue` / `proofgate decide`: the exception queue through a
  // running daemon (daemon/queue_command.h).
  proofgate::QueueListOptions queue;
  CLI::App* queue_cmd = app.add_subcommand(
      "queue",
      "List the exception queue of a running daemon, oldest first: id, "
      "waited, verdict, path, rules, title, author (control characters "
      "shown as U+FFFD). Exit 1 when the daemon cannot be reached.");
  proofgate::DecideOptions decide;
  CLI::App* decide_cmd = app.add_subcommand(
      "decide",
      "Approve a draft of the exception queue (to ready/) or return it to "
      "its writer (to returned/), with a reason. Exit 1 when refused (the "
      "draft changed or left meanwhile).");
  using ClientOf = std::pair<CLI::App*, proofgate::QueueClientOptions*>;
  for (auto [sub, client] : {ClientOf{queue_cmd, &queue.client},
                             ClientOf{decide_cmd, &decide.client}}) {
    sub->add_option("--url", client->url,
                    "The daemon's queue (its http.listen)")
        ->capture_default_str();
    sub->add_option("--token-file", client->token_file,
                    "File holding the auth token (when the daemon has "
                    "http.token_file)");
  }
  queue_cmd->add_option("--rule", queue.rule, "Only drafts failing this rule");
  queue_cmd->add_option("--verdict", queue.verdict, "fail or review")
      ->check(CLI::IsMember({"fail", "review"}));
  queue_cmd->add_option("--folder", queue.folder,
                        "Only drafts in this folder (or below)");
  queue_cmd->add_flag("--json", queue.json, "Print the queue as JSON");
  decide_cmd
      ->add_option("id", decide.id, "Draft id, as `proofgate queue` lists it")
      ->required();
  decide_cmd->add_option("decision", decide.decision, "approve or return")
      ->required()
      ->check(CLI::IsMember({"approve", "return"}));
  decide_cmd->add_option("--reason", decide.reason, "Why (required)")
      ->required();
  decide_cmd->add_option("--editor", decide.editor,
                         "Who decides (default: $USER)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }
  if (cmd->parsed()) {
    return proofgate::RunCheckCommand(check, std::cout, std::cerr);
  }
  if (run_cmd->parsed()) return proofgate::RunDaemonCommand(run, std::cerr);
  if (queue_cmd->parsed()) {
    return proofgate::RunQueueList(queue, std::cout, std::cerr);
  }
  if (decide_cmd->parsed()) {
    return proofgate::RunDecide(decide, std::cout, std::cerr);
  }
  return kExitUsage;
}

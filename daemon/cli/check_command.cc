#include "daemon/cli/check_command.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "checks/network/link_prober.h"
#include "daemon/cli/changed_drafts.h"
#include "daemon/drafts/draft_files.h"
#include "daemon/reports/report_codequality.h"
#include "daemon/reports/report_github.h"
#include "daemon/reports/report_json.h"
#include "daemon/reports/report_junit.h"
#include "daemon/reports/report_sarif.h"
#include "daemon/reports/report_text.h"
#include "rules/rulebook_set.h"

namespace proofgate {

namespace {

// Verifies `paths` on `jobs` threads; results come back in `paths` order.
std::vector<DraftResult> VerifyAll(const std::vector<std::string>& paths,
                                   const RulebookSet& rules,
                                   const ParseOptions& parse, int jobs) {
  std::vector<DraftResult> results(paths.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < paths.size(); i = next++) {
      results[i] = VerifyDraft(paths[i], rules, parse);
    }
  };
  const size_t threads =
      std::min<size_t>(std::max(jobs, 1), std::max<size_t>(paths.size(), 1));
  std::vector<std::jthread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  return results;
}

void WriteJson(const nlohmann::json& json, int indent, std::ostream& out) {
  out << json.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace)
      << '\n';
}

void WriteReport(const CheckOptions& options, const RulebookSet& rules,
                 const std::vector<DraftResult>& results, std::ostream& out,
                 std::ostream& err) {
  const bool fail_on_warning = options.fail_on == "warning";
  if (options.format == "json") {
    WriteJson(JsonReport(rules, results), 2, out);
  } else if (options.format == "sarif") {
    WriteJson(SarifReport(rules, results), 2, out);
  } else if (options.format == "codequality") {
    WriteJson(CodeQualityReport(results, fail_on_warning), 2, out);
  } else if (options.format == "junit") {
    WriteJunitReport(results, options.fail_on == "review", out);
  } else if (options.format == "github") {
    WriteGithubAnnotations(results, fail_on_warning, out);
    const char* summary_file = std::getenv("GITHUB_STEP_SUMMARY");
    if (summary_file != nullptr && *summary_file != '\0') {
      std::ofstream summary(summary_file, std::ios::app | std::ios::binary);
      if (summary) WriteGithubStepSummary(results, fail_on_warning, summary);
      if (!summary) {
        err << "proofgate: warning: cannot write the job summary to "
            << summary_file << '\n';
      }
    }
  } else {
    WriteTextReport(results, options.verbose, out);
  }
}

}  // namespace

CLI::App* AddCheckCommand(CLI::App& app, CheckOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Check drafts once and report (for CI). Exit codes: 0 every draft "
      "passed; 1 a draft failed (or needs review, with --fail-on review); "
      "2 bad arguments or rulebooks.");
  cmd->add_option("paths", options.paths,
                  "Draft files and folders (folders: *.md, *.markdown and "
                  "*.mdx, recursively); with --changed, default: .");
  cmd->add_option("--rules", options.rules,
                  "A rulebook file (applies to every draft) or a folder of "
                  "rulebooks (chosen per draft by applies_to)")
      ->capture_default_str();
  cmd->add_option("--format", options.format,
                  "Report format (sarif: SARIF 2.1.0; codequality: GitLab "
                  "Code Quality; junit: JUnit XML; github: GitHub Actions "
                  "annotations + $GITHUB_STEP_SUMMARY)")
      ->check(CLI::IsMember(
          std::vector<std::string>(kCheckFormats.begin(), kCheckFormats.end())))
      ->capture_default_str();
  cmd->add_flag("--changed", options.changed,
                "Check only drafts that git reports as changed (added, "
                "modified, renamed, untracked) against --base");
  cmd->add_option("--base", options.base,
                  "With --changed: the commit to compare with (default: the "
                  "merge base of HEAD and origin/HEAD, main or master)")
      ->needs("--changed");
  cmd->add_option("--fail-on", options.fail_on,
                  "error: exit 1 on failing drafts; warning: warnings fail "
                  "drafts too; review: drafts needing review also exit 1")
      ->check(CLI::IsMember({"error", "warning", "review"}))
      ->capture_default_str();
  cmd->add_option("--max-bytes", options.max_bytes,
                  "Largest draft parsed, in bytes; larger ones get "
                  "input/too-large")
      ->capture_default_str();
  cmd->add_option("-j,--jobs", options.jobs,
                  "Worker threads (default: one per core)");
  cmd->add_flag("--offline", options.offline,
                "No network requests: link-reachability does not check "
                "external links");
  cmd->add_flag("-v,--verbose", options.verbose,
                "Text format: also list drafts that pass");
  return cmd;
}

int RunCheckCommand(const CheckOptions& options, std::ostream& out,
                    std::ostream& err) {
  if (std::find(kCheckFormats.begin(), kCheckFormats.end(), options.format) ==
      kCheckFormats.end()) {
    err << "proofgate: unknown --format " << options.format << '\n';
    return kExitUsage;
  }
  // One prober for the whole run, with an in-memory cache: a URL linked
  // from many drafts is fetched once.
  CheckServices services;
  if (!options.offline) {
    services.link_prober = std::make_shared<LinkProber>(LinkProber::Options{});
  }
  const auto load = RulebookSet::FromPath(options.rules, services);
  if (!load) {
    for (const ConfigError& e : load.error()) err << e.ToString() << '\n';
    err << "proofgate: the rulebooks above were refused; nothing was "
           "checked\n";
    return kExitUsage;
  }
  std::vector<std::string> errors;
  std::vector<std::string> paths;
  if (options.changed) {
    paths = CollectChangedDrafts(
        options.paths.empty() ? std::vector<std::string>{"."} : options.paths,
        options.base, errors);
  } else if (options.paths.empty()) {
    errors.push_back(
        "no PATH given (name drafts or folders, or use --changed)");
  } else {
    paths = CollectDrafts(options.paths, errors);
  }
  if (!errors.empty()) {
    for (const std::string& e : errors) err << "proofgate: " << e << '\n';
    return kExitUsage;
  }

  // --fail-on warning makes warnings fail in every rulebook; the shared
  // rulebooks stay untouched, so apply it to a copy of each.
  std::shared_ptr<const RulebookSet> rules = *load;
  ParseOptions parse;
  parse.max_bytes = options.max_bytes;
  const int jobs = options.jobs > 0
                       ? options.jobs
                       : static_cast<int>(std::thread::hardware_concurrency());
  std::vector<DraftResult> results = VerifyAll(paths, *rules, parse, jobs);

  bool config_problem = false;
  for (DraftResult& r : results) {
    if (!r.config_error.empty()) {
      err << r.path << ": " << r.config_error << '\n';
      config_problem = true;
      continue;
    }
    if (options.fail_on == "warning" && r.rulebook != nullptr) {
      Routing routing = r.rulebook->routing;
      routing.fail_on = Severity::kWarning;
      r.verification.verdict = DecideVerdict(r.verification.findings, routing);
    }
  }
  if (config_problem) return kExitUsage;

  WriteReport(options, *rules, results, out, err);

  for (const DraftResult& r : results) {
    if (r.verification.verdict == Verdict::kFail) return kExitFail;
    if (r.verification.verdict == Verdict::kReview &&
        options.fail_on == "review") {
      return kExitFail;
    }
  }
  return kExitPass;
}

}  // namespace proofgate

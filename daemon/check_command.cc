#include "daemon/check_command.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "daemon/draft_files.h"
#include "daemon/report_json.h"
#include "daemon/report_text.h"
#include "rules/rulebook_set.h"

namespace proofgate {

namespace {

// Checks `paths` on `jobs` threads; results come back in `paths` order.
std::vector<DraftResult> CheckAll(const std::vector<std::string>& paths,
                                  const RulebookSet& rules,
                                  const ParseOptions& parse, int jobs) {
  std::vector<DraftResult> results(paths.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < paths.size(); i = next++) {
      results[i] = CheckDraft(paths[i], rules, parse);
    }
  };
  const size_t threads =
      std::min<size_t>(std::max(jobs, 1), std::max<size_t>(paths.size(), 1));
  std::vector<std::jthread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  return results;
}

}  // namespace

int RunCheck(const CheckOptions& options, std::ostream& out,
             std::ostream& err) {
  const RulebookSet::Load load = RulebookSet::FromPath(options.rules);
  if (!load.set) {
    for (const ConfigError& e : load.errors) err << e.ToString() << '\n';
    err << "proofgate: the rulebooks above were refused; nothing was "
           "checked\n";
    return kExitUsage;
  }
  std::vector<std::string> errors;
  const std::vector<std::string> paths = CollectDrafts(options.paths, errors);
  if (!errors.empty()) {
    for (const std::string& e : errors) err << "proofgate: " << e << '\n';
    return kExitUsage;
  }

  // --fail-on warning makes warnings fail in every rulebook; the shared
  // rulebooks stay untouched, so apply it to a copy of each.
  std::shared_ptr<const RulebookSet> rules = load.set;
  ParseOptions parse;
  parse.max_bytes = options.max_bytes;
  const int jobs = options.jobs > 0
                       ? options.jobs
                       : static_cast<int>(std::thread::hardware_concurrency());
  std::vector<DraftResult> results = CheckAll(paths, *rules, parse, jobs);

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

  if (options.format == "json") {
    out << JsonReport(*rules, results)
               .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
        << '\n';
  } else {
    WriteTextReport(results, options.verbose, out);
  }

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

#include "daemon/cli/fix_command.h"

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <array>
#include <system_error>

#include "daemon/cli/check_command.h"
#include "daemon/drafts/draft_check.h"
#include "daemon/drafts/draft_files.h"
#include "daemon/drafts/draft_fixes.h"
#include "daemon/files/durable_file.h"
#include "daemon/files/replace_if_unchanged.h"
#include "rules/rulebook_set.h"

namespace proofgate {

namespace fs = std::filesystem;

namespace {

// The folders of a spool root that hold drafts or state (daemon/spool.h).
constexpr std::array<std::string_view, 5> kSpoolFolders = {
    "inbox", "ready", "review", "returned", ".proofgate"};

// Fixes one draft; returns false when it was refused.
bool FixDraft(const std::string& path, const RulebookSet& rules,
              const FixOptions& options, std::ostream& out, std::ostream& err) {
  if (const auto root = SpoolHolding(path)) {
    err << path << ": refused: inside the spool of a proofgate daemon ("
        << root->string() << "); fix the draft where it is written\n";
    return false;
  }
  std::error_code ec;
  if (fs::is_symlink(path, ec)) {
    err << path << ": refused: a symbolic link; fix the file it points to\n";
    return false;
  }
  ParseOptions parse;
  parse.max_bytes = options.max_bytes;
  std::string bytes;
  const DraftResult result =
      VerifyDraftFile(path, path, rules, parse, &bytes, SymlinkPolicy::kRefuse);
  if (!result.config_error.empty()) {
    err << path << ": " << result.config_error << '\n';
    return false;
  }
  const FixedDraft fixed = ApplyFixes(bytes, result.verification.findings);
  if (fixed.applied == 0) return true;
  if (options.dry_run) {
    out << UnifiedDiff(path, bytes, fixed.bytes);
    return true;
  }
  const Status written = ReplaceIfUnchanged(path, bytes, fixed.bytes);
  if (!written) {
    err << path << ": refused: " << written.error() << '\n';
    return false;
  }
  out << path << ": " << fixed.applied
      << (fixed.applied == 1 ? " fix" : " fixes") << " applied\n";
  return true;
}

}  // namespace

std::optional<fs::path> SpoolHolding(const fs::path& path) {
  std::error_code ec;
  fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  if (ec) absolute = fs::absolute(path);
  fs::path child = absolute;
  for (fs::path folder = absolute.parent_path(); folder != child;
       child = folder, folder = folder.parent_path()) {
    const std::string name = child.filename().string();
    bool spool_folder = false;
    for (std::string_view f : kSpoolFolders) spool_folder |= name == f;
    if (spool_folder && fs::is_directory(folder / ".proofgate", ec)) {
      return folder;
    }
  }
  return std::nullopt;
}

CLI::App* AddFixCommand(CLI::App& app, FixOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "fix",
      "Apply the safe fixes of findings (preferred terms, consistent "
      "spellings, prohibited terms with a suggested replacement) to drafts. "
      "Exit codes: 0 done; 1 a draft was refused; 2 bad arguments or "
      "rulebooks.");
  cmd->add_option("paths", options.paths,
                  "Draft files and folders (folders: *.md and *.markdown, "
                  "recursively)")
      ->required();
  cmd->add_option("--rules", options.rules,
                  "A rulebook file (applies to every draft) or a folder of "
                  "rulebooks (chosen per draft by applies_to)")
      ->capture_default_str();
  cmd->add_flag("--dry-run", options.dry_run,
                "Print the changes as a unified diff; write nothing");
  cmd->add_option("--max-bytes", options.max_bytes,
                  "Largest draft parsed, in bytes")
      ->capture_default_str();
  return cmd;
}

int RunFixCommand(const FixOptions& options, std::ostream& out,
                  std::ostream& err) {
  // Offline: fixes never depend on the network, and a fix run must not
  // probe every link of the drafts.
  const auto load = RulebookSet::FromPath(options.rules, CheckServices{});
  if (!load) {
    for (const ConfigError& e : load.error()) err << e.ToString() << '\n';
    err << "proofgate: the rulebooks above were refused; nothing was fixed\n";
    return kExitUsage;
  }
  std::vector<std::string> errors;
  const std::vector<std::string> paths = CollectDrafts(options.paths, errors);
  if (!errors.empty()) {
    for (const std::string& e : errors) err << "proofgate: " << e << '\n';
    return kExitUsage;
  }
  bool refused = false;
  for (const std::string& path : paths) {
    refused |= !FixDraft(path, **load, options, out, err);
  }
  return refused ? kExitFail : kExitPass;
}

}  // namespace proofgate

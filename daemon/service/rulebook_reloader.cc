#include "daemon/service/rulebook_reloader.h"

#include <system_error>
#include <vector>

#include "daemon/service/daemon_log.h"
#include "daemon/spool/spool.h"

namespace proofgate {

namespace fs = std::filesystem;

RulebookReloader::RulebookReloader(boost::asio::io_context& io,
                                   const DaemonOptions& options,
                                   CheckServices services,
                                   std::shared_ptr<spdlog::logger> log)
    : io_(io),
      options_(options),
      services_(std::move(services)),
      log_(std::move(log)),
      config_(options.config),
      quiet_timer_(io) {}

bool RulebookReloader::Load() {
  rules_path_ = RulesPath(config_);
  {
    std::lock_guard<std::mutex> lock(mu_);
    parse_.max_bytes = config_.max_draft_bytes;
  }
  return LoadRules();
}

void RulebookReloader::Watch() {
  if (watcher_) watcher_->Stop();
  std::error_code ec;
  const fs::path folder = fs::is_directory(rules_path_, ec)
                              ? rules_path_
                              : rules_path_.parent_path();
  watcher_ = std::make_unique<FolderWatcher>(
      io_, folder.empty() ? fs::path(".") : folder,
      FolderWatcher::Options{.recursive = false, .report_removals = true},
      [this](const std::string& name, bool) { OnRulesFile(name); },
      [this] { OnRulesFile("overflow.yaml"); });
  if (const Status started = watcher_->Start(); !started) {
    log_->warn("rulebook changes will not be picked up until SIGHUP: {}",
               started.error());
  }
}

bool RulebookReloader::Reload() {
  log_->info("SIGHUP: reloading {}rulebooks",
             options_.config_file.empty() ? "" : "configuration and ");
  if (options_.config_file.empty()) {
    LoadRules();
    return false;
  }
  const auto load = LoadDaemonConfig(options_.config_file);
  if (!load) {
    for (const ConfigError& e : load.error()) {
      log_->error("configuration refused: {}", e.ToString());
    }
    log_->error("the previous configuration stays in force");
    return false;
  }
  const DaemonConfig& next = *load;
  WarnNextStart(next);
  ConfigureDaemonLogger(*log_, next.log_level, next.log_format);
  config_.log_level = next.log_level;
  config_.log_format = next.log_format;
  config_.settle_ms = next.settle_ms;
  config_.rules = next.rules;
  config_.notify = next.notify;
  {
    std::lock_guard<std::mutex> lock(mu_);
    parse_.max_bytes = next.max_draft_bytes;
  }
  const fs::path rules_path = RulesPath(config_);
  if (rules_path == rules_path_) {
    LoadRules();
    return true;
  }
  const fs::path previous = rules_path_;
  rules_path_ = rules_path;
  if (!LoadRules()) {
    rules_path_ = previous;
    return true;
  }
  Watch();
  return true;
}

DraftPipeline::Rules RulebookReloader::Current() {
  std::lock_guard<std::mutex> lock(mu_);
  return {rules_, parse_};
}

void RulebookReloader::Stop() {
  stopped_ = true;
  if (watcher_) watcher_->Stop();
  quiet_timer_.cancel();
}

fs::path RulebookReloader::RulesPath(const DaemonConfig& config) const {
  if (!options_.rules_override.empty()) return options_.rules_override;
  if (!config.rules.empty()) return config.rules;
  return options_.shipped_rules;
}

bool RulebookReloader::LoadRules() {
  const auto load = RulebookSet::FromPath(rules_path_, services_);
  if (!load) {
    for (const ConfigError& e : load.error()) {
      log_->error("rulebook refused: {}", e.ToString());
    }
    log_->error("the rulebooks in {} were refused; {}", rules_path_.string(),
                rules_ ? "the previous rulebooks stay in force"
                       : "nothing can be checked");
    return false;
  }
  std::string names;
  for (const auto& book : (*load)->rulebooks()) {
    names += (names.empty() ? "" : ", ") + book->name + " " + book->version +
             " (" + book->sha256.substr(0, 12) + ")";
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    rules_ = *load;
  }
  log_->info("rulebooks in force from {}: {}", rules_path_.string(), names);
  return true;
}

void RulebookReloader::OnRulesFile(const std::string& name) {
  const fs::path file(name);
  if (Spool::IsIgnoredName(name) ||
      (file.extension() != ".yaml" && file.extension() != ".yml")) {
    return;
  }
  quiet_timer_.expires_after(kRulesQuiet);
  quiet_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    log_->info("rulebook files changed; reloading");
    LoadRules();
  });
}

void RulebookReloader::WarnNextStart(const DaemonConfig& next) const {
  if ((options_.spool_override.empty() && next.spool != config_.spool) ||
      next.ledger != config_.ledger || next.workers != config_.workers) {
    log_->warn(
        "spool, ledger and workers changes take effect at the next "
        "start");
  }
  if (next.http_listen != config_.http_listen ||
      next.http_token_file != config_.http_token_file ||
      next.http_allowed_hosts != config_.http_allowed_hosts) {
    log_->warn("http changes take effect at the next start");
  }
  if (next.links_network != config_.links_network ||
      next.links_concurrency != config_.links_concurrency ||
      next.links_per_host != config_.links_per_host ||
      next.links_cache_ttl_s != config_.links_cache_ttl_s ||
      next.links_failure_cache_ttl_s != config_.links_failure_cache_ttl_s) {
    log_->warn("links changes take effect at the next start");
  }
  if (next.node != config_.node || next.export_dir != config_.export_dir ||
      next.submission_lease_ms != config_.submission_lease_ms ||
      next.submission_max_attempts != config_.submission_max_attempts ||
      next.decision_poll_ms != config_.decision_poll_ms ||
      next.decision_listen != config_.decision_listen) {
    log_->warn(
        "node, export_dir, submission_lease_ms, submission_max_attempts, "
        "decision_poll_ms and decision_listen changes take effect at the "
        "next start");
  }
}

}  // namespace proofgate

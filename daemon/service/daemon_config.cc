#include "daemon/service/daemon_config.h"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>

#include "daemon/http/request_origin.h"
#include "daemon/ledger/ledger_location.h"
#include "daemon/service/config_yaml.h"
#include "daemon/service/notify_config.h"
#include "daemon/text/duration_text.h"

namespace proofgate {

namespace {

// Whether `s` may name a node: 1 to 63 of [A-Za-z0-9._-] (a DNS label's
// length, so a host name fits).
bool IsNodeName(const std::string& s) {
  if (s.empty() || s.size() > 63) return false;
  for (const char ch : s) {
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' &&
        ch != '_' && ch != '-')
      return false;
  }
  return true;
}

void ReadLog(const YAML::Node& log, ConfigErrors& errors,
             DaemonConfig& config) {
  if (!log.IsMap()) {
    errors.At(log.Mark(), "'log' must be a map with 'level' and 'format'");
    return;
  }
  for (const auto& entry : log) {
    const std::string key = entry.first.as<std::string>("");
    const YAML::Node& value = entry.second;
    if (key == "level") {
      ReadChoice(value, "log.level",
                 {"trace", "debug", "info", "warn", "error", "off"}, errors,
                 config.log_level);
    } else if (key == "format") {
      ReadChoice(value, "log.format", {"text", "json"}, errors,
                 config.log_format);
    } else {
      errors.At(entry.first.Mark(),
                "unknown key 'log." + key + "' (expected level or format)");
    }
  }
}

// 30 days: an answer older than that says little about the link today; a
// typo guard (an extra digit or two).
constexpr long long kMaxCacheTtlS = 30LL * 24 * 3600;

// `links:` (the network part of the link-reachability check).
void ReadLinks(const YAML::Node& links, ConfigErrors& errors,
               DaemonConfig& config) {
  if (!links.IsMap()) {
    errors.At(links.Mark(),
              "'links' must be a map with 'network', 'concurrency', "
              "'per_host', 'cache_ttl_s' and 'failure_cache_ttl_s'");
    return;
  }
  for (const auto& entry : links) {
    const std::string key = entry.first.as<std::string>("");
    const YAML::Node& value = entry.second;
    long long n = 0;
    if (key == "network") {
      ReadBool(value, "links.network", errors, config.links_network);
    } else if (key == "concurrency") {
      // 1024: beyond what one process should open at once; a typo guard.
      if (ReadInteger(value, "links.concurrency", 1, 1024, errors, n)) {
        config.links_concurrency = static_cast<int>(n);
      }
    } else if (key == "per_host") {
      if (ReadInteger(value, "links.per_host", 1, 64, errors, n)) {
        config.links_per_host = static_cast<int>(n);
      }
    } else if (key == "cache_ttl_s") {
      if (ReadInteger(value, "links.cache_ttl_s", 0, kMaxCacheTtlS, errors,
                      n)) {
        config.links_cache_ttl_s = n;
      }
    } else if (key == "failure_cache_ttl_s") {
      if (ReadInteger(value, "links.failure_cache_ttl_s", 0, kMaxCacheTtlS,
                      errors, n)) {
        config.links_failure_cache_ttl_s = n;
      }
    } else {
      errors.At(entry.first.Mark(),
                "unknown key 'links." + key +
                    "' (expected network, concurrency, per_host, cache_ttl_s "
                    "or failure_cache_ttl_s)");
    }
  }
}

void ReadHttp(const YAML::Node& http, ConfigErrors& errors,
              DaemonConfig& config) {
  if (!http.IsMap()) {
    errors.At(http.Mark(),
              "'http' must be a map with 'listen', 'token_file' and "
              "'allowed_hosts'");
    return;
  }
  for (const auto& entry : http) {
    const std::string key = entry.first.as<std::string>("");
    const YAML::Node& value = entry.second;
    std::string s;
    if (key == "listen") {
      if (value.IsNull()) {
        config.http_listen.clear();
      } else if (ReadString(value, "http.listen", errors, s)) {
        config.http_listen = s;
      }
    } else if (key == "token_file") {
      if (value.IsNull()) continue;
      if (ReadString(value, "http.token_file", errors, s)) {
        config.http_token_file = s;
      }
    } else if (key == "allowed_hosts") {
      if (value.IsNull()) continue;
      if (!value.IsSequence()) {
        errors.At(value.Mark(),
                  "'http.allowed_hosts' must be a list of host names");
        continue;
      }
      for (const YAML::Node& name : value) {
        if (!ReadString(name, "http.allowed_hosts[]", errors, s)) continue;
        // A host as a Host header names it, without a port.
        const std::optional<std::string> host = HostOfHeader(s);
        std::string lower = s;
        for (char& c : lower) {
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (!host || *host != lower) {
          errors.At(name.Mark(),
                    "'" + s +
                        "' in 'http.allowed_hosts' is not a host name or "
                        "address without a port (e.g. queue.example.com, "
                        "10.0.0.5, [fd00::1])");
          continue;
        }
        config.http_allowed_hosts.push_back(*host);
      }
    } else {
      errors.At(entry.first.Mark(),
                "unknown key 'http." + key +
                    "' (expected listen, token_file or allowed_hosts)");
    }
  }
}

// The longest review service level: ten years. Anything longer is a typo,
// and a due time (routed + level) must stay within the clock's range
// (64-bit nanoseconds since 1970 end in 2262; 999999999d would overflow).
constexpr std::chrono::hours kMaxReviewSla{24 * 3650};

// `review: {sla: {default: 48h, "legal/**": 24h}}`: review service levels.
void ReadSla(const YAML::Node& sla, ConfigErrors& errors,
             DaemonConfig& config) {
  if (!sla.IsMap()) {
    errors.At(sla.Mark(),
              "'review.sla' must be a map of 'default' or draft path globs "
              "to durations (30s, 15m, 24h, 7d)");
    return;
  }
  for (const auto& entry : sla) {
    const std::string key = entry.first.as<std::string>("");
    std::string text;
    if (!ReadString(entry.second, "review.sla." + key, errors, text)) continue;
    const std::optional<std::chrono::seconds> limit = ParseDuration(text);
    if (!limit) {
      errors.At(entry.second.Mark(), "'review.sla." + key +
                                         "' must be a duration such as 30s, "
                                         "15m, 24h or 7d, not '" +
                                         text + "'");
      continue;
    }
    if (*limit > kMaxReviewSla) {
      errors.At(entry.second.Mark(), "'review.sla." + key +
                                         "' must be at most 3650d (ten "
                                         "years), not '" +
                                         text + "'");
      continue;
    }
    if (key == "default") {
      config.review_sla.SetDefault(*limit);
      continue;
    }
    PathGlob glob(key);
    if (key.empty() || !glob.ok()) {
      errors.At(entry.first.Mark(), "'" + key +
                                        "' in 'review.sla' is not a "
                                        "draft path glob: " +
                                        glob.error());
      continue;
    }
    config.review_sla.Add(std::move(glob), *limit);
  }
}

void ReadReview(const YAML::Node& review, ConfigErrors& errors,
                DaemonConfig& config) {
  if (!review.IsMap()) {
    errors.At(review.Mark(), "'review' must be a map with 'sla'");
    return;
  }
  for (const auto& entry : review) {
    const std::string key = entry.first.as<std::string>("");
    if (key == "sla") {
      ReadSla(entry.second, errors, config);
    } else {
      errors.At(entry.first.Mark(),
                "unknown key 'review." + key + "' (expected sla)");
    }
  }
}

// The YAML document in `file`; nullopt when it cannot be read or parsed
// (the reason goes to `errors`).
std::optional<YAML::Node> ParseFile(const std::filesystem::path& file,
                                    ConfigErrors& errors) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    errors.At(YAML::Mark::null_mark(), "cannot read the configuration file");
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  try {
    return YAML::Load(text.str());
  } catch (const YAML::Exception& e) {
    errors.At(e.mark, e.msg);
    return std::nullopt;
  }
}

// `node`: this daemon's name (IsNodeName) into `config`.
void ReadNode(const YAML::Node& value, ConfigErrors& errors,
              DaemonConfig& config) {
  std::string s;
  if (!ReadString(value, "node", errors, s)) return;
  if (!IsNodeName(s)) {
    errors.At(value.Mark(),
              "'node' must be 1 to 63 letters, digits, '.', '_' or '-', not "
              "'" +
                  s + "'");
    return;
  }
  config.node = s;
}

// The numeric top-level keys (workers, max_draft_bytes, settle_ms,
// submission_lease_ms, submission_max_attempts, decision_poll_ms) into
// `config`; false when `key` is none of them.
bool ReadNumber(const std::string& key, const YAML::Node& value,
                ConfigErrors& errors, DaemonConfig& config) {
  long long n = 0;
  if (key == "workers") {
    // 256: far beyond any machine this runs on; a typo guard.
    if (ReadInteger(value, key, 0, 256, errors, n)) {
      config.workers = static_cast<int>(n);
    }
  } else if (key == "max_draft_bytes") {
    if (ReadInteger(value, key, 1, std::numeric_limits<int32_t>::max(), errors,
                    n)) {
      config.max_draft_bytes = static_cast<size_t>(n);
    }
  } else if (key == "settle_ms") {
    // A minute: longer would make writers wait for no reason.
    if (ReadInteger(value, key, 0, 60000, errors, n)) {
      config.settle_ms = static_cast<int>(n);
    }
  } else if (key == "submission_lease_ms") {
    // 1 s to an hour: shorter leases expire under a slow check, longer
    // ones leave a dead node's work waiting for no reason.
    if (ReadInteger(value, key, 1000, 3'600'000, errors, n)) {
      config.submission_lease_ms = static_cast<int>(n);
    }
  } else if (key == "submission_max_attempts") {
    // 100: beyond that a crashing draft costs a node restart too many.
    if (ReadInteger(value, key, 1, 100, errors, n)) {
      config.submission_max_attempts = static_cast<int>(n);
    }
  } else if (key == "decision_poll_ms") {
    // 100 ms to 10 minutes: more often only loads the server; less often
    // leaves a decision unapplied for too long when a notification is
    // lost.
    if (ReadInteger(value, key, 100, 600'000, errors, n)) {
      config.decision_poll_ms = static_cast<int>(n);
    }
  } else {
    return false;
  }
  return true;
}

// The top-level keys of the map `root` into `config`; `log`, `links` and
// `http` are maps of their own.
void ReadRoot(const YAML::Node& root, ConfigErrors& errors,
              DaemonConfig& config) {
  for (const auto& entry : root) {
    const std::string key = entry.first.as<std::string>("");
    const YAML::Node& value = entry.second;
    std::string s;
    if (key == "spool") {
      if (ReadString(value, key, errors, s)) {
        if (s.empty()) {
          errors.At(value.Mark(), "'spool' must not be empty");
        } else {
          config.spool = s;
        }
      }
    } else if (key == "rules") {
      if (value.IsNull()) continue;
      if (ReadString(value, key, errors, s)) config.rules = s;
    } else if (key == "ledger") {
      if (value.IsNull()) continue;
      if (ReadString(value, key, errors, s)) {
        if (const Status uri = CheckLedgerSetting(s); !uri) {
          errors.At(value.Mark(), "'ledger': " + uri.error());
        } else {
          config.ledger = s;
        }
      }
    } else if (key == "ledger_password_file") {
      if (value.IsNull()) continue;
      if (ReadString(value, key, errors, s)) config.ledger_password_file = s;
    } else if (key == "node") {
      ReadNode(value, errors, config);
    } else if (key == "export_dir") {
      if (value.IsNull()) continue;
      if (ReadString(value, key, errors, s)) config.export_dir = s;
    } else if (ReadNumber(key, value, errors, config)) {
      continue;
    } else if (key == "decision_listen") {
      ReadBool(value, key, errors, config.decision_listen);
    } else if (key == "log") {
      ReadLog(value, errors, config);
    } else if (key == "links") {
      ReadLinks(value, errors, config);
    } else if (key == "http") {
      ReadHttp(value, errors, config);
    } else if (key == "review") {
      ReadReview(value, errors, config);
    } else if (key == "notify") {
      ReadNotify(value, errors, config.notify);
    } else {
      errors.At(entry.first.Mark(),
                "unknown key '" + key +
                    "' (expected spool, rules, workers, max_draft_bytes, "
                    "node, ledger, ledger_password_file, export_dir, log, "
                    "settle_ms, submission_lease_ms, "
                    "submission_max_attempts, decision_poll_ms, "
                    "decision_listen, links, http, review or notify)");
    }
  }
}

// The keys that depend on the ledger's backend: a password file only for
// PostgreSQL.
void CheckLedgerKeys(const YAML::Node& root, const DaemonConfig& config,
                     ConfigErrors& errors) {
  const bool postgres = IsPostgresUri(config.ledger.string());
  if (!config.ledger_password_file.empty() && !postgres) {
    errors.At(root["ledger_password_file"].Mark(),
              "'ledger_password_file' needs a PostgreSQL 'ledger' "
              "(postgresql://...)");
  }
}

}  // namespace

std::string HostName() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') {
    return "localhost";
  }
  return name;
}

Expected<DaemonConfig, std::vector<ConfigError>> LoadDaemonConfig(
    const std::filesystem::path& file) {
  ConfigErrors errors(file.string());
  DaemonConfig config;
  const std::optional<YAML::Node> root = ParseFile(file, errors);
  if (root && root->IsMap()) {
    ReadRoot(*root, errors, config);
  } else if (root && !root->IsNull()) {  // null: an empty file, all defaults
    errors.At(root->Mark(), "the configuration must be a map of keys");
  }
  if (root && root->IsMap()) CheckLedgerKeys(*root, config, errors);
  if (!errors.errors().empty()) return Unexpected(std::move(errors.errors()));
  if (config.node.empty()) config.node = HostName();
  return config;
}

}  // namespace proofgate

#include "daemon/service/daemon_log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>

#include <nlohmann/json.hpp>

#include "daemon/text/timestamp.h"

namespace proofgate {

namespace {

// One JSON object per line; the message is escaped by nlohmann::json, and
// bytes that are not UTF-8 (from odd file names) become U+FFFD.
class JsonLineFormatter : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg,
              spdlog::memory_buf_t& dest) override {
    nlohmann::json line = {
        {"time", Rfc3339Utc(msg.time)},
        {"level", std::string(spdlog::level::to_string_view(msg.level).data(),
                              spdlog::level::to_string_view(msg.level).size())},
        {"message", std::string(msg.payload.data(), msg.payload.size())}};
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonLineFormatter>();
  }
};

}  // namespace

std::shared_ptr<spdlog::logger> MakeDaemonLogger(const std::string& level,
                                                 const std::string& format) {
  auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  auto logger = std::make_shared<spdlog::logger>("proofgate", sink);
  ConfigureDaemonLogger(*logger, level, format);
  return logger;
}

void ConfigureDaemonLogger(spdlog::logger& logger, const std::string& level,
                           const std::string& format) {
  auto parsed = spdlog::level::from_str(level);
  if (parsed == spdlog::level::off && level != "off") {
    parsed = spdlog::level::info;
  }
  logger.set_level(parsed);
  logger.flush_on(spdlog::level::trace);
  if (format == "json") {
    logger.set_formatter(std::make_unique<JsonLineFormatter>());
  } else {
    logger.set_formatter(std::make_unique<spdlog::pattern_formatter>(
        "%Y-%m-%dT%H:%M:%S.%fZ %l %v", spdlog::pattern_time_type::utc));
  }
}

}  // namespace proofgate

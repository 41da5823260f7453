// The daemon's log: spdlog to stderr, as text or as JSON lines.
//
//   text: 2025-03-01T09:30:12.345678Z info routed blog/post.md -> review/
//   json: {"time":"2025-03-01T09:30:12.345678Z","level":"info",
//          "message":"routed blog/post.md -> review/"}
//
// Times are UTC. The logger is thread-safe (spdlog's _mt sink); there is
// no global logger: components receive this one.
#ifndef PROOFGATE_DAEMON_SERVICE_DAEMON_LOG_H_
#define PROOFGATE_DAEMON_SERVICE_DAEMON_LOG_H_

#include <spdlog/spdlog.h>

#include <memory>
#include <string>

namespace proofgate {

// A logger named "proofgate" writing to stderr. `level` is one of trace,
// debug, info, warn, error, off; `format` is text or json. Unknown values
// fall back to info and text (the config loader validates them first).
std::shared_ptr<spdlog::logger> MakeDaemonLogger(const std::string& level,
                                                 const std::string& format);

// Changes `logger`'s level and format in place (for a SIGHUP reload).
// Thread-safe.
void ConfigureDaemonLogger(spdlog::logger& logger, const std::string& level,
                           const std::string& format);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_SERVICE_DAEMON_LOG_H_

// HttpServer: a small HTTP/1.1 server (Boost.Beast) on the daemon's
// io_context, answering every request with a handler: a function from an
// HttpRequest to an HttpResponse (daemon/http/http_message.h).
// The handler runs on the io_context's thread, never on the verification
// workers.
//
// Limits, per connection: request headers at most kMaxHeaderBytes, a body
// at most kMaxBodyBytes (larger requests get 413 / 431 and the connection
// is closed); a request must arrive within kRequestTimeout; at most
// kMaxConnections are open at once (more are accepted and closed at once,
// so a flood cannot exhaust file descriptors).
//
// Thread safety: construct, Start() and Stop() on the io_context's thread
// (or before it runs).
#ifndef PROOFGATE_DAEMON_HTTP_HTTP_SERVER_H_
#define PROOFGATE_DAEMON_HTTP_HTTP_SERVER_H_

#include <spdlog/logger.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "checks/expected.h"
#include "daemon/http/http_message.h"

namespace proofgate {

// 8 KiB: Beast's default header limit, and what common servers (nginx's
// large_client_header_buffers) allow per line.
inline constexpr size_t kMaxHeaderBytes = 8 * 1024;
// 64 KiB: a decision is a reason of at most 4 KiB (daemon/decision.h) plus
// a few short fields; 16 times that leaves room for encoding overhead.
inline constexpr size_t kMaxBodyBytes = 64 * 1024;
// 30 s: far above a local client's need, short enough that idle or
// trickling connections do not pile up.
inline constexpr auto kRequestTimeout = std::chrono::seconds(30);
// 768: well above the 200 concurrent connections the queue must serve, and
// below the usual limit of 1024 open files per process (ulimit -n), which
// leaves room for the daemon's own files and inotify watches.
inline constexpr size_t kMaxConnections = 768;

// Parses "HOST:PORT" ("127.0.0.1:8686", "[::1]:8686", "0.0.0.0:80";
// PORT 0 picks a free port). nullopt when it is not an IP address and a
// port in 0..65535.
std::optional<boost::asio::ip::tcp::endpoint> ParseListenAddress(
    const std::string& text);

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  // The largest body, in bytes, a request with this method and target
  // may carry.
  using BodyLimit = std::function<size_t(const std::string& method,
                                         const std::string& target)>;

  HttpServer(boost::asio::io_context& io, Handler handler,
             std::shared_ptr<spdlog::logger> log);
  ~HttpServer();

  // Replaces kMaxBodyBytes by `limit`, asked once a request's header is
  // read (an endpoint receiving drafts allows more than a decision);
  // `largest` is the most it ever answers, in bytes. Call before Start().
  void SetBodyLimit(BodyLimit limit, size_t largest);

  // Binds `endpoint` and starts accepting. Returns success, or what failed
  // (address in use, permission).
  Status Start(const boost::asio::ip::tcp::endpoint& endpoint);

  // The address actually bound (with the port chosen for port 0).
  boost::asio::ip::tcp::endpoint local_endpoint() const;

  // Stops accepting and closes open connections.
  void Stop();

  // Shared by the server and its connections (defined in the .cc).
  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_HTTP_HTTP_SERVER_H_

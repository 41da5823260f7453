#include "daemon/http/http_server.h"

#include <array>
#include <boost/asio/ip/address.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <set>

namespace proofgate {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

class Session;

struct HttpServer::State {
  State(asio::io_context& io, Handler h, std::shared_ptr<spdlog::logger> l)
      : acceptor(io), handler(std::move(h)), log(std::move(l)) {}
  tcp::acceptor acceptor;
  Handler handler;
  BodyLimit body_limit;  // see SetBodyLimit(); empty: kMaxBodyBytes
  size_t largest_body = kMaxBodyBytes;  // the most body_limit allows
  std::shared_ptr<spdlog::logger> log;
  std::set<Session*> sessions;  // open connections (io thread only)
  bool stopped = false;
};

// One connection: read a request, answer it, repeat while keep-alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<HttpServer::State> state)
      : stream_(std::move(socket)), state_(std::move(state)) {}

  void Start() {
    state_->sessions.insert(this);
    Read();
  }
  void Close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }
  ~Session() { state_->sessions.erase(this); }

 private:
  // The header first, then the body under the limit its method and
  // target allow (SetBodyLimit).
  void Read() {
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    // Beast compares a Content-Length with the limit as the header ends:
    // the largest any request may send, then the request's own below.
    parser_->body_limit(state_->largest_body);
    stream_.expires_after(kRequestTimeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) {
          if (ec) {
            self->OnRead(ec);
            return;
          }
          self->ReadBody();
        });
  }

  void ReadBody() {
    const auto& header = parser_->get();
    const size_t limit =
        state_->body_limit
            ? state_->body_limit(std::string(header.method_string()),
                                 std::string(header.target()))
            : kMaxBodyBytes;
    if (parser_->content_length().value_or(0) > limit) {
      Refuse(http::status::payload_too_large, "the request body is too large");
      return;
    }
    parser_->body_limit(limit);  // a chunked body is counted as it comes
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, size_t) {
                       self->OnRead(ec);
                     });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || state_->stopped) {
      Close();
      return;
    }
    if (ec == http::error::body_limit) {
      Refuse(http::status::payload_too_large, "the request body is too large");
      return;
    }
    if (ec == http::error::header_limit) {
      Refuse(http::status::request_header_fields_too_large,
             "the request headers are too large");
      return;
    }
    if (ec) {
      if (ec != asio::error::connection_reset && ec != asio::error::eof) {
        Refuse(http::status::bad_request, "malformed request");
      } else {
        Close();
      }
      return;
    }
    const HttpRequest request = parser_->release();
    auto response = std::make_shared<HttpResponse>(state_->handler(request));
    if (request.method() == http::verb::head) response->body().clear();
    Write(response, !response->keep_alive());
  }

  void Refuse(http::status status, const std::string& message) {
    auto response = std::make_shared<HttpResponse>(status, 11);
    response->set(http::field::server, "proofgate");
    response->set(http::field::content_type, "text/plain; charset=utf-8");
    response->body() = message + "\n";
    response->keep_alive(false);
    response->prepare_payload();
    Write(response, true);
  }

  void Write(std::shared_ptr<HttpResponse> response, bool close) {
    stream_.expires_after(kRequestTimeout);
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response, close](
                          beast::error_code ec, size_t) {
                        if (ec || self->state_->stopped) {
                          self->Close();
                        } else if (close) {
                          self->Linger();
                        } else {
                          self->Read();
                        }
                      });
  }

  // Closing a socket with unread data (the rest of a refused body) resets
  // the connection, and the client may lose the response; so stop
  // sending, read and drop what still arrives for up to kLinger, then
  // close (the "lingering close" of RFC 9112 section 9.6).
  void Linger() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLinger);
    stream_.async_read_some(
        asio::buffer(discard_),
        [self = shared_from_this()](beast::error_code ec, size_t) {
          if (ec || self->state_->stopped) {
            self->Close();
          } else {
            self->stream_.expires_after(kLinger);
            self->Linger();
          }
        });
  }

  // 2 s: enough for a local client to finish sending a refused body.
  static constexpr auto kLinger = std::chrono::seconds(2);
  std::array<char, 4096> discard_;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<HttpServer::State> state_;
};

namespace {

void Accept(std::shared_ptr<HttpServer::State> state) {
  state->acceptor.async_accept(
      [state](beast::error_code ec, tcp::socket socket) {
        if (state->stopped || ec == asio::error::operation_aborted) return;
        if (!ec) {
          if (state->sessions.size() >= kMaxConnections) {
            beast::error_code ignored;
            socket.close(ignored);
          } else {
            std::make_shared<Session>(std::move(socket), state)->Start();
          }
        } else {
          state->log->warn("http: accept failed: {}", ec.message());
        }
        Accept(state);
      });
}

}  // namespace

std::optional<tcp::endpoint> ParseListenAddress(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) {
    return std::nullopt;
  }
  std::string host = text.substr(0, colon);
  const std::string port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  const int n = std::stoi(port);
  if (n > 65535) return std::nullopt;
  beast::error_code ec;
  const asio::ip::address address = asio::ip::make_address(host, ec);
  if (ec) return std::nullopt;
  return tcp::endpoint(address, static_cast<unsigned short>(n));
}

HttpServer::HttpServer(asio::io_context& io, Handler handler,
                       std::shared_ptr<spdlog::logger> log)
    : state_(std::make_shared<State>(io, std::move(handler), std::move(log))) {}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::SetBodyLimit(BodyLimit limit, size_t largest) {
  state_->body_limit = std::move(limit);
  state_->largest_body = std::max(largest, kMaxBodyBytes);
}

Status HttpServer::Start(const tcp::endpoint& endpoint) {
  beast::error_code ec;
  state_->acceptor.open(endpoint.protocol(), ec);
  if (!ec)
    state_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) state_->acceptor.bind(endpoint, ec);
  if (!ec)
    state_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return Unexpected(ec.message());
  Accept(state_);
  return {};
}

tcp::endpoint HttpServer::local_endpoint() const {
  beast::error_code ec;
  return state_->acceptor.local_endpoint(ec);
}

void HttpServer::Stop() {
  if (state_->stopped) return;
  state_->stopped = true;
  beast::error_code ec;
  state_->acceptor.close(ec);
  // Close() may end a session (and erase it) only from its own handler,
  // which runs later; copying first keeps the iteration valid.
  const std::set<Session*> open = state_->sessions;
  for (Session* s : open) s->Close();
}

}  // namespace proofgate

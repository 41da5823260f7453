// For tests: a real webhook receiver, an HTTP/1.1 server (Boost.Beast) on
// 127.0.0.1 that keeps every request it gets (target, headers, body) and
// answers each with `status` (200 unless told). One connection at a time
// (the webhook sender makes one request per connection).
#ifndef PROOFGATE_TESTS_WEBHOOK_RECEIVER_H_
#define PROOFGATE_TESTS_WEBHOOK_RECEIVER_H_

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace proofgate::testing {

struct ReceivedRequest {
  std::string target;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

class WebhookReceiver {
 public:
  // Listens on 127.0.0.1:`port` (0: a free port).
  explicit WebhookReceiver(unsigned short port = 0, unsigned status = 200)
      : status_(status),
        acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), port}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { AcceptLoop(); });
  }

  ~WebhookReceiver() {
    stop_ = true;
    boost::system::error_code ec;
    {
      // Wakes the blocking accept() up.
      boost::asio::ip::tcp::socket poke(io_);
      poke.connect({boost::asio::ip::make_address("127.0.0.1"), port_}, ec);
    }
    thread_.join();
    acceptor_.close(ec);
  }

  unsigned short port() const { return port_; }

  std::vector<ReceivedRequest> Requests() const {
    std::lock_guard<std::mutex> lock(mu_);
    return requests_;
  }

 private:
  void AcceptLoop() {
    namespace http = boost::beast::http;
    while (!stop_) {
      boost::asio::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stop_) return;
      boost::beast::flat_buffer buffer;
      http::request<http::string_body> req;
      http::read(socket, buffer, req, ec);
      if (ec) continue;
      ReceivedRequest r{std::string(req.target()), {}, req.body()};
      for (const auto& field : req) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(c));
        r.headers[name] = std::string(field.value());
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        requests_.push_back(std::move(r));
      }
      http::response<http::string_body> res{static_cast<http::status>(status_),
                                            req.version()};
      res.keep_alive(false);
      res.prepare_payload();
      http::write(socket, res, ec);
      socket.shutdown(boost::asio::socket_base::shutdown_both, ec);
    }
  }

  unsigned status_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::vector<ReceivedRequest> requests_;
  std::thread thread_;
};

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_WEBHOOK_RECEIVER_H_

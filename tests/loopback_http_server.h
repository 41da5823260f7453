// For tests and benchmarks: a real HTTP/1.1 server (Boost.Beast) on
// 127.0.0.1 with the routes link checks meet, counting what it receives.
//
// Routes (any method; HEAD gets the headers of GET):
//   /ok            200
//   /moved         301 -> /ok
//   /moved-to-anchor  301 -> /ok#elsewhere
//   /found         302 -> /ok (temporary)
//   /missing       404
//   /gone          410
//   /no-head       405 to HEAD, 200 with a 64 KiB body to GET
//   /head-refused/S  S (e.g. 403, 501) to HEAD, 200 with a 64 KiB body to GET
//   /body/N        405 to HEAD, 200 with a body of N bytes to GET
//   /busy          429 with "Retry-After: 1" the first time, then 200
//   /retry-after/S/V  S (429, 503) with "Retry-After: V" the first time,
//                  then 200
//   /flaky         503 the first time, then 200
//   /always-busy   503 every time
//   /slow          200 after 3 s (longer than the tests' timeouts)
//   /to-private    302 -> http://10.0.0.1/x
//   /to-metadata   301 -> http://169.254.169.254/latest/meta-data/
//   /loop          302 -> /loop
//   /delay/...     200 after delay_ms (constructor), for the benchmark
//   anything else  404
//
// One thread accepts; each connection gets its own thread (keep-alive).
// Counters and arrival times are per path (without the query);
// `max_open_per_host` is the most connections open at once that sent the
// same Host header, `max_in_flight` the most requests being answered at
// once.
#ifndef PROOFGATE_TESTS_LOOPBACK_HTTP_SERVER_H_
#define PROOFGATE_TESTS_LOOPBACK_HTTP_SERVER_H_

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace proofgate::testing {

class LoopbackHttpServer {
 public:
  explicit LoopbackHttpServer(int delay_ms = 50)
      : delay_ms_(delay_ms),
        acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    accept_thread_ = std::thread([this] { AcceptLoop(); });
  }

  ~LoopbackHttpServer() {
    stop_ = true;
    boost::system::error_code ec;
    {
      // Wakes the blocking accept() up.
      boost::asio::ip::tcp::socket poke(io_);
      poke.connect({boost::asio::ip::make_address("127.0.0.1"),
                    static_cast<unsigned short>(port_)},
                   ec);
    }
    accept_thread_.join();
    acceptor_.close(ec);
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& s : sockets_)
        s->shutdown(boost::asio::socket_base::shutdown_both, ec);
      threads.swap(threads_);
    }
    for (std::thread& t : threads) t.join();
  }

  int port() const { return port_; }
  // "http://127.0.0.1:PORT" + path.
  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }

  // Requests received for `path` (any method).
  int Requests(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = requests_.find(path);
    return it == requests_.end() ? 0 : it->second;
  }
  int TotalRequests() const {
    std::lock_guard<std::mutex> lock(mu_);
    int total = 0;
    for (const auto& [path, n] : requests_) total += n;
    return total;
  }
  // When each request for `path` arrived (read in full), in order.
  std::vector<std::chrono::steady_clock::time_point> Arrivals(
      const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = arrivals_.find(path);
    return it == arrivals_.end()
               ? std::vector<std::chrono::steady_clock::time_point>{}
               : it->second;
  }
  // Methods seen for `path`, in order ("HEAD", "GET", ...).
  std::vector<std::string> Methods(const std::string& path) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = methods_.find(path);
    return it == methods_.end() ? std::vector<std::string>{} : it->second;
  }
  std::string LastUserAgent() const {
    std::lock_guard<std::mutex> lock(mu_);
    return user_agent_;
  }
  int max_open_per_host() const { return max_open_per_host_; }
  int max_open() const { return max_open_; }
  int max_in_flight() const { return max_in_flight_; }

 private:
  using Request = boost::beast::http::request<boost::beast::http::string_body>;
  using Response =
      boost::beast::http::response<boost::beast::http::string_body>;

  void AcceptLoop() {
    while (!stop_) {
      auto socket = std::make_shared<boost::asio::ip::tcp::socket>(io_);
      boost::system::error_code ec;
      acceptor_.accept(*socket, ec);
      if (ec || stop_) return;
      std::lock_guard<std::mutex> lock(mu_);
      sockets_.push_back(socket);
      threads_.emplace_back([this, socket] { Serve(*socket); });
    }
  }

  void Serve(boost::asio::ip::tcp::socket& socket) {
    namespace http = boost::beast::http;
    boost::beast::flat_buffer buffer;
    std::string host;
    Open(+1, "");
    for (;;) {
      Request req;
      boost::system::error_code ec;
      http::read(socket, buffer, req, ec);
      if (ec) break;
      if (host.empty()) {
        host = std::string(req[http::field::host]);
        Open(0, host);
      }
      {
        std::lock_guard<std::mutex> lock(mu_);
        max_in_flight_ = std::max(max_in_flight_.load(), ++in_flight_);
      }
      Response res = Answer(req);
      {
        std::lock_guard<std::mutex> lock(mu_);
        --in_flight_;
      }
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      http::write(socket, res, ec);
      if (ec || !req.keep_alive()) break;
    }
    Open(-1, host);
    boost::system::error_code ec;
    socket.shutdown(boost::asio::socket_base::shutdown_both, ec);
  }

  // delta +1: a connection opened; 0: it named its host; -1: it closed.
  void Open(int delta, const std::string& host) {
    std::lock_guard<std::mutex> lock(mu_);
    if (delta > 0) {
      max_open_ = std::max(max_open_.load(), ++open_);
    } else if (delta == 0) {
      max_open_per_host_ =
          std::max(max_open_per_host_.load(), ++open_per_host_[host]);
    } else {
      --open_;
      if (!host.empty()) --open_per_host_[host];
    }
  }

  void Sleep(int ms) {
    const auto until =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stop_ && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }

  Response Answer(const Request& req) {
    namespace http = boost::beast::http;
    std::string path(req.target());
    path = path.substr(0, path.find('?'));
    int seen = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      seen = requests_[path]++;
      arrivals_[path].push_back(std::chrono::steady_clock::now());
      methods_[path].push_back(std::string(req.method_string()));
      user_agent_ = std::string(req[http::field::user_agent]);
    }
    Response res{http::status::ok, req.version()};
    auto redirect = [&](http::status status, const std::string& to) {
      res.result(status);
      res.set(http::field::location, to);
    };
    if (path == "/ok") {
    } else if (path == "/moved") {
      redirect(http::status::moved_permanently, "/ok");
    } else if (path == "/moved-to-anchor") {
      redirect(http::status::moved_permanently, "/ok#elsewhere");
    } else if (path == "/found") {
      redirect(http::status::found, "/ok");
    } else if (path == "/gone") {
      res.result(http::status::gone);
    } else if (path == "/no-head") {
      if (req.method() == http::verb::head) {
        res.result(http::status::method_not_allowed);
      } else {
        res.body() = std::string(64 * 1024, 'x');
      }
    } else if (path.rfind("/head-refused/", 0) == 0) {
      if (req.method() == http::verb::head) {
        res.result(static_cast<unsigned>(std::stoi(path.substr(14))));
      } else {
        res.body() = std::string(64 * 1024, 'x');
      }
    } else if (path.rfind("/body/", 0) == 0) {
      if (req.method() == http::verb::head) {
        res.result(http::status::method_not_allowed);
      } else {
        res.body() = std::string(std::stoul(path.substr(6)), 'x');
      }
    } else if (path.rfind("/retry-after/", 0) == 0) {
      // /retry-after/STATUS/VALUE
      const size_t slash = path.find('/', 13);
      if (seen == 0 && slash != std::string::npos) {
        res.result(
            static_cast<unsigned>(std::stoi(path.substr(13, slash - 13))));
        res.set(http::field::retry_after, path.substr(slash + 1));
      }
    } else if (path == "/busy") {
      if (seen == 0) {
        res.result(http::status::too_many_requests);
        res.set(http::field::retry_after, "1");
      }
    } else if (path == "/flaky") {
      if (seen == 0) res.result(http::status::service_unavailable);
    } else if (path == "/always-busy") {
      res.result(http::status::service_unavailable);
    } else if (path == "/slow") {
      Sleep(3000);
    } else if (path == "/to-private") {
      redirect(http::status::found, "http://10.0.0.1/x");
    } else if (path == "/to-metadata") {
      redirect(http::status::moved_permanently,
               "http://169.254.169.254/latest/meta-data/");
    } else if (path == "/loop") {
      redirect(http::status::found, "/loop");
    } else if (path.rfind("/delay/", 0) == 0) {
      Sleep(delay_ms_);
    } else {
      res.result(http::status::not_found);
    }
    return res;
  }

  const int delay_ms_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread accept_thread_;

  mutable std::mutex mu_;
  std::vector<std::shared_ptr<boost::asio::ip::tcp::socket>> sockets_;
  std::vector<std::thread> threads_;
  std::map<std::string, int> requests_;
  std::map<std::string, std::vector<std::string>> methods_;
  std::map<std::string, std::vector<std::chrono::steady_clock::time_point>>
      arrivals_;
  std::string user_agent_;
  int open_ = 0;
  std::map<std::string, int> open_per_host_;
  std::atomic<int> max_open_{0};
  std::atomic<int> max_open_per_host_{0};
  int in_flight_ = 0;
  std::atomic<int> max_in_flight_{0};
};

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_LOOPBACK_HTTP_SERVER_H_

// For tests: a small HTTP client (libcurl) for the daemon's exception
// queue on loopback, and a way to find the port a daemon chose.
#ifndef PROOFGATE_TESTS_HTTP_CLIENT_H_
#define PROOFGATE_TESTS_HTTP_CLIENT_H_

#include <curl/curl.h>

#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "checks/ascii.h"

namespace proofgate::testing {

struct HttpReply {
  long status = 0;  // 0 when the request failed at the transport level
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string error;                           // curl's message

  // The value of header `name` (lower-case), or "".
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

// One request to `url` (which must be http://127.0.0.1 or [::1]); no
// redirects followed; 30 s timeout.
inline HttpReply Http(const std::string& method, const std::string& url,
                      const std::string& body = "",
                      const std::vector<std::string>& headers = {}) {
  HttpReply reply;
  CURL* curl = curl_easy_init();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http");
  if (method == "POST" || !body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE,
                     static_cast<long>(body.size()));
  }
  if (method == "HEAD") curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  // No "Expect: 100-continue" wait before a body.
  curl_slist* list = curl_slist_append(nullptr, "Expect:");
  for (const std::string& h : headers)
    list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  auto write = +[](char* data, size_t size, size_t n, void* out) -> size_t {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
  };
  auto header = +[](char* data, size_t size, size_t n, void* out) -> size_t {
    std::string line(data, size * n);
    const size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = AsciiLower(c);
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() && (value.back() == '\n' || value.back() == '\r'))
        value.pop_back();
      (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
    }
    return size * n;
  };
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &reply.headers);
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  } else {
    reply.error = curl_easy_strerror(rc);
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return reply;
}

// A decision POST, repeated (at most 100 times, 20 ms apart) while the
// daemon answers 409 "being verified": a draft shows up in review/ (step 5
// of daemon/spool.h) a few milliseconds before its submission is finished
// (ledger row, clean-up), and decisions on its path are refused until then.
inline HttpReply PostUntilRouted(const std::string& url,
                                 const std::string& body,
                                 const std::vector<std::string>& headers) {
  HttpReply reply;
  for (int attempt = 0; attempt < 100; ++attempt) {
    reply = Http("POST", url, body, headers);
    if (reply.status != 409 ||
        reply.body.find("being verified") == std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return reply;
}

// The queue's URL ("http://127.0.0.1:PORT/") from a daemon's log, or "".
inline std::string QueueUrl(const std::string& log) {
  const std::string marker = "serving the exception queue on ";
  const size_t at = log.find(marker);
  if (at == std::string::npos) return "";
  const size_t begin = at + marker.size();
  return log.substr(begin, log.find_first_of(" \n", begin) - begin);
}

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_HTTP_CLIENT_H_

#include "daemon/notify/webhook_url.h"

#include <curl/curl.h>

#include <memory>

namespace proofgate {

namespace {

// One part of a parsed URL; "" when absent.
std::string Part(CURLU* url, CURLUPart what) {
  char* text = nullptr;
  if (curl_url_get(url, what, &text, 0) != CURLUE_OK || text == nullptr) {
    return "";
  }
  std::string out(text);
  curl_free(text);
  return out;
}

}  // namespace

std::optional<UrlParts> ParseUrlParts(const std::string& url) {
  const std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(
      curl_url(), &curl_url_cleanup);
  if (!parsed ||
      curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  UrlParts parts{Part(parsed.get(), CURLUPART_SCHEME),
                 Part(parsed.get(), CURLUPART_HOST),
                 Part(parsed.get(), CURLUPART_PORT)};
  if (parts.scheme.empty() || parts.host.empty()) return std::nullopt;
  return parts;
}

std::string RedactedUrl(const std::string& url) {
  const std::optional<UrlParts> p = ParseUrlParts(url);
  if (!p) return "(an unparsable URL)";
  return p->scheme + "://" + p->host + (p->port.empty() ? "" : ":" + p->port) +
         "/…";
}

}  // namespace proofgate

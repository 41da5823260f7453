#include "daemon/queue/submission_api.h"

#include <algorithm>
#include <cctype>

#include "checks/document/utf8.h"
#include "daemon/spool/submission_path.h"

namespace proofgate {

namespace {

constexpr std::string_view kContentTypeRefused =
    "Content-Type: a browser form's type is refused (cross-site requests); "
    "send the draft as text/markdown";

// Whether `text` is valid UTF-8 without control characters.
bool PlainText(std::string_view text) {
  if (FirstInvalidUtf8(text) != std::string_view::npos) return false;
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

// The media type of a Content-Type value, lower-case, without parameters
// or spaces.
std::string MediaType(std::string value) {
  value = value.substr(0, value.find(';'));
  std::string out;
  for (const char c : value) {
    if (c != ' ' && c != '\t') {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return out;
}

// The value of `key` in `query`, "" when absent.
std::string Param(const std::map<std::string, std::string>& query,
                  const char* key) {
  auto it = query.find(key);
  return it == query.end() ? std::string() : it->second;
}

}  // namespace

Expected<SubmitRequest> ReadSubmitRequest(
    const HttpRequest& request,
    const std::map<std::string, std::string>& query) {
  const std::string type = MediaType(RequestHeader(request, "Content-Type"));
  if (type == "application/x-www-form-urlencoded" ||
      type == "multipart/form-data" || type == "text/plain") {
    return Unexpected(std::string(kContentTypeRefused));
  }
  SubmitRequest s{Param(query, "path"), Param(query, "author"),
                  RequestHeader(request, "Idempotency-Key")};
  if (Status path = CheckSubmissionPath(s.path); !path) {
    return Unexpected(path.error());
  }
  if (s.author.size() > kMaxAuthorBytes || !PlainText(s.author)) {
    return Unexpected(
        std::string("author: at most 200 bytes of UTF-8 text without control "
                    "characters"));
  }
  const bool key_ok =
      s.idempotency_key.size() <= kMaxIdempotencyKeyBytes &&
      std::all_of(s.idempotency_key.begin(), s.idempotency_key.end(),
                  [](char c) { return c > 0x20 && c < 0x7f; });
  if (!key_ok) {
    return Unexpected(std::string(
        "Idempotency-Key: at most 200 printable ASCII characters, no "
        "spaces"));
  }
  return s;
}

bool IsContentTypeRefusal(const std::string& message) {
  return message == kContentTypeRefused;
}

nlohmann::json SubmissionJson(const QueuedSubmission& s,
                              const std::optional<DecisionRow>& decision) {
  auto or_null = [](const std::string& v) {
    return v.empty() ? nlohmann::json(nullptr) : nlohmann::json(v);
  };
  nlohmann::json body = {{"id", s.id},
                         {"path", s.path},
                         {"author", or_null(s.author)},
                         {"node", or_null(s.node)},
                         {"status", s.status},
                         {"area", or_null(s.area)},
                         {"verdict", or_null(s.verdict)},
                         {"sha256", s.sha256},
                         {"size", s.size},
                         {"submitted_at", s.submitted_at},
                         {"routed_at", or_null(s.routed_at)},
                         {"attempts", s.attempts},
                         {"record", s.record},
                         {"decision", nullptr}};
  if (decision) {
    body["status"] = "decided";
    body["area"] = decision->decision == "approve" ? "ready" : "returned";
    body["decision"] = {{"decision", decision->decision},
                        {"editor", decision->editor},
                        {"reason", decision->reason},
                        {"at", decision->decided_at}};
  }
  return body;
}

}  // namespace proofgate

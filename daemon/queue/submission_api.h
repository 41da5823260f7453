// What the HTTP submissions' endpoints (daemon/queue/queue_site.h) read
// from a request and write as JSON:
//
//   POST /api/submissions?path=<relative draft path>[&author=<name>]
//     body: the draft's bytes; optional header Idempotency-Key
//     -> 202 {"id": "<submission id>", "status": "pending"}
//   GET  /api/submissions/<id>
//     -> {"id", "path", "author", "node", "status", "area", "verdict",
//         "sha256", "size", "submitted_at", "routed_at", "record",
//         "decision"}
//   GET  /api/submissions/<id>/draft -> the draft's bytes
//
// (SubmissionQueue: daemon/ledger/submission_queue.h.) Pure functions.
#ifndef PROOFGATE_DAEMON_QUEUE_SUBMISSION_API_H_
#define PROOFGATE_DAEMON_QUEUE_SUBMISSION_API_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "checks/expected.h"
#include "daemon/http/http_message.h"
#include "daemon/ledger/decision_ledger.h"
#include "daemon/ledger/submission_queue.h"

namespace proofgate {

// 200 bytes: a UUID (36) or a hash (64) fits with room; longer keys are a
// client's mistake.
inline constexpr size_t kMaxIdempotencyKeyBytes = 200;
// 200 bytes: a name or an e-mail address.
inline constexpr size_t kMaxAuthorBytes = 200;

// A POST /api/submissions as the queue stores it (its id and time are the
// caller's to fill).
struct SubmitRequest {
  std::string path, author, idempotency_key;
};

// Reads `query` (decoded: path=, author=) and the request's
// Idempotency-Key and Content-Type headers. Refuses, with a message for
// the client: a path CheckSubmissionPath() refuses; an author or key that
// is too long, not UTF-8 or holds control characters (a key: printable
// ASCII only); a Content-Type a browser form can send across sites
// (application/x-www-form-urlencoded, multipart/form-data, text/plain),
// which would let another site's page submit drafts (CSRF): drafts are
// sent as text/markdown (or any other type, or none).
Expected<SubmitRequest> ReadSubmitRequest(
    const HttpRequest& request,
    const std::map<std::string, std::string>& query);

// Whether a refusal of ReadSubmitRequest() is about the Content-Type
// (HTTP 415) rather than the path or a field (400).
bool IsContentTypeRefusal(const std::string& message);

// GET /api/submissions/<id>'s body for `s`: area, verdict, node and record
// are null until known; no bytes. With `decision` (an editor's decision on
// the submission, routed to review), "status" is "decided", "area" where
// the decision moved it ("ready" or "returned") and "decision" {"decision",
// "editor", "reason", "at"}; "decision" is null otherwise.
nlohmann::json SubmissionJson(const QueuedSubmission& s,
                              const std::optional<DecisionRow>& decision);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_QUEUE_SUBMISSION_API_H_

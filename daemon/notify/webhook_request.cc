#include "daemon/notify/webhook_request.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "daemon/text/verdict_text.h"
#include "rules/sha256.h"

namespace proofgate {

namespace {

std::string Str(const nlohmann::json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string()
             ? j[key].get<std::string>()
             : std::string();
}

// "a, b, c" of the strings in `list`.
std::string Joined(const nlohmann::json& list) {
  std::string out;
  for (const nlohmann::json& s :
       list.is_array() ? list : nlohmann::json::array()) {
    if (!s.is_string()) continue;
    out += (out.empty() ? "" : ", ") + s.get<std::string>();
  }
  return out;
}

// The first line of a draft event's message.
std::string Headline(const nlohmann::json& p) {
  const std::string event = Str(p, "event");
  const std::string path = Str(p, "path");
  if (event == "draft.ready") return "Ready: " + path;
  if (event == "draft.failed") return "Failed verification: " + path;
  if (event == "draft.review") return "Needs judgment: " + path;
  if (event == "sla.breached") {
    return "Overdue in review (due " + Str(p, "due") + "): " + path;
  }
  const nlohmann::json d = p.value("decision", nlohmann::json());
  return "Decision on " + path + ": " +
         DecisionText(Str(d, "decision"), Str(d, "editor"), Str(d, "at"),
                      Str(d, "area"));
}

// `text` with the three characters Slack's message format reserves
// escaped (&, <, >), so a path or reason cannot form a link or mention.
std::string SlackEscaped(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string DigestText(const nlohmann::json& p) {
  const nlohmann::json report = p.value("report", nlohmann::json::object());
  const nlohmann::json volume = report.value("volume", nlohmann::json());
  const nlohmann::json queue = report.value("queue", nlohmann::json());
  std::string text = "proofgate digest " + Str(p, "date") + ": ";
  text += std::to_string(volume.value("submissions", 0LL)) + " submissions, " +
          std::to_string(volume.value("drafts", 0LL)) + " drafts; queue " +
          std::to_string(queue.value("depth", 0LL)) + " waiting, " +
          std::to_string(queue.value("overdue", 0LL)) + " overdue";
  return text;
}

}  // namespace

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
       digest, &size);
  return LowerHex(
      std::string_view(reinterpret_cast<const char*>(digest), size));
}

std::vector<std::pair<std::string, std::string>> SignatureHeaders(
    std::string_view secret, int64_t unix_seconds, std::string_view body) {
  const std::string stamp = std::to_string(unix_seconds);
  std::string signed_text = stamp + ".";
  signed_text.append(body);
  return {{std::string(kTimestampHeader), stamp},
          {std::string(kSignatureHeader),
           "sha256=" + HmacSha256Hex(secret, signed_text)}};
}

std::string SlackText(const nlohmann::json& p) {
  if (Str(p, "event") == "digest") {
    std::string text = SlackEscaped(DigestText(p));
    if (!Str(p, "url").empty()) text += " <" + Str(p, "url") + "|report>";
    return text;
  }
  std::string text = Headline(p) + "\n";
  text += "verdict: " + std::string(VerdictText(Str(p, "verdict")));
  if (const std::string rules = Joined(p.value("rules", nlohmann::json()));
      !rules.empty()) {
    text += "; rules: " + rules;
  }
  if (!Str(p, "reviewer").empty()) text += "; reviewer: " + Str(p, "reviewer");
  if (!Str(p, "owner").empty()) text += "; owner: " + Str(p, "owner");
  const nlohmann::json d = p.value("decision", nlohmann::json());
  if (!Str(d, "reason").empty()) text += "; reason: " + Str(d, "reason");
  text = SlackEscaped(text);
  if (!Str(p, "url").empty()) text += " <" + Str(p, "url") + "|proof page>";
  return text;
}

std::string WebhookBody(const nlohmann::json& payload, WebhookFormat format) {
  if (format == WebhookFormat::kSlack) {
    return nlohmann::json{{"text", SlackText(payload)}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace proofgate

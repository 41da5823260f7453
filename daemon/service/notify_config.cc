#include "daemon/service/notify_config.h"

#include "checks/ascii.h"
#include "checks/network/address_policy.h"
#include "daemon/files/durable_file.h"
#include "daemon/notify/webhook_url.h"

namespace proofgate {

namespace {

// "08:00" -> 480; -1 when not HH:MM with HH < 24 and MM < 60.
int MinuteOfDay(const std::string& text) {
  if (text.size() != 5 || text[2] != ':') return -1;
  for (int i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return -1;
  }
  const int h = (text[0] - '0') * 10 + (text[1] - '0');
  const int m = (text[3] - '0') * 10 + (text[4] - '0');
  return h < 24 && m < 60 ? h * 60 + m : -1;
}

void ReadEvents(const YAML::Node& node, ConfigErrors& errors,
                WebhookTarget& target) {
  if (!node.IsSequence() || node.size() == 0) {
    errors.At(node.Mark(),
              "'notify.webhooks[].events' must be a list of events");
    return;
  }
  for (const YAML::Node& e : node) {
    std::string name;
    if (!ReadString(e, "notify.webhooks[].events[]", errors, name)) continue;
    if (!IsNotifyEvent(name)) {
      std::string list;
      for (std::string_view n : kNotifyEvents) {
        list += (list.empty() ? "" : ", ") + std::string(n);
      }
      errors.At(e.Mark(),
                "unknown event '" + name + "' (expected " + list + ")");
      continue;
    }
    target.events.insert(name);
  }
}

// One key of a webhook entry.
void ReadWebhookKey(const YAML::Node& key_node, const YAML::Node& value,
                    ConfigErrors& errors, WebhookTarget& target) {
  const std::string key = key_node.as<std::string>("");
  std::string s;
  if (key == "url") {
    ReadString(value, "notify.webhooks[].url", errors, target.url);
  } else if (key == "events") {
    ReadEvents(value, errors, target);
  } else if (key == "format") {
    if (ReadChoice(value, "notify.webhooks[].format", {"json", "slack"}, errors,
                   s)) {
      target.format =
          s == "slack" ? WebhookFormat::kSlack : WebhookFormat::kJson;
    }
  } else if (key == "secret_file") {
    if (!ReadString(value, "notify.webhooks[].secret_file", errors, s)) return;
    target.secret_file = s;
    if (ReadWebhookSecret(target.secret_file).empty()) {
      errors.At(value.Mark(),
                "cannot read the secret file '" + s + "', or it is empty");
    }
  } else if (key == "allow_private") {
    ReadBool(value, "notify.webhooks[].allow_private", errors,
             target.allow_private);
  } else {
    errors.At(key_node.Mark(), "unknown key 'notify.webhooks[]." + key +
                                   "' (expected url, events, format, "
                                   "secret_file or allow_private)");
  }
}

void ReadWebhook(const YAML::Node& node, ConfigErrors& errors,
                 NotifySettings& out) {
  if (!node.IsMap()) {
    errors.At(node.Mark(),
              "a webhook must be a map with 'url' and 'events' (and "
              "'format', 'secret_file', 'allow_private')");
    return;
  }
  WebhookTarget target;
  const size_t before = errors.errors().size();
  for (const auto& entry : node) {
    ReadWebhookKey(entry.first, entry.second, errors, target);
  }
  if (!node["url"] || !node["events"]) {
    errors.At(node.Mark(), "a webhook needs 'url' and 'events'");
    return;
  }
  if (const std::string why =
          WebhookUrlProblem(target.url, target.allow_private);
      !why.empty()) {
    errors.At(node["url"].Mark(), why);
    return;
  }
  if (errors.errors().size() == before) out.webhooks.push_back(target);
}

void ReadNotifyKey(const YAML::Node& key_node, const YAML::Node& value,
                   ConfigErrors& errors, NotifySettings& out) {
  const std::string key = key_node.as<std::string>("");
  std::string s;
  long long n = 0;
  if (key == "webhooks") {
    if (value.IsNull()) return;
    if (!value.IsSequence()) {
      errors.At(value.Mark(), "'notify.webhooks' must be a list of webhooks");
      return;
    }
    for (const YAML::Node& w : value) ReadWebhook(w, errors, out);
  } else if (key == "public_url") {
    if (value.IsNull() || !ReadString(value, "notify.public_url", errors, s)) {
      return;
    }
    const std::optional<UrlParts> url = ParseUrlParts(s);
    if (!s.empty() &&
        (!url || (url->scheme != "http" && url->scheme != "https"))) {
      errors.At(value.Mark(),
                "'notify.public_url' must be an http or https "
                "URL, not '" +
                    s + "'");
      return;
    }
    out.public_url = s;
  } else if (key == "digest_at") {
    if (value.IsNull() || !ReadString(value, "notify.digest_at", errors, s)) {
      return;
    }
    const int minute = MinuteOfDay(s);
    if (minute < 0) {
      errors.At(value.Mark(),
                "'notify.digest_at' must be a time of day "
                "HH:MM (UTC), such as \"08:00\", not '" +
                    s + "'");
      return;
    }
    out.digest_minute = minute;
  } else if (key == "retry_max_s") {
    // A day: a receiver down longer is retried daily from then on.
    if (ReadInteger(value, "notify.retry_max_s", 1, 86400, errors, n)) {
      out.retry_max_s = static_cast<int>(n);
    }
  } else {
    errors.At(key_node.Mark(), "unknown key 'notify." + key +
                                   "' (expected webhooks, public_url, "
                                   "digest_at or retry_max_s)");
  }
}

}  // namespace

std::string WebhookUrlProblem(const std::string& url, bool allow_private) {
  // The URL may carry a token: the message shows its redacted form only.
  const std::optional<UrlParts> parts = ParseUrlParts(url);
  if (!parts || (parts->scheme != "http" && parts->scheme != "https")) {
    return "webhook url '" + RedactedUrl(url) + "' is not an http or https URL";
  }
  if (allow_private) return "";
  std::string bare = parts->host;
  if (bare.size() > 2 && bare.front() == '[' && bare.back() == ']') {
    bare = bare.substr(1, bare.size() - 2);
  }
  std::string range;
  if (const std::optional<IpAddress> ip = ParseIpAddress(bare)) {
    range = SpecialPurposeRange(*ip);
  } else if (AsciiLower(bare) == "localhost" ||
             AsciiLower(bare).ends_with(".localhost")) {
    range = "loopback";
  }
  if (range.empty()) return "";
  return "webhook url '" + RedactedUrl(url) + "' names a " + range +
         " address; allowed only with 'allow_private: true'";
}

std::string ReadWebhookSecret(const std::filesystem::path& file) {
  std::string text;
  if (!ReadSmallFile(file, text)) return "";
  const size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const size_t end = text.find_last_not_of(" \t\r\n");
  return text.substr(begin, end - begin + 1);
}

void ReadNotify(const YAML::Node& notify, ConfigErrors& errors,
                NotifySettings& out) {
  if (!notify.IsMap()) {
    errors.At(notify.Mark(),
              "'notify' must be a map with 'webhooks' (and 'public_url', "
              "'digest_at', 'retry_max_s')");
    return;
  }
  for (const auto& entry : notify) {
    ReadNotifyKey(entry.first, entry.second, errors, out);
  }
}

}  // namespace proofgate

#include "daemon/cli/queue_command.h"

#include <curl/curl.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <vector>

#include "daemon/cli/terminal_text.h"
#include "daemon/files/durable_file.h"
#include "daemon/text/percent_encode.h"
#include "daemon/text/waited_text.h"

namespace proofgate {

namespace {

struct Reply {
  long status = 0;
  std::string body;
  std::string error;  // transport failure
};

size_t Append(char* data, size_t size, size_t n, void* out) {
  static_cast<std::string*>(out)->append(data, size * n);
  return size * n;
}

// One request to the daemon; 30 s timeout, no proxy (the daemon is local
// or named directly).
Reply Call(const QueueClientOptions& client, const std::string& method,
           const std::string& path, const std::vector<std::string>& headers,
           const std::string& body = "") {
  Reply reply;
  std::vector<std::string> all = headers;
  if (!client.token_file.empty()) {
    std::string token;
    if (!ReadSmallFile(client.token_file, token)) {
      reply.error = "cannot read the token file " + client.token_file;
      return reply;
    }
    const size_t b = token.find_first_not_of(" \t\r\n");
    const size_t e = token.find_last_not_of(" \t\r\n");
    token = b == std::string::npos ? "" : token.substr(b, e - b + 1);
    all.push_back("Authorization: Bearer " + token);
  }
  std::string url = client.url;
  if (!url.empty() && url.back() == '/') url.pop_back();
  url += path;
  CURL* curl = curl_easy_init();
  if (curl == nullptr) {
    reply.error = "cannot start libcurl";
    return reply;
  }
  curl_slist* list = nullptr;
  for (const std::string& h : all) list = curl_slist_append(list, h.c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &reply.body);
  if (method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE,
                     static_cast<long>(body.size()));
  }
  const CURLcode rc = curl_easy_perform(curl);
  if (rc == CURLE_OK) {
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply.status);
  } else {
    reply.error = std::string(curl_easy_strerror(rc)) + " (" + url + ")";
  }
  curl_slist_free_all(list);
  curl_easy_cleanup(curl);
  return reply;
}

// The reply as JSON, or an explanation on `err` and a discarded value.
nlohmann::json Parse(const Reply& reply, const char* what, std::ostream& err) {
  if (!reply.error.empty()) {
    err << "proofgate " << what << ": cannot reach the daemon: " << reply.error
        << "\n";
    return nlohmann::json::value_t::discarded;
  }
  nlohmann::json j = nlohmann::json::parse(reply.body, nullptr, false);
  // 202: accepted for later, as a decision on a draft another node holds
  // (recorded, applied by that node); its message says so.
  if (reply.status != 200 && reply.status != 202) {
    // The daemon's messages name draft paths: printed made safe, as
    // everything else from the daemon is.
    const bool has_error =
        j.is_object() && j.contains("error") && j["error"].is_string();
    err << "proofgate " << what << ": refused (HTTP " << reply.status << "): "
        << TerminalSafe(has_error ? j["error"].get<std::string>() : reply.body)
        << "\n";
    return nlohmann::json::value_t::discarded;
  }
  if (j.is_discarded()) {
    err << "proofgate " << what << ": the daemon's answer is not JSON\n";
  }
  return j;
}

// The daemon holding queue item `item` ("node"), "-" when it names none
// (a daemon from before several nodes shared a queue).
std::string NodeOf(const nlohmann::json& item) {
  const auto node = item.find("node");
  return node != item.end() && node->is_string() ? node->get<std::string>()
                                                 : "-";
}

std::string Query(const QueueListOptions& o) {
  std::string q;
  for (const auto& [key, value] :
       {std::pair<const char*, std::string>{"rule", o.rule},
        {"verdict", o.verdict},
        {"folder", o.folder},
        {"reviewer", o.reviewer},
        {"node", o.node}}) {
    if (value.empty()) continue;
    q += (q.empty() ? "?" : "&") + std::string(key) + "=" +
         PercentEncodeComponent(value);
  }
  return q;
}

// The strings of array `key` of queue item `item`, comma-separated ("" when
// none or not an array).
std::string Joined(const nlohmann::json& item, const char* key) {
  std::string out;
  const nlohmann::json& list = item.value(key, nlohmann::json::array());
  if (!list.is_array()) return out;
  for (const nlohmann::json& s : list) {
    if (s.is_string()) out += (out.empty() ? "" : ",") + s.get<std::string>();
  }
  return out;
}

// The queue item `draft` names in `items`: by submission id, else by path:
// the item whose path `draft` is, or ends with after a '/' (the longest
// such path wins, so "spool/review/blog/a.md" is blog/a.md, not a.md).
// Null, with `problem` set, when none does.
const nlohmann::json* FindItem(const nlohmann::json& items,
                               const std::string& draft, std::string& problem) {
  const nlohmann::json* best = nullptr;
  size_t best_length = 0;
  std::string wanted = draft;
  while (wanted.starts_with("./")) wanted.erase(0, 2);
  for (const nlohmann::json& item : items) {
    if (!item.is_object()) continue;
    if (item.value("id", "") == draft) return &item;
    const std::string path = item.value("path", "");
    const bool fits = !path.empty() &&
                      (wanted == path ||
                       (wanted.size() > path.size() && wanted.ends_with(path) &&
                        wanted[wanted.size() - path.size() - 1] == '/'));
    if (fits && path.size() > best_length) {
      best = &item;
      best_length = path.size();
    }
  }
  if (best == nullptr) {
    problem = "no draft with id or path " + draft +
              " is in the exception queue (see `proofgate queue`)";
  }
  return best;
}

// The options every client of the daemon's queue takes.
void AddClientOptions(CLI::App& cmd, QueueClientOptions& client) {
  cmd.add_option("--url", client.url, "The daemon's queue (its http.listen)")
      ->capture_default_str();
  cmd.add_option("--token-file", client.token_file,
                 "File holding the auth token (when the daemon has "
                 "http.token_file)");
}

}  // namespace

CLI::App* AddQueueCommand(CLI::App& app, QueueListOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "queue",
      "List the exception queue of a running daemon, oldest first: id, "
      "waited, verdict (fail, or review: needs judgment), node (the daemon "
      "holding the draft), path, rules, "
      "title, author (control characters shown as U+FFFD). Exit 1 when the "
      "daemon cannot be reached.");
  AddClientOptions(*cmd, options.client);
  cmd->add_option("--rule", options.rule, "Only drafts failing this rule");
  cmd->add_option("--verdict", options.verdict,
                  "fail, or review (needs judgment)")
      ->check(CLI::IsMember({"fail", "review"}));
  cmd->add_option("--folder", options.folder,
                  "Only drafts in this folder (or below)");
  cmd->add_option("--reviewer", options.reviewer,
                  "Only drafts escalated to this reviewer (e.g. legal)");
  cmd->add_option("--node", options.node,
                  "Only drafts held by this daemon (its config's `node`)");
  cmd->add_flag("--json", options.json, "Print the queue as JSON");
  cmd->add_flag("--overdue", options.overdue,
                "Only drafts past their review service level (review.sla)");
  return cmd;
}

CLI::App* AddDecideCommand(CLI::App& app, DecideOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "decide",
      "Approve a draft of the exception queue (to ready/) or return it to "
      "its writer (to returned/), with a reason. Exit 1 when refused (the "
      "draft changed or left meanwhile).");
  AddClientOptions(*cmd, options.client);
  cmd->add_option("draft", options.id,
                  "Draft id, as `proofgate queue` lists it, or the draft's "
                  "path (as in review/, or any path ending with it)")
      ->required();
  cmd->add_option("decision", options.decision, "approve or return")
      ->required()
      ->check(CLI::IsMember({"approve", "return"}));
  cmd->add_option("--reason", options.reason, "Why (required)")->required();
  cmd->add_option("--editor", options.editor,
                  "Who decides (default: $USER; required when $USER is "
                  "empty)");
  return cmd;
}

int RunQueueList(const QueueListOptions& options, std::ostream& out,
                 std::ostream& err) {
  const Reply reply = Call(options.client, "GET", "/api/queue" + Query(options),
                           {"Accept: application/json"});
  const nlohmann::json j = Parse(reply, "queue", err);
  if (j.is_discarded()) return 1;
  nlohmann::json items = nlohmann::json::array();
  for (const nlohmann::json& item : j.value("items", nlohmann::json::array())) {
    if (!options.overdue ||
        (item.is_object() && item.value("overdue", false))) {
      items.push_back(item);
    }
  }
  if (options.json) {
    out << nlohmann::json{{"items", items}}.dump(
               2, ' ', false, nlohmann::json::error_handler_t::replace)
        << "\n";
    return 0;
  }
  out << items.size() << (items.size() == 1 ? " draft" : " drafts")
      << (options.overdue ? " overdue" : "") << " in the exception queue\n";
  // Titles, paths and authors are the writers' text, and the rest comes
  // over the network: every string is printed through TerminalSafe.
  for (const nlohmann::json& item : items) {
    const std::string rules = Joined(item, "rules");
    const std::string verdict = item.value("verdict", "");
    out << TerminalSafe(item.value("id", "")) << "  "
        << WaitedText(std::chrono::seconds(item.value("waiting_seconds", 0LL)))
        << (item.value("overdue", false) ? " OVERDUE" : "") << "  "
        << TerminalSafe(verdict) << "  " << TerminalSafe(NodeOf(item)) << "  "
        << TerminalSafe(item.value("path", "")) << "  [" << TerminalSafe(rules)
        << "]";
    const std::string reviewers = Joined(item, "reviewers");
    if (!reviewers.empty()) out << "  reviewer: " << TerminalSafe(reviewers);
    const std::string title = item.value("title", "");
    if (!title.empty()) out << "  \"" << TerminalSafe(title) << "\"";
    const std::string author = item.value("author", "");
    if (!author.empty()) out << " by " << TerminalSafe(author);
    out << "\n";
  }
  return 0;
}

int RunDecide(const DecideOptions& options, std::ostream& out,
              std::ostream& err) {
  // Who decides is asked before anything is sent.
  std::string editor = options.editor;
  if (editor.empty()) {
    const char* user = std::getenv("USER");
    editor = user ? user : "";
  }
  if (editor.find_first_not_of(" \t") == std::string::npos) {
    err << "proofgate decide: who decides? Neither --editor nor $USER is "
           "set: pass --editor NAME (nothing was sent)\n";
    return 1;
  }
  const Reply queue =
      Call(options.client, "GET", "/api/queue", {"Accept: application/json"});
  const nlohmann::json q = Parse(queue, "decide", err);
  if (q.is_discarded()) return 1;
  std::string problem;
  const nlohmann::json items = q.value("items", nlohmann::json::array());
  const nlohmann::json* item = FindItem(items, options.id, problem);
  if (item == nullptr) {
    err << "proofgate decide: " << TerminalSafe(problem) << "\n";
    return 1;
  }
  const std::string id = item->value("id", "");
  const std::string sha256 = item->value("sha256", "");
  const nlohmann::json body = {{"decision", options.decision},
                               {"reason", options.reason},
                               {"editor", editor},
                               {"sha256", sha256}};
  const Reply reply =
      Call(options.client, "POST",
           "/api/drafts/" + PercentEncodeComponent(id) + "/decision",
           {"Content-Type: application/json",
            "X-CSRF-Token: " + q.value("csrf_token", "")},
           body.dump());
  const nlohmann::json j = Parse(reply, "decide", err);
  if (j.is_discarded()) return 1;
  out << TerminalSafe(j.value("message", "decided")) << "\n";
  return 0;
}

}  // namespace proofgate

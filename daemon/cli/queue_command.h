// `proofgate queue` and `proofgate decide`: the exception queue in a
// terminal, through a running daemon's JSON API (daemon/queue_site.h), so
// decisions are serialized with routing exactly as the web page's are.
#ifndef PROOFGATE_DAEMON_CLI_QUEUE_COMMAND_H_
#define PROOFGATE_DAEMON_CLI_QUEUE_COMMAND_H_

#include <ostream>
#include <string>

namespace CLI {
class App;
}  // namespace CLI

namespace proofgate {

struct QueueClientOptions {
  std::string url = "http://127.0.0.1:8686/";  // the daemon's http.listen
  std::string token_file;                      // "" = send no token
};

struct QueueListOptions {
  QueueClientOptions client;
  std::string rule, verdict, folder, reviewer, node;  // filters, as on the page
  bool json = false;     // print /api/queue as it came
  bool overdue = false;  // only drafts past their review.sla (item.overdue)
};

struct DecideOptions {
  QueueClientOptions client;
  std::string id;  // submission id, as `proofgate queue` lists it, or the
                   // draft's path (relative to review/, or ending with it)
  std::string decision;  // "approve" or "return"
  std::string reason;
  std::string editor;  // "" = $USER
};

// Adds the `queue` and `decide` subcommands to `app`, their arguments
// parsed into `options` (whose values now are the defaults --help shows).
// `options` must outlive the parse. Each returns its subcommand, owned by
// `app` (its parsed() says whether it was chosen). Not thread-safe.
CLI::App* AddQueueCommand(CLI::App& app, QueueListOptions& options);
CLI::App* AddDecideCommand(CLI::App& app, DecideOptions& options);

// Prints the queue, one draft per line: id, waited, verdict, path, rules,
// "reviewer: NAMES" when escalated,
// title, author. Every string from the daemon is printed through
// TerminalSafe (daemon/terminal_text.h): titles, paths and authors are
// writers' text, and control characters in them would drive the
// terminal. Returns 0, or 1 when the daemon cannot be reached or refuses
// (the reason on `err`, made safe the same way).
int RunQueueList(const QueueListOptions& options, std::ostream& out,
                 std::ostream& err);

// Decides on the draft `options.id` names (by id, or by path: the version
// the queue lists now). The editor is options.editor, else $USER; when
// both are empty it says so on `err` and returns 1 before any request.
// Returns 0 when applied, 1 otherwise (the daemon's message on `err`).
int RunDecide(const DecideOptions& options, std::ostream& out,
              std::ostream& err);

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_CLI_QUEUE_COMMAND_H_

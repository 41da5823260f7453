#include "daemon/queue/queue_page.h"

#include <algorithm>
#include <optional>
#include <set>

#include "daemon/spool/proof_html.h"
#include "daemon/text/html_escape.h"
#include "daemon/text/percent_encode.h"
#include "daemon/text/verdict_text.h"
#include "daemon/text/waited_text.h"

namespace proofgate {

namespace {

// The queue's own styles, after the proof record's.
constexpr const char* kQueueStyle = R"css(
nav{margin-bottom:1em} nav a{margin-right:1em}
table.queue{border-collapse:collapse;width:100%;font-size:14px}
table.queue th,table.queue td{text-align:left;padding:.35em .6em;border-bottom:1px solid #e4e4e4;vertical-align:top}
table.queue th{background:#f6f6f6}
form.filter{margin:1em 0;display:flex;gap:.8em;flex-wrap:wrap;align-items:end}
form.filter label{display:flex;flex-direction:column;font-size:13px;color:#444}
.notice{padding:.5em .8em;background:#e8f1fd;border-left:3px solid #37c}
.error{padding:.5em .8em;background:#fbe1e1;border-left:3px solid #c33}
form.decide{margin:1em 0;padding:1em;border:1px solid #ddd;border-radius:.3em;background:#fafafa}
form.decide label{display:block;margin:.4em 0}
form.decide textarea{width:100%;min-height:4em}
body.wide{max-width:none;margin:1em 0;padding:0 1.5em}
table.queue td.rules{word-break:normal;overflow-wrap:normal}
table.queue code.rule{display:inline-block;margin:0 .4em .15em 0;white-space:nowrap}
code.rule.blocks{font-weight:600}
.count{white-space:nowrap;margin-right:.3em} .sev-error{color:#8a1414;font-weight:600} .sev-warning{color:#6b4b00} .sev-info{color:#234}
td.waiting,td.verdict-cell,td.findings{white-space:nowrap}
.state{padding:.5em .8em;background:#f1f1f4;border-left:3px solid #888}
tr.overdue td.due{color:#a40000;font-weight:bold}
td.due{white-space:nowrap}
)css";

// Refreshes the queue table every 2 s: fetches this same page (same
// filter) and swaps in its table body and count. The server renders every
// cell (the column table in queue_page.cc), so the script knows no column;
// DOMParser builds an inert document (no script of it runs).
constexpr const char* kQueueScript = R"js('use strict';
(function () {
  var table = document.getElementById('queue');
  if (!table) return;
  var count = document.getElementById('count');
  function refresh() {
    fetch(window.location.pathname + window.location.search,
          {credentials: 'same-origin', headers: {'Accept': 'text/html'}})
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (!html) return;
          var doc = new DOMParser().parseFromString(html, 'text/html');
          var fresh = doc.querySelector('#queue tbody');
          if (!fresh) return;
          table.replaceChild(document.importNode(fresh, true), table.tBodies[0]);
          var n = doc.getElementById('count');
          if (count && n) count.textContent = n.textContent;
        })
        .catch(function () {});
  }
  window.setInterval(refresh, 2000);
})();
)js";

std::string Head(std::string_view title, bool wide = false) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width\">"
         "<title>" +
         HtmlEscape(title) +
         " \u2014 proofgate</title>"
         "<link rel=\"stylesheet\" href=\"/assets/queue.css\"></head><body" +
         std::string(wide ? " class=\"wide\"" : "") +
         ">\n<nav><a href=\"/\">Exception queue</a>"
         "<a href=\"/decisions\">Recent decisions</a>"
         "<a href=\"/report?since=7d\">Report</a>"
         "<a href=\"/metrics\">Metrics</a></nav>\n";
}

std::string DraftLink(const std::string& id, const std::string& text) {
  return "<a href=\"/drafts/" + PercentEncodeComponent(id) + "\">" +
         HtmlEscape(text) + "</a>";
}

std::string VerdictBadge(const std::string& verdict) {
  return "<span class=\"verdict " + HtmlEscape(verdict) + "\">" +
         HtmlEscape(VerdictText(verdict)) + "</span>";
}

// One column of the queue table: its heading, its class (on th and td)
// and its cell's HTML (escaped by the cell). A column more is a row more
// in kQueueColumns.
// What a cell may need besides its item: the page's clock and the review
// service levels.
struct RowContext {
  WallTime now;
  const ReviewSla& sla;
};

struct QueueColumn {
  std::string_view heading;
  std::string_view css;
  std::string (*cell)(const QueueItem& item, const RowContext& row);
};

// The "Due" cell of `item`: time left, "overdue by ...", or "" without a
// service level.
std::string DueText(const QueueItem& item, const RowContext& row) {
  const std::optional<WallTime> due = DueOf(item, row.sla);
  if (!due) return "";
  using std::chrono::duration_cast;
  using std::chrono::seconds;
  return row.now > *due
             ? "overdue by " +
                   WaitedText(duration_cast<seconds>(row.now - *due))
             : WaitedText(duration_cast<seconds>(*due - row.now)) + " left";
}

// Orders `items` soonest due first under `sla`; those without a service
// level last, in their order (oldest first). Stable.
void SoonestDueFirst(std::vector<const QueueItem*>& items,
                     const ReviewSla& sla) {
  std::stable_sort(items.begin(), items.end(),
                   [&](const QueueItem* a, const QueueItem* b) {
                     const auto da = DueOf(*a, sla), db = DueOf(*b, sla);
                     if (!da || !db) return da.has_value() && !db.has_value();
                     return *da < *db;
                   });
}

std::string FindingCounts(const QueueItem& item) {
  std::string out;
  auto add = [&](int n, const char* cls, const char* one, const char* many) {
    if (n == 0) return;
    out += std::string("<span class=\"count sev-") + cls + "\">" +
           std::to_string(n) + " " + (n == 1 ? one : many) + "</span> ";
  };
  add(item.errors, "error", "error", "errors");
  add(item.warnings, "warning", "warning", "warnings");
  add(item.infos, "info", "note", "notes");
  return out.empty() ? "none" : out;
}

std::string RuleList(const QueueItem& item) {
  std::string out;
  for (const std::string& rule : item.rules) {
    const bool blocks = std::binary_search(item.blocking_rules.begin(),
                                           item.blocking_rules.end(), rule);
    out += std::string("<code class=\"rule") + (blocks ? " blocks" : "") +
           "\">" + HtmlEscape(rule) + "</code> ";
  }
  return out;
}

const QueueColumn kQueueColumns[] = {
    {"Draft", "draft",
     [](const QueueItem& i, const RowContext&) {
       return DraftLink(i.id, i.path);
     }},
    {"Title", "title",
     [](const QueueItem& i, const RowContext&) { return HtmlEscape(i.title); }},
    {"Author", "author",
     [](const QueueItem& i, const RowContext&) {
       return HtmlEscape(i.author);
     }},
    {"Verdict", "verdict-cell",
     [](const QueueItem& i, const RowContext&) {
       return VerdictBadge(i.verdict);
     }},
    {"Findings", "findings",
     [](const QueueItem& i, const RowContext&) { return FindingCounts(i); }},
    {"Rules", "rules",
     [](const QueueItem& i, const RowContext&) { return RuleList(i); }},
    {"Reviewer", "reviewer",
     [](const QueueItem& i, const RowContext&) {
       std::string out;
       for (const std::string& r : i.reviewers) {
         out += (out.empty() ? "" : " ") + HtmlEscape(r);
       }
       return out;
     }},
    {"Owner", "owner",
     [](const QueueItem& i, const RowContext&) { return HtmlEscape(i.owner); }},
    {"Node", "node",
     [](const QueueItem& i, const RowContext&) { return HtmlEscape(i.node); }},
    {"Waiting", "waiting",
     [](const QueueItem& i, const RowContext& row) {
       return WaitedText(std::chrono::duration_cast<std::chrono::seconds>(
           row.now - i.routed));
     }},
    {"Due", "due", DueText},
};

// A <select> named `name` offering `values` (and "any"), `chosen`
// selected; `text` gives each value's label.
std::string Select(const char* label, const char* name,
                   const std::set<std::string>& values,
                   const std::string& chosen,
                   std::string_view (*text)(std::string_view)) {
  std::string out = std::string("<label>") + label + "<select name=\"" + name +
                    "\"><option value=\"\">any</option>";
  std::set<std::string> all = values;
  if (!chosen.empty()) all.insert(chosen);
  for (const std::string& v : all) {
    out += "<option value=\"" + HtmlEscape(v) + "\"" +
           (v == chosen ? " selected" : "") + ">" + HtmlEscape(text(v)) +
           "</option>";
  }
  return out + "</select></label>";
}

std::string_view AsIs(std::string_view s) { return s; }

// The filter form: one dropdown each for rule, verdict, folder, reviewer
// and node, offering what the queue holds.
std::string FilterForm(const std::vector<QueueItem>& queue,
                       const QueueFilter& filter) {
  std::set<std::string> rules, verdicts{"fail", "review"}, folders, reviewers,
      nodes;
  for (const QueueItem& item : queue) {
    if (!item.node.empty()) nodes.insert(item.node);
    rules.insert(item.rules.begin(), item.rules.end());
    reviewers.insert(item.reviewers.begin(), item.reviewers.end());
    verdicts.insert(item.verdict);
    // A folder and each folder above it: the filter takes a subtree.
    for (size_t at = item.folder.find('/'); at != std::string::npos;
         at = item.folder.find('/', at + 1)) {
      folders.insert(item.folder.substr(0, at));
    }
    if (!item.folder.empty()) folders.insert(item.folder);
  }
  verdicts.erase("");
  return "<form class=\"filter\" method=\"get\" action=\"/\">" +
         Select("Rule", "rule", rules, filter.rule, AsIs) +
         Select("Verdict", "verdict", verdicts, filter.verdict, VerdictText) +
         Select("Folder", "folder", folders, filter.folder, AsIs) +
         Select("Reviewer", "reviewer", reviewers, filter.reviewer, AsIs) +
         Select("Node", "node", nodes, filter.node, AsIs) +
         "<button type=\"submit\">Filter</button></form>\n";
}

}  // namespace

std::string QueuePageHtml(const std::vector<QueueItem>& queue,
                          const QueueFilter& filter, std::string_view notice,
                          WallTime now, const ReviewSla& sla) {
  std::vector<const QueueItem*> shown;
  for (const QueueItem& item : queue) {
    if (Matches(item, filter)) shown.push_back(&item);
  }
  SoonestDueFirst(shown, sla);
  const RowContext context{now, sla};
  std::string out = Head("Exception queue", /*wide=*/true);
  out += "<h1>Exception queue: <span id=\"count\">" +
         std::to_string(shown.size()) + "</span> drafts</h1>\n";
  if (!notice.empty()) {
    out += "<p class=\"notice\" id=\"notice\">" + HtmlEscape(notice) + "</p>\n";
  }
  out += FilterForm(queue, filter);
  out += "<table class=\"queue\" id=\"queue\"><thead><tr>";
  for (const QueueColumn& c : kQueueColumns) {
    out += "<th class=\"" + std::string(c.css) + "\">" +
           std::string(c.heading) + "</th>";
  }
  out += "</tr></thead><tbody>\n";
  for (const QueueItem* item : shown) {
    out += std::string("<tr") +
           (IsOverdue(*item, sla, now) ? " class=\"overdue\"" : "") +
           " data-id=\"" + HtmlEscape(item->id) + "\">";
    for (const QueueColumn& c : kQueueColumns) {
      out += "<td class=\"" + std::string(c.css) + "\">" +
             c.cell(*item, context) + "</td>";
    }
    out += "</tr>\n";
  }
  out +=
      "</tbody></table>\n<script src=\"/assets/queue.js\"></script>\n"
      "</body></html>\n";
  return out;
}

namespace {

// The decision form for a draft waiting in review/.
std::string DecisionFormHtml(const QueueItem& item, std::string_view csrf,
                             std::string_view error) {
  std::string out;
  if (!error.empty()) {
    out += "<p class=\"error\" id=\"error\">" + HtmlEscape(error) + "</p>\n";
  }
  out +=
      "<form class=\"decide\" id=\"decide\" method=\"post\" "
      "action=\"/drafts/" +
      PercentEncodeComponent(item.id) +
      "/decision\"><strong>Decision</strong>"
      "<input type=\"hidden\" name=\"csrf\" value=\"" +
      HtmlEscape(csrf) + "\"><input type=\"hidden\" name=\"sha256\" value=\"" +
      HtmlEscape(item.sha256) +
      "\"><label>Reason (required)<textarea name=\"reason\" required "
      "maxlength=\"4096\"></textarea></label>"
      "<label>Editor<input name=\"editor\" required maxlength=\"200\">"
      "</label><button type=\"submit\" name=\"decision\" "
      "value=\"approve\">Approve (to ready/)</button> "
      "<button type=\"submit\" name=\"decision\" value=\"return\">"
      "Return to writer (to returned/)</button></form>\n";
  return out;
}

// Where a version that is not waiting is, for the top of its read-only
// page.
std::string StateHtml(const QueueDraft& draft,
                      const std::vector<SubmissionHistoryRow>& history) {
  std::string text;
  if (draft.area == "history") {
    text = "Superseded: a newer submission of this draft replaced it.";
    for (const SubmissionHistoryRow& h : history) {
      if (h.submission == draft.item.id) break;
      // `history` is newest first: the last one before this is the next.
      text = "Superseded by " + DraftLink(h.submission, h.submission) + ".";
    }
    return "<p class=\"state\" id=\"state\">" + text +
           " This page is read-only.</p>\n";
  }
  return "<p class=\"state\" id=\"state\">In " + HtmlEscape(draft.area) +
         "/. This page is read-only: no decision is waiting.</p>\n";
}

std::string HistoryHtml(const std::string& id,
                        const std::vector<SubmissionHistoryRow>& history) {
  std::string out =
      "<h2>Submissions of this draft</h2>\n<table class=\"queue\" "
      "id=\"history\"><thead><tr><th>Submitted</th><th>Submission</th>"
      "<th>Verdict</th><th>Routed to</th><th>Decision</th></tr></thead>"
      "<tbody>\n";
  for (const SubmissionHistoryRow& h : history) {
    out += "<tr><td>" + HtmlEscape(h.submitted_at) + "</td><td><code>" +
           (h.submission == id
                ? HtmlEscape(h.submission) + "</code> (this one)"
                : DraftLink(h.submission, h.submission) + "</code>") +
           "</td><td>" + VerdictBadge(h.verdict) + "</td><td>" +
           HtmlEscape(h.area) + "/</td><td>";
    if (!h.decision.empty()) {
      out += HtmlEscape(h.decision) + " by " + HtmlEscape(h.editor) + ": " +
             HtmlEscape(h.reason);
    }
    out += "</td></tr>\n";
  }
  return out + "</tbody></table>\n";
}

}  // namespace

std::string DraftPageHtml(const QueueDraft& draft,
                          const std::vector<SubmissionHistoryRow>& history,
                          std::string_view csrf, std::string_view error) {
  const QueueItem& item = draft.item;
  const bool waiting = draft.area == "review" && !csrf.empty() &&
                       !draft.record.contains("decision");
  std::string out = Head(item.path, /*wide=*/true);
  out += "<p class=\"byline\">";
  if (!item.title.empty()) {
    out += "<strong>" + HtmlEscape(item.title) + "</strong>";
  }
  if (!item.author.empty()) out += " by " + HtmlEscape(item.author);
  out += "</p>\n";
  if (!waiting) out += StateHtml(draft, history);
  out += ProofRecordBody(draft.record, draft.bytes,
                         waiting ? DecisionFormHtml(item, csrf, error) : "");
  out += HistoryHtml(item.id, history);
  out += "</body></html>\n";
  return out;
}

std::string RecentDecisionsHtml(const std::vector<DecisionRow>& rows) {
  std::string out = Head("Recent decisions", /*wide=*/true);
  out += "<h1>Recent decisions</h1>\n";
  if (rows.empty()) out += "<p>No decision yet.</p>\n";
  out +=
      "<table class=\"queue\" id=\"decisions\"><thead><tr><th>Draft</th>"
      "<th>Decision</th><th>Verdict</th><th>Rules</th><th>Reason</th>"
      "</tr></thead><tbody>\n";
  for (const DecisionRow& d : rows) {
    const std::string area = d.decision == "approve" ? "ready" : "returned";
    out += "<tr><td>" + DraftLink(d.submission, d.path) + "</td><td>" +
           HtmlEscape(DecisionText(d.decision, d.editor, d.decided_at, area)) +
           "</td><td>" + VerdictBadge(d.verdict) + "</td><td class=\"rules\">";
    for (const std::string& r : d.rules) {
      out += "<code class=\"rule\">" + HtmlEscape(r) + "</code> ";
    }
    out += "</td><td>" + HtmlEscape(d.reason) + "</td></tr>\n";
  }
  return out + "</tbody></table>\n</body></html>\n";
}

std::string MessagePageHtml(std::string_view title, std::string_view message) {
  return Head(title) + "<h1>" + HtmlEscape(title) +
         "</h1>\n<p class=\"error\">" + HtmlEscape(message) +
         "</p>\n<p><a href=\"/\">Back to the queue</a></p>\n</body></html>\n";
}

std::string QueueCss() { return std::string(ProofRecordStyle()) + kQueueStyle; }

std::string_view QueueScript() { return kQueueScript; }

}  // namespace proofgate

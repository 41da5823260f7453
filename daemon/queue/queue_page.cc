#include "daemon/queue/queue_page.h"

#include "daemon/spool/proof_html.h"
#include "daemon/text/html_escape.h"
#include "daemon/text/percent_encode.h"
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
.rules code{margin-right:.4em}
)css";

// Refreshes the queue table from /api/queue every 2 s (the same filter),
// building rows with textContent so draft text is never parsed as HTML.
constexpr const char* kQueueScript = R"js('use strict';
(function () {
  var table = document.getElementById('queue');
  if (!table) return;
  var tbody = table.tBodies[0];
  var count = document.getElementById('count');
  function waited(s) {
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600),
        m = Math.floor(s % 3600 / 60);
    if (d > 0) return d + ' d ' + h + ' h';
    if (h > 0) return h + ' h ' + m + ' min';
    if (m > 0) return m + ' min';
    return s + ' s';
  }
  function cell(row, text) {
    var td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }
  function render(items) {
    var body = document.createElement('tbody');
    items.forEach(function (item) {
      var row = document.createElement('tr');
      row.setAttribute('data-id', item.id);
      var a = document.createElement('a');
      a.href = '/drafts/' + encodeURIComponent(item.id);
      a.textContent = item.path;
      var first = document.createElement('td');
      first.appendChild(a);
      row.appendChild(first);
      cell(row, item.title);
      cell(row, item.author);
      cell(row, item.verdict === 'review' ? 'low confidence' : item.verdict);
      cell(row, item.rules.join(' '));
      cell(row, (item.reviewers || []).join(' '))
          .setAttribute('class', 'reviewer');
      cell(row, item.owner ? item.owner.name : '');
      cell(row, waited(item.waiting_seconds));
      body.appendChild(row);
    });
    table.replaceChild(body, tbody);
    tbody = body;
    if (count) count.textContent = String(items.length);
  }
  function refresh() {
    fetch('/api/queue' + window.location.search,
          {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) render(data.items); })
        .catch(function () {});
  }
  window.setInterval(refresh, 2000);
})();
)js";

std::string Head(std::string_view title) {
  return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width\">"
         "<title>" +
         HtmlEscape(title) +
         " \u2014 proofgate</title>"
         "<link rel=\"stylesheet\" href=\"/assets/queue.css\"></head><body>\n"
         "<nav><a href=\"/\">Exception queue</a><a href=\"/metrics\">"
         "Metrics</a></nav>\n";
}

std::string VerdictText(const std::string& verdict) {
  return verdict == "review" ? "low confidence" : verdict;
}

}  // namespace

std::string QueuePageHtml(const std::vector<QueueItem>& items,
                          const QueueFilter& filter, std::string_view notice,
                          WallTime now) {
  std::string out = Head("Exception queue");
  out += "<h1>Exception queue: <span id=\"count\">" +
         std::to_string(items.size()) + "</span> drafts</h1>\n";
  if (!notice.empty()) {
    out += "<p class=\"notice\" id=\"notice\">" + HtmlEscape(notice) + "</p>\n";
  }
  out +=
      "<form class=\"filter\" method=\"get\" action=\"/\">"
      "<label>Rule<input name=\"rule\" value=\"" +
      HtmlEscape(filter.rule) +
      "\"></label><label>Verdict<select name=\"verdict\">";
  for (const char* v : {"", "fail", "review"}) {
    out += std::string("<option value=\"") + v + "\"" +
           (filter.verdict == v ? " selected" : "") + ">" +
           (*v ? VerdictText(v) : std::string("any")) + "</option>";
  }
  out += "</select></label><label>Folder<input name=\"folder\" value=\"" +
         HtmlEscape(filter.folder) +
         "\"></label><label>Reviewer<input name=\"reviewer\" value=\"" +
         HtmlEscape(filter.reviewer) +
         "\"></label><button type=\"submit\">Filter</button></form>\n";
  out +=
      "<table class=\"queue\" id=\"queue\"><thead><tr><th>Draft</th>"
      "<th>Title</th><th>Author</th><th>Verdict</th><th>Rules</th>"
      "<th>Reviewer</th><th>Owner</th><th>Waiting</th></tr></thead>"
      "<tbody>\n";
  for (const QueueItem& item : items) {
    out += "<tr data-id=\"" + HtmlEscape(item.id) +
           "\"><td><a href=\"/drafts/" + PercentEncodeComponent(item.id) +
           "\">" + HtmlEscape(item.path) + "</a></td><td>" +
           HtmlEscape(item.title) + "</td><td>" + HtmlEscape(item.author) +
           "</td><td>" + HtmlEscape(VerdictText(item.verdict)) + "</td><td>";
    for (size_t i = 0; i < item.rules.size(); ++i) {
      out += (i ? " " : "") + HtmlEscape(item.rules[i]);
    }
    out += "</td><td class=\"reviewer\">";
    for (size_t i = 0; i < item.reviewers.size(); ++i) {
      out += (i ? " " : "") + HtmlEscape(item.reviewers[i]);
    }
    out += "</td><td>" + HtmlEscape(item.owner) + "</td><td>" +
           WaitedText(std::chrono::duration_cast<std::chrono::seconds>(
               now - item.routed)) +
           "</td></tr>\n";
  }
  out +=
      "</tbody></table>\n<script src=\"/assets/queue.js\"></script>\n"
      "</body></html>\n";
  return out;
}

std::string DraftPageHtml(const QueueDraft& draft,
                          const std::vector<SubmissionHistoryRow>& history,
                          std::string_view csrf, std::string_view error) {
  const QueueItem& item = draft.item;
  std::string out = Head(item.path);
  out += "<p>";
  if (!item.title.empty()) {
    out += "<strong>" + HtmlEscape(item.title) + "</strong>";
  }
  if (!item.author.empty()) out += " by " + HtmlEscape(item.author);
  out += "</p>\n";
  if (!error.empty()) {
    out += "<p class=\"error\" id=\"error\">" + HtmlEscape(error) + "</p>\n";
  }
  out += "<form class=\"decide\" method=\"post\" action=\"/drafts/" +
         PercentEncodeComponent(item.id) +
         "/decision\"><strong>Decision</strong>"
         "<input type=\"hidden\" name=\"csrf\" value=\"" +
         HtmlEscape(csrf) +
         "\"><input type=\"hidden\" name=\"sha256\" value=\"" +
         HtmlEscape(item.sha256) +
         "\"><label>Reason (required)<textarea name=\"reason\" required "
         "maxlength=\"4096\"></textarea></label>"
         "<label>Editor<input name=\"editor\" required maxlength=\"200\">"
         "</label><button type=\"submit\" name=\"decision\" "
         "value=\"approve\">Approve (to ready/)</button> "
         "<button type=\"submit\" name=\"decision\" value=\"return\">"
         "Return to writer (to returned/)</button></form>\n";
  out += ProofRecordBody(draft.record, draft.bytes);
  out +=
      "<h2>Submissions of this draft</h2>\n<table class=\"queue\" "
      "id=\"history\"><thead><tr><th>Submitted</th><th>Submission</th>"
      "<th>Verdict</th><th>Routed to</th><th>Decision</th></tr></thead>"
      "<tbody>\n";
  for (const SubmissionHistoryRow& h : history) {
    out += "<tr><td>" + HtmlEscape(h.submitted_at) + "</td><td><code>" +
           HtmlEscape(h.submission) + "</code>" +
           (h.submission == item.id ? " (this one)" : "") + "</td><td>" +
           HtmlEscape(VerdictText(h.verdict)) + "</td><td>" +
           HtmlEscape(h.area) + "/</td><td>";
    if (!h.decision.empty()) {
      out += HtmlEscape(h.decision) + " by " + HtmlEscape(h.editor) + ": " +
             HtmlEscape(h.reason);
    }
    out += "</td></tr>\n";
  }
  out += "</tbody></table>\n</body></html>\n";
  return out;
}

std::string MessagePageHtml(std::string_view title, std::string_view message) {
  return Head(title) + "<h1>" + HtmlEscape(title) +
         "</h1>\n<p class=\"error\">" + HtmlEscape(message) +
         "</p>\n<p><a href=\"/\">Back to the queue</a></p>\n</body></html>\n";
}

std::string QueueCss() { return std::string(ProofRecordStyle()) + kQueueStyle; }

std::string_view QueueScript() { return kQueueScript; }

}  // namespace proofgate

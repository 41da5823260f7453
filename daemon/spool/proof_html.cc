#include "daemon/spool/proof_html.h"

#include <map>
#include <vector>

#include "daemon/text/html_escape.h"

namespace proofgate {

namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return "";
  const json& v = j[key];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "";
  return v.dump(-1, ' ', false, json::error_handler_t::replace);
}

const json& Obj(const json& j, const char* key) {
  static const json kEmpty = json::object();
  return j.is_object() && j.contains(key) && j[key].is_object() ? j[key]
                                                                : kEmpty;
}

// Styles: verdicts and statuses in colours that stay readable in print.
constexpr const char* kStyle = R"css(
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#1b1b1b;padding:0 1em}
h1{font-size:1.4em;margin-bottom:.2em} h2{font-size:1.1em;margin-top:1.6em}
.verdict{display:inline-block;padding:.1em .6em;border-radius:.3em;font-weight:600}
.pass,.passed{background:#dff3e2;color:#11592a} .fail,.failed{background:#fbe1e1;color:#8a1414}
.review,.low-confidence{background:#fff1cc;color:#6b4b00} .suppressed{background:#e8e8ef;color:#333}
table.meta td{padding:.15em 1em .15em 0;vertical-align:top} code,.src{font-family:ui-monospace,monospace}
table.meta td:first-child{color:#555}
ul.checks li{margin:.2em 0} .status{padding:0 .4em;border-radius:.2em;font-size:.9em}
.src{border:1px solid #ddd;border-radius:.3em;overflow-x:auto;font-size:13px}
.line{display:flex;white-space:pre-wrap;word-break:break-word}
.line .n{flex:none;width:4.5em;text-align:right;padding-right:.8em;color:#888;user-select:none;border-right:1px solid #eee}
.line .t{padding-left:.8em} .line.hit{background:#fff8e6}
.finding{margin:.1em 0 .4em 5.3em;padding:.3em .6em;border-left:3px solid #c33;background:#fdf3f3;font-family:system-ui,sans-serif}
.finding.warning{border-color:#c90;background:#fffaf0} .finding.info{border-color:#37c;background:#f2f6fd}
.finding .rule{color:#555;font-size:.9em} .finding .fix{color:#11592a}
.finding .excerpt{white-space:pre-wrap;background:#fff;padding:0 .2em}
)css";

// Splits `text` into lines (LF or CRLF); a final line without newline
// counts, a trailing newline adds none.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

void AppendFinding(const json& f, const std::string& status, std::string& out) {
  const std::string severity = Str(f, "severity");
  out += "<div class=\"finding " + HtmlEscape(severity) + "\">";
  out += "<strong>" + HtmlEscape(severity) + "</strong> ";
  out += HtmlEscape(Str(f, "message"));
  out += " <span class=\"rule\">[" + HtmlEscape(Str(f, "rule")) + "] " +
         HtmlEscape(Str(f, "line")) + ":" + HtmlEscape(Str(f, "column")) +
         ", confidence " + HtmlEscape(Str(f, "confidence"));
  if (f.value("suppressed", false)) {
    out += ", suppressed: " + HtmlEscape(Str(f, "suppression_reason"));
  }
  if (!Str(f, "reviewer").empty()) {
    out += ", reviewer: " + HtmlEscape(Str(f, "reviewer"));
  }
  out += " (check " + HtmlEscape(status) + ")</span>";
  // The evidence: the draft's text the finding is about, as the check cut
  // it (the line, or the sentence for claims).
  const std::string excerpt = Str(f, "excerpt");
  if (!excerpt.empty()) {
    out += "<br><span class=\"evidence\">Evidence: <code class=\"excerpt\">" +
           HtmlEscape(excerpt) + "</code></span>";
  }
  const std::string suggestion = Str(f, "suggestion");
  if (!suggestion.empty()) {
    out += "<br><span class=\"fix\">Suggestion: <code>" +
           HtmlEscape(suggestion) + "</code></span>";
  }
  out += "</div>\n";
}

// The reviewers escalations name, one line; nothing when there are none.
void AppendReviewers(const json& record, std::string& out) {
  if (!record.contains("reviewers") || !record["reviewers"].is_array() ||
      record["reviewers"].empty()) {
    return;
  }
  out += "<p class=\"reviewers\" id=\"reviewers\">Escalated: needs review by";
  for (const json& r : record["reviewers"]) {
    if (r.is_string())
      out += " <strong>" + HtmlEscape(r.get<std::string>()) + "</strong>";
  }
  out += "</p>\n";
}

// The heading: the draft's path, its verdict and where it was routed,
// then a configuration problem and the editor's decision when there are.
void AppendVerdict(const json& record, std::string& out) {
  const std::string verdict = Str(record, "verdict");
  out += "<h1>" + HtmlEscape(Str(Obj(record, "draft"), "path")) +
         "</h1>\n<p><span class=\"verdict " + HtmlEscape(verdict) + "\">" +
         HtmlEscape(verdict) + "</span> routed to <strong>" +
         HtmlEscape(Str(record, "route")) + "/</strong></p>\n";
  AppendReviewers(record, out);
  if (record.contains("config_error")) {
    out += "<p class=\"fail\">Configuration problem: " +
           HtmlEscape(Str(record, "config_error")) + "</p>\n";
  }
  const json& decision = Obj(record, "decision");
  if (!decision.empty()) {
    out += "<p class=\"decision\"><strong>Decision: " +
           HtmlEscape(Str(decision, "decision")) + "</strong> by " +
           HtmlEscape(Str(decision, "editor")) + " at " +
           HtmlEscape(Str(decision, "at")) + " (moved to " +
           HtmlEscape(Str(decision, "area")) +
           "/). Reason: " + HtmlEscape(Str(decision, "reason")) + "</p>\n";
  }
}

// The provenance table: which bytes, under which rulebook, when, by which
// submission and proofgate version.
void AppendProvenance(const json& record, std::string& out) {
  const json& d = Obj(record, "draft");
  const json& book = Obj(record, "rulebook");
  const json& times = Obj(record, "timestamps");
  out += "<table class=\"meta\">\n";
  auto row = [&](const char* label, const std::string& value) {
    out += "<tr><td>" + std::string(label) + "</td><td><code>" +
           HtmlEscape(value) + "</code></td></tr>\n";
  };
  row("draft sha256", Str(d, "sha256"));
  row("size (bytes)", Str(d, "size"));
  row("rulebook", Str(book, "name") + " version " + Str(book, "version"));
  row("rulebook sha256", Str(book, "sha256"));
  const json& owner = Obj(book, "owner");
  if (!owner.empty()) {
    const std::string contact = Str(owner, "contact");
    row("rulebook owner",
        Str(owner, "name") + (contact.empty() ? "" : " (" + contact + ")"));
  }
  row("submitted", Str(times, "submitted"));
  row("verified", Str(times, "verified"));
  row("routed", Str(times, "routed"));
  row("submission", Str(record, "submission"));
  const json& supersedes = Obj(record, "supersedes");
  if (!supersedes.empty()) {
    row("supersedes", Str(supersedes, "submission") + " (was in " +
                          Str(supersedes, "area") + "/)");
  }
  row("proofgate", Str(record, "proofgate_version"));
  out += "</table>\n";
}

// Findings by the line they point at (1 when they name none), each with
// its check's status, in record order; they point into the record.
using FindingsByLine =
    std::map<long long, std::vector<std::pair<const json*, std::string>>>;

// The list of checks with their status and number of findings; returns
// their findings by line, for the draft view.
FindingsByLine AppendChecks(const json& record, std::string& out) {
  FindingsByLine by_line;
  out += "<h2>Checks</h2>\n<ul class=\"checks\">\n";
  static const json kNone = json::array();
  const json& checks = record.contains("checks") && record["checks"].is_array()
                           ? record["checks"]
                           : kNone;
  for (const json& check : checks) {
    const std::string status = Str(check, "status");
    const json& findings =
        check.contains("findings") && check["findings"].is_array()
            ? check["findings"]
            : kNone;
    out += "<li><strong>" + HtmlEscape(Str(check, "name")) +
           "</strong> <span class=\"status " + HtmlEscape(status) + "\">" +
           HtmlEscape(status) + "</span> " + std::to_string(findings.size()) +
           (findings.size() == 1 ? " finding" : " findings") + "</li>\n";
    for (const json& f : findings) {
      const long long line = f.contains("line") && f["line"].is_number()
                                 ? f["line"].get<long long>()
                                 : 1;
      by_line[line].emplace_back(&f, status);
    }
  }
  out += "</ul>\n";
  return by_line;
}

// The draft line by line, each line's findings right under it; the
// findings shown are taken out of `by_line`.
void AppendDraft(std::string_view draft, FindingsByLine& by_line,
                 std::string& out) {
  out += "<h2>Draft</h2>\n<div class=\"src\">\n";
  const std::vector<std::string_view> lines = Lines(draft);
  for (size_t i = 0; i < lines.size(); ++i) {
    const long long n = static_cast<long long>(i) + 1;
    auto hits = by_line.find(n);
    const std::string number = std::to_string(n);
    out += hits == by_line.end() ? "<div class=\"line\" id=\"L"
                                 : "<div class=\"line hit\" id=\"L";
    out += number;
    out += "\"><span class=\"n\">";
    out += number;
    out += "</span><span class=\"t\">";
    AppendHtmlEscaped(lines[i], out);
    out += "</span></div>\n";
    if (hits != by_line.end()) {
      for (const auto& [f, status] : hits->second) {
        AppendFinding(*f, status, out);
      }
      by_line.erase(hits);
    }
  }
  out += "</div>\n";
}

}  // namespace

std::string ProofRecordHtml(const json& record, std::string_view draft) {
  const std::string verdict = Str(record, "verdict");
  const std::string path = Str(Obj(record, "draft"), "path");

  std::string out;
  out.reserve(draft.size() * 2 + 8192);
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  out += "<title>" + HtmlEscape(path) + " \u2014 " + HtmlEscape(verdict) +
         " \u2014 proofgate proof record</title><style>";
  out += kStyle;
  out += "</style></head><body>\n";
  out += ProofRecordBody(record, draft);
  out += "</body></html>\n";
  return out;
}

std::string_view ProofRecordStyle() { return kStyle; }

std::string ProofRecordBody(const json& record, std::string_view draft) {
  std::string out;
  out.reserve(draft.size() * 2 + 8192);
  AppendVerdict(record, out);
  AppendProvenance(record, out);
  FindingsByLine by_line = AppendChecks(record, out);
  AppendDraft(draft, by_line, out);
  // What is left points past the draft's last line, or at the draft
  // itself.
  if (!by_line.empty()) {
    out += "<h2>Findings about the draft as a whole</h2>\n";
    for (const auto& [line, hits] : by_line) {
      for (const auto& [f, status] : hits) AppendFinding(*f, status, out);
    }
  }
  return out;
}

}  // namespace proofgate

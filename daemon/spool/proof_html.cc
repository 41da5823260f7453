#include "daemon/spool/proof_html.h"

#include <algorithm>
#include <map>
#include <vector>

#include "checks/document/markdown_html.h"
#include "checks/document/source_map.h"
#include "daemon/text/html_escape.h"
#include "daemon/text/verdict_text.h"

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
// The two views of the draft (source, rendered) are toggled by radio
// buttons and CSS alone: the page runs no script.
constexpr const char* kStyle = R"css(
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:72em;color:#1b1b1b;padding:0 1em}
h1{font-size:1.4em;margin-bottom:.2em} h2{font-size:1.1em;margin-top:1.6em}
.verdict{display:inline-block;padding:.1em .6em;border-radius:.3em;font-weight:600;white-space:nowrap}
.pass,.passed{background:#dff3e2;color:#11592a} .fail,.failed,.fails{background:#fbe1e1;color:#8a1414}
.review,.low-confidence{background:#fff1cc;color:#6b4b00} .suppressed,.waived{background:#e8e8ef;color:#333}
.advisory{background:#eef3fb;color:#234}
#summary{border:1px solid #ddd;border-radius:.4em;padding:.6em 1em;margin-bottom:1em}
#summary h1{margin-top:.2em} .decided{font-size:1.1em;font-weight:600;padding:.4em .7em;border-left:4px solid #11592a;background:#eef8f0}
.decided.returned{border-color:#8a1414;background:#fdf1f1}
table.summary td{padding:.15em 1em .15em 0;vertical-align:top} table.summary td:first-child{color:#555;white-space:nowrap}
ol.why{margin:0;padding-left:1.3em} ol.why li{margin:.15em 0}
table.meta td{padding:.15em 1em .15em 0;vertical-align:top} code,.src{font-family:ui-monospace,monospace}
table.meta td:first-child{color:#555}
ul.checks li{margin:.2em 0} .status,.effect{padding:0 .4em;border-radius:.2em;font-size:.9em;white-space:nowrap}
code.rule,.rule code{white-space:nowrap;word-break:keep-all}
input.view{position:absolute;opacity:0} label.view{display:inline-block;padding:.2em .8em;border:1px solid #ccc;border-radius:.3em .3em 0 0;cursor:pointer;margin-right:.2em}
input.view:checked+label.view{background:#1b1b1b;color:#fff}
input.view:focus-visible+label.view{outline:2px solid #37c}
#rendered{display:none;border:1px solid #ddd;border-radius:.3em;padding:0 1.2em}
#view-rendered:checked~#source{display:none} #view-rendered:checked~#rendered{display:block}
.src{border:1px solid #ddd;border-radius:.3em;overflow-x:auto;font-size:13px}
.line{display:flex;white-space:pre-wrap;word-break:break-word}
.line .n{flex:none;width:4.5em;text-align:right;padding-right:.8em;color:#888;user-select:none;border-right:1px solid #eee}
.line .t{padding-left:.8em} .line.hit{background:#fff8e6}
mark.hl{background:#ffd666;color:inherit;border-bottom:2px solid #c90;padding:0}
.finding{margin:.1em 0 .4em 5.3em;padding:.3em .6em;border-left:3px solid #c33;background:#fdf3f3;font-family:system-ui,sans-serif}
.finding.warning{border-color:#c90;background:#fffaf0} .finding.info{border-color:#37c;background:#f2f6fd}
.finding:target{outline:2px solid #37c}
.finding .rule{color:#555;font-size:.9em} .finding .fix{color:#11592a}
.finding .excerpt{white-space:pre-wrap;background:#fff;padding:0 .2em}
)css";

// One finding of the record with what the page needs to show it: its
// check's status and its number on the page (its anchor is F<number>).
struct ShownFinding {
  const json* finding;
  std::string status;
  size_t number;
};

// The findings in record order.
std::vector<ShownFinding> FindingsOf(const json& record) {
  std::vector<ShownFinding> out;
  if (!record.contains("checks") || !record["checks"].is_array()) return out;
  for (const json& check : record["checks"]) {
    if (!check.contains("findings") || !check["findings"].is_array()) continue;
    for (const json& f : check["findings"]) {
      out.push_back({&f, Str(check, "status"), out.size() + 1});
    }
  }
  return out;
}

// The finding's effect on the verdict ("fails", "review", "advisory",
// "waived"): as the record says, or, for records written before it said
// so, from its check's status and its severity.
std::string EffectOf(const ShownFinding& shown) {
  const json& f = *shown.finding;
  std::string effect = Str(f, "effect");
  if (!effect.empty()) return effect;
  if (f.value("suppressed", false)) return "waived";
  if (Str(f, "severity") == "info") return "advisory";
  if (shown.status == "failed") return "fails";
  if (shown.status == "low-confidence") return "review";
  return "advisory";
}

// The effect in plain words.
std::string EffectText(const std::string& effect, const json& f) {
  if (effect == "fails") return "fails the draft";
  if (effect == "review") return "needs judgment: the check is not sure";
  if (effect == "waived") {
    return "waived: " + Str(f, "suppression_reason");
  }
  return "advice only: does not hold the draft back";
}

long long LineOf(const json& f) {
  return f.contains("line") && f["line"].is_number()
             ? f["line"].get<long long>()
             : 1;
}

std::string Anchor(const ShownFinding& shown) {
  return "F" + std::to_string(shown.number);
}

void AppendFinding(const ShownFinding& shown, bool with_excerpt,
                   std::string& out) {
  const json& f = *shown.finding;
  const std::string severity = Str(f, "severity");
  const std::string effect = EffectOf(shown);
  out += "<div class=\"finding " + HtmlEscape(severity) + "\" id=\"" +
         Anchor(shown) + "\">";
  out += "<strong>" + HtmlEscape(severity) + "</strong> ";
  out += HtmlEscape(Str(f, "message"));
  out += " <span class=\"effect " + HtmlEscape(effect) + "\">" +
         HtmlEscape(EffectText(effect, f)) + "</span>";
  out += " <span class=\"rule\"><code>" + HtmlEscape(Str(f, "rule")) +
         "</code> line " + HtmlEscape(Str(f, "line")) + ", column " +
         HtmlEscape(Str(f, "column")) + ", confidence " +
         HtmlEscape(Str(f, "confidence"));
  if (!Str(f, "reviewer").empty()) {
    out += ", reviewer: " + HtmlEscape(Str(f, "reviewer"));
  }
  out += "</span>";
  // The evidence is highlighted in the draft right above; only a finding
  // shown away from its line repeats it.
  const std::string excerpt = Str(f, "excerpt");
  if (with_excerpt && !excerpt.empty()) {
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

// The reviewers escalations name ("" when there are none), each in bold.
std::string ReviewersHtml(const json& record) {
  if (!record.contains("reviewers") || !record["reviewers"].is_array()) {
    return "";
  }
  std::string out;
  for (const json& r : record["reviewers"]) {
    if (r.is_string()) {
      out += (out.empty() ? "" : " ") + std::string("<strong>") +
             HtmlEscape(r.get<std::string>()) + "</strong>";
    }
  }
  return out.empty() ? "" : "<span id=\"reviewers\">" + out + "</span>";
}

// The rulebook's owner, "Name (contact)"; "" when it names none.
std::string OwnerText(const json& book) {
  const json& owner = Obj(book, "owner");
  if (owner.empty()) return "";
  const std::string contact = Str(owner, "contact");
  return Str(owner, "name") + (contact.empty() ? "" : " (" + contact + ")");
}

// Why the draft needs a person: the findings that fail it or need
// judgment, each linking to where it is shown in the draft.
std::string WhyHtml(const json& record,
                    const std::vector<ShownFinding>& findings) {
  std::string out;
  for (const ShownFinding& shown : findings) {
    const std::string effect = EffectOf(shown);
    if (effect != "fails" && effect != "review") continue;
    const json& f = *shown.finding;
    out += "<li><a href=\"#" + Anchor(shown) + "\">line " +
           HtmlEscape(Str(f, "line")) + "</a> <code class=\"rule\">" +
           HtmlEscape(Str(f, "rule")) + "</code> " +
           HtmlEscape(Str(f, "message")) + " <span class=\"effect " + effect +
           "\">" + HtmlEscape(EffectText(effect, f)) + "</span></li>\n";
  }
  if (record.contains("config_error")) {
    out += "<li class=\"fail\">Configuration problem: " +
           HtmlEscape(Str(record, "config_error")) + "</li>\n";
  }
  if (out.empty())
    return "nothing: no finding fails the draft or needs judgment";
  return "<ol class=\"why\">\n" + out + "</ol>";
}

// The summary's rows (label, HTML) under the verdict. A line more (the
// reviewer, the rulebook's owner) is one more row here.
std::vector<std::pair<std::string, std::string>> SummaryRows(
    const json& record, const std::vector<ShownFinding>& findings) {
  const json& book = Obj(record, "rulebook");
  std::vector<std::pair<std::string, std::string>> rows;
  rows.emplace_back("Why it is here", WhyHtml(record, findings));
  if (const std::string reviewers = ReviewersHtml(record); !reviewers.empty()) {
    rows.emplace_back("Escalated to", reviewers);
  }
  if (const std::string owner = OwnerText(book); !owner.empty()) {
    rows.emplace_back("Rulebook owner", HtmlEscape(owner));
  }
  rows.emplace_back("Rulebook", HtmlEscape(Str(book, "name")) + " version " +
                                    HtmlEscape(Str(book, "version")));
  rows.emplace_back("Routed",
                    HtmlEscape(Str(Obj(record, "timestamps"), "routed")));
  return rows;
}

// Where the draft is now: the area a decision moved it to, else where it
// was routed.
std::string AreaOf(const json& record) {
  const json& decision = Obj(record, "decision");
  if (!Str(decision, "area").empty()) return Str(decision, "area");
  const std::string area = Str(record, "area");
  return area.empty() ? Str(record, "route") : area;
}

// The summary: the draft's path, the decision when there is one, the
// verdict coloured, and why the draft is here.
void AppendSummary(const json& record,
                   const std::vector<ShownFinding>& findings,
                   std::string& out) {
  const std::string verdict = Str(record, "verdict");
  out += "<header id=\"summary\">\n<h1>" +
         HtmlEscape(Str(Obj(record, "draft"), "path")) + "</h1>\n";
  const json& decision = Obj(record, "decision");
  if (!decision.empty()) {
    const std::string kind = Str(decision, "decision");
    out += "<p class=\"decided " +
           std::string(kind == "approve" ? "approved" : "returned") +
           "\" id=\"decided\">" +
           HtmlEscape(DecisionText(kind, Str(decision, "editor"),
                                   Str(decision, "at"), AreaOf(record))) +
           ". Reason: " + HtmlEscape(Str(decision, "reason")) + "</p>\n";
  }
  out += "<p>Verdict <span class=\"verdict " + HtmlEscape(verdict) +
         "\" id=\"verdict\">" + HtmlEscape(VerdictText(verdict)) +
         "</span> routed to <strong>" + HtmlEscape(Str(record, "route")) +
         "/</strong>";
  if (!decision.empty()) {
    out += "; now in <strong>" + HtmlEscape(AreaOf(record)) + "/</strong>";
  }
  out += "</p>\n<table class=\"summary\">\n";
  for (const auto& [label, html] : SummaryRows(record, findings)) {
    out += "<tr><td>" + HtmlEscape(label) + "</td><td>" + html + "</td></tr>\n";
  }
  out += "</table>\n</header>\n";
}

// The provenance table: which bytes, under which rulebook, when, by which
// submission and proofgate version.
void AppendProvenance(const json& record, std::string& out) {
  const json& d = Obj(record, "draft");
  const json& book = Obj(record, "rulebook");
  const json& times = Obj(record, "timestamps");
  out += "<h2>Provenance</h2>\n<table class=\"meta\">\n";
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

// The list of checks with their status and number of findings.
void AppendChecks(const json& record, std::string& out) {
  out += "<h2>Checks</h2>\n<ul class=\"checks\">\n";
  if (!record.contains("checks") || !record["checks"].is_array()) {
    out += "</ul>\n";
    return;
  }
  for (const json& check : record["checks"]) {
    const std::string status = Str(check, "status");
    const size_t n = check.contains("findings") && check["findings"].is_array()
                         ? check["findings"].size()
                         : 0;
    out += "<li><strong>" + HtmlEscape(Str(check, "name")) +
           "</strong> <span class=\"status " + HtmlEscape(status) + "\">" +
           HtmlEscape(CheckStatusText(status)) + "</span> " +
           std::to_string(n) + (n == 1 ? " finding" : " findings") + "</li>\n";
  }
  out += "</ul>\n";
}

// Byte ranges [begin, end) of one line to highlight.
using Spans = std::vector<std::pair<size_t, size_t>>;

// Findings by the line they are shown under, and the highlighted spans of
// each line (offsets in the draft), from the findings' exact ranges.
struct DraftMarks {
  std::map<long long, std::vector<const ShownFinding*>> by_line;
  std::map<int, Spans> spans;
};

// A finding spanning more lines than this is highlighted on its first
// ones only: no real finding is longer, and it bounds the work.
constexpr int kMaxHighlightLines = 200;

DraftMarks MarksOf(const std::vector<ShownFinding>& findings,
                   const SourceMap& map) {
  DraftMarks marks;
  for (const ShownFinding& shown : findings) {
    const json& f = *shown.finding;
    const long long line = LineOf(f);
    marks.by_line[line].push_back(&shown);
    if (line < 1 || line > map.line_count()) continue;
    const int from = static_cast<int>(line);
    const int to = std::min<long long>(
        {f.value("end_line", line), static_cast<long long>(map.line_count()),
         line + kMaxHighlightLines});
    const size_t begin = map.OffsetOfColumn(from, f.value("column", 1));
    size_t end =
        map.OffsetOfColumn(std::max(from, to), f.value("end_column", 1));
    if (to < from) end = begin;
    for (int n = from; n <= std::max(from, to); ++n) {
      const size_t ls = map.LineStart(n);
      const size_t le = ls + map.Line(n).size();
      const size_t b = std::max(begin, ls), e = std::min(end, le);
      if (b < e) marks.spans[n].emplace_back(b, e);
    }
  }
  return marks;
}

// Line `n` of the draft, escaped, with `spans` in <mark> (merged where
// they overlap).
void AppendLineText(const SourceMap& map, int n, Spans spans,
                    std::string& out) {
  const std::string_view text = map.text();
  size_t at = map.LineStart(n);
  const size_t end = at + map.Line(n).size();
  std::sort(spans.begin(), spans.end());
  for (size_t i = 0; i < spans.size(); ++i) {
    auto [b, e] = spans[i];
    if (e <= at) continue;
    b = std::max(b, at);
    while (i + 1 < spans.size() && spans[i + 1].first <= e) {
      e = std::max(e, spans[++i].second);
    }
    AppendHtmlEscaped(text.substr(at, b - at), out);
    out += "<mark class=\"hl\">";
    AppendHtmlEscaped(text.substr(b, e - b), out);
    out += "</mark>";
    at = e;
  }
  AppendHtmlEscaped(text.substr(at, end - at), out);
}

// The draft line by line with the findings' ranges highlighted and each
// line's findings right under it; the findings shown are taken out of
// `marks.by_line`.
void AppendSource(const SourceMap& map, DraftMarks& marks, std::string& out) {
  out += "<div class=\"src\" id=\"source\">\n";
  int lines = map.line_count();
  // A final newline ends the last line; it starts no empty one.
  if (lines > 1 && map.Line(lines).empty()) --lines;
  for (int n = 1; n <= lines; ++n) {
    auto hits = marks.by_line.find(n);
    const std::string number = std::to_string(n);
    out += hits == marks.by_line.end() ? "<div class=\"line\" id=\"L"
                                       : "<div class=\"line hit\" id=\"L";
    out +=
        number + "\"><span class=\"n\">" + number + "</span><span class=\"t\">";
    auto spans = marks.spans.find(n);
    AppendLineText(map, n, spans == marks.spans.end() ? Spans{} : spans->second,
                   out);
    out += "</span></div>\n";
    if (hits != marks.by_line.end()) {
      for (const ShownFinding* shown : hits->second) {
        AppendFinding(*shown, /*with_excerpt=*/false, out);
      }
      marks.by_line.erase(hits);
    }
  }
  out += "</div>\n";
}

// The draft: the source with the findings, and the rendered view, one at
// a time (radio buttons and CSS), then what is left of the findings.
void AppendDraft(std::string_view draft,
                 const std::vector<ShownFinding>& findings, DraftViews views,
                 std::string& out) {
  const SourceMap map(draft);
  DraftMarks marks = MarksOf(findings, map);
  const bool rendered = views == DraftViews::kSourceAndRendered;
  out += "<section id=\"draft\">\n<h2>Draft</h2>\n";
  if (rendered) {
    out +=
        "<input type=\"radio\" name=\"view\" class=\"view\" "
        "id=\"view-source\" checked><label class=\"view\" "
        "for=\"view-source\">Source with findings</label><input "
        "type=\"radio\" name=\"view\" class=\"view\" id=\"view-rendered\">"
        "<label class=\"view\" for=\"view-rendered\">Rendered</label>\n";
  }
  AppendSource(map, marks, out);
  if (rendered) {
    out += "<div class=\"rendered\" id=\"rendered\">\n";
    out += DraftMarkdownHtml(draft);
    out += "</div>\n";
  }
  // What is left points past the draft's last line.
  if (!marks.by_line.empty()) {
    out += "<h2>Findings past the end of the draft</h2>\n";
    for (const auto& [line, hits] : marks.by_line) {
      for (const ShownFinding* shown : hits) {
        AppendFinding(*shown, /*with_excerpt=*/true, out);
      }
    }
  }
  out += "</section>\n";
}

}  // namespace

std::string ProofRecordHtml(const json& record, std::string_view draft,
                            DraftViews views) {
  const std::string verdict = Str(record, "verdict");
  const std::string path = Str(Obj(record, "draft"), "path");

  std::string out;
  out.reserve(draft.size() * 2 + 8192);
  out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  out += "<title>" + HtmlEscape(path) + " \u2014 " +
         HtmlEscape(VerdictText(verdict)) +
         " \u2014 proofgate proof record</title><style>";
  out += kStyle;
  out += "</style></head><body>\n";
  out += ProofRecordBody(record, draft, "", views);
  out += "</body></html>\n";
  return out;
}

std::string_view ProofRecordStyle() { return kStyle; }

std::string ProofRecordBody(const json& record, std::string_view draft,
                            std::string_view after_draft, DraftViews views) {
  std::string out;
  out.reserve(draft.size() * 3 + 8192);
  const std::vector<ShownFinding> findings = FindingsOf(record);
  AppendSummary(record, findings, out);
  AppendDraft(draft, findings, views, out);
  out += after_draft;
  AppendChecks(record, out);
  AppendProvenance(record, out);
  return out;
}

}  // namespace proofgate

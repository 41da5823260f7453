#include "daemon/review/review_report_json.h"

namespace proofgate {

namespace {

using json = nlohmann::json;

json Maybe(const std::optional<double>& v) { return v ? json(*v) : json(); }

json PercentilesJson(const ReportPercentiles& p) {
  return {{"count", p.count},
          {"p50_seconds", Maybe(p.p50_seconds)},
          {"p90_seconds", Maybe(p.p90_seconds)}};
}

json LatencyJson(const ReportLatency& l) {
  json j = PercentilesJson(l.all);
  json folders = json::object(), books = json::object();
  for (const auto& [k, p] : l.by_folder) folders[k] = PercentilesJson(p);
  for (const auto& [k, p] : l.by_rulebook) books[k] = PercentilesJson(p);
  j["by_folder"] = std::move(folders);
  j["by_rulebook"] = std::move(books);
  return j;
}

json QueueGroupJson(const ReportQueueGroup& g) {
  return {{"depth", g.depth},
          {"overdue", g.overdue},
          {"oldest_seconds", g.oldest_seconds}};
}

json VolumeJson(const ReportVolume& v) {
  json days = json::array();
  for (const ReportDay& d : v.days) {
    days.push_back({{"date", d.date},
                    {"submissions", d.submissions},
                    {"drafts", d.drafts},
                    {"verdicts", d.verdicts},
                    {"first_pass", d.first_pass},
                    {"first_pass_yield", Maybe(d.first_pass_yield)}});
  }
  return {{"submissions", v.submissions},
          {"drafts", v.drafts},
          {"verdicts", v.verdicts},
          {"first_pass", v.first_pass},
          {"first_pass_yield", Maybe(v.first_pass_yield)},
          {"days", std::move(days)}};
}

json RulesJson(const std::vector<ReportRuleHealth>& rules) {
  json out = json::array();
  for (const ReportRuleHealth& h : rules) {
    out.push_back({{"rule", h.rule},
                   {"findings", h.findings},
                   {"drafts_flagged", h.drafts_flagged},
                   {"decisions", h.decisions},
                   {"approvals", h.approvals},
                   {"returns", h.returns},
                   {"override_rate", Maybe(h.override_rate)},
                   {"too_strict", h.too_strict},
                   {"unused", h.unused}});
  }
  return out;
}

json EscalationsJson(const std::map<std::string, ReportEscalation>& by) {
  json reviewers = json::object();
  for (const auto& [k, e] : by) {
    reviewers[k] = {{"submissions", e.submissions},
                    {"drafts", e.drafts},
                    {"decisions", e.decisions},
                    {"approvals", e.approvals},
                    {"returns", e.returns}};
  }
  return {{"by_reviewer", std::move(reviewers)}};
}

}  // namespace

json ReviewReportJson(const ReviewReport& r) {
  json failures = json::array();
  for (const ReportFailure& f : r.failures) {
    json pages = json::array();
    for (const std::string& id : f.submissions_shown) {
      pages.push_back("/drafts/" + id);
    }
    failures.push_back({{"rule", f.rule},
                        {"findings", f.findings},
                        {"submissions", f.submissions},
                        {"drafts", f.drafts},
                        {"proof_pages", std::move(pages)}});
  }
  json paths = json::array();
  for (const auto& [path, n] : r.rework.paths) {
    paths.push_back({{"path", path}, {"submissions", n}});
  }
  json queue_folders = json::object(), reviewers = json::object();
  for (const auto& [k, g] : r.queue.by_folder) {
    queue_folders[k] = QueueGroupJson(g);
  }
  for (const auto& [k, g] : r.queue.by_reviewer) {
    reviewers[k] = QueueGroupJson(g);
  }
  json queue = QueueGroupJson(r.queue.all);
  queue["oldest_path"] =
      r.queue.oldest_path ? json(*r.queue.oldest_path) : json();
  queue["by_folder"] = std::move(queue_folders);
  queue["by_reviewer"] = std::move(reviewers);
  return {{"since", r.since},
          {"until", r.until},
          {"generated_at", r.generated_at},
          {"folder", r.folder},
          {"volume", VolumeJson(r.volume)},
          {"failures", std::move(failures)},
          {"rules", RulesJson(r.rules)},
          {"escalations", EscalationsJson(r.escalations)},
          {"rework",
           {{"resubmissions", r.rework.resubmissions},
            {"paths", std::move(paths)},
            {"returned_more_than_once", r.rework.returned_more_than_once},
            {"reached_ready", r.rework.reached_ready},
            {"mean_submissions_to_ready",
             Maybe(r.rework.mean_submissions_to_ready)}}},
          {"handoff_latency", LatencyJson(r.handoff_latency)},
          {"cycle_time", LatencyJson(r.cycle_time)},
          {"queue", std::move(queue)}};
}

}  // namespace proofgate

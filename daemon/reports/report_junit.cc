#include "daemon/reports/report_junit.h"

#include <map>
#include <sstream>

#include "checks/document/utf8.h"
#include "daemon/reports/report_paths.h"
#include "daemon/reports/report_summary.h"

namespace proofgate {

namespace {

constexpr char kReplacement[] = "\xEF\xBF\xBD";  // U+FFFD

// XML 1.0 "Char" production (W3C XML 1.0, 5th edition, §2.2).
bool IsXmlChar(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

std::string Plural(int n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

std::string CountsText(const FindingCounts& c) {
  std::string out = Plural(c.errors, "error") + ", " +
                    Plural(c.warnings, "warning") + ", " +
                    std::to_string(c.info) + " info";
  if (c.suppressed > 0)
    out += ", " + std::to_string(c.suppressed) + " suppressed";
  return out;
}

// The findings, one per line, text-report style.
std::string FindingsText(const std::string& path,
                         const std::vector<Finding>& findings) {
  std::ostringstream out;
  for (const Finding& f : findings) {
    out << path << ':' << f.range.line << ':' << f.range.column << ": "
        << SeverityName(f.severity) << ": " << f.message << " [" << f.rule
        << ']';
    if (f.confidence < 1.0) {
      out << " (confidence " << static_cast<int>(f.confidence * 100 + 0.5)
          << "%)";
    }
    if (!f.suggestion.empty()) out << " (suggestion: " << f.suggestion << ')';
    if (f.suppressed) out << " (suppressed: " << f.suppression_reason << ')';
    out << '\n';
  }
  return out.str();
}

struct Suite {
  const Rulebook* rulebook = nullptr;
  std::vector<const DraftResult*> cases;
  int failures = 0;
  int skipped = 0;
};

}  // namespace

std::string XmlEscape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t i = 0;
  while (i < text.size()) {
    const Utf8Char c = DecodeUtf8(text, i);
    const char32_t cp = c.code_point;
    const size_t length = c.length;
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (!IsXmlChar(cp)) {
      out += kReplacement;
    } else if (cp == '&') {
      out += "&amp;";
    } else if (cp == '<') {
      out += "&lt;";
    } else if (cp == '>') {
      out += "&gt;";
    } else if (attribute && cp == '"') {
      out += "&quot;";
    } else if (attribute && cp == '\'') {
      out += "&apos;";
    } else if (cp == '\r') {
      out += "&#13;";
    } else if (attribute && cp == '\n') {
      out += "&#10;";
    } else if (attribute && cp == '\t') {
      out += "&#9;";
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

namespace {

// The <properties> of a rulebook's suite: version, file, sha256 and owner;
// nothing without a rulebook.
void WriteRulebookProperties(const Rulebook* rulebook, std::ostream& out) {
  if (rulebook == nullptr) return;
  const auto attr = [](std::string_view text) { return XmlEscape(text, true); };
  out << "    <properties>\n"
      << "      <property name=\"rulebook.version\" value=\""
      << attr(rulebook->version) << "\"/>\n"
      << "      <property name=\"rulebook.file\" value=\""
      << attr(rulebook->file.generic_string()) << "\"/>\n"
      << "      <property name=\"rulebook.sha256\" value=\""
      << attr(rulebook->sha256) << "\"/>\n";
  const RulebookOwner& owner = rulebook->owner;
  if (!owner.empty()) {
    out << "      <property name=\"rulebook.owner\" value=\""
        << attr(owner.name) << "\"/>\n";
  }
  if (!owner.contact.empty()) {
    out << "      <property name=\"rulebook.owner.contact\" value=\""
        << attr(owner.contact) << "\"/>\n";
  }
  out << "    </properties>\n";
}

}  // namespace

void WriteJunitReport(const std::vector<DraftResult>& results,
                      bool review_fails, std::ostream& out) {
  // One suite per rulebook, in order of first use.
  std::vector<Suite> suites;
  std::map<const Rulebook*, size_t> suite_of;
  int total_failures = 0;
  int total_skipped = 0;
  for (const DraftResult& r : results) {
    const auto [it, inserted] = suite_of.emplace(r.rulebook, suites.size());
    if (inserted) suites.push_back({r.rulebook, {}, 0, 0});
    Suite& suite = suites[it->second];
    suite.cases.push_back(&r);
    const Verdict v = r.verification.verdict;
    if (v == Verdict::kFail || (v == Verdict::kReview && review_fails)) {
      ++suite.failures;
      ++total_failures;
    } else if (v == Verdict::kReview) {
      ++suite.skipped;
      ++total_skipped;
    }
  }

  const auto attr = [](std::string_view text) { return XmlEscape(text, true); };
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"proofgate\" tests=\"" << results.size()
      << "\" failures=\"" << total_failures << "\" errors=\"0\" skipped=\""
      << total_skipped << "\">\n";
  for (const Suite& suite : suites) {
    const std::string name =
        suite.rulebook ? suite.rulebook->name : std::string("(no rulebook)");
    out << "  <testsuite name=\"" << attr(name) << "\" tests=\""
        << suite.cases.size() << "\" failures=\"" << suite.failures
        << "\" errors=\"0\" skipped=\"" << suite.skipped << "\">\n";
    WriteRulebookProperties(suite.rulebook, out);
    for (const DraftResult* r : suite.cases) {
      const std::string path = ReportPath(r->path);
      const std::vector<Finding>& findings = r->verification.findings;
      const FindingCounts counts = CountFindings(findings);
      const std::string text = XmlEscape(FindingsText(path, findings), false);
      out << "    <testcase classname=\"" << attr(name) << "\" name=\""
          << attr(path) << "\"";
      const Verdict v = r->verification.verdict;
      if (findings.empty() && v == Verdict::kPass) {
        out << "/>\n";
        continue;
      }
      out << ">\n";
      if (v == Verdict::kFail || (v == Verdict::kReview && review_fails)) {
        out << "      <failure type=\"" << VerdictName(v) << "\" message=\""
            << attr((v == Verdict::kReview ? "needs an editor's review: "
                                           : "fail: ") +
                    CountsText(counts))
            << "\">" << text << "</failure>\n";
      } else {
        if (v == Verdict::kReview) {
          out << "      <skipped message=\""
              << attr("needs an editor's review: " + CountsText(counts))
              << "\"/>\n";
        }
        out << "      <system-out>" << text << "</system-out>\n";
      }
      out << "    </testcase>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
}

}  // namespace proofgate

#include "checks/headings/headings_check.h"

#include <map>
#include <utility>

#include "checks/document/text_compare.h"

namespace proofgate {

namespace {

// Appends rather than `"H" + std::to_string(level)`: GCC 12 at -O3 reports a
// false -Wrestrict inside that operator+.
std::string H(int level) {
  std::string name = "H";
  name += std::to_string(level);
  return name;
}

// Adds headings/* findings about one draft's headings to a list.
class HeadingFindings {
 public:
  // `doc` and `out` must outlive this object.
  HeadingFindings(const Document& doc, std::vector<Finding>& out)
      : doc_(doc), out_(out) {}

  // A finding headings/`rule` at `h` (a default Heading: the draft as a
  // whole), with the heading's line as the excerpt.
  void Add(std::string rule, Severity severity, const Heading& h,
           std::string message, std::string suggestion = "") {
    Finding f;
    f.rule = "headings/" + std::move(rule);
    f.severity = severity;
    f.message = std::move(message);
    f.range = h.range;
    f.excerpt = doc_.Excerpt(h.range);
    f.suggestion = std::move(suggestion);
    out_.push_back(std::move(f));
  }

 private:
  const Document& doc_;
  std::vector<Finding>& out_;
};

// What a walk over the headings in document order has seen so far.
struct OutlineWalk {
  const Heading* first_h1 = nullptr;
  // The level of the heading before; 1 before the first heading when the
  // front matter has a title (it stands for the H1), else 0.
  int previous = 0;
  // Indexes of the headings still open, by level: the last is the parent
  // of a deeper heading.
  std::vector<int> open;
  // Each titled heading by (parent index or -1 for the draft, folded text).
  std::map<std::pair<int, std::string>, const Heading*> seen;
};

// multiple-h1 and skipped-level: `h`'s level against the headings above.
void CheckLevel(const Heading& h, OutlineWalk& walk, HeadingFindings& add) {
  if (h.level == 1) {
    if (walk.first_h1 == nullptr) {
      walk.first_h1 = &h;
    } else {
      add.Add("multiple-h1", Severity::kError, h,
              "This is a second H1 (the first is on line " +
                  std::to_string(walk.first_h1->range.line) +
                  "); a draft has one title, so make this an H2.",
              "## " + h.text);
    }
  }
  const int previous = walk.previous;
  if (previous > 0 && h.level > previous + 1) {
    add.Add("skipped-level", Severity::kError, h,
            "The heading level jumps from " + H(previous) + " to " +
                H(h.level) + "; use an " + H(previous + 1) +
                " here, or add the missing " + H(previous + 1) + " above.",
            std::string(previous + 1, '#') + " " + h.text);
  }
  walk.previous = h.level;
}

// empty and duplicate: the text of heading `i` against its siblings under
// the same parent. An empty heading closes no section, but opens its own.
void CheckText(const std::vector<Heading>& headings, size_t i,
               OutlineWalk& walk, HeadingFindings& add) {
  const Heading& h = headings[i];
  if (FoldForCompare(h.text).empty()) {
    add.Add("empty", Severity::kError, h,
            "This " + H(h.level) + " has no text; give the section a title.");
  } else {
    while (!walk.open.empty() && headings[walk.open.back()].level >= h.level) {
      walk.open.pop_back();
    }
    const int parent = walk.open.empty() ? -1 : walk.open.back();
    auto [it, inserted] =
        walk.seen.emplace(std::make_pair(parent, FoldForCompare(h.text)), &h);
    if (!inserted) {
      add.Add("duplicate", Severity::kWarning, h,
              "The heading '" + h.text + "' repeats the one on line " +
                  std::to_string(it->second->range.line) +
                  " in the same section; readers and anchor links cannot "
                  "tell them apart.");
    }
  }
  walk.open.push_back(static_cast<int>(i));
}

class HeadingsCheck : public Check {
 public:
  HeadingsCheck(std::string front_matter_title, int max_depth,
                std::vector<std::string> required)
      : front_matter_title_(std::move(front_matter_title)),
        max_depth_(max_depth),
        required_(std::move(required)) {}

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    const std::vector<Heading>& headings = doc.headings();
    const bool has_title = HasFrontMatterTitle(doc);
    HeadingFindings add(doc, out);
    if (!headings.empty() && headings.front().level != 1 && !has_title) {
      const Heading& h = headings.front();
      add.Add(
          "first-not-h1", Severity::kWarning, h,
          "The first heading is an " + H(h.level) +
              ", but a draft should open with its title as an H1" +
              (front_matter_title_.empty() ? std::string(".")
                                           : " (or a '" + front_matter_title_ +
                                                 "' in the front matter)."));
    }
    OutlineWalk walk;
    walk.previous = has_title ? 1 : 0;
    for (size_t i = 0; i < headings.size(); ++i) {
      const Heading& h = headings[i];
      CheckLevel(h, walk, add);
      CheckText(headings, i, walk, add);
      if (h.level > max_depth_) {
        add.Add("max-depth", Severity::kWarning, h,
                "This " + H(h.level) + " is deeper than the limit of " +
                    H(max_depth_) + "; flatten the outline or split the page.");
      }
    }
    CheckRequired(doc, add);
  }

 private:
  bool HasFrontMatterTitle(const Document& doc) const {
    if (front_matter_title_.empty()) return false;
    const FieldLookup title =
        doc.front_matter().Get(front_matter_title_, ValueType::kString);
    return title.status == FieldLookup::Status::kFound &&
           !FoldForCompare(title.text).empty();
  }

  void CheckRequired(const Document& doc, HeadingFindings& add) const {
    if (required_.empty()) return;
    const std::vector<Heading>& headings = doc.headings();
    size_t next = 0;  // index into required_ of the next expected title
    for (const Heading& h : headings) {
      if (next < required_.size() &&
          FoldForCompare(h.text) == FoldForCompare(required_[next])) {
        ++next;
      }
    }
    for (size_t k = next; k < required_.size(); ++k) {
      const std::string want = FoldForCompare(required_[k]);
      const Heading* found = nullptr;
      for (const Heading& h : headings) {
        if (FoldForCompare(h.text) == want) found = &h;
      }
      const std::string after =
          k == 0 ? std::string() : " after '" + required_[k - 1] + "'";
      if (found != nullptr) {
        add.Add("required", Severity::kError, *found,
                "The required section '" + required_[k] +
                    "' is out of order: it must come" +
                    (after.empty() ? std::string(" first") : after) + ".");
      } else {
        Heading whole;  // the draft as a whole
        whole.range = SourceRange{};
        add.Add("required", Severity::kError, whole,
                "The required section '" + required_[k] + "' is missing" +
                    (after.empty() ? "" : "; add it" + after) + ".",
                "## " + required_[k]);
      }
    }
  }

  std::string front_matter_title_;
  int max_depth_;
  std::vector<std::string> required_;
};

std::unique_ptr<Check> Build(Settings& settings) {
  std::string title = settings.String("front_matter_title", "title");
  const int max_depth = static_cast<int>(settings.Int("max_depth", 6, 1, 6));
  std::vector<std::string> required = settings.StringList("required");
  return std::make_unique<HeadingsCheck>(std::move(title), max_depth,
                                         std::move(required));
}

}  // namespace

CheckSpec HeadingsCheckSpec() {
  return CheckSpec{
      "headings",
      "The outline: one title, no skipped levels, no empty or duplicate "
      "headings, required sections in order.",
      {
          {"headings/multiple-h1", Severity::kError,
           "More than one H1 in the body."},
          {"headings/first-not-h1", Severity::kWarning,
           "The first heading is not an H1 and no front-matter title stands "
           "in for it."},
          {"headings/skipped-level", Severity::kError,
           "A heading more than one level deeper than the one before."},
          {"headings/empty", Severity::kError, "A heading with no text."},
          {"headings/duplicate", Severity::kWarning,
           "The same heading text twice under one parent."},
          {"headings/max-depth", Severity::kWarning,
           "A heading deeper than the rulebook's max_depth."},
          {"headings/required", Severity::kError,
           "A required section is missing or out of order."},
      },
      &Build,
  };
}

}  // namespace proofgate

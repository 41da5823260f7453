#include "rules/rulebook_set.h"

#include <algorithm>
#include <tuple>

#include "checks/matching/front_matter_match.h"

namespace proofgate {

namespace {

bool Excludes(const AppliesTo& a, std::string_view path,
              const FrontMatter& front_matter) {
  for (const PathGlob& g : a.exclude_paths) {
    if (g.Matches(path)) return true;
  }
  for (const auto& [key, value] : a.exclude_front_matter) {
    if (FrontMatterMatches(front_matter, key, value)) return true;
  }
  return false;
}

// The stand-in for drafts that `book` excludes: same provenance, no checks.
std::shared_ptr<const Rulebook> ExcludedStandIn(const Rulebook& book) {
  auto out = std::make_shared<Rulebook>();
  out->name = "excluded:" + book.name;
  out->version = book.version;
  out->file = book.file;
  out->sha256 = book.sha256;
  out->routing = book.routing;
  out->owner = book.owner;
  return out;
}

}  // namespace

Expected<std::shared_ptr<const RulebookSet>, std::vector<ConfigError>>
RulebookSet::FromPath(const std::filesystem::path& path,
                      const CheckServices& services) {
  std::vector<ConfigError> errors;
  auto set = std::make_shared<RulebookSet>();
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
      const std::string ext = entry.path().extension().string();
      if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    if (files.empty()) {
      errors.push_back(
          ConfigError{path.string(), 0, 0, "no rulebooks (*.yaml) here"});
      return Unexpected(std::move(errors));
    }
  } else {
    set->single_ = true;
    files.push_back(path);
  }
  for (const auto& file : files) {
    RulebookLoad load = LoadRulebook(file, services);
    errors.insert(errors.end(), load.errors.begin(), load.errors.end());
    if (load.rulebook) {
      set->rulebooks_.push_back(load.rulebook);
      set->excluded_.push_back(load.rulebook->applies_to.has_exclusions()
                                   ? ExcludedStandIn(*load.rulebook)
                                   : nullptr);
    }
  }
  if (!set->single_) {
    const Rulebook* fallback = nullptr;
    for (const auto& book : set->rulebooks_) {
      if (!book->applies_to.empty()) continue;
      if (fallback != nullptr) {
        errors.push_back(ConfigError{
            book->file.string(), 1, 1,
            "this rulebook and " + fallback->file.string() +
                " both have no applies_to, so both would apply to every "
                "draft; give one of them an applies_to"});
      }
      fallback = book.get();
    }
  }
  if (!errors.empty()) return Unexpected(std::move(errors));
  return std::shared_ptr<const RulebookSet>(std::move(set));
}

RulebookSet::Selection RulebookSet::Select(
    std::string_view path, const FrontMatter& front_matter) const {
  Selection out;
  if (single_) {
    if (Excludes(rulebooks_.front()->applies_to, path, front_matter)) {
      out.rulebook = excluded_.front().get();
      out.excluded = true;
    } else {
      out.rulebook = rulebooks_.front().get();
    }
    return out;
  }
  using Score = std::tuple<size_t, int>;
  std::vector<std::pair<Score, size_t>> matches;   // index into rulebooks_
  std::vector<std::pair<Score, size_t>> excluded;  // matched, but excluded
  for (size_t i = 0; i < rulebooks_.size(); ++i) {
    const AppliesTo& a = rulebooks_[i]->applies_to;
    bool ok = true;
    for (const auto& [key, value] : a.front_matter) {
      ok = ok && FrontMatterMatches(front_matter, key, value);
    }
    int best_glob = 0;
    if (!a.paths.empty()) {
      bool any = false;
      for (const PathGlob& g : a.paths) {
        if (g.Matches(path)) {
          any = true;
          best_glob = std::max(best_glob, g.literal_length());
        }
      }
      ok = ok && any;
    }
    if (!ok) continue;
    const Score score{a.front_matter.size(), best_glob};
    if (Excludes(a, path, front_matter)) {
      excluded.push_back({score, i});
    } else {
      matches.push_back({score, i});
    }
  }
  auto by_score = [](const auto& a, const auto& b) {
    return a.first > b.first;
  };
  if (matches.empty() && !excluded.empty()) {
    // Every rulebook that would apply excludes the draft: not checked, on
    // the word of the most specific of them.
    std::stable_sort(excluded.begin(), excluded.end(), by_score);
    out.rulebook = excluded_[excluded.front().second].get();
    out.excluded = true;
    return out;
  }
  if (matches.empty()) {
    out.error =
        "no rulebook applies to this draft (add a rulebook "
        "without applies_to as the default)";
    return out;
  }
  std::stable_sort(matches.begin(), matches.end(), by_score);
  if (matches.size() > 1 && matches[0].first == matches[1].first) {
    out.error = "rulebooks " + rulebooks_[matches[0].second]->file.string() +
                " and " + rulebooks_[matches[1].second]->file.string() +
                " both apply to this draft, equally specifically; make "
                "one applies_to more specific";
    return out;
  }
  out.rulebook = rulebooks_[matches[0].second].get();
  return out;
}

}  // namespace proofgate

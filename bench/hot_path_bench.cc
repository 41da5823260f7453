// Throughput of the hot path: what every draft goes through.
//
//   BM_ParseAndCheckDefault   parse + every check of the shipped default
//                             rulebook on one typical real draft (the
//                             median-size page of the shared corpus, 5 KB)
//   BM_Parse                  Document::Parse alone on the same draft
//   BM_Check/<name>           each check of the default rulebook alone on
//                             the same draft, parsed once
//   BM_ProhibitedSetPass      the prohibited scan alone on the corpus's prose
//                             concatenated (14 MB), in MB/s: the default
//                             lists' single RE2::Set pass
//   BM_ProhibitedSetScan      the same plus positions: every spec the Set
//                             reports is run over the whole text again
//   BM_ProhibitedCheckProse   the prohibited check as it runs (block by
//                             block, findings with ranges) on the same prose
//   BM_Adversarial/*          1 MiB drafts built to be slow: a single line
//                             of 'a', near-misses of every default term,
//                             and `(a+)+$` (exponential for a backtracking
//                             engine) against 'a' x 1 MiB + 'b'
//
// Inputs are read at run time from the shared corpus (../shared/corpus next
// to the source tree) and the shipped rulebooks; nothing is copied.
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "checks/check.h"
#include "checks/document/document.h"
#include "checks/matching/term_set.h"
#include "rules/rulebook.h"
#include "rules/verifier.h"

namespace proofgate {
namespace {

namespace fs = std::filesystem;

// The median-size page of the corpus (5,084 bytes of 3,815 pages; front
// matter, headings, a list, code blocks, links, Liquid tags): a typical
// draft.
constexpr char kTypicalDraft[] =
    "opensearch-docs/_data-prepper/common-use-cases/sampling.md";

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "hot_path_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::shared_ptr<const Rulebook> LoadBook(const fs::path& file) {
  RulebookLoad load = LoadRulebook(file);
  if (!load.rulebook) {
    for (const ConfigError& e : load.errors) {
      std::fprintf(stderr, "%s\n", e.ToString().c_str());
    }
    std::exit(2);
  }
  return load.rulebook;
}

const Rulebook& DefaultBook() {
  static const std::shared_ptr<const Rulebook> book =
      LoadBook(fs::path(PROOFGATE_BOOKS_DIR) / "default.yaml");
  return *book;
}

// The default rulebook with only its prohibited check.
const Rulebook& ProhibitedOnlyBook() {
  static const std::shared_ptr<const Rulebook> book = [] {
    auto copy = std::make_shared<Rulebook>(DefaultBook());
    copy->checks.erase(std::remove_if(copy->checks.begin(), copy->checks.end(),
                                      [](const ConfiguredCheck& c) {
                                        return c.spec->name != "prohibited";
                                      }),
                       copy->checks.end());
    return std::shared_ptr<const Rulebook>(copy);
  }();
  return *book;
}

// The terms and patterns of the default rulebook's prohibited lists, read
// from its YAML as the check reads them.
std::vector<TermSpec> DefaultTermSpecs() {
  const YAML::Node root =
      YAML::LoadFile((fs::path(PROOFGATE_BOOKS_DIR) / "default.yaml").string());
  std::vector<TermSpec> specs;
  for (const YAML::Node& list : root["checks"]["prohibited"]["lists"]) {
    const bool ignore_case = list["ignore_case"].as<bool>(false);
    for (const char* key : {"terms", "patterns"}) {
      if (!list[key]) continue;
      const auto kind = std::string(key) == "terms" ? TermSpec::Kind::kTerm
                                                    : TermSpec::Kind::kPattern;
      for (const YAML::Node& item : list[key]) {
        const YAML::Node text =
            item.IsMap()
                ? item[kind == TermSpec::Kind::kTerm ? "term" : "pattern"]
                : item;
        specs.push_back(TermSpec{kind, text.as<std::string>(), ignore_case});
      }
    }
  }
  return specs;
}

// The prose the prohibited check scans by default (paragraphs and table
// cells) of every corpus page, each block's text on its own line.
const std::string& CorpusProse() {
  static const std::string prose = [] {
    std::vector<fs::path> files;
    for (const auto& e :
         fs::recursive_directory_iterator(PROOFGATE_CORPUS_DIR)) {
      if (e.is_regular_file() && e.path().extension() == ".md") {
        files.push_back(e.path());
      }
    }
    std::sort(files.begin(), files.end());
    std::string out;
    for (const fs::path& file : files) {
      auto doc = Document::Parse(file.string(), ReadFile(file));
      for (const ProseBlock& b : doc->blocks()) {
        if (b.kind == ProseBlock::Kind::kHeading) continue;
        out += b.text;
        out += '\n';
      }
    }
    return out;
  }();
  return prose;
}

void BM_ParseAndCheckDefault(benchmark::State& state) {
  const std::string bytes =
      ReadFile(fs::path(PROOFGATE_CORPUS_DIR) / kTypicalDraft);
  const Rulebook& book = DefaultBook();
  for (auto _ : state) {
    auto doc = Document::Parse(kTypicalDraft, bytes);
    Verification v = Verify(book, *doc);
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(bytes.size()));
  state.SetLabel(std::to_string(bytes.size()) + " B draft");
}
BENCHMARK(BM_ParseAndCheckDefault)->Unit(benchmark::kMicrosecond);

// Document::Parse alone on the typical draft: encoding checks, front
// matter, cmark-gfm, the document model, sentences.
void BM_Parse(benchmark::State& state) {
  const std::string bytes =
      ReadFile(fs::path(PROOFGATE_CORPUS_DIR) / kTypicalDraft);
  for (auto _ : state) {
    auto doc = Document::Parse(kTypicalDraft, bytes);
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(bytes.size()));
}
BENCHMARK(BM_Parse)->Unit(benchmark::kMicrosecond);

// One check of the default rulebook alone, as configured there, on the
// typical draft parsed once: BM_Check/<check name>.
void BM_Check(benchmark::State& state, const ConfiguredCheck* check) {
  const std::string bytes =
      ReadFile(fs::path(PROOFGATE_CORPUS_DIR) / kTypicalDraft);
  const auto doc = Document::Parse(kTypicalDraft, bytes);
  std::vector<Finding> findings;
  for (auto _ : state) {
    findings.clear();
    check->check->Run(*doc, findings);
    benchmark::DoNotOptimize(findings);
  }
  state.SetLabel(std::to_string(findings.size()) + " findings");
}

// Registers BM_Check/<name> for every check of the default rulebook.
void RegisterCheckBenchmarks() {
  for (const ConfiguredCheck& c : DefaultBook().checks) {
    benchmark::RegisterBenchmark(("BM_Check/" + c.spec->name).c_str(), BM_Check,
                                 &c)
        ->Unit(benchmark::kMicrosecond);
  }
}

// The single RE2::Set pass alone: which specs occur at all.
void BM_ProhibitedSetPass(benchmark::State& state) {
  const std::string& prose = CorpusProse();
  std::string error;
  auto terms = TermSet::Build(DefaultTermSpecs(), &error);
  if (!terms) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::vector<int> candidates;
  for (auto _ : state) {
    terms->Candidates(prose, candidates);
    benchmark::DoNotOptimize(candidates.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(prose.size()));
  state.counters["candidates"] = static_cast<double>(candidates.size());
  state.SetLabel(std::to_string(prose.size()) + " B of prose");
}
BENCHMARK(BM_ProhibitedSetPass)->Unit(benchmark::kMillisecond);

// The Set pass, then each reported spec over the whole text for positions.
void BM_ProhibitedSetScan(benchmark::State& state) {
  const std::string& prose = CorpusProse();
  std::string error;
  auto terms = TermSet::Build(DefaultTermSpecs(), &error);
  if (!terms) {
    state.SkipWithError(error.c_str());
    return;
  }
  std::vector<TermMatch> matches;
  for (auto _ : state) {
    matches.clear();
    terms->Find(prose, matches);
    benchmark::DoNotOptimize(matches.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(prose.size()));
  state.counters["matches"] = static_cast<double>(matches.size());
  state.SetLabel(std::to_string(terms->size()) + " terms and patterns");
}
BENCHMARK(BM_ProhibitedSetScan)->Unit(benchmark::kMillisecond);

void BM_ProhibitedCheckProse(benchmark::State& state) {
  // The prose again as a draft: one paragraph per block, so the check runs
  // block by block as on real drafts. Inline markup characters, and block
  // markers at the start of a line, are blanked so that each block stays
  // one paragraph of the same length.
  std::string draft;
  bool line_start = true;
  for (char c : CorpusProse()) {
    static constexpr std::string_view kInline = "`*_[]<&\\";
    static constexpr std::string_view kLineStart = "-+=#>~| \t";
    if (c == '\n') {
      draft += "\n\n";
      line_start = true;
      continue;
    }
    if (line_start && kLineStart.find(c) != std::string_view::npos) continue;
    line_start = false;
    draft += kInline.find(c) == std::string_view::npos ? c : ' ';
  }
  ParseOptions options;
  options.max_bytes = draft.size() + 1;
  auto doc = Document::Parse("prose.md", draft, options);
  size_t prose_bytes = 0;
  for (const ProseBlock& b : doc->blocks()) prose_bytes += b.text.size();
  const Rulebook& book = ProhibitedOnlyBook();
  std::vector<Finding> findings;
  for (auto _ : state) {
    findings.clear();
    book.checks.front().check->Run(*doc, findings);
    benchmark::DoNotOptimize(findings.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(prose_bytes));
  state.counters["blocks"] = static_cast<double>(doc->blocks().size());
  state.counters["findings"] = static_cast<double>(findings.size());
}
BENCHMARK(BM_ProhibitedCheckProse)->Unit(benchmark::kMillisecond);

constexpr size_t kMiB = 1 << 20;

// Repeats `unit` up to `bytes` bytes.
std::string Repeat(std::string_view unit, size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  out.resize(bytes);
  return out;
}

// A 1 MiB draft, parsed and checked with `book`, every iteration.
void CheckLargeDraft(benchmark::State& state, const Rulebook& book,
                     const std::string& draft) {
  size_t findings = 0;
  for (auto _ : state) {
    auto doc = Document::Parse("adversarial.md", draft);
    Verification v = Verify(book, *doc);
    findings = v.findings.size();
    benchmark::DoNotOptimize(v);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(draft.size()));
  state.counters["findings"] = static_cast<double>(findings);
}

void BM_Adversarial_OneLineOfA(benchmark::State& state) {
  CheckLargeDraft(state, DefaultBook(), Repeat("a", kMiB) + "\n");
}
BENCHMARK(BM_Adversarial_OneLineOfA)->Unit(benchmark::kMillisecond);

void BM_Adversarial_NearMisses(benchmark::State& state) {
  // Every default term's start without its end, terms glued into longer
  // words (the Set reports them; each raw match is then ruled out), long
  // space runs inside phrases, negations before claims, and "master" with
  // separators but no "slave": the work per byte the default lists can be
  // pushed to. One paragraph, so one block of 1 MiB.
  const std::string unit =
      "whitelistx guysguysguys 100%secur cutting-edgy world-classy "
      "sanity       checkers master  /  /  - slavex guaranteed   to   "
      "worky isn't not never 100% reliablex dummy   valu best-in-clas "
      "revolutionaryish game changerz state-of-the-artist ";
  CheckLargeDraft(state, DefaultBook(), Repeat(unit, kMiB) + "\n");
}
BENCHMARK(BM_Adversarial_NearMisses)->Unit(benchmark::kMillisecond);

void BM_Adversarial_NestedQuantifier(benchmark::State& state) {
  // `(a+)+$` takes exponential time in a backtracking engine on a run of
  // 'a' that does not end the text; RE2 stays linear.
  static const std::shared_ptr<const Rulebook> book = [] {
    const fs::path file =
        fs::temp_directory_path() / "proofgate_bench_nested.yaml";
    std::ofstream(file) << "name: nested\nversion: \"1\"\nchecks:\n"
                           "  prohibited:\n    lists:\n"
                           "      - id: nested\n        severity: error\n"
                           "        message: m\n"
                           "        patterns: ['(a+)+$']\n";
    auto loaded = LoadBook(file);
    fs::remove(file);
    return loaded;
  }();
  CheckLargeDraft(state, *book, Repeat("a", kMiB) + "b\n");
}
BENCHMARK(BM_Adversarial_NestedQuantifier)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace proofgate

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  proofgate::RegisterCheckBenchmarks();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

// A spool in a temporary folder, its ledger and a DraftPipeline with the
// shipped default rulebook: the setting of the tests that drive the
// routing steps directly instead of through the `proofgate run` binary
// (spool_recovery_test.cc, spool_links_test.cc).
#ifndef PROOFGATE_TESTS_PIPELINE_FIXTURE_H_
#define PROOFGATE_TESTS_PIPELINE_FIXTURE_H_

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "daemon/ledger/ledger.h"
#include "daemon/spool/draft_pipeline.h"
#include "daemon/spool/spool.h"
#include "tests/daemon_process.h"
#include "tests/test_paths.h"

namespace proofgate::testing {

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    spool_.Create();
    auto opened = Ledger::OpenFile(spool_.state() / "ledger.sqlite");
    ASSERT_TRUE(opened) << (opened ? "" : opened.error());
    ledger_ = std::move(*opened);
    const auto load = RulebookSet::FromPath(BooksDir() + "/default.yaml");
    ASSERT_TRUE(load);
    rules_ = *load;
    pipeline_ = std::make_unique<DraftPipeline>(
        spool_, *ledger_,
        [this] {
          return DraftPipeline::Rules{rules_, ParseOptions{}};
        },
        std::make_shared<spdlog::logger>(
            "test", std::make_shared<spdlog::sinks::null_sink_mt>()));
  }

  // Drops `bytes` as inbox/`rel` and claims it (step 1).
  ClaimedDraft Claim(const std::string& rel, const std::string& bytes) {
    WriteFile(spool_.inbox() / rel, bytes);
    ClaimedDraft claimed;
    EXPECT_EQ(spool_.Claim(rel, std::chrono::system_clock::now(), claimed),
              Spool::ClaimStatus::kClaimed);
    return claimed;
  }

  // One column of the ledger's answer to `sql`.
  std::vector<std::string> Ledger(const std::string& sql) {
    return LedgerColumn(dir_.path(), sql);
  }

  TempDir dir_;
  Spool spool_{dir_.path()};
  std::unique_ptr<proofgate::Ledger> ledger_;
  std::shared_ptr<const RulebookSet> rules_;
  std::unique_ptr<DraftPipeline> pipeline_;
};

}  // namespace proofgate::testing

#endif  // PROOFGATE_TESTS_PIPELINE_FIXTURE_H_

// link-reachability: the address policy, the prober and the check against
// a real HTTP server on 127.0.0.1. No name is resolved over the network: the
// probers here use a test resolver that knows "localhost" and
// "rebind.test" only, and every other host name does not exist.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <yaml-cpp/yaml.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <future>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "checks/check_services.h"
#include "checks/network/address_policy.h"
#include "checks/network/link_prober.h"
#include "checks/registry.h"
#include "daemon/ledger/link_cache_store.h"
#include "daemon/service/daemon_config.h"
#include "tests/check_harness.h"
#include "tests/daemon_process.h"
#include "tests/loopback_http_server.h"
#include "tests/temp_dir.h"
#include "tests/test_paths.h"

namespace proofgate {
namespace {

using ::testing::ElementsAre;
using testing::LoopbackHttpServer;

IpAddress Ip(const std::string& text) {
  auto a = ParseIpAddress(text);
  EXPECT_TRUE(a.has_value()) << text;
  return a.value_or(IpAddress{});
}

TEST(AddressPolicy, RefusesSpecialPurposeAddresses) {
  for (const char* refused : {"127.0.0.1",
                              "127.255.0.9",
                              "10.0.0.1",
                              "172.16.5.4",
                              "172.31.255.255",
                              "192.168.1.1",
                              "169.254.169.254",
                              "100.64.0.1",
                              "100.127.255.255",
                              "0.0.0.0",
                              "0.1.2.3",
                              "224.0.0.1",
                              "239.255.255.250",
                              "240.0.0.1",
                              "255.255.255.255",
                              "198.18.0.1",
                              "192.0.0.8",
                              "::",
                              "::1",
                              "fc00::1",
                              "fd12:3456::1",
                              "fe80::1",
                              "febf::1",
                              "ff02::1",
                              "::ffff:127.0.0.1",
                              "::ffff:10.0.0.1",
                              "::ffff:169.254.169.254",
                              "64:ff9b::a00:1",
                              "::127.0.0.1",
                              "2001:db8::1",
                              "fec0::1",
                              "feff::1"}) {
    EXPECT_NE(SpecialPurposeRange(Ip(refused)), "") << refused;
  }
  for (const char* allowed :
       {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "169.253.1.1",
        "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"}) {
    EXPECT_EQ(SpecialPurposeRange(Ip(allowed)), "") << allowed;
  }
}

TEST(AddressPolicy, RefusesDocumentationAndBenchmarkingRanges) {
  for (const char* refused :
       {"192.0.2.0", "192.0.2.255", "198.51.100.7", "203.0.113.1", "198.18.0.0",
        "198.19.255.255", "::ffff:203.0.113.9"}) {
    EXPECT_NE(SpecialPurposeRange(Ip(refused)), "") << refused;
  }
  EXPECT_EQ(SpecialPurposeRange(Ip("192.0.2.1")), "documentation (RFC 5737)");
  EXPECT_EQ(SpecialPurposeRange(Ip("198.51.100.1")),
            "documentation (RFC 5737)");
  EXPECT_EQ(SpecialPurposeRange(Ip("203.0.113.1")), "documentation (RFC 5737)");
  EXPECT_EQ(SpecialPurposeRange(Ip("198.18.0.1")), "benchmarking (RFC 2544)");
  // Their neighbours are public.
  for (const char* allowed :
       {"192.0.3.1", "192.0.1.255", "198.51.99.1", "198.51.101.1",
        "203.0.112.1", "203.0.114.1", "198.17.255.255", "198.20.0.0"}) {
    EXPECT_EQ(SpecialPurposeRange(Ip(allowed)), "") << allowed;
  }
}

TEST(AddressPolicy, SixToFourAndTeredoAreClassifiedByTheirIpv4) {
  // 6to4: the IPv4 address is bits 16-47.
  EXPECT_EQ(SpecialPurposeRange(Ip("2002:a00:1::1")),
            "private (RFC 1918) (through 6to4)");  // 10.0.0.1
  EXPECT_EQ(SpecialPurposeRange(Ip("2002:7f00:1::")),
            "loopback (through 6to4)");  // 127.0.0.1
  EXPECT_NE(SpecialPurposeRange(Ip("2002:a9fe:a9fe:1::1")),
            "");  // 169.254.169.254
  EXPECT_NE(SpecialPurposeRange(Ip("2002:cb00:7101::")), "");  // 203.0.113.1
  EXPECT_EQ(SpecialPurposeRange(Ip("2002:808:808::1")), "");   // 8.8.8.8
  EXPECT_EQ(SpecialPurposeRange(Ip("2002:5db8:d822::")), "");  // 93.184.216.34
  // Teredo: the client's IPv4 address is the last 32 bits, inverted
  // (RFC 4380's example server 65.54.227.120 in bits 32-63).
  EXPECT_EQ(SpecialPurposeRange(Ip("2001:0:4136:e378:8000:63bf:f5ff:fffe")),
            "private (RFC 1918) (through Teredo)");  // ~0a000001
  EXPECT_EQ(SpecialPurposeRange(Ip("2001:0:4136:e378:8000:63bf:80ff:fffe")),
            "loopback (through Teredo)");  // ~7f000001
  EXPECT_NE(SpecialPurposeRange(Ip("2001::5601:5601")),
            "");  // ~a9fea9fe = 169.254.169.254
  EXPECT_EQ(SpecialPurposeRange(Ip("2001:0:4136:e378:8000:63bf:f7f7:f7f7")),
            "");  // ~08080808 = 8.8.8.8
  // The server's address (bits 32-63) does not decide: a private one
  // there with a public client is public.
  EXPECT_EQ(SpecialPurposeRange(Ip("2001:0:a00:1::f7f7:f7f7")), "");
  // Neighbouring prefixes are not 6to4 or Teredo.
  EXPECT_EQ(SpecialPurposeRange(Ip("2003:a00:1::1")), "");
  EXPECT_EQ(SpecialPurposeRange(Ip("2001:1::f5ff:fffe")), "");
  // An allow-list entry for the address itself lifts the refusal.
  AddressAllowList allow;
  EXPECT_FALSE(allow.Allows("x", Ip("2002:a00:1::1")));
  allow.ranges.push_back(*ParseIpRange("2002:a00::/24"));
  EXPECT_TRUE(allow.Allows("x", Ip("2002:a00:1::1")));
}

TEST(AddressPolicy, AllowListTakesRangesAndHostNames) {
  AddressAllowList allow;
  allow.ranges.push_back(*ParseIpRange("127.0.0.1/32"));
  allow.ranges.push_back(*ParseIpRange("fd00::/8"));
  allow.hosts.push_back("intranet.example.com");
  EXPECT_TRUE(allow.Allows("x", Ip("127.0.0.1")));
  EXPECT_TRUE(allow.Allows("x", Ip("::ffff:127.0.0.1")));
  EXPECT_FALSE(allow.Allows("x", Ip("127.0.0.2")));
  EXPECT_TRUE(allow.Allows("x", Ip("fd00::5")));
  EXPECT_FALSE(allow.Allows("x", Ip("fc00::5")));
  EXPECT_TRUE(allow.Allows("intranet.example.com", Ip("10.1.2.3")));
  EXPECT_FALSE(allow.Allows("other.example.com", Ip("10.1.2.3")));
  EXPECT_TRUE(allow.Allows("x", Ip("8.8.8.8")));
  EXPECT_FALSE(ParseIpRange("10.0.0.0/33").has_value());
  EXPECT_FALSE(ParseIpRange("10.0.0.0/").has_value());
  EXPECT_FALSE(ParseIpRange("example.com").has_value());
}

Resolution TestResolve(const std::string& host) {
  Resolution r;
  if (host == "localhost") {
    r.addresses.push_back(*ParseIpAddress("127.0.0.1"));
  } else if (host == "xn--bcher-kva.test") {  // bücher.test
    r.addresses.push_back(*ParseIpAddress("127.0.0.1"));
  } else if (host == "rebind.test") {
    r.addresses.push_back(*ParseIpAddress("10.0.0.1"));
  } else {
    r.status = Resolution::Status::kNoSuchName;
    r.error = "not known to the test resolver";
  }
  return r;
}

std::shared_ptr<LinkProber> TestProber(
    std::shared_ptr<LinkCacheStore> store = nullptr) {
  LinkProber::Options options;
  options.resolver = &TestResolve;
  options.store = std::move(store);
  return std::make_shared<LinkProber>(std::move(options));
}

// Builds the check with `services`, as rulebook loading does.
std::unique_ptr<Check> Build(const std::string& yaml,
                             const CheckServices& services,
                             std::vector<ConfigError>* errors = nullptr) {
  std::map<std::string, SettingValue> values;
  if (!yaml.empty()) {
    for (const auto& item : YAML::Load(yaml)) {
      values[item.first.Scalar()] =
          SettingValue{item.second, "test.yaml", item.first};
    }
  }
  Settings settings(values, "checks.link-reachability", "test.yaml", &services);
  auto check = FindCheck("link-reachability")->build(settings);
  settings.ReportUnknownKeys();
  if (errors != nullptr) *errors = settings.errors();
  return settings.errors().empty() ? std::move(check) : nullptr;
}

// Settings for tests: loopback allowed; a timeout well above what a
// loopback answer takes even under sanitizers on a loaded machine, and
// well below the 3 s of the server's /slow route.
constexpr const char* kLoopbackBook =
    "allow_private: [127.0.0.1/32]\n"
    "timeout_ms: 1500\n"
    "connect_timeout_ms: 1500\n"
    "retry_after_max_ms: 100\n"
    "user_agent: proofgate-test\n";

class LinkReachabilityTest : public ::testing::Test {
 protected:
  LoopbackHttpServer server_{0};
  std::shared_ptr<LinkProber> prober_ = TestProber();
  CheckServices services_{prober_};

  // The findings for a draft with one link to each of `urls`, one per
  // line, as "LINE rule".
  std::vector<std::string> Findings(const Check& check,
                                    const std::vector<std::string>& urls,
                                    std::vector<Finding>* all = nullptr) {
    std::string draft;
    for (const std::string& url : urls) draft += "- <" + url + ">\n";
    const std::vector<Finding> found = testing::RunOn(check, draft);
    std::vector<std::string> out;
    for (const Finding& f : found) {
      out.push_back(std::to_string(f.range.line) + " " + f.rule);
    }
    if (all != nullptr) *all = found;
    return out;
  }
};

TEST_F(LinkReachabilityTest, ReportsEachOutcomeOfARealServer) {
  auto check = Build(kLoopbackBook, services_);
  ASSERT_NE(check, nullptr);
  std::vector<Finding> found;
  const auto lines = Findings(
      *check,
      {server_.Url("/ok"), server_.Url("/moved"), server_.Url("/found"),
       server_.Url("/missing"), server_.Url("/gone"), server_.Url("/no-head"),
       server_.Url("/busy"), server_.Url("/flaky"), server_.Url("/always-busy"),
       server_.Url("/slow"), server_.Url("/to-private"),
       server_.Url("/to-metadata"), server_.Url("/loop"),
       "http://nonexistent.invalid/page",
       "http://localhost:" + std::to_string(server_.port()) + "/ok"},
      &found);
  EXPECT_THAT(
      lines,
      ElementsAre(
          "2 link-reachability/redirected", "4 link-reachability/broken",
          "5 link-reachability/broken", "9 link-reachability/server-error",
          "10 link-reachability/timeout", "11 link-reachability/refused",
          "12 link-reachability/refused", "13 link-reachability/server-error",
          "14 link-reachability/broken"));
  std::map<int, const Finding*> by_line;
  for (const Finding& f : found) by_line[f.range.line] = &f;
  EXPECT_EQ(by_line[2]->suggestion, server_.Url("/ok"));
  EXPECT_EQ(by_line[2]->severity, Severity::kInfo);
  EXPECT_EQ(by_line[4]->severity, Severity::kError);
  EXPECT_EQ(by_line[4]->confidence, 1.0);
  EXPECT_THAT(by_line[4]->message, ::testing::HasSubstr("HTTP 404"));
  EXPECT_THAT(by_line[5]->message, ::testing::HasSubstr("HTTP 410"));
  EXPECT_LT(by_line[9]->confidence, 0.8);
  EXPECT_THAT(by_line[9]->message, ::testing::HasSubstr("HTTP 503"));
  EXPECT_LT(by_line[10]->confidence, 0.8);
  EXPECT_THAT(by_line[11]->message, ::testing::HasSubstr("10.0.0.1"));
  EXPECT_THAT(by_line[12]->message, ::testing::HasSubstr("169.254.169.254"));
  EXPECT_THAT(by_line[13]->message, ::testing::HasSubstr("redirects"));
  EXPECT_THAT(by_line[14]->message, ::testing::HasSubstr("does not exist"));

  // HEAD first, GET when HEAD is refused; retries after 429 and 503.
  EXPECT_THAT(server_.Methods("/ok"),
              ElementsAre("HEAD", "HEAD", "HEAD", "HEAD"));
  EXPECT_THAT(server_.Methods("/no-head"), ElementsAre("HEAD", "GET"));
  EXPECT_EQ(server_.Requests("/busy"), 2);
  EXPECT_EQ(server_.Requests("/flaky"), 2);
  EXPECT_EQ(server_.Requests("/always-busy"), 3);  // 1 + retries (2)
  EXPECT_EQ(server_.Requests("/loop"), 6);         // 1 + max_redirects (5)
  EXPECT_EQ(server_.LastUserAgent(), "proofgate-test");
  // Every transfer the prober started reached this server: nothing went
  // to 10.0.0.1, 169.254.169.254 or any other address.
  EXPECT_EQ(prober_->stats().transfers,
            static_cast<uint64_t>(server_.TotalRequests()));
}

TEST_F(LinkReachabilityTest, RefusesPrivateAddressesBeforeConnecting) {
  // No allow_private: even loopback is refused.
  auto check = Build("timeout_ms: 800\n", services_);
  ASSERT_NE(check, nullptr);
  const auto lines =
      Findings(*check, {server_.Url("/ok"), "http://10.0.0.1/",
                        "http://169.254.169.254/", "http://[::1]:9/",
                        "http://[::ffff:10.0.0.1]/", "http://rebind.test/",
                        "ftp://127.0.0.1/file"});
  EXPECT_THAT(
      lines,
      ElementsAre("1 link-reachability/refused", "2 link-reachability/refused",
                  "3 link-reachability/refused", "4 link-reachability/refused",
                  "5 link-reachability/refused", "6 link-reachability/refused",
                  "7 link-reachability/refused"));
  EXPECT_EQ(server_.TotalRequests(), 0);
  EXPECT_EQ(prober_->stats().transfers, 0u);
  EXPECT_EQ(prober_->stats().refused, 7u);
}

TEST_F(LinkReachabilityTest, InternationalizedHostNamesAreLookedUpAsPunycode) {
  auto check = Build(kLoopbackBook, services_);
  ASSERT_NE(check, nullptr);
  const std::string port = std::to_string(server_.port());
  std::vector<Finding> found;
  EXPECT_THAT(Findings(*check,
                       {"http://b\xC3\xBC"
                        "cher.test:" +
                        port + "/missing"},
                       &found),
              ElementsAre("1 link-reachability/broken"));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_THAT(found[0].message, ::testing::HasSubstr("HTTP 404"));
  EXPECT_EQ(server_.Requests("/missing"), 1);
}

TEST_F(LinkReachabilityTest, AcceptAndExcludeSettings) {
  auto check = Build(std::string(kLoopbackBook) +
                         "accept: [404]\n"
                         "exclude: ['/gone$']\n",
                     services_);
  ASSERT_NE(check, nullptr);
  EXPECT_THAT(Findings(*check, {server_.Url("/missing"), server_.Url("/gone")}),
              ElementsAre());
  EXPECT_EQ(server_.Requests("/gone"), 0);
}

TEST_F(LinkReachabilityTest, OfflineMakesNoRequest) {
  auto check = Build(kLoopbackBook, CheckServices{});
  ASSERT_NE(check, nullptr);
  EXPECT_THAT(Findings(*check, {server_.Url("/missing")}), ElementsAre());
  EXPECT_EQ(server_.TotalRequests(), 0);
}

TEST_F(LinkReachabilityTest, SameUrlInFiftyDraftsIsFetchedOnce) {
  auto check = Build(kLoopbackBook, services_);
  ASSERT_NE(check, nullptr);
  const std::string draft = "See [this](" + server_.Url("/ok") +
                            ") and [that](" + server_.Url("/missing") + ").\n";
  std::atomic<int> broken{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 10; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        for (const Finding& f : testing::RunOn(*check, draft)) {
          if (f.rule == "link-reachability/broken") ++broken;
        }
      }
    });
  }
  for (std::thread& w : workers) w.join();
  EXPECT_EQ(broken, 50);
  EXPECT_EQ(server_.Requests("/ok"), 1);
  EXPECT_EQ(server_.Requests("/missing"), 1);
  EXPECT_EQ(prober_->stats().probes, 2u);
}

TEST_F(LinkReachabilityTest, CacheSurvivesARestart) {
  testing::TempDir dir;
  const auto file = dir.path() / "ledger.sqlite";
  {
    auto open = SqliteLinkCacheStore::OpenFile(file);
    ASSERT_TRUE(open) << (open ? "" : open.error());
    CheckServices services{TestProber(*open)};
    auto check = Build(kLoopbackBook, services);
    EXPECT_THAT(Findings(*check, {server_.Url("/ok"), server_.Url("/moved")}),
                ElementsAre("2 link-reachability/redirected"));
  }
  const int before = server_.TotalRequests();
  EXPECT_EQ(before, 3);  // /ok, /moved, /ok again after the redirect
  auto open = SqliteLinkCacheStore::OpenFile(file);
  ASSERT_TRUE(open) << (open ? "" : open.error());
  CheckServices services{TestProber(*open)};
  auto check = Build(kLoopbackBook, services);
  std::vector<Finding> found;
  EXPECT_THAT(
      Findings(*check, {server_.Url("/ok"), server_.Url("/moved")}, &found),
      ElementsAre("2 link-reachability/redirected"));
  EXPECT_EQ(found[0].suggestion, server_.Url("/ok"));
  EXPECT_EQ(server_.TotalRequests(), before);
  // A different policy is a different question: not answered from the
  // cache.
  auto other = Build(std::string(kLoopbackBook) + "accept: [418]\n", services);
  Findings(*other, {server_.Url("/ok")});
  EXPECT_EQ(server_.TotalRequests(), before + 1);
}

// A store several daemons share (PostgreSQL) answers from what another
// daemon found: the prober asks it before a URL's first request.
class SharedStore : public LinkCacheStore {
 public:
  explicit SharedStore(std::string url) : url_(std::move(url)) {}
  std::vector<Entry> LoadAll(int64_t) override { return {}; }
  void Put(const Entry& entry) override {
    std::lock_guard<std::mutex> lock(mu_);
    put_.push_back(entry.key);
  }
  std::optional<Entry> Get(const std::string& key, int64_t now) override {
    std::lock_guard<std::mutex> lock(mu_);
    asked_.push_back(key);
    if (!key.ends_with("\n" + url_)) return std::nullopt;
    return Entry{key, ProbeResult{ProbeOutcome::kBroken, 404, "", "gone"},
                 now + 60};
  }
  // The keys stored, once `n` are there (the prober stores an answer
  // after giving it to the draft), or what is there after 10 s.
  std::vector<std::string> Puts(size_t n) {
    for (int i = 0; i < 1000; ++i) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (put_.size() >= n) return put_;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::lock_guard<std::mutex> lock(mu_);
    return put_;
  }
  size_t Asked() {
    std::lock_guard<std::mutex> lock(mu_);
    return asked_.size();
  }

 private:
  std::mutex mu_;
  std::vector<std::string> put_, asked_;
  std::string url_;
};

TEST_F(LinkReachabilityTest, ASharedStoreAnswersBeforeAProbe) {
  // The other daemon found /ok broken: no request is made for it.
  auto store = std::make_shared<SharedStore>(server_.Url("/ok"));
  auto prober = TestProber(store);
  CheckServices services{prober};
  auto check = Build(kLoopbackBook, services);
  ASSERT_NE(check, nullptr);
  EXPECT_THAT(
      Findings(*check, {server_.Url("/ok"), server_.Url("/missing")}),
      ElementsAre("1 link-reachability/broken", "2 link-reachability/broken"));
  EXPECT_EQ(server_.Requests("/ok"), 0);
  EXPECT_EQ(server_.Requests("/missing"), 1);
  EXPECT_EQ(store->Asked(), 2u);
  // Only the answer this prober found goes back to the store.
  const std::vector<std::string> put = store->Puts(1);
  ASSERT_EQ(put.size(), 1u);
  EXPECT_TRUE(put[0].ends_with(server_.Url("/missing")));
  EXPECT_EQ(prober->stats().probes, 1u);
  // The shared answer is kept in memory like any other.
  Findings(*check, {server_.Url("/ok")});
  EXPECT_EQ(store->Asked(), 2u);
  EXPECT_EQ(server_.Requests("/ok"), 0);
}

TEST_F(LinkReachabilityTest, HeadRefusedWith403Or501FallsBackToGet) {
  auto check = Build(kLoopbackBook, services_);
  ASSERT_NE(check, nullptr);
  EXPECT_THAT(Findings(*check, {server_.Url("/head-refused/403"),
                                server_.Url("/head-refused/501"),
                                server_.Url("/head-refused/405"),
                                server_.Url("/head-refused/400")}),
              ElementsAre("4 link-reachability/server-error"));
  EXPECT_THAT(server_.Methods("/head-refused/403"), ElementsAre("HEAD", "GET"));
  EXPECT_THAT(server_.Methods("/head-refused/501"), ElementsAre("HEAD", "GET"));
  EXPECT_THAT(server_.Methods("/head-refused/405"), ElementsAre("HEAD", "GET"));
  // Any other refusal is the answer: no GET.
  EXPECT_THAT(server_.Methods("/head-refused/400"), ElementsAre("HEAD"));
}

TEST_F(LinkReachabilityTest, RedirectSuggestionKeepsTheLinksFragment) {
  auto check = Build(kLoopbackBook, services_);
  ASSERT_NE(check, nullptr);
  std::vector<Finding> found;
  EXPECT_THAT(Findings(*check,
                       {server_.Url("/moved#install"),
                        server_.Url("/moved-to-anchor#mine"),
                        server_.Url("/moved"), server_.Url("/moved#")},
                       &found),
              ElementsAre("1 link-reachability/redirected",
                          "2 link-reachability/redirected",
                          "3 link-reachability/redirected",
                          "4 link-reachability/redirected"));
  ASSERT_EQ(found.size(), 4u);
  EXPECT_EQ(found[0].suggestion, server_.Url("/ok#install"));
  EXPECT_THAT(found[0].message, ::testing::HasSubstr("/ok#install;"));
  // The redirect's own fragment wins.
  EXPECT_EQ(found[1].suggestion, server_.Url("/ok#elsewhere"));
  EXPECT_EQ(found[2].suggestion, server_.Url("/ok"));
  EXPECT_EQ(found[3].suggestion, server_.Url("/ok"));
  // One probe per URL without its fragment.
  EXPECT_EQ(server_.Requests("/moved"), 1);
}

// A policy for probing this process's loopback server directly.
ProbePolicy LoopbackPolicy() {
  ProbePolicy policy;
  policy.allow.ranges.push_back(*ParseIpRange("127.0.0.1/32"));
  policy.connect_timeout_ms = 5000;
  policy.timeout_ms = 5000;
  policy.user_agent = "proofgate-test";
  return policy;
}

std::chrono::milliseconds Gap(
    const std::vector<std::chrono::steady_clock::time_point>& arrivals) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(arrivals.at(1) -
                                                               arrivals.at(0));
}

TEST(LinkProberRetry, WaitsForRetryAfterUpToTheCap) {
  LoopbackHttpServer server(0);
  auto prober = TestProber();
  // Without Retry-After a retry would come after 20 ms: a wait of about a
  // second can only be the server's Retry-After.
  ProbePolicy policy = LoopbackPolicy();
  policy.retry_backoff_ms = 20;
  policy.retry_after_max_ms = 3000;
  const std::vector<ProbeResult> results = prober->Probe(
      {server.Url("/retry-after/429/1"), server.Url("/retry-after/503/1")},
      policy);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].outcome, ProbeOutcome::kOk) << results[0].detail;
  EXPECT_EQ(results[1].outcome, ProbeOutcome::kOk) << results[1].detail;
  for (const char* path : {"/retry-after/429/1", "/retry-after/503/1"}) {
    const auto arrivals = server.Arrivals(path);
    ASSERT_EQ(arrivals.size(), 2u) << path;
    // The retry is scheduled 1 s after the first answer reached the
    // prober, which is after the server saw the request.
    EXPECT_GE(Gap(arrivals).count(), 900) << path;
  }

  // Retry-After above the cap: the cap (300 ms) is waited, not the 30 s
  // asked for, and not the 20 ms of the backoff either.
  policy.retry_after_max_ms = 300;
  EXPECT_EQ(
      prober->Probe({server.Url("/retry-after/429/30")}, policy).at(0).outcome,
      ProbeOutcome::kOk);
  const auto arrivals = server.Arrivals("/retry-after/429/30");
  ASSERT_EQ(arrivals.size(), 2u);
  EXPECT_GE(Gap(arrivals).count(), 250);
  EXPECT_LT(Gap(arrivals).count(), 20000);
}

TEST(LinkProberCache, TtlsDecideWhenAUrlIsFetchedAgain) {
  LoopbackHttpServer server(0);
  const ProbePolicy policy = LoopbackPolicy();
  const std::vector<std::string> urls = {server.Url("/ok"),
                                         server.Url("/missing")};
  auto probe_twice = [&](int64_t ok_ttl_s, int64_t failure_ttl_s) {
    LinkProber::Options options;
    options.resolver = &TestResolve;
    options.ok_ttl_s = ok_ttl_s;
    options.failure_ttl_s = failure_ttl_s;
    LinkProber prober(std::move(options));
    for (int i = 0; i < 2; ++i) {
      const auto results = prober.Probe(urls, policy);
      EXPECT_EQ(results.at(0).outcome, ProbeOutcome::kOk);
      EXPECT_EQ(results.at(1).outcome, ProbeOutcome::kBroken);
    }
  };
  probe_twice(24 * 3600, 3600);  // the defaults: the second is cached
  EXPECT_EQ(server.Requests("/ok"), 1);
  EXPECT_EQ(server.Requests("/missing"), 1);
  probe_twice(0, 3600);  // OK answers not reused
  EXPECT_EQ(server.Requests("/ok"), 3);
  EXPECT_EQ(server.Requests("/missing"), 2);
  probe_twice(24 * 3600, 0);  // failures not reused
  EXPECT_EQ(server.Requests("/ok"), 4);
  EXPECT_EQ(server.Requests("/missing"), 4);
}

TEST(LinkProberCache, StoredAnswersLiveNoLongerThanTodaysTtl) {
  LoopbackHttpServer server(0);
  testing::TempDir dir;
  const auto file = dir.path() / "ledger.sqlite";
  const ProbePolicy policy = LoopbackPolicy();
  auto probe = [&](int64_t ok_ttl_s) {
    auto open = SqliteLinkCacheStore::OpenFile(file);
    EXPECT_TRUE(open) << (open ? "" : open.error());
    LinkProber::Options options;
    options.resolver = &TestResolve;
    options.store = open ? *open : nullptr;
    options.ok_ttl_s = ok_ttl_s;
    LinkProber prober(std::move(options));
    EXPECT_EQ(prober.Probe({server.Url("/ok")}, policy).at(0).outcome,
              ProbeOutcome::kOk);
  };
  probe(24 * 3600);
  probe(24 * 3600);  // from the store
  EXPECT_EQ(server.Requests("/ok"), 1);
  probe(0);  // kept for 24 h, but today nothing is reused
  EXPECT_EQ(server.Requests("/ok"), 2);
}

TEST(LinkProberBody, GetBodiesAreTakenUpToTheLimitExactly) {
  LoopbackHttpServer server(0);
  auto prober = TestProber();
  const ProbePolicy policy = LoopbackPolicy();
  constexpr size_t kLimit = LinkProber::kMaxBodyBytes;
  auto taken = [&](const std::string& path) {
    const uint64_t before = prober->stats().body_bytes;
    const ProbeResult r = prober->Probe({server.Url(path)}, policy).at(0);
    EXPECT_EQ(r.outcome, ProbeOutcome::kOk) << path << ": " << r.detail;
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_THAT(server.Methods(path), ElementsAre("HEAD", "GET")) << path;
    return prober->stats().body_bytes - before;
  };
  EXPECT_EQ(taken("/body/100"), 100u);
  EXPECT_EQ(taken("/body/" + std::to_string(kLimit)), kLimit);
  EXPECT_EQ(taken("/body/" + std::to_string(kLimit + 1)), kLimit);
  EXPECT_EQ(taken("/body/" + std::to_string(4 * kLimit)), kLimit);
  EXPECT_EQ(taken("/no-head"), kLimit);  // 64 KiB
}

// The destructor answers every waiter: a transfer in flight, one waiting
// for a per-host slot and one waiting for a retry.
TEST(LinkProberShutdown, DestroyingTheProberAnswersEveryWaiter) {
  LoopbackHttpServer server(0);
  LinkProber::Options options;
  options.resolver = &TestResolve;
  options.per_host = 1;
  auto prober = std::make_unique<LinkProber>(std::move(options));
  ProbePolicy policy = LoopbackPolicy();
  policy.retry_after_max_ms = 60000;
  // /slow answers after 3 s; the retry is due in 30 s.
  const std::string retried =
      "http://localhost:" + std::to_string(server.port()) +
      "/retry-after/429/30";
  const std::vector<std::string> urls = {server.Url("/slow?1"),
                                         server.Url("/slow?2"), retried};
  LinkProber* raw = prober.get();
  std::vector<ProbeResult> results;
  std::promise<void> returned;
  std::future<void> done = returned.get_future();
  std::thread waiter([&] {
    results = raw->Probe(urls, policy);
    returned.set_value();
  });
  // Both hosts' first requests are in: one /slow in flight (the other
  // waits for the host's only slot), the retry scheduled.
  EXPECT_TRUE(testing::WaitFor([&] {
    return server.Requests("/slow") == 1 &&
           server.Requests("/retry-after/429/30") == 1;
  }));
  prober.reset();
  if (done.wait_for(std::chrono::seconds(20)) != std::future_status::ready) {
    ADD_FAILURE() << "Probe() still waiting after the prober was destroyed";
    waiter.detach();  // blocked for good; the process ends it
    return;
  }
  waiter.join();
  ASSERT_EQ(results.size(), 3u);
  for (const ProbeResult& r : results) {
    EXPECT_EQ(r.outcome, ProbeOutcome::kServerError);
    EXPECT_THAT(r.detail, ::testing::HasSubstr("stopped"));
  }
  EXPECT_EQ(server.Requests("/slow"), 1);
  EXPECT_EQ(server.Requests("/retry-after/429/30"), 1);
}

TEST(LinkReachabilityInternal, RelativeLinksReachFilesAndAnchors) {
  testing::TempDir dir;
  dir.Write("site/docs/guide.md", "# Guide\n\n## Install Steps\n\ntext\n");
  dir.Write("site/about.md", "# About\n");
  dir.Write("site/blog/index.md", "# Blog\n");
  dir.Write("secret.md", "# Outside\n");
  const std::string root = (dir.path() / "site").string();
  auto check = Build("site_root: '" + root + "'\n", CheckServices{});
  ASSERT_NE(check, nullptr);
  const std::string draft =
      "[a](guide.md)\n\n"
      "[b](guide.md#install-steps)\n\n"
      "[c](guide.md#Install-Steps!)\n\n"
      "[d](missing.md)\n\n"
      "[e](/about)\n\n"
      "[f](../blog/)\n\n"
      "[g](../../secret.md)\n\n"
      "[h](#nowhere) [i](https://nonexistent.invalid/) [j]({{< ref x >}})\n\n"
      "[k](guide.md#top) [l](gu%69de.md?x=1#install-steps)\n";
  const auto doc = Document::Parse("docs/post.md", draft);
  std::vector<Finding> found;
  check->Run(*doc, found);
  std::vector<std::string> lines;
  for (const Finding& f : found) {
    lines.push_back(std::to_string(f.range.line) + " " + f.rule);
  }
  EXPECT_THAT(lines, ElementsAre("5 link-reachability/missing-anchor",
                                 "7 link-reachability/missing-file",
                                 "13 link-reachability/missing-file"));
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0].suggestion, "guide.md#install-steps");
  EXPECT_THAT(found[1].message, ::testing::HasSubstr("docs/missing.md"));
  EXPECT_THAT(found[2].message, ::testing::HasSubstr("outside the site"));
}

TEST(LinkReachabilitySettings, BadSettingsAreErrorsAtTheirPlace) {
  std::vector<ConfigError> errors;
  EXPECT_EQ(Build("allow_private: [10.0.0.0/40, 'a b']\n"
                  "accept: [99, x]\n"
                  "exclude: ['(']\n"
                  "timeout_ms: 0\n"
                  "site_root: /nonexistent/site\n"
                  "bogus: 1\n",
                  CheckServices{}, &errors),
            nullptr);
  std::vector<std::string> text;
  for (const ConfigError& e : errors) text.push_back(e.ToString());
  ASSERT_EQ(text.size(), 8u) << ::testing::PrintToString(text);
  EXPECT_THAT(text[0], ::testing::HasSubstr("test.yaml:1:17"));
  EXPECT_THAT(text[0], ::testing::HasSubstr("10.0.0.0/40"));
}

TEST(LinkReachabilitySettings, AllowPrivateIsOneEntryOrAList) {
  std::vector<ConfigError> errors;
  EXPECT_NE(Build("allow_private: 127.0.0.1/32\n", CheckServices{}, &errors),
            nullptr);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(Build("allow_private: {a: b}\n", CheckServices{}, &errors),
            nullptr);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0].ToString(),
              ::testing::HasSubstr("allow_private: expected a list of address "
                                   "ranges or host names"));
}

// `proofgate check` end to end: the real binary, a rulebook that turns the
// check on, a draft linking to this server; --offline makes no request.
TEST(LinkReachabilityCommand, CheckProbesLinksUnlessOffline) {
  LoopbackHttpServer server(0);
  testing::TempDir dir;
  dir.Write("book.yaml",
            "name: links\nversion: \"1\"\nchecks:\n  link-reachability:\n"
            "    allow_private: [127.0.0.1/32]\n    timeout_ms: 2000\n");
  dir.Write("post.md", "# Post\n\nSee [the page](" + server.Url("/missing") +
                           ") and [that](" + server.Url("/ok") + ").\n");
  auto run = [&](const std::string& extra) {
    const std::string out = (dir.path() / "out.txt").string();
    const std::string cmd = std::string(ProofgateBinary()) + " check " + extra +
                            " --rules " + (dir.path() / "book.yaml").string() +
                            " " + (dir.path() / "post.md").string() + " >" +
                            out + " 2>&1";
    const int status = std::system(cmd.c_str());
    std::ifstream in(out);
    std::stringstream text;
    text << in.rdbuf();
    return std::make_pair(WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                          text.str());
  };
  const auto [offline_code, offline_out] = run("--offline");
  EXPECT_EQ(offline_code, 0) << offline_out;
  EXPECT_EQ(server.TotalRequests(), 0);
  const auto [code, out] = run("");
  EXPECT_EQ(code, 1) << out;
  EXPECT_THAT(out, ::testing::HasSubstr(":3:5: error: This link is broken"));
  EXPECT_THAT(out, ::testing::HasSubstr("[link-reachability/broken]"));
  EXPECT_EQ(server.Requests("/missing"), 1);
  EXPECT_EQ(server.Requests("/ok"), 1);
}

// `proofgate run` end to end: the daemon probes a draft's link, and its
// answer, kept in the ledger file, outlives a restart.
TEST(LinkReachabilityDaemon, ProbesLinksAndKeepsAnswersAcrossARestart) {
  LoopbackHttpServer server(0);
  testing::TempDir dir;
  const auto spool = dir.path() / "spool";
  dir.Write("book.yaml",
            "name: links\nversion: \"1\"\nchecks:\n  link-reachability:\n"
            "    allow_private: [127.0.0.1/32]\n    timeout_ms: 2000\n");
  int starts = 0;
  auto start = [&](std::vector<std::string> args = {}) {
    args.insert(args.end(), {"--spool", spool.string(), "--rules",
                             (dir.path() / "book.yaml").string()});
    // A log per start, so that each waits for its own "watching".
    auto daemon = std::make_unique<testing::DaemonProcess>(
        std::move(args),
        dir.path() / ("daemon" + std::to_string(++starts) + ".log"));
    EXPECT_TRUE(testing::WaitFor([&] {
      return daemon->Log().find("proofgate run: watching") != std::string::npos;
    })) << daemon->Log();
    return daemon;
  };
  auto routed = [&](const std::string& rel) {
    EXPECT_TRUE(testing::WaitFor([&] {
      const testing::Routed r = testing::FindRouted(spool, rel);
      return r.copies == 1 && r.record.is_object();
    }));
    return testing::FindRouted(spool, rel);
  };
  const std::string draft =
      "# Post\n\nSee [the page](" + server.Url("/missing") + ").\n";

  auto daemon = start();
  testing::WriteFile(spool / "inbox" / "a.md", draft);
  const testing::Routed a = routed("a.md");
  EXPECT_EQ(a.area, "review");
  EXPECT_THAT(a.record.dump(),
              ::testing::HasSubstr("link-reachability/broken"));
  EXPECT_EQ(server.Requests("/missing"), 1);
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->Wait(), 0);

  daemon = start();
  testing::WriteFile(spool / "inbox" / "b.md", draft);
  const testing::Routed b = routed("b.md");
  EXPECT_EQ(b.area, "review");
  EXPECT_THAT(b.record.dump(),
              ::testing::HasSubstr("link-reachability/broken"));
  EXPECT_EQ(server.Requests("/missing"), 1);  // answered from the ledger
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->Wait(), 0);

  // links.failure_cache_ttl_s reaches the prober: with 0, the failure kept
  // in the ledger is not reused, and each draft asks the server again.
  dir.Write("proofgate.yaml", "links:\n  failure_cache_ttl_s: 0\n");
  daemon = start({"--config", (dir.path() / "proofgate.yaml").string()});
  testing::WriteFile(spool / "inbox" / "c.md", draft);
  EXPECT_EQ(routed("c.md").area, "review");
  EXPECT_EQ(server.Requests("/missing"), 2);
  testing::WriteFile(spool / "inbox" / "d.md", draft);
  EXPECT_EQ(routed("d.md").area, "review");
  EXPECT_EQ(server.Requests("/missing"), 3);
  daemon->Signal(SIGTERM);
  EXPECT_EQ(daemon->Wait(), 0);
}

TEST(LinkReachabilityConfig, DaemonConfigReadsLinks) {
  testing::TempDir dir;
  const auto file = dir.path() / "proofgate.yaml";
  {
    std::ofstream out(file);
    out << "links:\n  network: false\n  concurrency: 8\n  per_host: 2\n";
  }
  auto load = LoadDaemonConfig(file);
  ASSERT_TRUE(load.has_value());
  EXPECT_FALSE(load->links_network);
  EXPECT_EQ(load->links_concurrency, 8);
  EXPECT_EQ(load->links_per_host, 2);
  // The cache TTLs default to the prober's.
  const LinkProber::Options prober_defaults;
  EXPECT_EQ(load->links_cache_ttl_s, prober_defaults.ok_ttl_s);
  EXPECT_EQ(load->links_cache_ttl_s, 86400);
  EXPECT_EQ(load->links_failure_cache_ttl_s, prober_defaults.failure_ttl_s);
  EXPECT_EQ(load->links_failure_cache_ttl_s, 3600);
  {
    std::ofstream out(file);
    out << "links:\n  cache_ttl_s: 600\n  failure_cache_ttl_s: 0\n";
  }
  load = LoadDaemonConfig(file);
  ASSERT_TRUE(load.has_value());
  EXPECT_EQ(load->links_cache_ttl_s, 600);
  EXPECT_EQ(load->links_failure_cache_ttl_s, 0);
  {
    std::ofstream out(file);
    out << "links:\n  cache_ttl_s: -1\n  failure_cache_ttl_s: 99999999\n"
           "  cache_ttl: 60\n";
  }
  load = LoadDaemonConfig(file);
  EXPECT_FALSE(load.has_value());
  ASSERT_EQ(load.error().size(), 3u);
  const std::string where = file.string();
  EXPECT_EQ(load.error()[0].ToString(),
            where + ":2:16: 'links.cache_ttl_s' must be between 0 and 2592000");
  EXPECT_EQ(load.error()[1].ToString(),
            where +
                ":3:24: 'links.failure_cache_ttl_s' must be between 0 "
                "and 2592000");
  EXPECT_THAT(load.error()[2].ToString(),
              ::testing::HasSubstr(":4:3: unknown key 'links.cache_ttl'"));
  {
    std::ofstream out(file);
    out << "links:\n  network: maybe\n  per_host: 0\n  other: 1\n";
  }
  load = LoadDaemonConfig(file);
  EXPECT_FALSE(load.has_value());
  EXPECT_EQ(load.error().size(), 3u);
}

}  // namespace
}  // namespace proofgate

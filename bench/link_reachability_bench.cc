// link-reachability throughput: N unique URLs on a loopback server that
// answers each after DELAY ms, probed by one LinkProber with its default
// limits, against the ideal N x DELAY / concurrency.
//
//   build/bench/link_reachability_bench [URLS=2000] [DELAY_MS=50] [HOSTS=50]
//
// The URLs spread over HOSTS host names (h0.bench.test ...) that a
// benchmark resolver maps to 127.0.0.1, so the per-host limit is exercised
// while the global limit decides the pace; no name is resolved over the
// network and nothing but 127.0.0.1 is contacted. The server counts the
// requests answered at once and the connections open at once per Host
// header. A second run puts a tenth of the URLs on one host, where the
// per-host limit sets the pace. Exit status 1 when a target is missed
// (time within 1.5x of ideal; requests at once within the global limit;
// connections to one host within the per-host limit).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "checks/network/link_prober.h"
#include "tests/loopback_http_server.h"

namespace {

proofgate::Resolution BenchResolve(const std::string& host) {
  proofgate::Resolution r;
  if (host.size() > 11 && host.substr(host.size() - 11) == ".bench.test") {
    r.addresses.push_back(*proofgate::ParseIpAddress("127.0.0.1"));
  } else {
    r.status = proofgate::Resolution::Status::kNoSuchName;
  }
  return r;
}

struct Run {
  double seconds = 0;
  int ok = 0;
  int requests = 0;
  int max_in_flight = 0;
  int max_open = 0;
  int max_open_per_host = 0;
};

// Probes `urls` URLs spread over `hosts` host names with a fresh prober
// (empty cache) and a fresh server.
Run Measure(int urls, int delay_ms, int hosts) {
  proofgate::testing::LoopbackHttpServer server(delay_ms);
  proofgate::LinkProber::Options options;  // the defaults, as shipped
  options.resolver = &BenchResolve;
  proofgate::LinkProber prober(std::move(options));
  proofgate::ProbePolicy policy;
  policy.allow.ranges.push_back(*proofgate::ParseIpRange("127.0.0.1/32"));
  policy.user_agent = "proofgate-bench";
  std::vector<std::string> list;
  for (int i = 0; i < urls; ++i) {
    list.push_back("http://h" + std::to_string(i % hosts) +
                   ".bench.test:" + std::to_string(server.port()) + "/delay/" +
                   std::to_string(i));
  }
  Run run;
  const auto start = std::chrono::steady_clock::now();
  const std::vector<proofgate::ProbeResult> results =
      prober.Probe(list, policy);
  run.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  for (const auto& r : results) {
    run.ok += r.outcome == proofgate::ProbeOutcome::kOk;
  }
  run.requests = server.TotalRequests();
  run.max_in_flight = server.max_in_flight();
  run.max_open = server.max_open();
  run.max_open_per_host = server.max_open_per_host();
  return run;
}

// Prints one run against its ideal; true when its targets are met.
bool Report(const char* name, int urls, int delay_ms, int hosts, int limit,
            const Run& run, int concurrency, int per_host) {
  const double ideal = urls * (delay_ms / 1000.0) / limit;
  const double ratio = run.seconds / ideal;
  std::printf(
      "%s: %d URLs over %d host(s), %d ms each\n"
      "  ok %d, requests at the server %d\n"
      "  time %.3f s, ideal %.3f s (%d x %d ms / %d), ratio %.2f "
      "(target <= 1.50)\n"
      "  at once: %d requests (limit %d), %d connections to one host "
      "(limit %d); %d connections in all (as the server sees them: one the "
      "client closed counts until the server reads its end)\n",
      name, urls, hosts, delay_ms, run.ok, run.requests, run.seconds, ideal,
      urls, delay_ms, limit, ratio, run.max_in_flight, concurrency,
      run.max_open_per_host, per_host, run.max_open);
  return run.ok == urls && ratio <= 1.5 && run.max_in_flight <= concurrency &&
         run.max_open_per_host <= per_host;
}

}  // namespace

int main(int argc, char** argv) {
  const int urls = argc > 1 ? std::atoi(argv[1]) : 2000;
  const int delay_ms = argc > 2 ? std::atoi(argv[2]) : 50;
  const int hosts = argc > 3 ? std::atoi(argv[3]) : 50;
  if (urls < 1 || delay_ms < 0 || hosts < 1) {
    std::fprintf(stderr, "usage: %s [URLS] [DELAY_MS] [HOSTS]\n", argv[0]);
    return 2;
  }
  const proofgate::LinkProber::Options defaults;
  const int concurrency = defaults.concurrency;
  const int per_host = defaults.per_host;
  std::printf("prober defaults: concurrency %d, per_host %d\n", concurrency,
              per_host);
  // Many hosts: the global limit sets the pace.
  bool met = Report("many hosts", urls, delay_ms, hosts, concurrency,
                    Measure(urls, delay_ms, hosts), concurrency, per_host);
  // One host: the per-host limit sets the pace (a tenth of the URLs, to
  // keep the run short).
  const int one_host_urls = std::max(1, urls / 10);
  met = Report("one host", one_host_urls, delay_ms, 1, per_host,
               Measure(one_host_urls, delay_ms, 1), concurrency, per_host) &&
        met;
  std::printf("targets %s\n", met ? "met" : "MISSED");
  return met ? 0 : 1;
}

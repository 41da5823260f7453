// Which Host and Origin headers the queue answers (daemon/request_origin.h).
#include "daemon/http/request_origin.h"

#include <gtest/gtest.h>

namespace proofgate {
namespace {

TEST(RequestOriginTest, HostOfHeader) {
  EXPECT_EQ(HostOfHeader("LocalHost:8686"), "localhost");
  EXPECT_EQ(HostOfHeader("127.0.0.1"), "127.0.0.1");
  EXPECT_EQ(HostOfHeader("[::1]:80"), "[::1]");
  EXPECT_EQ(HostOfHeader("[::1]"), "[::1]");
  EXPECT_EQ(HostOfHeader("Queue.Example.com"), "queue.example.com");
  for (const char* bad :
       {"", ":80", "localhost:", "localhost:123456", "localhost:80x", "[::1",
        "[::1]x", "[::1]:", "[]", "[::g]", "a b", "user@localhost",
        "localhost/x", "localhost:80:80", "\xff"}) {
    EXPECT_EQ(HostOfHeader(bad), std::nullopt) << bad;
  }
}

TEST(RequestOriginTest, OnlyLoopbackSpellingsAreLoopback) {
  for (const char* host :
       {"localhost", "127.0.0.1", "127.1.2.3", "127.255.255.255", "[::1]"}) {
    EXPECT_TRUE(IsLoopbackHost(host)) << host;
  }
  for (const char* host :
       {"localhost.", "foo.localhost", "localhost.evil.example", "127.1",
        "127.0.0", "127.0.0.1.evil.example", "127.0.0.256", "127.0.0.-1",
        "128.0.0.1", "0.0.0.0", "[::ffff:127.0.0.1]", "[::]", "evil.example",
        "127.0.0.1x"}) {
    EXPECT_FALSE(IsLoopbackHost(host)) << host;
  }
}

TEST(RequestOriginTest, WithoutATokenOnlyLoopbackAndAllowedNamesAreServed) {
  const std::vector<std::string> none;
  const std::vector<std::string> proxy = {"queue.example.com"};
  for (const char* host : {"127.0.0.1:8686", "localhost:8686", "[::1]:8686",
                           "LOCALHOST", "127.0.0.2"}) {
    EXPECT_TRUE(HostAllowed(host, none, false)) << host;
    EXPECT_TRUE(HostAllowed(host, proxy, false)) << host;
  }
  for (const char* host : {"evil.example", "evil.example:8686",
                           "127.0.0.1.nip.io:8686", "", "10.0.0.5:8686"}) {
    EXPECT_FALSE(HostAllowed(host, none, false)) << host;
    EXPECT_FALSE(HostAllowed(host, proxy, false)) << host;
  }
  EXPECT_FALSE(HostAllowed("queue.example.com", none, false));
  EXPECT_TRUE(HostAllowed("Queue.Example.COM:443", proxy, false));
  // A token protects the queue: any name, unless names are listed.
  EXPECT_TRUE(HostAllowed("10.0.0.5:8686", none, true));
  EXPECT_TRUE(HostAllowed("", none, true));
  EXPECT_FALSE(HostAllowed("10.0.0.5:8686", proxy, true));
  EXPECT_TRUE(HostAllowed("queue.example.com", proxy, true));
  EXPECT_TRUE(HostAllowed("localhost:8686", proxy, true));
}

TEST(RequestOriginTest, SameOriginIsHttpOrHttpsAndTheExactHost) {
  EXPECT_TRUE(SameOrigin("http://127.0.0.1:8686", "127.0.0.1:8686"));
  EXPECT_TRUE(SameOrigin("https://queue.example.com", "queue.example.com"));
  EXPECT_TRUE(SameOrigin("HTTP://LocalHost:8686", "localhost:8686"));
  EXPECT_FALSE(SameOrigin("http://evil.example", "127.0.0.1:8686"));
  EXPECT_FALSE(SameOrigin("http://127.0.0.1:9999", "127.0.0.1:8686"));
  EXPECT_FALSE(SameOrigin("http://127.0.0.1", "127.0.0.1:8686"));
  EXPECT_FALSE(SameOrigin("null", "127.0.0.1:8686"));
  EXPECT_FALSE(SameOrigin("ftp://127.0.0.1:8686", "127.0.0.1:8686"));
  EXPECT_FALSE(SameOrigin("http://", ""));
  EXPECT_FALSE(SameOrigin("http://127.0.0.1:8686/", "127.0.0.1:8686"));
}

}  // namespace
}  // namespace proofgate

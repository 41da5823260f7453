// CmarkArena: the bump-pointer memory one cmark-gfm parse takes its nodes
// and buffers from (checks/document/cmark_arena.h).
#include "checks/document/cmark_arena.h"

#include <cmark-gfm.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>

namespace proofgate {
namespace {

bool Aligned(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p) % 16 == 0;
}

TEST(CmarkArenaTest, AllocationsAreZeroedAndAligned) {
  CmarkArena arena;
  for (size_t bytes : {1u, 7u, 16u, 100u}) {
    auto* p = static_cast<unsigned char*>(arena.Allocate(bytes));
    EXPECT_TRUE(Aligned(p));
    for (size_t i = 0; i < bytes; ++i) ASSERT_EQ(p[i], 0);
    std::memset(p, 0xAB, bytes);
  }
  EXPECT_EQ(arena.reserved_bytes(), CmarkArena::kBlockBytes);
}

TEST(CmarkArenaTest, TheLatestAllocationGrowsInPlace) {
  CmarkArena arena;
  char* p = static_cast<char*>(arena.Resize(nullptr, 10));
  std::memcpy(p, "abcdefghi", 10);
  EXPECT_EQ(arena.Resize(p, 100), p);
  EXPECT_STREQ(p, "abcdefghi");
}

TEST(CmarkArenaTest, AnEarlierAllocationMovesWithItsBytes) {
  CmarkArena arena;
  char* p = static_cast<char*>(arena.Allocate(10));
  std::memcpy(p, "abcdefghi", 10);
  arena.Allocate(10);
  char* q = static_cast<char*>(arena.Resize(p, 1000));
  EXPECT_NE(q, p);
  EXPECT_TRUE(Aligned(q));
  EXPECT_STREQ(q, "abcdefghi");
  EXPECT_EQ(arena.Resize(q, 5), q);  // shrinking keeps the allocation
}

TEST(CmarkArenaTest, LargeRequestsAreAllocatedFreedAndResizedOneByOne) {
  CmarkArena arena;
  arena.Allocate(10);
  const size_t reserved = arena.reserved_bytes();
  char* big = static_cast<char*>(arena.Allocate(CmarkArena::kBlockBytes));
  EXPECT_TRUE(Aligned(big));
  EXPECT_EQ(big[CmarkArena::kBlockBytes - 1], 0);
  EXPECT_EQ(arena.reserved_bytes(), reserved);  // not from the blocks
  std::memcpy(big, "large", 6);
  void* other = arena.Allocate(CmarkArena::kBlockBytes);
  char* bigger = static_cast<char*>(arena.Resize(big, 4 * 1024 * 1024));
  EXPECT_TRUE(Aligned(bigger));
  EXPECT_STREQ(bigger, "large");
  arena.Release(other);  // freed now; `bigger` at the arena's end
  // A small allocation that outgrows the blocks moves to a large one.
  char* small = static_cast<char*>(arena.Allocate(16));
  std::memcpy(small, "small", 6);
  char* grown = static_cast<char*>(arena.Resize(small, 100000));
  EXPECT_STREQ(grown, "small");
  arena.Release(small);  // small allocations stay: no effect
}

TEST(CmarkArenaTest, MemUsesTheThreadsCurrentArenaOrLibc) {
  cmark_mem* mem = CmarkArena::mem();
  void* libc = mem->calloc(1, 32);  // no arena: calloc, freed by free
  ASSERT_NE(libc, nullptr);
  mem->free(libc);
  CmarkArena outer;
  {
    CmarkArena inner;
    mem->calloc(1, 32);
    EXPECT_EQ(inner.reserved_bytes(), CmarkArena::kBlockBytes);
    EXPECT_EQ(outer.reserved_bytes(), 0u);
  }
  mem->calloc(1, 32);
  EXPECT_EQ(outer.reserved_bytes(), CmarkArena::kBlockBytes);
}

TEST(CmarkArenaTest, AParseInAnArenaRendersLikeOneWithout) {
  const std::string md =
      "# T\n\nSome *text* with [a link](https://a.dev) and `code`.\n\n"
      "- one\n- two\n\n> quoted " +
      std::string(100000, 'x') + "\n";
  char* plain = cmark_markdown_to_html(md.data(), md.size(), 0);
  std::string expected(plain);
  std::free(plain);
  CmarkArena arena;
  cmark_parser* parser = cmark_parser_new_with_mem(0, CmarkArena::mem());
  cmark_parser_feed(parser, md.data(), md.size());
  cmark_node* root = cmark_parser_finish(parser);
  char* html = cmark_render_html_with_mem(root, 0, nullptr, CmarkArena::mem());
  EXPECT_EQ(std::string(html), expected);
  cmark_node_free(root);
  cmark_parser_free(parser);
}

}  // namespace
}  // namespace proofgate

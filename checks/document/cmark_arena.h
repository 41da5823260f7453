#pragma once

#include <cstddef>
#include <memory>
#include <vector>

struct cmark_mem;

namespace proofgate {

// Memory for one cmark-gfm parse: cmark allocates every node, string
// buffer and list of a parse separately (a 5 KB page makes thousands of
// calloc/free calls: a seventh of `proofgate check`'s time went to libc's
// allocator, perf over the shared corpus). A parser created with
// cmark_parser_new_with_mem(arena.mem()) takes its memory from bump-pointer
// blocks instead, frees nothing one by one, and the arena returns every
// block at once when it is destroyed.
//
// cmark_mem's functions take no context pointer, so the arena in use is
// the calling thread's current one: constructing a CmarkArena makes it
// current on this thread (until its destruction, which restores the
// previous one). Everything allocated through mem() must be freed (or
// abandoned) before the arena is destroyed, on the same thread: declare the
// arena before the cmark parser and nodes that use it. With no arena
// current, mem()'s functions fall back to calloc/realloc/free.
//
// Sizes: blocks of kBlockBytes; a request larger than a quarter of that
// gets a block of its own. A realloc of the block's last allocation grows
// in place; others copy, and the old bytes stay until the arena goes, so
// the arena holds at most about twice what cmark's live data needs (string
// buffers grow by 1.5x).
//
// Not copyable or movable. Thread safety: one arena per thread; arenas on
// different threads are independent.
class CmarkArena {
 public:
  static constexpr size_t kBlockBytes = 64 * 1024;

  CmarkArena();
  ~CmarkArena();
  CmarkArena(const CmarkArena&) = delete;
  CmarkArena& operator=(const CmarkArena&) = delete;

  // The allocator to give cmark_parser_new_with_mem(); the same object for
  // every arena (it uses the thread's current arena).
  static cmark_mem* mem();

  // Bytes allocated from the system so far (blocks), for tests and
  // benchmarks.
  size_t reserved_bytes() const { return reserved_; }

  // `bytes` zeroed, 16-byte aligned; never null (throws std::bad_alloc
  // like operator new).
  void* Allocate(size_t bytes);
  // `p` (from this arena, or null) resized to `bytes`, contents kept.
  void* Resize(void* p, size_t bytes);

 private:
  unsigned char* Carve(size_t bytes);

  std::vector<std::unique_ptr<unsigned char[]>> blocks_;
  unsigned char* next_ = nullptr;  // free space of the current block
  size_t left_ = 0;                // bytes free at next_
  unsigned char* last_ = nullptr;  // the latest allocation (for Resize)
  size_t reserved_ = 0;
  CmarkArena* previous_ = nullptr;
};

}  // namespace proofgate

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
// The arena keeps what cmark frees during the parse (delimiters, merged
// text nodes, temporary buffers) until the parse ends: on a 4.7 MB draft of
// 60,000 short paragraphs, peak RSS of `proofgate check` was 253 MB with
// the arena against 178 MB with malloc. Drafts larger than
// kArenaMaxDraftBytes therefore parse without one (the shared corpus's
// largest page is under 200 KB, its median 5 KB).
//
// Sizes: small requests (up to a quarter of kBlockBytes) come from blocks
// of kBlockBytes; a realloc of a block's latest allocation grows in place,
// others copy and leave the old bytes until the arena goes. Larger requests
// (a long paragraph's buffer) are malloc'd one by one and really freed and
// realloc'd, so a 5 MB draft's buffers are not kept in every size they grew
// through.
//
// Not copyable or movable. Thread safety: one arena per thread; arenas on
// different threads are independent.
class CmarkArena {
 public:
  static constexpr size_t kBlockBytes = 64 * 1024;
  // Largest draft (bytes of Markdown) worth parsing in an arena; see above.
  static constexpr size_t kArenaMaxDraftBytes = 512 * 1024;

  CmarkArena();
  ~CmarkArena();
  CmarkArena(const CmarkArena&) = delete;
  CmarkArena& operator=(const CmarkArena&) = delete;

  // The allocator to give cmark_parser_new_with_mem(); the same object for
  // every arena (it uses the thread's current arena).
  static cmark_mem* mem();

  // Bytes of the small-allocation blocks allocated so far, for tests and
  // benchmarks (large allocations not included).
  size_t reserved_bytes() const { return reserved_; }

  // `bytes` zeroed, 16-byte aligned; never null (throws std::bad_alloc
  // like operator new).
  void* Allocate(size_t bytes);
  // `p` (from this arena, or null) resized to `bytes`, contents kept.
  void* Resize(void* p, size_t bytes);
  // Frees `p` (from this arena, or null) if it was a large allocation;
  // small ones stay until the arena goes.
  void Release(void* p);

 private:
  struct Large;  // header of a large allocation (a doubly linked list)

  unsigned char* Carve(size_t bytes);
  unsigned char* CarveLarge(size_t bytes);

  std::vector<std::unique_ptr<unsigned char[]>> blocks_;
  Large* large_ = nullptr;         // live large allocations
  unsigned char* next_ = nullptr;  // free space of the current block
  size_t left_ = 0;                // bytes free at next_
  unsigned char* last_ = nullptr;  // the latest allocation (for Resize)
  size_t reserved_ = 0;
  CmarkArena* previous_ = nullptr;
};

}  // namespace proofgate

#include "checks/document/cmark_arena.h"

#include <cmark-gfm.h>

#include <cstdlib>
#include <cstring>

namespace proofgate {

namespace {

// Every allocation starts with a header holding its size, and sizes are
// rounded up to it, so every pointer handed out is 16-byte aligned.
constexpr size_t kHeader = 16;

thread_local CmarkArena* current_arena = nullptr;

size_t RoundUp(size_t bytes) { return (bytes + kHeader - 1) & ~(kHeader - 1); }

size_t& SizeOf(void* p) {
  return *reinterpret_cast<size_t*>(static_cast<unsigned char*>(p) - kHeader);
}

void* ArenaCalloc(size_t count, size_t size) {
  if (current_arena == nullptr) return std::calloc(count, size);
  return current_arena->Allocate(count * size);
}

void* ArenaRealloc(void* p, size_t bytes) {
  if (current_arena == nullptr) return std::realloc(p, bytes);
  return current_arena->Resize(p, bytes);
}

void ArenaFree(void* p) {
  if (current_arena == nullptr) std::free(p);
}

cmark_mem arena_mem = {ArenaCalloc, ArenaRealloc, ArenaFree};

}  // namespace

CmarkArena::CmarkArena() : previous_(current_arena) { current_arena = this; }

CmarkArena::~CmarkArena() { current_arena = previous_; }

cmark_mem* CmarkArena::mem() { return &arena_mem; }

unsigned char* CmarkArena::Carve(size_t bytes) {
  const size_t need = kHeader + RoundUp(bytes);
  if (need > kBlockBytes / 4) {
    // Large: a block of its own; the current block stays current.
    blocks_.emplace_back(new unsigned char[need]);
    reserved_ += need;
    unsigned char* p = blocks_.back().get() + kHeader;
    SizeOf(p) = RoundUp(bytes);
    return p;
  }
  if (need > left_) {
    blocks_.emplace_back(new unsigned char[kBlockBytes]);
    reserved_ += kBlockBytes;
    next_ = blocks_.back().get();
    left_ = kBlockBytes;
  }
  unsigned char* p = next_ + kHeader;
  next_ += need;
  left_ -= need;
  SizeOf(p) = RoundUp(bytes);
  last_ = p;
  return p;
}

void* CmarkArena::Allocate(size_t bytes) {
  unsigned char* p = Carve(bytes);
  std::memset(p, 0, SizeOf(p));
  return p;
}

void* CmarkArena::Resize(void* p, size_t bytes) {
  if (p == nullptr) return Carve(bytes);
  const size_t old = SizeOf(p);
  if (bytes <= old) return p;
  const size_t grow = RoundUp(bytes) - old;
  if (p == last_ && grow <= left_) {
    // The latest allocation of the current block: grow it in place.
    next_ += grow;
    left_ -= grow;
    SizeOf(p) = RoundUp(bytes);
    return p;
  }
  unsigned char* q = Carve(bytes);
  std::memcpy(q, p, old);
  return q;
}

}  // namespace proofgate

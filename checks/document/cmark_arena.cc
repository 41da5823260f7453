#include "checks/document/cmark_arena.h"

#include <cmark-gfm.h>

#include <cstdlib>
#include <cstring>
#include <new>

namespace proofgate {

namespace {

// Every allocation starts with a header: its size and whether it is large.
// Sizes are rounded up to the header's size, so every pointer handed out is
// 16-byte aligned.
struct Header {
  size_t size;
  size_t large;  // 1 for a large allocation, 0 for a small one
};
static_assert(sizeof(Header) == 16);
constexpr size_t kAlign = sizeof(Header);
constexpr size_t kLargeBytes = CmarkArena::kBlockBytes / 4;

thread_local CmarkArena* current_arena = nullptr;

size_t RoundUp(size_t bytes) { return (bytes + kAlign - 1) & ~(kAlign - 1); }

Header& HeaderOf(void* p) {
  return *reinterpret_cast<Header*>(static_cast<unsigned char*>(p) - kAlign);
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
  if (current_arena == nullptr) {
    std::free(p);
  } else {
    current_arena->Release(p);
  }
}

cmark_mem arena_mem = {ArenaCalloc, ArenaRealloc, ArenaFree};

}  // namespace

// Before the Header of a large allocation: its neighbours in the list.
struct CmarkArena::Large {
  Large* prev;
  Large* next;
  Header header;
};

CmarkArena::CmarkArena() : previous_(current_arena) { current_arena = this; }

CmarkArena::~CmarkArena() {
  while (large_ != nullptr) {
    Large* next = large_->next;
    std::free(large_);
    large_ = next;
  }
  current_arena = previous_;
}

cmark_mem* CmarkArena::mem() { return &arena_mem; }

unsigned char* CmarkArena::CarveLarge(size_t bytes) {
  static_assert(sizeof(Large) % kAlign == 0);
  const size_t size = RoundUp(bytes);
  auto* l = static_cast<Large*>(std::malloc(sizeof(Large) + size));
  if (l == nullptr) throw std::bad_alloc();
  l->prev = nullptr;
  l->next = large_;
  if (large_ != nullptr) large_->prev = l;
  large_ = l;
  l->header = Header{size, 1};
  return reinterpret_cast<unsigned char*>(l + 1);
}

unsigned char* CmarkArena::Carve(size_t bytes) {
  if (bytes > kLargeBytes) return CarveLarge(bytes);
  const size_t need = kAlign + RoundUp(bytes);
  if (need > left_) {
    blocks_.emplace_back(new unsigned char[kBlockBytes]);
    reserved_ += kBlockBytes;
    next_ = blocks_.back().get();
    left_ = kBlockBytes;
  }
  unsigned char* p = next_ + kAlign;
  next_ += need;
  left_ -= need;
  HeaderOf(p) = Header{RoundUp(bytes), 0};
  last_ = p;
  return p;
}

void* CmarkArena::Allocate(size_t bytes) {
  unsigned char* p = Carve(bytes);
  std::memset(p, 0, HeaderOf(p).size);
  return p;
}

void* CmarkArena::Resize(void* p, size_t bytes) {
  if (p == nullptr) return Carve(bytes);
  Header& h = HeaderOf(p);
  const size_t old = h.size;
  if (bytes <= old) return p;
  if (h.large) {
    Large* l = static_cast<Large*>(p) - 1;
    const bool head = large_ == l;
    auto* moved =
        static_cast<Large*>(std::realloc(l, sizeof(Large) + RoundUp(bytes)));
    if (moved == nullptr) throw std::bad_alloc();  // `l` is still listed
    if (moved->prev != nullptr) moved->prev->next = moved;
    if (moved->next != nullptr) moved->next->prev = moved;
    if (head) large_ = moved;
    moved->header.size = RoundUp(bytes);
    return moved + 1;
  }
  const size_t grow = RoundUp(bytes) - old;
  if (p == last_ && bytes <= kLargeBytes && grow <= left_) {
    // The latest allocation of the current block: grow it in place.
    next_ += grow;
    left_ -= grow;
    h.size = RoundUp(bytes);
    return p;
  }
  unsigned char* q = Carve(bytes);
  std::memcpy(q, p, old);
  return q;
}

void CmarkArena::Release(void* p) {
  if (p == nullptr || !HeaderOf(p).large) return;
  Large* l = static_cast<Large*>(p) - 1;
  if (l->prev != nullptr) l->prev->next = l->next;
  if (l->next != nullptr) l->next->prev = l->prev;
  if (large_ == l) large_ = l->next;
  std::free(l);
}

}  // namespace proofgate

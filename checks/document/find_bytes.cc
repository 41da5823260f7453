#include "checks/document/find_bytes.h"

#include <algorithm>
#include <cstring>

namespace proofgate {

size_t FindFirstOfBytes(std::string_view text, size_t pos,
                        std::string_view bytes) {
  // Windows bound the bytes searched past the answer: each byte of `bytes`
  // is looked for only up to the nearest hit so far, within one window.
  constexpr size_t kWindow = 256;
  while (pos < text.size()) {
    const char* at = text.data() + pos;
    size_t limit = std::min(kWindow, text.size() - pos);
    bool found = false;
    for (const char byte : bytes) {
      const void* hit =
          std::memchr(at, static_cast<unsigned char>(byte), limit);
      if (hit == nullptr) continue;
      limit = static_cast<size_t>(static_cast<const char*>(hit) - at);
      found = true;
    }
    if (found) return pos + limit;
    pos += limit;
  }
  return std::string_view::npos;
}

}  // namespace proofgate

#include "checks/document/cmark_inline_lock.h"

namespace proofgate {

std::mutex& CmarkInlineMutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace proofgate

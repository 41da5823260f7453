// Dense ids for repeated strings: draft paths, rule ids, folders and
// rulebook names read from hundreds of thousands of ledger rows, so that
// per-row work indexes vectors instead of hashing and copying strings.
// An open-addressing table (Abseil's flat_hash_map) finds a path with
// fewer cache misses than std::unordered_map's nodes: 8 % less CPU for
// the whole report over a 1,000,000-submission ledger (bench/README.md).
#ifndef PROOFGATE_DAEMON_TEXT_STRING_IDS_H_
#define PROOFGATE_DAEMON_TEXT_STRING_IDS_H_

#include <absl/container/flat_hash_map.h>

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>

namespace proofgate {

// Not thread-safe: one thread fills and reads it.
class StringIds {
 public:
  // The id of `text`: 0 for the first distinct string, then 1, 2, ... in
  // the order they are first seen. Copies `text` only the first time.
  int IdOf(std::string_view text) {
    if (auto it = ids_.find(text); it != ids_.end()) return it->second;
    const std::string& kept = strings_.emplace_back(text);
    const int id = static_cast<int>(strings_.size()) - 1;
    ids_.emplace(kept, id);
    return id;
  }

  // The string of id `id` (0 <= id < size()); stays valid while this
  // object lives.
  const std::string& operator[](int id) const {
    return strings_[static_cast<size_t>(id)];
  }

  // How many distinct strings were seen.
  size_t size() const { return strings_.size(); }

 private:
  absl::flat_hash_map<std::string_view, int> ids_;  // views into strings_
  std::deque<std::string> strings_;  // by id; a deque never moves them
};

}  // namespace proofgate

#endif  // PROOFGATE_DAEMON_TEXT_STRING_IDS_H_

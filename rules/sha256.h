// SHA-256 digests (OpenSSL), as lower-case hex, for proof records.
#ifndef PROOFGATE_RULES_SHA256_H_
#define PROOFGATE_RULES_SHA256_H_

#include <string>
#include <string_view>

namespace proofgate {

// 64 lower-case hex digits of SHA-256(`bytes`). Thread-safe.
std::string Sha256Hex(std::string_view bytes);

// `bytes` as lower-case hex, two digits per byte (digests). Pure.
std::string LowerHex(std::string_view bytes);

}  // namespace proofgate

#endif  // PROOFGATE_RULES_SHA256_H_

// ConfigError: a problem in a rulebook, located at file:line:col.
#ifndef PROOFGATE_CHECKS_CONFIG_ERROR_H_
#define PROOFGATE_CHECKS_CONFIG_ERROR_H_

#include <string>

namespace proofgate {

struct ConfigError {
  std::string file;  // as given to the loader; may be empty
  int line = 0;      // 1-based; 0 when the error has no position
  int column = 0;    // 1-based, in characters as yaml-cpp counts them
  std::string message;

  // "file:line:col: message" (parts without a value are left out), the form
  // compilers use, so editors and CI logs link to the spot.
  std::string ToString() const;
};

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_CONFIG_ERROR_H_

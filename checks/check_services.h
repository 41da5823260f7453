// CheckServices: what the process running checks lends to the checks it
// builds, beyond their settings. Owned by whoever runs checks (the daemon,
// `proofgate check`), passed to rulebook loading, and from there to each
// CheckSpec::build through Settings::services(). Checks keep what they need
// (shared ownership), so the services outlive every check built with them.
//
// A plain value; checks only read it. Adding a service here changes no
// check that does not use it.
#ifndef PROOFGATE_CHECKS_CHECK_SERVICES_H_
#define PROOFGATE_CHECKS_CHECK_SERVICES_H_

#include <memory>

namespace proofgate {

class LinkProber;

struct CheckServices {
  // The one prober for external links (link_prober.h), shared by every
  // rulebook, worker and draft. Null when the network is off (`proofgate
  // check --offline`, daemon `links.network: false`): checks then make no
  // network requests at all.
  std::shared_ptr<LinkProber> link_prober;
};

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_CHECK_SERVICES_H_

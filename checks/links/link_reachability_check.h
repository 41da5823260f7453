// The `link-reachability` check: every external link of a draft answers.
//
// Rules (default severity, confidence):
//   link-reachability/broken        (error, 1.0)   HTTP 404 or 410, or the
//                                                  host name does not exist
//   link-reachability/server-error  (warning, 0.5) 5xx or 429 after retries,
//                                                  another 4xx (401, 403...),
//                                                  too many redirects, or no
//                                                  connection
//   link-reachability/timeout       (warning, 0.5) no answer within timeout_ms
//   link-reachability/redirected    (info, 1.0)    permanent redirects (301,
//                                                  308) to a page that
//                                                  answers; the suggestion
//                                                  is the final URL
//   link-reachability/refused       (warning, 1.0) not checked by policy: a
//                                                  host that resolves to a
//                                                  loopback, private,
//                                                  link-local... address
//                                                  (address_policy.h), also
//                                                  after a redirect
//   link-reachability/missing-file  (error, 1.0)   a relative link to no
//                                                  file under site_root
//   link-reachability/missing-anchor (error, 1.0)  a relative link whose
//                                                  #anchor matches no
//                                                  heading or id of the
//                                                  target draft
// Inconclusive outcomes carry confidence 0.5, below the default
// routing.min_confidence of 0.8, so they send a draft to review and never
// fail it on their own.
//
// Which links: external links of Document::links() (links_check.h,
// ClassifyLink), images included (a missing image is as broken as a
// missing page), http(s):// or protocol-relative ("//host/x", checked as
// https). Skipped: links with templating ("{{", "{%"), and URLs any
// `exclude` pattern matches. The fragment is not sent (servers never see
// it). Each distinct URL is probed once per draft; every link to a failing
// URL gets its own finding, spanning the link.
//
// Relative links (checked only when site_root is set; never over the
// network): "/x" starts at the site root, "x" and "../x" at the draft's
// folder, which is the draft's own folder when its file lies under the site
// root, and otherwise its path read as a path inside the site (the daemon's
// inbox mirrors the site). The query is dropped and the path
// percent-decoded. The link resolves when the path names a file, a folder,
// PATH.md, or a folder's index.md, _index.md or README.md (the pretty URLs
// of Hugo, Jekyll and GitHub); a path that climbs out of the site root is
// missing-file. A #fragment into a Markdown file must match one of its
// anchors (DocumentAnchors, heading_slug.h: the same rules as links'
// in-draft anchors); "#top" and templated fragments always resolve. Target
// files are read at most once per draft (and at most ParseOptions'
// max_bytes of each).
//
// The network is used only through the LinkProber of CheckServices
// (link_prober.h, which documents the probing and the SSRF policy). When
// the process runs without one (`proofgate check --offline`, daemon
// `links.network: false`) the check reports nothing.
//
// Settings (all optional):
//   site_root: the folder of the site's sources, relative to the rulebook
//       file that sets it; must exist. Absent: relative links are not
//       checked.
//   allow_private: list of address ranges ("127.0.0.1/32", "10.0.0.0/8",
//       "::1") and host names ("intranet.example.com") that links may reach
//       although special-purpose; default none.
//   accept: list of HTTP statuses (100-599) that count as reachable besides
//       2xx, e.g. [401, 403] for pages behind a login; default none.
//   exclude: list of RE2 patterns; a URL any pattern matches (anywhere in
//       it) is not checked; default none.
//   connect_timeout_ms: 1-60000, default 5000 (per hop).
//   timeout_ms: 1-120000, default 10000 (per hop, whole transfer).
//   max_redirects: 0-20, default 5 (browsers allow 20; five hops is already
//       a link worth updating).
//   retries: extra attempts after 429 or 503, 0-5, default 2.
//   retry_after_max_ms: the longest Retry-After honoured, 0-60000, default
//       10000; longer requests are shortened to it.
//   user_agent: the User-Agent header, default "proofgate/0.1
//       (link-reachability)"; some sites answer unknown agents with 403.
#ifndef PROOFGATE_CHECKS_LINKS_LINK_REACHABILITY_CHECK_H_
#define PROOFGATE_CHECKS_LINKS_LINK_REACHABILITY_CHECK_H_

#include "checks/check.h"

namespace proofgate {

// The registry entry: name "link-reachability", the five rules above, and a
// factory that validates the settings above (errors through Settings) and
// takes the LinkProber from Settings::services(). The check it builds is
// immutable; Run() is thread-safe and blocks while its URLs are probed.
CheckSpec LinkReachabilityCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_LINKS_LINK_REACHABILITY_CHECK_H_

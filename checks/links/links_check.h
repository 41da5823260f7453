// The `links` check: a draft's links are well-formed and in the numbers the
// rulebook asks for. Offline: it never fetches a link (reachability is the
// separate `link-reachability` check).
//
// Rules (default severity):
//   links/internal-count    (warning) fewer or more internal links than
//                                     internal_min / internal_max
//   links/external-count    (warning) the same for external links
//   links/empty-text        (error)   a link with no text ("[](x)"), or an
//                                     image with no alt text (see image_alt)
//   links/bare-url          (warning) a URL typed as plain text and linked
//                                     only by the GFM autolink extension
//   links/duplicate-target  (info)    the same words linked to the same
//                                     target twice in one paragraph
//   links/insecure          (warning) an http:// link to an external host
//   links/broken-anchor     (error)   a "#fragment" link to no heading or id
//                                     of this draft
//
// What counts. The Markdown links of Document::links() (inline, reference,
// <autolink> and bare URLs); links written as raw HTML <a href> are not
// seen. Images are never counted as links and never checked as targets;
// only their alt text is (empty-text). A destination is
//   internal  when it is relative (no scheme and not starting with "//":
//             "guide.md", "../x", "/docs/", "#setup", "?q=1", "" and
//             templated ones such as "{{< ref x >}}" or
//             "{{site.baseurl}}/x"), or an absolute or protocol-relative
//             ("//host/x") URL whose host is in internal_hosts;
//   external  when it is such a URL with any other host;
//   neither   when it has a scheme but no host: mailto:, tel:, data:,
//             javascript:, urn: ... These are not counted, nor checked for
//             insecure or duplicate targets.
//
// Duplicate targets. A link is reported when the same paragraph already
// links the same words (compared case-insensitively, blanks folded) to the
// same target: the second link adds nothing a reader can use. Destinations
// are compared with the scheme and host lower-cased and one trailing '/'
// of the path removed ("https://Example.com/docs/" ==
// "https://example.com/docs"); the query and the fragment are kept, since
// "page#install" and "page#upgrade" lead to different places. Not
// reported: a repeat in another paragraph, list item, table cell or
// heading (a page links a term again where readers need it: linking any
// repeat on the page reported 4,762 links on the shared corpus of 3,815
// pages, nearly all of them a later section linking a term again, or the
// same link in each tab or table row; this rule reports 87, each a
// paragraph that links the same words twice), and numbered citation
// markers ("[1]", "[[2]](...)"), which repeat by design.
//
// Bare URLs. Only URLs with a host are reported: a bare e-mail address
// reads fine as text (and is often an example value, "User@Domain.com").
// Not reported either: a URL right after a quote or '=' (an HTML attribute,
// a shortcode argument such as {{< sched script="https://..." >}}, JSON),
// and one containing templating ("https://x/v{{% param v %}}/"). The
// suggestion is "<url>", or "`url`" (code) for the local and reserved hosts
// listed under insecure links, which lead nowhere for a reader.
//
// Insecure links. Only http:// URLs are reported (a protocol-relative
// "//host" link takes the page's scheme), and not when their host is
// internal, or names no host on the public internet: localhost
// and *.localhost, 127.0.0.0/8, ::1, 0.0.0.0, the private IPv4 ranges
// 10/8, 172.16/12 and 192.168/16, 169.254/16 (link-local), *.local, and the
// names reserved for documentation and tests by RFC 2606 and RFC 6761
// (example.com, example.net, example.org and their subdomains, *.example,
// *.test, *.invalid). https:// would not help a reader there.
// Not reported either, as the site means them: a link whose query holds
// the marker "http_ok" ("http://logback.qos.ch/?http_ok", the convention of
// the OpenTelemetry site's link checker for a host known to serve only
// http), and a bare URL that is an XML identifier rather than a page
// (namespace and algorithm URIs such as
// "http://www.w3.org/2000/09/xmldsig#rsa-sha1", which protocols compare as
// strings, so https:// would break them): a www.w3.org URL whose path
// starts with a year ("/2001/..."), or one on schemas.xmlsoap.org,
// schemas.microsoft.com or purl.org.
//
// Broken anchors. Only same-draft fragments ("#setup") are checked. A
// fragment is percent-decoded, then must equal, exactly (anchors are
// case-sensitive in browsers), one of the anchors DocumentAnchors() finds
// (heading_slug.h: GitHub heading slugs with -1/-2 for repeats, the
// separator-collapsing slugs of Zola, Jekyll and Astro, explicit {#id}
// heading ids, HTML id= and <a name=>, kramdown {: #id}), or the slug of a
// heading whose characters outside ASCII the generator transliterates
// (generator_slugs.h: "#debugging-aspirations-woman-technologist" for
// "Debugging Aspirations (👩‍💻)"). "#" alone and "#top" always resolve
// (HTML standard: they scroll to the top). Fragments with templating
// ("#{{ x }}") are skipped, and so are all fragments of a draft that pulls
// in other files' content when built (Hugo include / readfile / path-named
// shortcodes, Liquid includes of Markdown, MDX imports of .md/.mdx), whose
// headings it cannot see, unless the fragment is a case or punctuation
// slip of one of the page's own anchors. The suggestion is the anchor the
// fragment names after a case or punctuation slip ("#Getting-Started!"), else
// the closest anchor by edit distance ("#need-to-registered" ->
// "#need-to-be-registered").
//
// Settings (all optional):
//   internal_hosts: list of host names whose URLs are internal links.
//       "docs.example.com" matches that host exactly; ".example.com" matches
//       example.com and every subdomain. Compared case-insensitively; a
//       port in the URL is ignored. An entry with a scheme, path, port or
//       whitespace is an error.
//   internal_min, internal_max, external_min, external_max: link counts,
//       0 to 100000; 0 or absent means no limit. A max below its min is an
//       error. The counts include every occurrence (a target linked twice
//       counts twice).
//   image_alt: whether an image with empty alt text is reported as
//       links/empty-text (default true: WCAG 2.1 1.1.1 asks every
//       informative image for a text alternative; set false for drafts whose
//       images are decorative).
//
// Ranges: a count finding is about the draft as a whole, at 1:1; every
// other finding spans the link as Document::links() records it, from its
// '[' / '!' / '<' / first URL character to its end.
#ifndef PROOFGATE_CHECKS_LINKS_LINKS_CHECK_H_
#define PROOFGATE_CHECKS_LINKS_LINKS_CHECK_H_

#include <string>
#include <string_view>
#include <vector>

#include "checks/check.h"
#include "checks/matching/url_host.h"

namespace proofgate {

// The registry entry: name "links", the seven rules above with their
// default severities, and a factory that validates the settings above
// (errors through Settings, at the offending value or list item). The
// check it builds is immutable; Run() is thread-safe.
CheckSpec LinksCheckSpec();

// Where a link destination leads, as defined above.
enum class LinkReach {
  kInternal,
  kExternal,
  kNeither,  // mailto:, tel:, data: ... (a scheme but no host)
};

// Classifies `destination` (as written, after reference resolution).
// `internal_hosts` holds entries as the `internal_hosts` setting takes them,
// already lower-cased. Pure function; thread-safe.
LinkReach ClassifyLink(std::string_view destination,
                       const std::vector<std::string>& internal_hosts);

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_LINKS_LINKS_CHECK_H_

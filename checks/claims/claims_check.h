// The `claims` check: sentences that make a claim a reader would want
// evidence for, with no source nearby.
//
// Rules (default severity; all findings carry confidence below 1, see below):
//   claims/unsupported-statistic (warning) a statistic: a percentage in a
//       claim ("cuts costs by 40%"), a multiple ("3x faster", "10 times
//       more", "twice as fast", "5-fold"), a ratio ("9 out of 10",
//       "one in five", "4 of 5 developers"), "doubled", "halved",
//       "tripled", "cut in half", money in a claim, large counts, rates
//       ("114 ms for 5 MB"), speeds in words ("thousands of nodes in
//       seconds"), a cost claimed as small with its figure ("low CPU
//       (~1%)"), statistics in words ("the majority of contributors")
//   claims/superlative (warning) a superlative or absolute: "the best
//       tool", "the fastest", "#1 choice", "number one", "world's leading",
//       the whole field as the comparison ("more people ... than ever
//       before", "better than many other tech communities", "features
//       that other frameworks cannot", "people's first choice", "the first
//       mainstream framework", "unmatched performance"), promises with no
//       exception ("zero effort", "never get slower", "all programming
//       languages", "no new security vulnerabilities"),
//       "industry-leading", "best-in-class", "unparalleled", "guaranteed
//       results", "100% secure", "zero downtime", "never fails",
//       "all customers", "everyone loves"; with `absolutes: true`, also the
//       bare words always, never, every, everyone, everybody, everything,
//       nobody, forever
//   claims/weasel-source (warning) an appeal to unnamed evidence: "studies
//       show", "research proves", "experts agree", "scientists say",
//       "many experts believe", "it is well known", "it is widely accepted",
//       "widely regarded as", "according to experts", "clinically proven",
//       "it has been shown", "some say"
//
// A claim is reported only when no source is nearby: a link (any kind but
// an image), a footnote reference ("[^1]") or a written citation ("[12]",
// "(Smith et al., 2020)", "(Source: ...)") in the same sentence or the next
// one (the next sentence of the document, which may open the next
// paragraph; not the next list item, which is its own claim). A
// sentence's reach runs to where the following sentence starts, so a link
// or footnote placed after the full stop counts. A statistic is also
// sourced by a link to a page (not a site's home page), a footnote or a
// citation anywhere in its paragraph, or in the paragraph right after it
// in the same section (where measurements are usually linked).
//
// What is not a claim, by design, because technical documentation (the
// shared corpus of 3,815 pages) is full of these:
//   - a percentage without a claim context: the sentence must also state a
//     share of a population ("78% of respondents", "of our customers"), a
//     change or comparison ("cut costs by 40%", "30% faster", "grew",
//     "saves"), or survey and business figures ("satisfaction", "uptime",
//     "market share"); "returns 2.5% of documents" and "a 10% markup" are
//     descriptions, not claims (kPercentClaim in claims_check.cc);
//   - a percentage or ratio in a sentence about configuration or
//     measurement ("set the watermark to 85%", "when usage exceeds 90%",
//     "the 99th percentile", "sample 1 in 100 requests"): the sentence names
//     a threshold, limit, setting, default or sampling (kTechnicalPercent);
//   - a multiple without a comparison ("retry 3 times", "a 2 x 2 grid");
//   - advice phrased with a superlative: "the best way to", "best
//     practices", "best-effort", "for the best performance", "choose the
//     fastest option", "to the best of our knowledge", "all the best";
//   - "#1" that is not a ranking ("step #1", "issue #1"), and negated
//     claims ("isn't 100% reliable", "not world-class");
//   - "N of M" without a population ("step 2 of 5", "1 of 3 replicas");
//   - "guarantee" as a technical property ("ordering is guaranteed within a
//     partition"): only marketing phrasing is matched;
//   - with `absolutes: true`: instructions that open with the word
//     ("Always set X", "Never commit secrets") and qualified forms
//     ("almost always", "not every", "nearly never").
//   - someone else's words (checks/document/reported_speech.h: block
//     quotes, transcript turns, quotations, interview/panel/Q&A pages) and
//     marked opinions ("I feel metrics are the most powerful signal");
//   - common knowledge conceded to be corrected: an appeal such as "It is
//     well known that Rust does not have exceptions as such." whose next
//     sentence in the paragraph turns against it ("But Rust _does_
//     support unwinding!"; opening with but, however, yet, still, in
//     fact, actually);
//   - a hedged superlative ("arguably", "seems", "one of the") on a page
//     that presents its own data (kOwnData: "We received 9,354
//     responses"): "a larger community than ever" closing a survey post
//     whose response counts show it. Unhedged ("More people are using
//     Rust than ever before!") it is still reported;
//   - "the best" / "the most X" that compares the options a page presents
//     rather than ranking against the market (kMarketScope,
//     kProductCategory in claims_check.cc), definitions, advice and
//     aspirations ("we want Rust to be the most reliable ..."), hedged
//     questions;
//   - example text ("The following example ...", tables of samples, list
//     items under "for example:");
//   - in a release's notes (a title such as "Announcing Rust 1.64.0",
//     "Acme 2.3 released", "Release notes", "What's new in 5.0"), a figure
//     in a sentence stating a change the release makes ("improvements of
//     10-20%", "a 3-10% improvement in compile times") with no comparison
//     with others ("than"): the project's own measurement (kReleaseNotesTitle,
//     kOwnChange; two of the eight statistics judged on the corpus-formats
//     Rust blog were such);
//   - statistics the page itself backs (kOwnData, kShownHere, a table of
//     figures or a results chart above, arithmetic on the page's numbers,
//     a source in the list's lead-in or the table row), numbers in
//     headings, "100% open source", "doubled-up".
// Every figure of a sentence is its own statistic finding (a range such as
// "60–80%" is one, at its start); one superlative and one weasel finding
// per sentence. Buzzwords and absolutes that the prohibited check's
// default lists own ("world-class", "100% secure") are not matched here,
// so that one span is one finding.
//
// Confidence, in hundredths, computed per finding, then floored at 0.10:
//   base   0.70 weasel-source: an appeal to unnamed evidence is almost
//               always a problem when nothing is cited;
//          0.60 unsupported-statistic and marketing superlatives: often
//               real claims, but a source may sit where the check does not
//               look (a caption, the page's reference list);
//          0.40 bare absolutes (absolutes: true): most are instructions or
//               true statements about software;
//   -0.20  a source (link, footnote, citation) is elsewhere in the same
//          paragraph, though not in the sentence or the next one: it may
//          well support the claim;
//   -0.20  the sentence names who says it ("according to Gartner",
//          "a study by Forrester", "IDC's 2023 report") without a link;
//   -0.20  superlatives and absolutes only: the sentence is hedged ("may",
//          "might", "could", "can be", "often", "usually", "typically",
//          "generally", "probably", "likely", "arguably", "one of the",
//          "among the", "in most cases", "tends to") or is a question;
//   -0.10  the sentence is a table cell (a table's figures are often
//          sourced by its caption or the text around it).
// So no finding reaches the default routing.min_confidence of 0.8: by
// default a claim sends a draft to review (an editor judges), never to
// fail. These numbers are editorial judgment, not measurements; they only
// order the review queue (most likely problems first).
//
// Settings (all optional):
//   statistics: true|false      report claims/unsupported-statistic
//                               (default true)
//   superlatives: true|false    report marketing superlatives (default
//                               true)
//   absolutes: true|false       also report the bare absolutes listed above
//                               under claims/superlative (default false:
//                               in the shared corpus they are almost all
//                               instructions, "always set X")
//   weasel_sources: true|false  report claims/weasel-source (default true)
//   own_hosts: list of hosts of the product's own site ("www.acme.com",
//       ".acme.com" for the domain and its subdomains): links there are not
//       sources for a claim (a pricing page backs no statistic).
//   front_matter_keys: front-matter keys whose string values are read for
//       claims too, such as [description] (the meta description, published
//       as the search snippet); default none. A value cites nothing, so
//       its claims are reported with no source to look for (quotations,
//       allowed phrases and marked opinions excepted), each with " (In the
//       front matter's 'KEY'.)" added to its message; the range is the
//       phrase on a one-line value, else the whole value.
//   allow: list of approved claims (for example, approved by legal). A
//       sentence that contains an entry is not reported at all. A plain
//       entry is a phrase, matched case-insensitively with any run of
//       whitespace matching any run ("99.9% uptime SLA"); an entry written
//       between slashes is an RE2 pattern, case-sensitive unless it says
//       (?i) ("/[0-9]+ out of [0-9]+ dentists/"). An empty entry, an
//       invalid pattern, or turning every category off is an error.
//
// Ranges: a finding spans the matched phrase exactly ("40%", "3x faster",
// "studies show"); its excerpt is the sentence (plain text, at most about
// 200 bytes, cut around the phrase when longer).
//
// Patterns are RE2 (linear time), compiled once when the rulebook loads;
// Run() only reads them, so it is thread-safe.
#ifndef PROOFGATE_CHECKS_CLAIMS_CLAIMS_CHECK_H_
#define PROOFGATE_CHECKS_CLAIMS_CLAIMS_CHECK_H_

#include "checks/check.h"

namespace proofgate {

// The registry entry: name "claims", the three rules above with their
// default severities, and a factory that validates the settings above
// (errors through Settings, at the offending value) and compiles every
// pattern once. Cheap to call; the check it builds is immutable.
CheckSpec ClaimsCheckSpec();

}  // namespace proofgate

#endif  // PROOFGATE_CHECKS_CLAIMS_CLAIMS_CHECK_H_

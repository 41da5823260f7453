#include "checks/claims/claims_check.h"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <string_view>
#include <utility>

#include "checks/ascii.h"
#include "checks/document/front_matter.h"
#include "checks/document/reported_speech.h"
#include "checks/document/utf8.h"
#include "checks/matching/source_nearby.h"

namespace proofgate {

namespace {

// What a pattern detects; decides the rule and the base confidence.
enum class Kind {
  kStatistic,    // claims/unsupported-statistic
  kSuperlative,  // claims/superlative, marketing phrasing
  kAbsolute,     // claims/superlative, bare absolutes (absolutes: true)
  kWeasel,       // claims/weasel-source
};

// Conditions a match must also meet, checked in code since RE2 has no
// look-around.
enum class Filter {
  kNone,
  kPercent,      // in a claim context, and not kTechnical
  kTechnical,    // not in a sentence about configuration or measurement
  kSuperlative,  // not advice ("the best way", "for the best results")
  kNumberOne,    // "#1" reads as a ranking, not "step #1"
  kNotNegated,   // not denied ("isn't 100% reliable", "no zero downtime")
  kAbsolute,     // not qualified ("almost always"), not an opening command
  kDoubling,     // not a compound ("doubled-up"), not kTechnical
  kMoney,        // a sum in a claim of savings, fines, revenue
  kCount,        // a large count of people or downloads, not kTechnical
  kRate,         // a measured time for an amount ("114 ms for 5 MB")
  kRatio,        // of people or opinions, not kTechnical
  kPromise,      // promised ("ensures", "offers", "with"), not qualified
  kWeaselData,   // unnamed data ("metrics consistently show"), not "the
                 // metrics" of a dashboard the page describes
};

struct PatternSpec {
  Kind kind;
  Filter filter;
  const char* regex;  // case-insensitive; group 1 is the claim phrase
};

// The claim patterns. Word lists come from editorial style guides' lists of
// unsupported claims (Microsoft Writing Style Guide, "Superlatives";
// Wikipedia's Manual of Style, "Words to watch": puffery, weasel words) and
// from reading the shared corpus for what technical writing uses otherwise.
constexpr PatternSpec kPatterns[] = {
    // Statistics.
    // A percentage, or a range of them as one span at its start ("60–80%",
    // "30--40%", "50 to 67% of respondents").
    {Kind::kStatistic, Filter::kPercent,
     R"((?:^|[^\w.])((?:\d+(?:[.,]\d+)*\s?%?\s?(?:–|—|-{1,2}|to)\s?)?)"
     R"(\d+(?:[.,]\d+)*\s?(?:%|percent\b|per\s?cent\b)))"},
    // Money in a claim ("save up to $26,100 over five years", "up to
    // $50,000 per violation"); prices alone are not claims (kMoney).
    {Kind::kStatistic, Filter::kMoney,
     R"((?:^|[^\w$€£])((?:US)?[$€£]\s?\d[\d,]*(?:\.\d+)?)"
     R"((?:\s?(?:k|K|M|B|bn|million|billion|thousand)\b)?))"},
    // Large counts of people or downloads ("947.6 million downloads",
    // "over 10,000 customers").
    {Kind::kStatistic, Filter::kCount,
     R"(\b((?:\d+(?:\.\d+)?\s?(?:million|billion|thousand)|\d{1,3}(?:,\d{3})+)\+?)"
     R"(\s+(?:\w+\s+)?(?:downloads|installs|installations|users|customers|)"
     R"(developers|companies|organi[sz]ations|businesses|enterprises|)"
     R"(subscribers|members|visitors|contributors|people|teams))\b)"},
    // A measured time for an amount ("114 ms for 5 MB", "2 seconds per
    // 1,000 documents").
    {Kind::kStatistic, Filter::kRate,
     R"(\b(\d+(?:\.\d+)?\s?(?:ms|milliseconds?|µs|microseconds?|s|secs?|)"
     R"(seconds?|minutes?)\s+(?:for|per)\s+(?:every\s+)?\d[\d,.]*\s?)"
     R"((?:[KMGT]i?B|bytes|rows|records|documents|docs|requests|events|spans|)"
     R"(items|files|queries|messages))\b)"},
    // A statistic in words ("the majority of contributors", "two-thirds of
    // users").
    {Kind::kStatistic, Filter::kTechnical,
     R"(\b((?:(?:the\s+)?(?:vast\s+|overwhelming\s+|great\s+)?majority|)"
     R"((?:two|three)[- ]thirds|(?:three|two)[- ]quarters|half)\s+of\s+)"
     R"((?:(?:all|our|the|their|surveyed|today's)\s+)?(?:\w+\s+)?)"
     R"((?:respondents|users|customers|clients|developers|companies|)"
     R"(organi[sz]ations|businesses|enterprises|teams|people|participants|)"
     R"(contributors|engineers|professionals|consumers|buyers|marketers|)"
     R"(leaders|adults|americans|employees)\s+(?:say|said|agree|agreed|)"
     R"(prefer|preferred|report|reported|believe|believed|want|wanted|chose|)"
     R"(choose|trust|trusted|plan|planned|expect|expected|rate|rated))\b)"},
    {Kind::kStatistic, Filter::kNone,
     R"(\b((?:\d+(?:\.\d+)?\s?(?:x|×)|(?:\d+(?:\.\d+)?|two|three|four|five|)"
     R"(six|seven|eight|nine|ten|a\s+hundred|hundred|a\s+thousand|)"
     R"(thousand)\s+times)\s+(?:faster|slower|quicker|cheaper|better|more|)"
     R"(less|fewer|higher|lower|smaller|larger|bigger|greater)|)"
     R"(\d+(?:\.\d+)?x\s+(?:improvement|speed-?up|increase|reduction|boost|)"
     R"(gain)s?|(?:twice|thrice|(?:two|three|four|five|six|seven|eight|nine|)"
     R"(ten|\d+)\s+times)\s+as\s+\w+|\d+-fold|(?:two|three|four|five|ten|)"
     R"(hundred)fold)\b)"},
    // A ratio of people ("Nine out of ten admins agree"), not of things
    // ("3 out of 14 challenges have been solved", "two out of three search
    // terms").
    {Kind::kStatistic, Filter::kRatio,
     R"(\b((?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+)"
     R"((?:out\s+of\s+(?:every\s+)?(?:\d+(?:,\d{3})*|two|three|four|five|)"
     R"(six|seven|eight|nine|ten|a\s+hundred|a\s+thousand|hundred|thousand)|)"
     R"(in\s+(?:every\s+)?(?:\d{1,3}(?:,\d{3})*|two|three|four|five|six|)"
     R"(seven|eight|nine|ten|a\s+hundred|a\s+thousand)))\b)"},
    {Kind::kStatistic, Filter::kNone,
     R"(\b(\d+\s+of\s+(?:every\s+)?(?:the\s+)?(?:top\s+)?\d+(?:\s+\w+)?\s+)"
     R"((?:people|users|customers|clients|developers|companies|)"
     R"(organi[sz]ations|businesses|enterprises|teams|respondents|experts|)"
     R"(engineers|doctors|dentists|professionals|leaders|banks|retailers|)"
     R"(brands)|\d+\s+of\s+the\s+(?:fortune|global|forbes)\s+\d+)\b)"},
    // A speed stated in words ("create a cluster of thousands of nodes in
    // seconds", kubernetes-contributor-site/blog/2023/
    // 2023-03-01-introducing-kwok/index.md).
    {Kind::kStatistic, Filter::kTechnical,
     R"(\b((?:hundreds|thousands|millions|billions)\s+of\s+[\w-]+\s+)"
     R"((?:in|within|under)\s+(?:(?:a\s+few|mere|just)\s+)?(?:seconds|)"
     R"(milliseconds|minutes|a\s+second|a\s+minute))\b)"},
    // A cost claimed as small, with its figure ("with low overhead, low CPU
    // (~1%), and memory usage in production environments",
    // opentelemetry-docs/blog/2024/
    // elastic-contributes-continuous-profiling-agent.md): a performance
    // claim even though CPU figures are otherwise readings (kTechnical).
    {Kind::kStatistic, Filter::kNotNegated,
     R"(\b(?:low|minimal|negligible|little|tiny)\s+(?:[\w-]+\s+){0,2}?)"
     R"((?:overhead|cpu|memory|footprint|impact)\s*\(?\s*)"
     R"((?:~|<|≈|under\s+|less\s+than\s+|about\s+)?(\d+(?:\.\d+)?\s?%))"},
    {Kind::kStatistic, Filter::kDoubling,
     R"(\b((?:doubl|tripl|quadrupl)(?:ed|ing)|halv(?:ed|ing)|cut\s+in\s+half|)"
     R"((?:doubles|triples|quadruples|halves)\s+(?:the|your|its|their|our))\b)"},
    // Superlatives and marketing absolutes.
    {Kind::kSuperlative, Filter::kSuperlative,
     R"(\b((?:the|our|its|their)\s+(?:very\s+)?(?:best|fastest|cheapest|)"
     R"(most\s+(?:powerful|advanced|popular|trusted|secure|reliable|complete|)"
     R"(comprehensive|innovative|scalable|efficient|performant|affordable|)"
     R"(accurate|flexible|widely\s+used)))\b)"},
    // Buzzwords without a comparison ("world-class", "industry-leading",
    // "unparalleled", "game-changer") belong to the prohibited check's hype
    // list, so that one span is one finding; these rank against the world.
    {Kind::kSuperlative, Filter::kNotNegated,
     R"(\b(class[- ]leading|world['’]s\s+(?:leading|best|)"
     R"(fastest|first|largest|biggest|most\s+\w+)|second\s+to\s+none|)"
     R"(unbeatable|unsurpassed)\b)"},
    {Kind::kSuperlative, Filter::kNumberOne,
     R"((?:^|[^\w#&])(#\s?1|no\.\s?1|number[- ]one)\b)"},
    // Guarantees and compliance claims. The absolutes of the prohibited
    // check's absolute-claims list ("100% secure", "risk-free", "never
    // fails", "guaranteed results") are left to it: one span, one finding.
    {Kind::kSuperlative, Filter::kNotNegated,
     R"(\b((?:money[- ]back|satisfaction|lifetime)\s+guarantee|guaranteed\s+)"
     R"((?:savings?|satisfaction|compliance|security|privacy|protection|)"
     R"(returns?|to\s+(?:save|grow|double|comply))|(?:satisfaction|)"
     R"(compliance)\s+guaranteed|we\s+guarantee\s+(?:you|your|results|)"
     R"(satisfaction|savings|success)|guarantee[sd]?\s+(?:full|)"
     R"(complete|total|absolute|perfect|maximum|100\s?%)\s+[\w-]+|(?:fully|)"
     R"(completely|totally|100\s?%)\s+(?:adheres?|adhering|compl(?:y|ies|)"
     R"(ying|iant)|conforms?|conformant)\s+(?:to|with)\s+[\w-]+|100\s?%\s+)"
     R"((?:available|satisfaction|effective|bug[- ]free|compliant)|never\s+)"
     R"((?:goes\s+down|crash(?:es)?|lets\s+you\s+down)|works\s+every\s+)"
     R"(time)\b)"},
    // "zero downtime" as a promise ("rolling restarts ensure zero
    // downtime"), not as a requirement ("whether your migration requires
    // planned downtime or zero downtime") or qualified ("little to zero").
    {Kind::kSuperlative, Filter::kPromise, R"(\b(zero\s+downtime)\b)"},
    {Kind::kSuperlative, Filter::kNotNegated,
     R"(\b((?:all|every)\s+(?:of\s+(?:our|the)\s+)?customers?|)"
     R"((?:everyone|everybody)\s+(?:loves|agrees|trusts|prefers))\b)"},
    // The whole field as the comparison, and firsts: "More people are
    // using Rust than ever before!" (rust-blog/Rust-Survey-2023-Results),
    // "we still do better than many other tech communities"
    // (rust-blog/2025-state-of-rust-survey-results), "deliver features
    // that other frameworks cannot", "deliver unmatched performance
    // features" (astro-docs/concepts/why-astro.mdx), "helps make Rust
    // people's first choice" (rust-blog/six-years-of-rust.md), "the first
    // mainstream JavaScript web framework" (astro-docs/concepts/
    // islands.mdx). Not "the first major component of Servo to be
    // integrated with Firefox" (rust-blog: a fact about the project's own
    // history), "easier than ever" (a product's own progress),
    // "your first choice" (advice), "the first choice with 36.9%" (data),
    // "unmatched: heuristic" (a setting).
    {Kind::kSuperlative, Filter::kNotNegated,
     R"(\b(more\s+(?:people|users|developers|companies|organi[sz]ations|)"
     R"(teams|businesses|customers|contributors)\s+(?:\w+\s+){0,5}?than\s+)"
     R"(ever(?:\s+before)?|(?:larger|bigger)\s+(?:community|audience|)"
     R"(ecosystem|user\s+base)\s+than\s+ever(?:\s+before)?|better\s+than\s+)"
     R"((?:many|most|all|any)\s+(?:of\s+the\s+)?other\s+(?:[\w-]+\s+)?)"
     R"((?:communities|frameworks|languages|tools|projects|products|)"
     R"(platforms|solutions|databases|vendors|libraries|services)|)"
     R"((?:that|which)\s+(?:no\s+)?other\s+(?:[\w-]+\s+)?(?:frameworks|)"
     R"(languages|tools|products|platforms|solutions|databases|vendors|)"
     R"(libraries|services)\s+(?:cannot|can['’]t|can\s+not|don['’]t|)"
     R"(do\s+not|lack)|(?:people['’]s|(?:developers|users|companies|teams|)"
     R"(engineers)['’])\s+(?:first|top)\s+choice|the\s+first\s+)"
     R"((?:mainstream|widely[- ]used|production[- ]ready|truly)\s+)"
     R"([\w-]+|unmatched\s+(?:performance|speed|reliability|security|)"
     R"(scalability|features|quality|flexibility|experience|support|value|)"
     R"(accuracy))\b)"},
    // Promises with no exception, in marketing phrasing ("instrument all
    // applications (all programming languages, all libraries) with zero
    // effort", "Your applications never get slower by adding telemetry",
    // "No effort, no downtime": opentelemetry-docs/blog/2025/
    // obi-announcing-first-release.md, which also promises "no new
    // security vulnerabilities" and that "you can ... be certain it will
    // not destabilize your system"); not qualified ("Almost all
    // programming languages can call C").
    {Kind::kSuperlative, Filter::kAbsolute,
     R"(\b((?:zero|no)[- ]effort|never\s+(?:gets?|becomes?|goes|runs?)\s+)"
     R"(slower|never\s+slows?\s+(?:\w+\s+)?down|all\s+programming\s+)"
     R"(languages|(?:no|zero)\s+(?:new\s+)?(?:security\s+)?)"
     R"((?:vulnerabilities|security\s+risks?)|be\s+(?:certain|assured)\s+)"
     R"((?:that\s+)?(?:it|this|they)\s+will)\b)"},
    // Bare absolutes (only with absolutes: true).
    {Kind::kAbsolute, Filter::kAbsolute,
     R"(\b(always|never|every|everyone|everybody|everything|nobody|forever)\b)"},
    // Appeals to unnamed evidence.
    {Kind::kWeasel, Filter::kWeaselData,
     R"(\b((?:studies|research|experts|scientists|analysts|surveys|)"
     R"(researchers|doctors)\s+(?:have\s+|has\s+)?(?:show|shows|shown|prove|)"
     R"(proves|proven|suggest|suggests|indicate|indicates|confirm|confirms|)"
     R"(agree|agrees|say|says|found|find|finds|demonstrate|demonstrates|)"
     R"(demonstrated|recommend|recommends|believe|believes))\b)"},
    {Kind::kWeasel, Filter::kWeaselData,
     R"(\b((?:data|metrics|benchmarks|tests|numbers|statistics|figures|)"
     R"(reports|results|findings|evidence)\s+(?:(?:consistently|clearly|)"
     R"(repeatedly|overwhelmingly|always)\s+(?:show|shows|prove|proves|)"
     R"(demonstrate|demonstrates|confirm|confirms|indicate|indicates|suggest|)"
     R"(suggests)|(?:show|shows|prove|proves)\s+that))\b)"},
    {Kind::kWeasel, Filter::kNone,
     R"(\b((?:many|most|some|leading|top)\s+(?:experts|scientists|analysts|)"
     R"(researchers|doctors)\s+(?:agree|say|believe|think|recommend|consider|)"
     R"(prefer|know)|many\s+people\s+(?:say|believe|think|agree))\b)"},
    {Kind::kWeasel, Filter::kNone,
     R"(\b(it\s+is\s+(?:well[- ]known|widely\s+(?:known|accepted|believed|)"
     R"(recogni[sz]ed|acknowledged)|common\s+knowledge|generally\s+)"
     R"((?:accepted|agreed|believed|known))|(?:widely|generally)\s+)"
     R"((?:regarded|considered|recogni[sz]ed|accepted|believed)\s+)"
     R"((?:as|to\s+be)|according\s+to\s+(?:experts|studies|research|)"
     R"(scientists|analysts|many|some)|(?:clinically|scientifically)\s+proven|)"
     R"(it\s+has\s+been\s+(?:shown|proven|demonstrated)|(?:some|many)\s+)"
     R"((?:say|would\s+say|argue|claim))\b)"},
};

// What makes a percentage a claim: a share of a population ("78% of
// respondents"), a change or comparison ("cut costs by 40%", "30% faster"),
// or survey and business figures. Without one, a percentage describes
// behaviour ("returns 2.5% of documents", "a 10% markup") and is not
// reported.
constexpr const char* kPercentClaim =
    R"((?i)\bof\s+(?:(?:all|the|our|their|total|surveyed)\s+)*(?:\w+\s+)?)"
    R"((?:respondents|users|customers|clients|developers|companies|)"
    R"(organi[sz]ations|businesses|enterprises|teams|people|attendees|)"
    R"(participants|contributors|maintainers|engineers|members|employees|)"
    R"(professionals|adults|consumers|buyers|shoppers|visitors|readers|)"
    R"(marketers|leaders)\b|\b(?:respondents|attendees|participants|)"
    R"(customers|survey\w*|increas\w*|decreas\w*|reduc\w*|improv\w*|)"
    R"(boost\w*|sav(?:e|es|ed|ing|ings)|grow(?:s|th|n)?|grew|drop(?:s|ped)?|)"
    R"(rose|rise[sn]?|jump(?:s|ed)?|gain(?:s|ed)?|cut(?:s|ting)?|slash\w*|)"
    R"(faster|slower|quicker|cheaper|better|worse|fewer|uptime|accuracy|)"
    R"(satisf\w*|majority|minority|market\s+share|adoption|conversions?|)"
    R"(roi|revenue|sales|churn|retention)\b|%\s+(?:more|less|higher|lower|)"
    R"(greater|smaller|larger|bigger|success|completion|conversion|approval|)"
    R"(win|open|click-through|renewal)\b)";

// A sentence about configuration or measurement: its percentages and
// ratios are settings or readings, not claims ("set the disk watermark to
// 85%", "reduce the sampling rate to 10%", "1 in 100 requests is sampled").
constexpr const char* kTechnicalPercent =
    R"((?i)\b(?:thresholds?|watermarks?|limits?|settings?|set\s+to|)"
    R"(defaults?|configur\w*|parameters?|percentiles?|quantiles?|p\d\d|)"
    R"(ratio|sampl\w*|exceed\w*|reach\w*|trigger\w*|quota|budget|)"
    R"(opacity|width|height|zoom|progress|probability|weights?|margin|)"
    R"(padding|scale|heap|cpu|memory|interval|recall|utili[sz]\w*|)"
    R"((?:document|relevance|similarity|bm25)\s+scores?)\b|%\s+or\s+(?:fewer|)"
    R"(more|less|higher|lower|greater|above|below)\b|\b(?:increas|decreas|)"
    R"(rais|lower|reduc)\w*\s+(?:\S+\s+){0,4}?to\s+(?:up\s+to\s+)?\d)";

// What makes "the best" or "the most X" a claim about the market rather
// than a comparison among the options a page presents ("OTLP provides the
// best compatibility", "custom controls are the most flexible components
// of a formatting file", "thread jobs provide the best performance when
// ..."; 14 of 21 false superlatives judged on the shared corpus were such
// comparisons): the world, the industry or other products as the field
// ("of other popular shells", "on the market", "ever"), or a product
// category as what is ranked ("the fastest database"), right after it
// (kProductCategory) or as the sentence's scope (kMarketScope).
constexpr const char* kMarketScope =
    R"((?i)\b(?:(?:in|on)\s+the\s+(?:world|industry|market|planet|)"
    R"(business)|on\s+the\s+market|of\s+(?:all|any)\s+(?:time|kind|)"
    R"(other)|than\s+(?:any|all)\b|ever\s+(?:built|made|created|)"
    R"(released)|of\s+its\s+kind|in\s+its\s+class|in\s+history|)"
    R"(competitors?|competition|other\s+(?:popular\s+|leading\s+|major\s+)?)"
    R"((?:shells|tools|products|platforms|solutions|databases|vendors|)"
    R"(providers|editors|frameworks|languages|services))\b)";
constexpr const char* kProductCategory =
    R"((?i)^(?:[\s,]+(?:and|or|[\w-]+)){0,4}?\s+(?:databases?|platforms?|)"
    R"(tools?|solutions?|products?|providers?|vendors?|compan(?:y|ies)|)"
    R"(frameworks?|shells?|engines?|apps?|editors?|software|services?|)"
    R"(brands?|offerings?|suites?|CMS)\b)";
// A definition, not a claim: "the best pattern is the one that ...".
// Also advice ("the best solution is to look for a rented server") and
// aspiration ("We want Rust to be the most reliable programming platform
// in the world").
constexpr const char* kDefinitional =
    R"((?i)\b(?:is|are)\s+(?:the\s+ones?|whichever|whatever|those)\s+)"
    R"((?:that|which|who|you)\b|\b(?:best|fastest|simplest|easiest)\s+)"
    R"([\w-]+\s+(?:is|are|would\s+be|was)\s+to\b|\b(?:want|wants|aim|aims|)"
    R"(strive|strives|hope|hopes|aspire|aspires|goal\s+is|mission\s+is)\s+)"
    R"((?:\w+\s+){0,3}?to\b)";
// The speaker's own opinion, marked as such ("I feel metrics are the most
// powerful signal", "what I think was the world's first").
constexpr const char* kOpinion =
    R"((?i)\b(?:I\s+(?:think|feel|believe|guess|find|would\s+say|'d\s+say)|)"
    R"(in\s+my\s+(?:opinion|view|experience)|to\s+me)\b)";
// A description of the page's example, not a claim: "The following
// example requires a document to match at least two out of three terms",
// "The following query ... then doubles their relevance scores".
constexpr const char* kExampleSentence =
    R"((?i)(?:^\W*(?:the|this|that)\s+(?:following\s+|above\s+|previous\s+|)"
    R"(preceding\s+)?(?:\w+\s+)?(?:examples?|quer(?:y|ies)|requests?|)"
    R"(commands?|snippets?|code|scripts?|pipelines?|configurations?|)"
    R"(aggregations?|responses?)\b|\b(?:in|from)\s+(?:the|this)\s+)"
    R"((?:\w+\s+)?example\b|^\W*(?:example|before|after|input|output)\s*:|)"
    R"(^\W*for\s+(?:example|instance),?\s+(?:if|when|suppose|assume|say)\b))";
// The page's own evidence, pointed at: "In the histogram example above",
// "as shown by the following latency metrics"; or the authors' own
// observation of their own systems ("We're seeing up to a 12% reduction
// in compile times", "some of our API endpoints getting a 10-15%
// performance boost"). "Our customers save 40%" is still a claim. Not "the
// following table" or "the following output formats", which list options, not
// data.
constexpr const char* kShownHere =
    R"((?i)\b(?:as\s+shown\s+(?:above|below|in\s+the\s+(?:following|)"
    R"(preceding|previous|table|chart|graph|figure)|by\s+the\s+following)|)"
    R"((?:the|this|these)\s+(?:following|preceding|previous)\s+(?:\w+\s+)?)"
    R"((?:results|metrics|measurements|benchmarks|numbers|figures|)"
    R"(statistics)|(?:examples?|output|results|benchmarks?)\s+(?:(?:mentioned|)"
    R"(shown|given|described)\s+)?(?:above|below)|(?:table|chart|graph|figure|plot)\s+(?:(?:below|above)\s+)?)"
    R"((?:shows?|presents?|summari[sz]es)|(?:you|we)\s+can\s+(?:\w+\s+){0,2})"
    R"(see|of\s+the\s+(?:respondents|responders|attendees|participants|)"
    R"(voters)|(?:we|I)(?:['’]re|\s+are|['’]ve|\s+have)?\s+(?:been\s+)?)"
    R"((?:seeing|saw|see|observed?|measured|recorded|achieved|found)|)"
    R"((?:were|was)\s+(?:recorded|measured|observed)|in\s+(?:our|)"
    R"(preliminary|internal)\s+(?:testing|tests|benchmarks|measurements)|)"
    R"(we\s+(?:have\s+)?served|our\s+(?:own\s+)?(?:API|APIs|API\s+endpoints|)"
    R"(endpoints|servers?|infrastructure|CI|builds?|test\s+suite|tests|)"
    R"(pipelines?|clusters?|site|website|services?|bandwidth|traffic))\b)";
// A page that reports data it collected itself: a survey, poll, election
// or measurement it ran, with a sample or a method ("The 104 responses we
// received", "we conducted another survey", "this survey reached",
// "we observe compression factors of 15x to 30x"). "In our survey, 4 of 5
// developers chose Acme" alone discloses nothing and stays a claim. Its figures
// are its findings: the page is their source (9 of 23 false statistics judged
// on the corpus were survey-results posts reporting their own survey).
constexpr const char* kOwnData =
    R"((?i)\b(?:(?:we|I)(?:['’]ve|\s+have|\s+had)?\s+(?:recently\s+)?)"
    R"((?:conducted|ran|surveyed|polled|measured|benchmarked|observed?|)"
    R"(received|collected)\b|\d[\d,]*\s+(?:responses|respondents|)"
    R"(participants|ballots)\b|(?:the\s+|this\s+)?)"
    R"(survey\s+(?:received|reached|had|got|skews|results|participants|)"
    R"(respondents)|survey['’]s\s+(?:findings|results)|who\s+took\s+the\s+)"
    R"(survey))";
// The title of a project's release notes: "Announcing Rust 1.64.0",
// "Acme 2.3 released", "Release notes for 4.1", "What's new in 5.0". The
// figures of such a page that describe the release's own changes ("profile-
// guided optimization, providing performance improvements of 10-20%") are
// the project's own measurements, published with the changelog it links.
constexpr const char* kReleaseNotesTitle =
    R"((?i)^\s*(?:announcing\s+.*\bv?\d+\.\d+|.*\bv?\d+\.\d+(?:\.\d+)*\s+)"
    R"((?:is\s+)?(?:now\s+)?(?:released|available)\b|.*\brelease\s+notes\b|)"
    R"(what['’]s\s+new\s+in\s+.*\bv?\d+\.\d+))";
// A change the release itself makes ("improvements of", "faster", "a 3-10%
// improvement in compile times"), not a comparison with others ("than").
constexpr const char* kOwnChange =
    R"((?i)\b(?:improv\w*|speed\w*|faster|reduc\w*|smaller|less|fewer|)"
    R"(boost\w*|gains?|wins?)\b)";
// A list item's lead-in that introduces examples ("for example:").
constexpr const char* kExampleLeadIn =
    R"((?i)\b(?:examples?|for\s+instance|e\.g\.|samples?|illustrat\w*)\b)";
// A table of samples: a header cell naming examples, inputs or outputs.
constexpr const char* kSampleHeader =
    R"((?i)\|\s*(?:examples?|samples?|sample\s+\w+|example\s+\w+|input|)"
    R"(output|before|after|result)\s*(?:\||$))";
// Claim contexts for a sum of money (kMoney).
constexpr const char* kMoneyClaim =
    R"((?i)\b(?:sav(?:e|es|ed|ing|ings)|up\s+to|fines?|penalt\w*|)"
    R"(violations?|los(?:e|es|t|s|ing)|revenue|worth|earn\w*|roi|returns?|)"
    R"(cost\s+(?:businesses|companies|the\s+economy))\b)";
// Negations that scope over a claim within a few words of the same clause:
// "not necessarily the best one", "you don't need to be ...".
constexpr const char* kNegatedBefore =
    R"((?i)(?:^|[^\w'’])(?:not|no|never|nor|neither|without|hardly|cannot|)"
    R"(\w+n['’]t)((?:\s+[^\s,;:.!?()]+){0,3}\s+)$)";

// A number: "1,913", "15,968.78", "43"; not part of a word or version
// ("v1.2", "p99") — group 1 is the digits.
constexpr const char* kNumber =
    R"((?:^|[^\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))"
    R"((?:ms|s|min|h|[KMGT]i?B|x|k)?(?:[^\w]|$))";
// A list item's container markers before its paragraph ("- ", "  1. ").
// Words around a superlative that make it advice, not a claim.
constexpr std::string_view kAdviceAfter[] = {
    "way",       "ways",     "practice", "practices", "approach", "approaches",
    "option",    "options",  "method",   "methods",   "fit",      "match",
    "matches",   "effort",   "place",    "places",    "use",      "time",
    "thing",     "things",   "case",     "of",        "known",    "possible",
    "setup",     "strategy", "fits",     "suited",    "chance",   "course",
    "available", "efforts",  "part",     "choice"};
constexpr std::string_view kAdviceBefore[] = {
    "for",       "get",      "getting", "achieve", "obtain", "ensure",
    "choose",    "choosing", "pick",    "select",  "find",   "finding",
    "determine", "identify", "to",      "which",   "what",   "all",
    "at",        "do",       "does",    "doing",   "did",    "try",
    "tries",     "trying",   "decide",  "detect",  "use"};
// Words that rank, around "#1" / "number one".
constexpr std::string_view kRankBefore[] = {
    "the", "our", "a",  "ranked",  "rated",     "voted",
    "is",  "are", "as", "world's", "industry's"};
constexpr std::string_view kRankAfter[] = {
    "choice",  "platform", "tool",   "solution", "provider",
    "vendor",  "product",  "app",    "brand",    "seller",
    "selling", "rated",    "ranked", "spot",     "position"};
// Words before a claim that deny it.
constexpr std::string_view kNegations[] = {
    "not", "isn't",  "aren't",  "wasn't", "weren't", "no",     "never",
    "nor", "hardly", "without", "isnt",   "arent",   "cannot", "can't"};
// Words before an absolute that qualify it.
constexpr std::string_view kQualifiers[] = {
    "almost", "nearly", "not",     "virtually", "practically", "hardly",
    "if",     "than",   "without", "nor",       "quite"};

// Hedges that soften a superlative or absolute.
constexpr const char* kHedge =
    R"((?i)\b(?:may|might|could|can\s+be|often|usually|typically|generally|)"
    R"(probably|likely|possibly|perhaps|arguably|one\s+of\s+the|among\s+the|)"
    R"(in\s+most\s+cases|tends?\s+to)\b)";
// A named source without a link. Case-sensitive: the name is capitalized.
constexpr const char* kAttribution =
    R"((?:(?i:according\s+to)\s+(?:the\s+)?[A-Z]|(?i:report|study|survey|)"
    R"(paper|benchmark|analysis|research)\s+(?i:by|from)\s+(?:the\s+)?[A-Z]|)"
    R"([A-Z][\w&.-]*['’]s\s+(?:\d{4}\s+)?(?i:report|study|survey|research|)"
    R"(benchmark|analysis)))";

template <size_t N>
bool Contains(const std::string_view (&words)[N], std::string_view word) {
  return std::find(std::begin(words), std::end(words), word) != std::end(words);
}

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\'';
}

// The lower-cased ASCII word that ends before `at`, skipping spaces and
// quotes; "" when there is none.
std::string WordBefore(std::string_view text, size_t at) {
  size_t end = at;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '"' ||
                     text[end - 1] == '*' || text[end - 1] == '_')) {
    --end;
  }
  size_t begin = end;
  while (begin > 0 && IsWordChar(text[begin - 1])) --begin;
  std::string word(text.substr(begin, end - begin));
  for (char& c : word) c = AsciiLower(c);
  return word;
}

// The lower-cased ASCII word that starts after `at`, skipping spaces and
// hyphens ("best-effort" -> "effort"); "" when there is none.
std::string WordAfter(std::string_view text, size_t at) {
  size_t begin = at;
  while (begin < text.size() && (text[begin] == ' ' || text[begin] == '-')) {
    ++begin;
  }
  size_t end = begin;
  while (end < text.size() && IsWordChar(text[end])) ++end;
  std::string word(text.substr(begin, end - begin));
  for (char& c : word) c = AsciiLower(c);
  return word;
}

// Whether only punctuation comes before `at`: the phrase opens its sentence.
bool OpensSentence(std::string_view text, size_t at) {
  for (size_t i = 0; i < at; ++i) {
    const char c = text[i];
    if (IsWordChar(c) || (c >= '0' && c <= '9')) return false;
  }
  return true;
}

// Sentence excerpt: the sentence, or, when longer, 200 bytes of it that
// start a quarter of the window before the phrase at `begin` (the length
// Finding::excerpt promises), cut on UTF-8 boundaries.
std::string SentenceExcerpt(std::string_view sentence, size_t begin) {
  constexpr size_t kMax = 200;
  if (sentence.size() <= kMax) return std::string(sentence);
  size_t start = begin > kMax / 4 ? begin - kMax / 4 : 0;
  while (start > 0 &&
         (static_cast<unsigned char>(sentence[start]) & 0xC0) == 0x80) {
    --start;
  }
  const std::string_view rest = sentence.substr(start);
  return std::string(rest.substr(0, Utf8PrefixLength(rest, kMax)));
}

struct Candidate {
  Kind kind;
  size_t begin = 0;  // byte offsets in the sentence text
  size_t end = 0;
};

struct Config {
  bool statistics = true;
  bool superlatives = true;
  bool absolutes = false;
  bool weasel_sources = true;
  std::vector<std::unique_ptr<RE2>> allow;
  // Hosts whose links are not evidence: the product's own site (see the
  // header, own_hosts). Lower-cased; ".example.com" covers subdomains.
  std::vector<std::string> own_hosts;
  // Front-matter keys whose string values are read for claims too (see
  // the header, front_matter_keys).
  std::vector<std::string> front_matter_keys;
};

// The built-in expressions beyond the claim patterns, compiled once.
struct Lexicon {
  std::unique_ptr<RE2> percent_claim, technical, hedge, attribution,
      market_scope, product_category, definitional, opinion, example_sentence,
      shown_here, own_data, example_lead_in, sample_header, money_claim,
      negated_before, number, release_notes_title, own_change;
};

// Facts about the whole draft, computed once, on its first candidate claim.
struct PageFacts {
  std::vector<SourceSpan> sources;    // links (not to own hosts), footnotes
  std::vector<SourceSpan> documents;  // those of `sources` that point at a
                                      // page, not at a site's home page
  std::vector<Voice> voices;          // per block
  std::vector<size_t> section;        // per block: headings at or before it
  std::vector<bool> list_item;        // per block: a list item's paragraph
  std::vector<int> section_line;      // per block: its section's first line
  bool discussion = false;            // ReportsDiscussion()
  bool own_data = false;              // the page reports its own data
  bool release_notes = false;         // a release's notes (kReleaseNotesTitle)
  // The first line of an image of results ("![collect from counter
  // benchmark results](...)"): the page shows its measurements from there.
  int results_figure_line = 0;  // 0: none
};

// What a sentence says about how likely its claims are fine as written;
// each lowers a finding's confidence (see the header) and adds a caveat.
struct SentenceTraits {
  bool paragraph_source = false;  // a source elsewhere in the paragraph
  bool attributed = false;        // names who says it, with no link
  bool hedge_word = false;        // "may", "often", "one of the", ...
  bool question = false;
  bool table = false;    // a table cell
  bool opinion = false;  // a marked opinion or a definition
  // Whether the sentence is hedged (a hedge word or a question) for a
  // claim of `kind`: that softens superlatives and absolutes only.
  bool Softens(Kind kind) const {
    return (hedge_word || question) &&
           (kind == Kind::kSuperlative || kind == Kind::kAbsolute);
  }
};

// How a list item's lead-in ("... we observed an upward trend:") bears on
// the item's claims.
enum class LeadIn { kNone, kSourced, kExamples };

// A number written in a text, as a value and its decimal places.
struct Number {
  double value = 0;
  int decimals = 0;
  size_t begin = 0;  // byte offsets in the text it came from
  size_t end = 0;
};

// Whether the page backs a sentence's statistics itself, worked out on
// the sentence's first figure (most sentences have none): for its later
// figures too.
struct StatisticBacking {
  int self_sourced = -1;     // unknown until a statistic needs it
  std::vector<Number> pool;  // when not: the numbers nearby (NumberPool)
};

// Parses "1,913", "15,968.78", "43" (not "v1.2", "p99", "2024-05").
std::vector<Number> NumbersIn(std::string_view text, const RE2& number) {
  std::vector<Number> out;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece digits;
  while (RE2::FindAndConsume(&input, number, &digits)) {
    Number n;
    std::string plain;
    for (char c : std::string_view(digits.data(), digits.size())) {
      if (c != ',') plain += c;
    }
    const size_t dot = plain.find('.');
    n.decimals =
        dot == std::string::npos ? 0 : static_cast<int>(plain.size() - dot - 1);
    n.value = std::strtod(plain.c_str(), nullptr);
    n.begin = static_cast<size_t>(digits.data() - text.data());
    n.end = n.begin + digits.size();
    out.push_back(n);
  }
  return out;
}

// Whether `figure` (a percentage when `percent`, else a multiple) follows
// from two numbers of `pool` as their ratio or relative change, to the
// precision it is written with ("increased 43% from 1,340 to 1,913";
// "372 times faster" after outputs of 15,968.78 ms and 42.92 ms; "a
// participation rate of 43%" after "701 ... were eligible ... 299 of them
// cast their ballot"), or restates a number of `pool` given to at least
// two decimals (a table's "82.84" above "ranging ... to 82.84%").
bool Derivable(const Number& figure, bool percent, bool approximate,
               const std::vector<Number>& pool) {
  // Half a unit of the last digit written; "about", "over", "~" allow 2%.
  double tolerance = 0.5 * std::pow(10.0, -figure.decimals) + 1e-9;
  if (approximate) tolerance = std::max(tolerance, 0.02 * figure.value);
  for (const Number& a : pool) {
    if (figure.decimals >= 2 && a.decimals == figure.decimals &&
        std::fabs(a.value - figure.value) < 1e-9) {
      return true;
    }
    for (const Number& b : pool) {
      if (&a == &b || b.value <= 0 || a.value <= 0) continue;
      const double ratio = a.value / b.value;
      if (percent) {
        // A share, a relative change, or two shares combined ("questions
        // and error reports (over 72% combined)" after 46.7% and 25.9%).
        if (std::fabs(100 * ratio - figure.value) <= tolerance ||
            (a.value + b.value <= 100 && a.decimals + b.decimals > 0 &&
             std::fabs(a.value + b.value - figure.value) <= tolerance) ||
            std::fabs(100 * std::fabs(ratio - 1) - figure.value) <= tolerance) {
          return true;
        }
      } else if (std::fabs(ratio - figure.value) <= tolerance) {
        return true;
      }
    }
  }
  return false;
}

// RE2 options that report errors as values, not on stderr.
RE2::Options QuietOptions();

// The claim patterns, each compiled with its spec.
using CompiledPatterns =
    std::vector<std::pair<const PatternSpec*, std::unique_ptr<RE2>>>;

class ClaimsCheck : public Check {
 public:
  // `patterns` and `allow` are compiled and valid.
  ClaimsCheck(Config config, CompiledPatterns patterns,
              std::unique_ptr<const Lexicon> lex)
      : config_(std::move(config)),
        patterns_(std::move(patterns)),
        lex_(std::move(lex)) {
    // One pass of a Set over a sentence tells which enabled patterns occur
    // in it at all; most sentences have none, and the others then run only
    // those patterns for positions (instead of every pattern on every
    // sentence). Same options, same text: the Set sees exactly what each
    // pattern would.
    auto set = std::make_unique<RE2::Set>(QuietOptions(), RE2::UNANCHORED);
    for (size_t i = 0; i < patterns_.size(); ++i) {
      if (!Enabled(patterns_[i].first->kind)) continue;
      if (set->Add(patterns_[i].second->pattern(), nullptr) < 0) return;
      set_patterns_.push_back(i);
    }
    if (set->Compile()) prefilter_ = std::move(set);
  }

  void Run(const Document& doc, std::vector<Finding>& out) const override {
    const std::vector<Sentence>& sentences = doc.sentences();
    std::optional<PageFacts> page;  // built on the first claim
    for (size_t i = 0; i < sentences.size(); ++i) {
      const std::vector<Candidate> found = FindClaims(sentences[i].text);
      if (found.empty() || Allowed(sentences[i].text)) continue;
      if (!page) page = Facts(doc);
      if (NeedsNoSource(doc, *page, i)) continue;
      ReportClaims(doc, *page, i, found, out);
    }
    for (const std::string& key : config_.front_matter_keys) {
      ReportValueClaims(doc, key, out);
    }
  }

  // Reports the claims in the front-matter string value of `key` (the meta
  // description, published as the search snippet): every figure, one
  // superlative and one appeal to unnamed evidence. A value cites nothing,
  // so no source can back them; a quotation, an allowed phrase and a
  // marked opinion are still not reported.
  void ReportValueClaims(const Document& doc, const std::string& key,
                         std::vector<Finding>& out) const {
    const FieldLookup field = doc.front_matter().Get(key, ValueType::kString);
    if (field.status != FieldLookup::Status::kFound) return;
    const std::string& text = field.text;
    const std::vector<Candidate> found = FindClaims(text);
    if (found.empty() || Allowed(text)) return;
    SentenceTraits traits;
    traits.hedge_word = RE2::PartialMatch(text, *lex_->hedge);
    traits.question = !text.empty() && text.back() == '?';
    traits.opinion = RE2::PartialMatch(text, *lex_->opinion) ||
                     RE2::PartialMatch(text, *lex_->definitional);
    bool reported[3] = {false, false, false};
    for (const Candidate& c : found) {
      const int rule = c.kind == Kind::kStatistic ? 0
                       : c.kind == Kind::kWeasel  ? 2
                                                  : 1;
      if ((rule != 0 && reported[rule]) || InQuotation(text, c.begin, c.end) ||
          (c.kind != Kind::kStatistic && c.kind != Kind::kWeasel &&
           traits.opinion)) {
        continue;
      }
      reported[rule] = true;
      Finding f = ClaimFinding(text, c, traits);
      f.range = LocateInValue(
          doc.source_map(), field.range,
          std::string_view(text).substr(c.begin, c.end - c.begin));
      f.message += " (In the front matter's '" + key + "'.)";
      out.push_back(std::move(f));
    }
  }

  // Whether the claims of sentence `i` need no source of their own: they
  // are someone else's words or example text, or a source is nearby.
  bool NeedsNoSource(const Document& doc, const PageFacts& page,
                     size_t i) const {
    const std::vector<Sentence>& sentences = doc.sentences();
    const std::vector<ProseBlock>& blocks = doc.blocks();
    const Sentence& s = sentences[i];
    const ProseBlock& block = blocks[s.block];
    // Someone else's words: an interview, a quote, a panel's recap.
    if (page.voices[s.block] != Voice::kAuthor ||
        (page.discussion && block.kind == ProseBlock::Kind::kParagraph)) {
      return true;
    }
    // Example text: the page's example described, a table of samples,
    // the items under "for example:".
    if (RE2::PartialMatch(s.text, *lex_->example_sentence) ||
        SampleTable(doc, block)) {
      return true;
    }
    const LeadIn lead_in = LeadInOf(doc, page, s.block);
    if (lead_in == LeadIn::kExamples) return true;
    return lead_in == LeadIn::kSourced || RowSourced(page, block) ||
           SourceNearby(doc, page.sources, page.list_item, i);
  }

  // Reports the claims `found` in sentence `i`, which needs a source and
  // has none nearby: every figure, and one superlative and one appeal to
  // unnamed evidence, except those the sentence or the page excuses.
  void ReportClaims(const Document& doc, const PageFacts& page, size_t i,
                    const std::vector<Candidate>& found,
                    std::vector<Finding>& out) const {
    const Sentence& s = doc.sentences()[i];
    const ProseBlock& block = doc.blocks()[s.block];
    const SentenceTraits traits = TraitsOf(page, s, block);
    StatisticBacking backing;  // worked out on the sentence's first figure
    bool reported[3] = {false, false, false};  // statistic, sup., weasel
    size_t statistic_end = 0;  // end of the last statistic reported
    for (const Candidate& c : found) {
      const int rule = c.kind == Kind::kStatistic ? 0
                       : c.kind == Kind::kWeasel  ? 2
                                                  : 1;
      // Every figure of a sentence is reported; one superlative and one
      // appeal to unnamed evidence per sentence are enough to act on.
      if (rule != 0 && reported[rule]) continue;
      if (rule == 0 && c.begin < statistic_end) continue;
      if (InQuotation(block.text, s.begin + c.begin, s.begin + c.end)) {
        continue;
      }
      if (c.kind == Kind::kStatistic) {
        if (ParagraphDocumented(page, block) ||
            NextParagraphDocuments(doc, page, s.block) ||
            StatisticExcused(doc, page, i, c, backing)) {
          continue;
        }
      } else if (c.kind == Kind::kWeasel) {
        if (Conceded(doc.sentences(), i)) continue;
      } else if (traits.opinion || (traits.hedge_word && traits.question) ||
                 (traits.hedge_word && page.own_data)) {
        // An opinion, a definition, a hedged question ("what does it take
        // to lead one of the world's largest communities?"), or a hedged
        // comparison on a page that presents its own data ("2021 was
        // arguably one of the most significant years ... a larger
        // community than ever, Rust seems to be on a solid path", closing
        // rust-blog/Rust-Survey-2021/index.md, whose response counts show
        // the growth).
        continue;
      }
      reported[rule] = true;
      if (rule == 0) statistic_end = c.end;
      out.push_back(ClaimFinding(doc, block, s, c, traits));
    }
  }

  // What sentence `s` of `block` says about how sure a finding in it is.
  SentenceTraits TraitsOf(const PageFacts& page, const Sentence& s,
                          const ProseBlock& block) const {
    SentenceTraits t;
    t.paragraph_source = Overlaps(page.sources, SpanOf(block.range)) ||
                         HasWrittenCitation(block.text);
    t.attributed = RE2::PartialMatch(s.text, *lex_->attribution);
    t.hedge_word = RE2::PartialMatch(s.text, *lex_->hedge);
    t.question = s.text.back() == '?';
    t.table = block.kind == ProseBlock::Kind::kTableCell;
    // Superlatives that are the speaker's marked opinion or a definition
    // ("the best pattern is the one that ...") claim nothing.
    t.opinion = RE2::PartialMatch(s.text, *lex_->opinion) ||
                RE2::PartialMatch(s.text, *lex_->definitional);
    return t;
  }

  // Whether statistic `c` of sentence `i` needs no source: a number in a
  // heading, or a figure the page itself backs: its own survey or
  // measurements, its data pointed at in this section, the quantities
  // compared stated, or arithmetic on its numbers. `backing` holds what
  // the sentence's earlier figures worked out.
  bool StatisticExcused(const Document& doc, const PageFacts& page, size_t i,
                        const Candidate& c, StatisticBacking& backing) const {
    const Sentence& s = doc.sentences()[i];
    // Numbers in headings name things ("Top 10 tips", "Part 2").
    if (doc.blocks()[s.block].kind == ProseBlock::Kind::kHeading) return true;
    if (backing.self_sourced < 0) {
      backing.self_sourced = page.own_data || OwnReleaseChange(page, s.text) ||
                             ShownHere(doc.sentences(), page, i) ||
                             s.text.back() == ':' ||
                             (page.results_figure_line > 0 &&
                              page.results_figure_line < s.range.line) ||
                             DataTableAbove(doc, page, s.block);
      if (!backing.self_sourced) backing.pool = NumberPool(doc, page, i);
    }
    return backing.self_sourced || QuantitiesCompared(s.text, c) ||
           RoughOwnGrowth(s.text, c) || DerivedHere(s.text, c, backing.pool);
  }

  // Whether the appeal to common knowledge in sentence `i` is a
  // concession the next sentence of its paragraph turns against ("It is
  // well known that Rust does not have exceptions as such. But Rust _does_
  // support unwinding!": rust-blog/inside-rust/ffi-unwind-design-meeting.md
  // :40): it sets up what the author then corrects, it backs no claim.
  static bool Conceded(const std::vector<Sentence>& sentences, size_t i) {
    static const RE2 kTurn(
        R"((?i)^\W*(?:but|however|yet|still|in\s+fact|actually)\b)");
    return i + 1 < sentences.size() &&
           sentences[i + 1].block == sentences[i].block &&
           RE2::PartialMatch(sentences[i + 1].text, kTurn);
  }

  // Whether `sentence` of a release's notes states a change the release
  // makes (kOwnChange) rather than a comparison with others ("than").
  bool OwnReleaseChange(const PageFacts& page,
                        std::string_view sentence) const {
    static const RE2 kThan(R"((?i)\bthan\b)");
    return page.release_notes &&
           RE2::PartialMatch(sentence, *lex_->own_change) &&
           !RE2::PartialMatch(sentence, kThan);
  }

  // Confidence in hundredths (see the header): a base per kind, lowered by
  // what makes the claim likelier fine, floored at 10.
  static int Hundredths(Kind kind, const SentenceTraits& t) {
    int hundredths = kind == Kind::kWeasel     ? 70
                     : kind == Kind::kAbsolute ? 40
                                               : 60;
    if (t.paragraph_source) hundredths -= 20;
    if (t.attributed) hundredths -= 20;
    if (t.Softens(kind)) hundredths -= 20;
    if (t.table) hundredths -= 10;
    return std::max(hundredths, 10);
  }

  // The finding for claim `c` of sentence `s` of `block`: its rule, what
  // to do about it, and each trait that lowered the confidence explained.
  static Finding ClaimFinding(const Document& doc, const ProseBlock& block,
                              const Sentence& s, const Candidate& c,
                              const SentenceTraits& t) {
    Finding f = ClaimFinding(s.text, c, t);
    f.range = doc.Locate(block, s.begin + c.begin, s.begin + c.end);
    return f;
  }

  // The finding for claim `c` of `text` (a sentence or a front-matter
  // value), without its range.
  static Finding ClaimFinding(const std::string& text, const Candidate& c,
                              const SentenceTraits& t) {
    const std::string phrase = text.substr(c.begin, c.end - c.begin);
    Finding f;
    f.severity = Severity::kWarning;
    f.excerpt = SentenceExcerpt(text, c.begin);
    f.confidence = Hundredths(c.kind, t) / 100.0;
    switch (c.kind) {
      case Kind::kStatistic:
        f.rule = "claims/unsupported-statistic";
        f.message = "'" + phrase +
                    "' is a statistic with no source in this sentence "
                    "or the next; link or footnote where the number "
                    "comes from.";
        break;
      case Kind::kSuperlative:
        f.rule = "claims/superlative";
        f.message = "'" + phrase +
                    "' is a superlative claim with no source nearby; "
                    "back it with a link or footnote to the evidence, "
                    "or tone it down.";
        break;
      case Kind::kAbsolute:
        f.rule = "claims/superlative";
        f.message = "'" + phrase +
                    "' states an absolute; make sure it holds without "
                    "exception, or qualify it.";
        break;
      case Kind::kWeasel:
        f.rule = "claims/weasel-source";
        f.message = "'" + phrase +
                    "' appeals to unnamed evidence; name and link the "
                    "study or expert, or drop the appeal.";
        break;
    }
    if (t.paragraph_source) {
      f.message +=
          " The paragraph cites a source elsewhere: if it supports this "
          "claim, move it next to the claim.";
    }
    if (t.attributed) {
      f.message +=
          " The sentence names who says it: a link to that source is "
          "what an editor can check.";
    }
    if (t.Softens(c.kind)) {
      f.message += " The sentence is hedged, so it may be fine as written.";
    }
    if (t.table) {
      f.message +=
          " In a table, the source may be in its caption or the text "
          "around it.";
    }
    return f;
  }

  // The facts about `doc` that Run() needs for any claim.
  PageFacts Facts(const Document& doc) const {
    PageFacts page;
    page.sources = CollectSources(doc, config_.own_hosts);
    page.documents =
        CollectSources(doc, config_.own_hosts, /*documents_only=*/true);
    page.voices = BlockVoices(doc);
    page.discussion = ReportsDiscussion(doc);
    page.list_item = ListItemParagraphs(doc);
    const FieldLookup title =
        doc.front_matter().Get("title", ValueType::kString);
    page.release_notes =
        title.status == FieldLookup::Status::kFound &&
        RE2::PartialMatch(title.text, *lex_->release_notes_title);
    const std::vector<ProseBlock>& blocks = doc.blocks();
    size_t headings = 0;
    int section_line = 1;
    for (const ProseBlock& block : blocks) {
      if (block.kind == ProseBlock::Kind::kHeading) {
        ++headings;
        section_line = block.range.line;
      }
      page.section.push_back(headings);
      page.section_line.push_back(section_line);
    }
    static const RE2 kResultsImage(
        R"((?i)\b(?:benchmarks?|results|measure\w*|speedup|latency|)"
        R"(throughput|chart\s+compar\w*)\b)");
    for (const Link& link : doc.links()) {
      if (link.kind == LinkKind::kImage &&
          RE2::PartialMatch(link.text, kResultsImage)) {
        page.results_figure_line = link.range.line;
        break;
      }
    }
    for (const Sentence& s : doc.sentences()) {
      if (RE2::PartialMatch(s.text, *lex_->own_data)) {
        page.own_data = true;
        break;
      }
    }
    return page;
  }

  // Whether `block` is a cell of a table whose header names samples
  // ("| Example | ...", "| Before | After |"): its text is illustration.
  bool SampleTable(const Document& doc, const ProseBlock& block) const {
    if (block.kind != ProseBlock::Kind::kTableCell) return false;
    const SourceMap& map = doc.source_map();
    int line = block.range.line;
    while (line > 1 && map.Line(line - 1).find('|') != std::string_view::npos) {
      --line;
    }
    return RE2::PartialMatch(map.Line(line), *lex_->sample_header);
  }

  // For a list item: the paragraph that introduces its list, when it ends
  // with a colon. A source there covers the items ("comparing [v1.40 to
  // v1.48] ... we observed an upward trend:" then "Commits increased
  // 43%"); "for example:" makes them examples.
  LeadIn LeadInOf(const Document& doc, const PageFacts& page, size_t b) const {
    if (!page.list_item[b]) return LeadIn::kNone;
    const std::vector<ProseBlock>& blocks = doc.blocks();
    size_t k = b;
    while (k > 0 && page.list_item[k - 1] &&
           page.section[k - 1] == page.section[b]) {
      --k;
    }
    if (k == 0) return LeadIn::kNone;
    const ProseBlock& lead = blocks[k - 1];
    if (lead.kind != ProseBlock::Kind::kParagraph ||
        page.section[k - 1] != page.section[b]) {
      return LeadIn::kNone;
    }
    std::string_view text = lead.text;
    while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) {
      text.remove_suffix(1);
    }
    if (text.empty() || text.back() != ':') return LeadIn::kNone;
    if (RE2::PartialMatch(text, *lex_->example_lead_in)) {
      return LeadIn::kExamples;
    }
    return Overlaps(page.sources, SpanOf(lead.range)) ? LeadIn::kSourced
                                                      : LeadIn::kNone;
  }

  // Whether `block` cites a document anywhere in it (a link to a page,
  // not to a site's home page, a footnote or a written citation): an
  // editor reads a figure with such a source in its paragraph as sourced
  // ("Lin Clark's post" linked in the sentence before the Stylo speedups,
  // rust-blog/Fearless-Concurrency-In-Firefox-Quantum.md; the benchmark
  // suite linked before "up to 18% less instructions",
  // rust-blog/gsoc-2024-results.md). A home page ("[based on
  // eBPF](https://ebpf.io/)" before "low CPU (~1%)") backs no figure.
  bool ParagraphDocumented(const PageFacts& page,
                           const ProseBlock& block) const {
    return Overlaps(page.documents, SpanOf(block.range)) ||
           HasWrittenCitation(block.text);
  }

  // Whether the paragraph after paragraph `b`, in its section, cites a
  // document (ParagraphDocumented): the measurements a figure summarises
  // are often linked right below it ("compilation times are typically 0%
  // to 2% slower", then "our [measurements on real-world code](...)
  // show", rust-blog/parallel-rustc/index.md). Not for list items, each
  // its own claim.
  bool NextParagraphDocuments(const Document& doc, const PageFacts& page,
                              size_t b) const {
    const std::vector<ProseBlock>& blocks = doc.blocks();
    const size_t n = b + 1;
    return n < blocks.size() && !page.list_item[b] && !page.list_item[n] &&
           blocks[b].kind == ProseBlock::Kind::kParagraph &&
           blocks[n].kind == ProseBlock::Kind::kParagraph &&
           page.section[n] == page.section[b] &&
           ParagraphDocumented(page, blocks[n]);
  }

  // For a table cell: a link or footnote anywhere in its row (the row's
  // first line), such as a release-notes link in the version cell.
  static bool RowSourced(const PageFacts& page, const ProseBlock& block) {
    if (block.kind != ProseBlock::Kind::kTableCell) return false;
    const int line = block.range.line;
    return Overlaps(page.sources, SourceSpan{{line, 1}, {line + 1, 1}});
  }

  // Whether the section of block `b` shows a table of figures above it (two
  // rows or more with a cell that is a figure): the page's own data, such
  // as a table of compression results or of message counts.
  bool DataTableAbove(const Document& doc, const PageFacts& page,
                      size_t b) const {
    const SourceMap& map = doc.source_map();
    int rows = 0;
    const int last = doc.blocks()[b].range.line - 1;
    for (int line = std::max(page.section_line[b], last - 200); line <= last;
         ++line) {
      // A row with a cell that is a figure alone ("46.7%", "~1.8 MB",
      // "5,570"), not a description with numbers in it ("Float [0, 1)").
      static const RE2 kFigureCell(
          R"((?:^|\|)\s*~?\s*\d[\d,.]*\s?(?:%|[KMGT]i?B|ms|s|x)?\s*(?:\||$))");
      const std::string_view text = map.Line(line);
      if (text.find('|') == std::string_view::npos) continue;
      if (RE2::PartialMatch(text, kFigureCell) && ++rows >= 2) return true;
    }
    return false;
  }

  // Whether the sentence states the quantities it compares, with their
  // units: "The planet tiles set (2 GB compressed/6.8 GB uncompressed) is
  // approximately 10 times larger than the set for zoom level 8 (225 MB
  // compressed/519 MB uncompressed)".
  // Whether figure `c` of `text` is the authors' rough estimate of their
  // own project's growth ("the project has grown a lot - the compiler
  // receives roughly twice as many contributions"): an approximation
  // ("roughly", "about", "nearly" ...) right before it, the project, team
  // or "we/our" in the sentence, and nothing it is compared with after it
  // in its clause ("than", "as", "compared", "versus"), so it compares the
  // project with its own past.
  static bool RoughOwnGrowth(const std::string& text, const Candidate& c) {
    static const RE2 kApproximately(
        R"((?i)\b(?:roughly|about|around|approximately|nearly|almost)\s+$)");
    static const RE2 kOwnSubject(
        R"((?i)\b(?:we|our|the\s+(?:project|team|community))\b)");
    static const RE2 kComparedWith(R"((?i)\b(?:than|as|compared|versus|vs)\b)");
    const std::string_view view(text);
    const size_t from = c.begin >= 24 ? c.begin - 24 : 0;
    // The rest of the figure's clause, up to the next comma, semicolon,
    // colon or dash.
    std::string_view rest = view.substr(std::min(c.end, view.size()));
    rest = rest.substr(
        0, std::min(rest.find_first_of(",;:"),
                    std::min(rest.find(" - "), rest.find("\u2014"))));
    return RE2::PartialMatch(view.substr(from, c.begin - from),
                             kApproximately) &&
           RE2::PartialMatch(view, kOwnSubject) &&
           !RE2::PartialMatch(rest, kComparedWith);
  }

  static bool QuantitiesCompared(const std::string& text, const Candidate& c) {
    static const RE2 kQuantity(
        R"((?i)(\d[\d,.]*\s?(?:[KMGT]i?B|bytes|ms|µs|seconds?|minutes?|)"
        R"(hours?)\b))");
    re2::StringPiece input(text);
    re2::StringPiece quantity;
    int quantities = 0;
    while (RE2::FindAndConsume(&input, kQuantity, &quantity)) {
      const size_t at = static_cast<size_t>(quantity.data() - text.data());
      if (at + quantity.size() <= c.begin || at >= c.end) ++quantities;
    }
    return quantities >= 2;
  }

  // Whether sentence `i`, or one before it in its section, points at the
  // page's own data ("as shown by the following latency metrics").
  bool ShownHere(const std::vector<Sentence>& sentences, const PageFacts& page,
                 size_t i) const {
    const size_t section = page.section[sentences[i].block];
    for (size_t j = i + 1; j-- > 0;) {
      if (page.section[sentences[j].block] != section) break;
      if (RE2::PartialMatch(sentences[j].text, *lex_->shown_here)) {
        return true;
      }
    }
    return false;
  }

  // The numbers a figure of sentence `i` may be computed from: those of the
  // sentence itself are added by DerivedHere(); here, up to three
  // sentences before it in its section, and the source lines between the
  // previous block and its own (a code block's output), at most 40.
  std::vector<Number> NumberPool(const Document& doc, const PageFacts& page,
                                 size_t i) const {
    const std::vector<Sentence>& sentences = doc.sentences();
    const size_t section = page.section[sentences[i].block];
    std::vector<Number> pool;
    for (size_t j = i, n = 0; j-- > 0 && n < 3; ++n) {
      if (page.section[sentences[j].block] != section) break;
      for (const Number& x : NumbersIn(sentences[j].text, *lex_->number)) {
        pool.push_back(x);
      }
    }
    const size_t b = sentences[i].block;
    if (b > 0 && page.section[b - 1] == section) {
      const SourceMap& map = doc.source_map();
      const int first = doc.blocks()[b - 1].range.end_line + 1;
      const int last = doc.blocks()[b].range.line - 1;
      for (int line = std::max(first, last - 40); line <= last; ++line) {
        for (const Number& x : NumbersIn(map.Line(line), *lex_->number)) {
          pool.push_back(x);
        }
      }
    }
    return pool;
  }

  // Whether candidate `c`, a statistic of `text`, follows from the other
  // numbers of `text` and `pool` (Derivable).
  bool DerivedHere(const std::string& text, const Candidate& c,
                   std::vector<Number> pool) const {
    const std::string_view phrase =
        std::string_view(text).substr(c.begin, c.end - c.begin);
    std::vector<Number> figures = NumbersIn(phrase, *lex_->number);
    if (figures.empty()) {
      // "twice as many buckets are required; in this case 320".
      static constexpr std::pair<std::string_view, double> kWords[] = {
          {"twice", 2}, {"thrice", 3}, {"two", 2},  {"three", 3},
          {"four", 4},  {"five", 5},   {"six", 6},  {"seven", 7},
          {"eight", 8}, {"nine", 9},   {"ten", 10}, {"half", 0.5}};
      const std::string word = WordAfter(phrase, 0);
      for (const auto& [name, value] : kWords) {
        if (word == name) figures.push_back(Number{value, 0, 0, 0});
      }
      if (figures.empty()) return false;
    }
    for (const Number& x : NumbersIn(text, *lex_->number)) {
      if (x.end <= c.begin || x.begin >= c.end) pool.push_back(x);
    }
    const bool percent = phrase.find('%') != std::string_view::npos ||
                         phrase.find("percent") != std::string_view::npos ||
                         phrase.find("per cent") != std::string_view::npos;
    const bool multiple =
        !percent && (phrase.find("times") != std::string_view::npos ||
                     phrase.find("twice") != std::string_view::npos ||
                     phrase.find('x') != std::string_view::npos ||
                     phrase.find("×") != std::string_view::npos);
    if (!percent && !multiple) return false;
    static const RE2 kApproximate(
        R"((?i)(?:~|\b(?:about|around|approximately|roughly|nearly|almost|)"
        R"(over|more\s+than|under|less\s+than|some)\s+)$)");
    const bool approximate = RE2::PartialMatch(
        std::string_view(text).substr(0, c.begin), kApproximate);
    return Derivable(figures.back(), percent, approximate, pool);
  }

 private:
  bool Enabled(Kind kind) const {
    switch (kind) {
      case Kind::kStatistic:
        return config_.statistics;
      case Kind::kSuperlative:
        return config_.superlatives;
      case Kind::kAbsolute:
        return config_.absolutes;
      case Kind::kWeasel:
        return config_.weasel_sources;
    }
    return false;
  }

  // Every accepted match in `text`, in text order; statistics that overlap
  // a superlative ("100% secure") are left to the superlative.
  std::vector<Candidate> FindClaims(const std::string& text) const {
    std::vector<Candidate> found;
    std::vector<size_t> candidates;  // indices into patterns_, in order
    if (prefilter_) {
      // Asked first whether any pattern occurs at all: without a list of
      // hits, RE2 stops at the first match and allocates nothing, and
      // most sentences hold none.
      std::vector<int> hits;
      if (!prefilter_->Match(text, nullptr) ||
          !prefilter_->Match(text, &hits)) {
        return found;
      }
      for (int hit : hits) candidates.push_back(set_patterns_[hit]);
      std::sort(candidates.begin(), candidates.end());
    } else {
      for (size_t i = 0; i < patterns_.size(); ++i) candidates.push_back(i);
    }
    for (size_t index : candidates) {
      const auto& [spec, re] = patterns_[index];
      if (!Enabled(spec->kind)) continue;
      // RE2::Match with a start position (not FindAndConsume) so that '^'
      // and '\b' see the text before the position.
      re2::StringPiece match[2];
      size_t pos = 0;
      while (pos <= text.size() &&
             re->Match(text, pos, text.size(), RE2::UNANCHORED, match, 2)) {
        const size_t match_end =
            static_cast<size_t>(match[0].data() - text.data()) +
            match[0].size();
        pos = match_end > pos ? match_end : pos + 1;
        if (match[1].empty()) continue;
        const size_t begin = static_cast<size_t>(match[1].data() - text.data());
        const size_t end = begin + match[1].size();
        if (Accept(spec->filter, text, begin, end)) {
          found.push_back({spec->kind, begin, end});
        }
      }
    }
    std::vector<Candidate> kept;
    for (const Candidate& c : found) {
      const bool covered =
          c.kind == Kind::kStatistic &&
          std::any_of(found.begin(), found.end(), [&](const Candidate& o) {
            return o.kind == Kind::kSuperlative && o.begin < c.end &&
                   c.begin < o.end;
          });
      if (!covered) kept.push_back(c);
    }
    std::stable_sort(kept.begin(), kept.end(),
                     [](const Candidate& a, const Candidate& b) {
                       return a.begin < b.begin;
                     });
    return kept;
  }

  // Whether the match [begin, end) of `text` (a sentence) meets its
  // pattern's `filter` (see Filter).
  bool Accept(Filter filter, const std::string& text, size_t begin,
              size_t end) const {
    switch (filter) {
      case Filter::kNone:
        return true;
      case Filter::kPercent:
        return PercentClaim(text, begin, end);
      case Filter::kDoubling:
        return DoublingClaim(text, end);
      case Filter::kMoney:
        return RE2::PartialMatch(text, *lex_->money_claim) && !Technical(text);
      case Filter::kRatio:
        return RatioOfPeople(text, end);
      case Filter::kCount:
      case Filter::kRate:
      case Filter::kTechnical:
        return !Technical(text);
      case Filter::kWeaselData:
        return UnnamedData(text, begin);
      case Filter::kSuperlative:
        return MarketSuperlative(text, begin, end);
      case Filter::kNotNegated:
        return !Contains(kNegations, WordBefore(text, begin)) &&
               !Negated(text, begin);
      case Filter::kNumberOne:
        return Ranking(text, begin, end);
      case Filter::kPromise:
        return Promised(text, begin);
      case Filter::kAbsolute:
        return UnqualifiedAbsolute(text, begin);
    }
    return true;
  }

  // Whether `text` is about configuration or measurement (kTechnical).
  bool Technical(const std::string& text) const {
    return RE2::PartialMatch(text, *lex_->technical);
  }

  // kPercent: a share or change claimed, not an absolute or intensifier.
  bool PercentClaim(const std::string& text, size_t begin, size_t end) const {
    // "100% secure", "100% uptime": the prohibited check's
    // absolute-claims list reports those.
    static constexpr std::string_view kAbsoluteAfter[] = {
        "secure", "safe", "reliable", "accurate", "uptime", "guaranteed"};
    if (text.compare(begin, 3, "100") == 0 &&
        Contains(kAbsoluteAfter, WordAfter(text, end))) {
      return false;
    }
    // "100% open source" is an intensifier, not a share: a statistic
    // of 100% counts something ("100% of teams").
    if (text.compare(begin, 4, "100%") == 0 && WordAfter(text, end) != "of") {
      return false;
    }
    if (Negated(text, begin)) return false;
    return RE2::PartialMatch(text, *lex_->percent_claim) && !Technical(text);
  }

  // kDoubling: docs double braces, periods, scores and shards; a claim
  // doubles something a business measures ("signups doubled", "doubled
  // our revenue").
  bool DoublingClaim(const std::string& text, size_t end) const {
    static const RE2 kGrowth(
        R"((?i)\b(?:revenue|sales|signups?|sign-ups|traffic|users|)"
        R"(customers|productivity|performance|speed|throughput|)"
        R"(conversions?|growth|adoption|downloads|contributors|profits?|)"
        R"(income|leads|engagement|output|efficiency|savings|audience|)"
        R"(subscribers|installs|visitors|members|ROI)\b)");
    return (end >= text.size() || text[end] != '-') &&
           RE2::PartialMatch(text, kGrowth) && !Technical(text);
  }

  // kRatio: a ratio of people or of their opinions ("9 out of 10
  // dentists recommend").
  bool RatioOfPeople(const std::string& text, size_t end) const {
    static const RE2 kPeople(
        R"((?i)^\W+(?:\w+\W+){0,2}?(?:people|users|customers|clients|)"
        R"(developers|companies|organi[sz]ations|businesses|teams|)"
        R"(respondents|experts|engineers|doctors|dentists|admins|)"
        R"(administrators|professionals|leaders|americans|adults|)"
        R"(consumers|buyers|shoppers|marketers|employees|say|agree|)"
        R"(prefer|recommend|use|choose|trust)\b)");
    return RE2::PartialMatch(std::string_view(text).substr(end), kPeople) &&
           !Technical(text);
  }

  // kWeaselData: data no one names, not "the metrics" of a dashboard the
  // page describes.
  static bool UnnamedData(const std::string& text, size_t begin) {
    static constexpr std::string_view kDeterminers[] = {
        "the",   "these",  "this",      "our",       "your",      "its",
        "their", "such",   "those",     "following", "that",      "which",
        "my",    "his",    "her",       "test",      "unit",      "integration",
        "case",  "survey", "benchmark", "user",      "usability", "our"};
    return !Contains(kDeterminers, WordBefore(text, begin));
  }

  // kSuperlative: a claim about the market, not a comparison among
  // options: "our", a product category ranked, or the world as the field.
  bool MarketSuperlative(const std::string& text, size_t begin,
                         size_t end) const {
    // A hyphen makes a compound adjective ("best-effort",
    // "best-matching"); the superlative compounds that are claims
    // ("best-in-class") have their own pattern.
    return (end >= text.size() || text[end] != '-') &&
           !Contains(kAdviceAfter, WordAfter(text, end)) &&
           !Contains(kAdviceBefore, WordBefore(text, begin)) &&
           !Negated(text, begin) &&
           (WordAfter(text, begin) == "our" ||
            RE2::PartialMatch(std::string_view(text).substr(end),
                              *lex_->product_category) ||
            RE2::PartialMatch(text, *lex_->market_scope));
  }

  // kNumberOne: "#1" or "number one" as a rank.
  static bool Ranking(const std::string& text, size_t begin, size_t end) {
    // "The number one thing to be aware of" is emphasis, not a rank.
    static constexpr std::string_view kEmphasis[] = {
        "thing",    "things",  "rule",      "reason",  "tip",    "priority",
        "question", "mistake", "lesson",    "step",    "goal",   "issue",
        "cause",    "problem", "complaint", "request", "source", "concern"};
    if (Contains(kEmphasis, WordAfter(text, end))) return false;
    return Contains(kRankBefore, WordBefore(text, begin)) ||
           Contains(kRankAfter, WordAfter(text, end));
  }

  // kPromise: promised ("ensures zero downtime"), not qualified ("near
  // zero") or denied.
  bool Promised(const std::string& text, size_t begin) const {
    const size_t from = begin > 60 ? begin - 60 : 0;
    const std::string_view before =
        std::string_view(text).substr(from, begin - from);
    static const RE2 kQualified(
        R"((?i)\b(?:little|minimal|near|nearly|almost|virtually|close|)"
        R"(low|reduced)\W+(?:\w+\W+)?$)");
    static const RE2 kPromised(
        R"((?i)\b(?:ensur\w*|guarantee\w*|provid\w*|offer\w*|deliver\w*|)"
        R"(enabl\w*|achiev\w*|promis\w*|means|with)\s+(?:\S+\s+){0,2}$)");
    return !RE2::PartialMatch(before, kQualified) &&
           RE2::PartialMatch(before, kPromised) && !Negated(text, begin);
  }

  // kAbsolute: not qualified ("almost always"), not an instruction that
  // opens with the word ("Always set X").
  static bool UnqualifiedAbsolute(const std::string& text, size_t begin) {
    if (Contains(kQualifiers, WordBefore(text, begin))) return false;
    const std::string word = WordAfter(text, begin);
    return !((word == "always" || word == "never") &&
             OpensSentence(text, begin));
  }

  // Whether a negation within three words before `begin`, in the same
  // clause, denies the claim ("not necessarily the best one"), unless the
  // sentence turns ("not only ... but").
  bool Negated(const std::string& text, size_t begin) const {
    const size_t from = begin > 80 ? begin - 80 : 0;
    const std::string_view window =
        std::string_view(text).substr(from, begin - from);
    re2::StringPiece after;  // the words between the negation and `begin`
    if (!RE2::PartialMatch(window, *lex_->negated_before, &after)) {
      return false;
    }
    static const RE2 kTurn(R"((?i)^\s*(?:only|just)\b|\b(?:but|yet)\b)");
    return !RE2::PartialMatch(after, kTurn);
  }

  bool Allowed(const std::string& text) const {
    for (const auto& re : config_.allow) {
      if (RE2::PartialMatch(text, *re)) return true;
    }
    return false;
  }

  Config config_;
  CompiledPatterns patterns_;
  std::unique_ptr<const Lexicon> lex_;
  // Every enabled pattern of patterns_ as one Set (null if it would not
  // compile: then every pattern runs); set_patterns_[i] is the index in
  // patterns_ of the Set's pattern i.
  std::unique_ptr<RE2::Set> prefilter_;
  std::vector<size_t> set_patterns_;
};

RE2::Options QuietOptions() {
  RE2::Options options;
  options.set_log_errors(false);
  return options;
}

// Compiles a built-in pattern; a failure is a bug in this file, reported
// as a settings error so that it can never pass unnoticed.
std::unique_ptr<RE2> CompileBuiltIn(const std::string& pattern,
                                    Settings& settings) {
  auto re = std::make_unique<RE2>(pattern, QuietOptions());
  if (!re->ok()) {
    settings.Error("", "internal error: built-in pattern does not compile: " +
                           re->error());
    return nullptr;
  }
  return re;
}

// The allow-list regex for one entry (see the header), or an error.
std::unique_ptr<RE2> CompileAllowEntry(const std::string& entry,
                                       std::string& error) {
  if (entry.size() >= 2 && entry.front() == '/' && entry.back() == '/') {
    const std::string pattern = entry.substr(1, entry.size() - 2);
    if (pattern.empty()) {
      error = "the pattern between the slashes is empty";
      return nullptr;
    }
    auto re = std::make_unique<RE2>(pattern, QuietOptions());
    if (!re->ok()) {
      error = "invalid RE2 pattern " + entry + ": " + re->error();
      return nullptr;
    }
    return re;
  }
  std::string pattern = "(?i)";
  bool space = false;
  bool any = false;
  for (char c : entry) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = any;
      continue;
    }
    if (space) pattern += "\\s+";
    space = false;
    any = true;
    pattern += RE2::QuoteMeta(std::string(1, c));
  }
  if (!any) {
    error = "an allowed phrase cannot be empty";
    return nullptr;
  }
  return std::make_unique<RE2>(pattern, QuietOptions());
}

// The categories to report; turning every one off is an error (the check
// would report nothing: `enabled: false` says that).
void ReadCategories(Settings& settings, Config& config) {
  config.statistics = settings.Bool("statistics", true);
  config.superlatives = settings.Bool("superlatives", true);
  config.absolutes = settings.Bool("absolutes", false);
  config.weasel_sources = settings.Bool("weasel_sources", true);
  if (config.statistics || config.superlatives || config.absolutes ||
      config.weasel_sources) {
    return;
  }
  // The error goes at the first category the rulebook names.
  std::string key = "weasel_sources";
  for (const char* k : {"statistics", "superlatives", "absolutes"}) {
    if (settings.Has(k)) {
      key = k;
      break;
    }
  }
  settings.Error(key,
                 "every category (statistics, superlatives, absolutes, "
                 "weasel_sources) is off; turn the check off with "
                 "'enabled: false' instead");
}

// `allow`: one phrase or /pattern/, or a list of them, each compiled.
void ReadAllow(Settings& settings, Config& config) {
  const SettingValue* allow = settings.Raw("allow");
  if (allow == nullptr) return;
  std::vector<YAML::Node> items;
  if (allow->node.IsScalar()) {
    items.push_back(allow->node);
  } else if (allow->node.IsSequence()) {
    for (const YAML::Node& item : allow->node) items.push_back(item);
  } else {
    settings.Error("allow", "expected a list of phrases or /patterns/");
  }
  for (const YAML::Node& item : items) {
    if (!item.IsScalar()) {
      settings.Error(item, allow->file,
                     "allow: expected a phrase or /pattern/ in the list");
      continue;
    }
    std::string error;
    auto re = CompileAllowEntry(item.Scalar(), error);
    if (re == nullptr) {
      settings.Error(item, allow->file, "allow: " + error);
      continue;
    }
    config.allow.push_back(std::move(re));
  }
}

// Every claim pattern of kPatterns, case-insensitive; false after the
// first that does not compile (a bug, reported through `settings`).
bool CompilePatterns(Settings& settings, CompiledPatterns& patterns) {
  for (const PatternSpec& spec : kPatterns) {
    auto re = CompileBuiltIn(std::string("(?i)") + spec.regex, settings);
    if (re == nullptr) return false;
    patterns.emplace_back(&spec, std::move(re));
  }
  return true;
}

// The Lexicon's expressions; null after the first that does not compile
// (a bug, reported through `settings`).
std::unique_ptr<Lexicon> CompileLexicon(Settings& settings) {
  auto lex = std::make_unique<Lexicon>();
  const std::pair<std::unique_ptr<RE2>*, const char*> builtins[] = {
      {&lex->percent_claim, kPercentClaim},
      {&lex->technical, kTechnicalPercent},
      {&lex->hedge, kHedge},
      {&lex->attribution, kAttribution},
      {&lex->market_scope, kMarketScope},
      {&lex->product_category, kProductCategory},
      {&lex->definitional, kDefinitional},
      {&lex->opinion, kOpinion},
      {&lex->example_sentence, kExampleSentence},
      {&lex->shown_here, kShownHere},
      {&lex->own_data, kOwnData},
      {&lex->example_lead_in, kExampleLeadIn},
      {&lex->sample_header, kSampleHeader},
      {&lex->money_claim, kMoneyClaim},
      {&lex->negated_before, kNegatedBefore},
      {&lex->number, kNumber},
      {&lex->release_notes_title, kReleaseNotesTitle},
      {&lex->own_change, kOwnChange},
  };
  for (const auto& [slot, pattern] : builtins) {
    *slot = CompileBuiltIn(pattern, settings);
    if (*slot == nullptr) return nullptr;
  }
  return lex;
}

// Reads the settings (every problem goes to `settings`), then compiles the
// built-in expressions.
std::unique_ptr<Check> Build(Settings& settings) {
  Config config;
  ReadCategories(settings, config);
  ReadAllow(settings, config);
  config.own_hosts = ReadHostList(settings, "own_hosts");
  if (settings.Has("front_matter_keys")) {
    config.front_matter_keys = settings.StringList("front_matter_keys");
  }
  CompiledPatterns patterns;
  if (!CompilePatterns(settings, patterns)) return nullptr;
  std::unique_ptr<Lexicon> lex = CompileLexicon(settings);
  if (lex == nullptr) return nullptr;
  return std::make_unique<ClaimsCheck>(std::move(config), std::move(patterns),
                                       std::move(lex));
}

}  // namespace

CheckSpec ClaimsCheckSpec() {
  return CheckSpec{
      "claims",
      "Statistics, superlatives and appeals to unnamed evidence with no "
      "source nearby (confidence below 1: an editor judges).",
      {
          {"claims/unsupported-statistic", Severity::kWarning,
           "A statistic (percentage, multiple, ratio, doubled/halved) with "
           "no source in the sentence or the next."},
          {"claims/superlative", Severity::kWarning,
           "A superlative or absolute claim (best, fastest, #1, guaranteed) "
           "with no source nearby."},
          {"claims/weasel-source", Severity::kWarning,
           "An appeal to unnamed evidence (studies show, experts agree) with "
           "no source nearby."},
      },
      &Build,
  };
}

}  // namespace proofgate

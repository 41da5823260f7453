#include "checks/terminology/variant_families.h"

#include <array>
#include <string_view>

namespace proofgate {

namespace {

// -ize (US, and Oxford spelling) vs -ise (most UK and Australian usage):
// stems of verbs common in documentation.
constexpr std::array<std::string_view, 24> kIzeStems = {
    "organ",   "custom",  "initial",  "optim",   "recogn",   "summar",
    "priorit", "author",  "serial",   "normal",  "minim",    "maxim",
    "util",    "visual",  "synchron", "categor", "standard", "final",
    "local",   "special", "emphas",   "real",    "capital",  "character"};

// Inflections of an -ize verb, in the same order for -ise.
constexpr std::array<std::string_view, 8> kIzeEndings = {
    "ize", "izes", "ized", "izing", "ization", "izations", "izer", "izers"};

VariantFamily Pair(std::string name, std::vector<std::string> us,
                   std::vector<std::string> uk) {
  return VariantFamily{std::move(name), {std::move(us), std::move(uk)}};
}

// US and UK spellings of one word with its inflections, appended to `out`.
void AppendSpellings(std::vector<VariantFamily>& out) {
  for (std::string_view stem : kIzeStems) {
    std::vector<std::string> us, uk;
    for (std::string_view ending : kIzeEndings) {
      std::string z(stem);
      z += ending;
      std::string s = z;
      s[stem.size() + 1] = 's';
      us.push_back(std::move(z));
      uk.push_back(std::move(s));
    }
    out.push_back(Pair("US / UK spelling", std::move(us), std::move(uk)));
  }
  // -yze / -yse, without "analyzes"/"analyses" (also the plural of
  // "analysis").
  out.push_back(
      Pair("US / UK spelling",
           {"analyze", "analyzed", "analyzing", "analyzer", "analyzers"},
           {"analyse", "analysed", "analysing", "analyser", "analysers"}));
  // -or / -our.
  for (std::string_view stem :
       {"color", "behavior", "favor", "flavor", "neighbor", "honor", "humor"}) {
    std::vector<std::string> us, uk;
    const std::string s(stem);
    std::string ou = s;
    ou.insert(ou.size() - 1, "u");
    for (std::string_view ending :
         {"", "s", "ed", "ing", "ful", "al", "ite", "ites"}) {
      us.push_back(s + std::string(ending));
      uk.push_back(ou + std::string(ending));
    }
    out.push_back(Pair("US / UK spelling", std::move(us), std::move(uk)));
  }
  out.push_back(Pair("US / UK spelling",
                     {"center", "centers", "centered", "centering"},
                     {"centre", "centres", "centred", "centring"}));
  out.push_back(Pair("US / UK spelling", {"catalog", "catalogs"},
                     {"catalogue", "catalogues"}));
  out.push_back(Pair("US / UK spelling", {"artifact", "artifacts"},
                     {"artefact", "artefacts"}));
  out.push_back(Pair("US / UK spelling", {"defense", "defenses"},
                     {"defence", "defences"}));
  // One -l- (US) vs -ll- (UK) before -ed and -ing.
  for (std::string_view stem : {"cancel", "label", "model", "travel", "signal",
                                "fuel", "level", "channel", "tunnel"}) {
    const std::string s(stem);
    out.push_back(Pair("US / UK spelling", {s + "ed", s + "ing"},
                       {s + "led", s + "ling"}));
  }
}

// Compounds written closed, hyphenated or open (one draft, one form),
// appended to `out`.
void AppendCompounds(std::vector<VariantFamily>& out) {
  out.push_back(VariantFamily{"email / e-mail",
                              {{"email", "emails"}, {"e-mail", "e-mails"}}});
  out.push_back(VariantFamily{
      "plugin / plug-in", {{"plugin", "plugins"}, {"plug-in", "plug-ins"}}});
  out.push_back(VariantFamily{"add-on / addon",
                              {{"add-on", "add-ons"}, {"addon", "addons"}}});
  out.push_back(
      VariantFamily{"website / web site",
                    {{"website", "websites"}, {"web site", "web sites"}}});
  out.push_back(
      VariantFamily{"web page / webpage",
                    {{"web page", "web pages"}, {"webpage", "webpages"}}});
  out.push_back(
      VariantFamily{"filename / file name",
                    {{"filename", "filenames"}, {"file name", "file names"}}});
  out.push_back(
      VariantFamily{"username / user name",
                    {{"username", "usernames"}, {"user name", "user names"}}});
  out.push_back(
      VariantFamily{"dataset / data set",
                    {{"dataset", "datasets"}, {"data set", "data sets"}}});
  out.push_back(VariantFamily{
      "timestamp / time stamp",
      {{"timestamp", "timestamps"}, {"time stamp", "time stamps"}}});
  out.push_back(VariantFamily{
      "checkbox / check box",
      {{"checkbox", "checkboxes"}, {"check box", "check boxes"}}});
  out.push_back(
      VariantFamily{"codebase / code base",
                    {{"codebase", "codebases"}, {"code base", "code bases"}}});
  out.push_back(
      VariantFamily{"metadata / meta-data", {{"metadata"}, {"meta-data"}}});
}

std::vector<VariantFamily> Build() {
  std::vector<VariantFamily> out;
  AppendSpellings(out);
  AppendCompounds(out);
  return out;
}

}  // namespace

const std::vector<VariantFamily>& BuiltInFamilies() {
  static const std::vector<VariantFamily> families = Build();
  return families;
}

}  // namespace proofgate

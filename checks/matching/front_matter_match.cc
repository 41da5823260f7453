#include "checks/matching/front_matter_match.h"

namespace proofgate {

bool FrontMatterMatches(const FrontMatter& front_matter, const std::string& key,
                        const std::string& want) {
  const FieldLookup v = front_matter.Find(key);
  if (v.status != FieldLookup::Status::kFound) return false;
  if (v.node.IsScalar()) return v.node.Scalar() == want;
  if (v.node.IsSequence()) {
    for (const YAML::Node& item : v.node) {
      if (item.IsScalar() && item.Scalar() == want) return true;
    }
  }
  return false;
}

}  // namespace proofgate

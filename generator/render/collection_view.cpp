#include "render/collection_view.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdlib>
#include <map>
#include <set>

#include <utf8proc.h>

#include "model/ui_strings.h"

namespace passerelle {

using nlohmann::json;

namespace {

// One value records are grouped under: where it comes among the others,
// what it is called and where it links.
struct GroupValue {
  long long order = 0;    // first key of the group's place
  std::string sort_text;  // second key (strings, letters)
  std::string slug;       // for the group's id
  std::string label;
  std::string url;  // empty: not a link
};

const long long kNone = LLONG_MAX;  // records without a value come last

// a-z, 0-9 and single hyphens: the part of an id made from a value.
std::string slug_of(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) && c < 128) out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "x" : out;
}

class Grouping {
 public:
  Grouping(const ViewModel& views, const Collection& collection)
      : views_(views), site_(views.site()), collection_(collection) {
    for (const auto& id : collection_page_ids()) taken_.insert(id);
  }

  json groups(const std::vector<size_t>& indices, size_t level, const std::string& parent) {
    const std::string& name = collection_.group_by[level];
    const FieldSpec& spec = *site_.schema.field(collection_, name);
    // Ordered by place, then text; each value's records stay in sort order.
    std::map<std::pair<long long, std::string>, std::pair<GroupValue, std::vector<size_t>>> found;
    for (size_t i : indices)
      for (GroupValue& value : values_of(site_.records[i], spec)) {
        auto& group = found[{value.order, value.sort_text}];
        if (group.second.empty()) group.first = std::move(value);
        if (group.second.empty() || group.second.back() != i) group.second.push_back(i);
      }
    const bool deeper = level + 1 < collection_.group_by.size();
    json out = json::array();
    for (const auto& [place, group] : found) {
      const auto& [value, members] = group;
      const std::string field = name == "title" ? "letter" : slug_of(name);
      const std::string id =
          unique_id((parent.empty() ? "" : parent + "--") + field + "-" + slug_of(value.slug));
      json subgroups = deeper ? groups(members, level + 1, id) : json::array();
      out.push_back({{"id", id},
                     {"label", value.label},
                     {"url", value.url},
                     {"count", std::to_string(members.size())},
                     {"records_html", deeper ? std::string() : views_.record_list_html(members)},
                     {"has_subgroups", !subgroups.empty()},
                     {"subgroups", std::move(subgroups)}});
    }
    return out;
  }

 private:
  // The values of `spec` a record is listed under (several for a list).
  std::vector<GroupValue> values_of(const Record& record, const FieldSpec& spec) const {
    std::vector<GroupValue> out;
    if (spec.name == "title") {
      const std::string letter = initial_of(record.title());
      const long long order = letter == "0–9" ? 0 : letter == "Other" ? 2 : 1;
      const std::string label = letter == "Other" ? site_.strings.text("other_letter") : letter;
      out.push_back({order, letter, letter == "0–9" ? "0-9" : letter, label, ""});
      return out;
    }
    auto found = record.fields.find(spec.name);
    if (found != record.fields.end() && !found->is_null()) {
      if (found->is_array()) {
        for (const auto& item : *found) out.push_back(value_of(*spec.items, item));
      } else {
        out.push_back(value_of(spec, *found));
      }
    }
    if (out.empty())
      out.push_back({kNone, "", "none", site_.strings.format("none_given", {{"field", spec.label}}), ""});
    return out;
  }

  GroupValue value_of(const FieldSpec& spec, const json& v) const {
    GroupValue value;
    switch (spec.type) {
      case FieldType::reference: {
        const std::string key = v.get<std::string>();
        const auto slash = key.find('/');
        auto at = site_.index.by_key.find(key);
        value.order = at == site_.index.by_key.end() ? kNone - 1 : static_cast<long long>(at->second);
        value.sort_text = key;
        value.slug = key.substr(slash + 1);
        value.label = views_.reference_title(key);
        value.url = "../" + record_path(key.substr(0, slash), key.substr(slash + 1));
        return value;
      }
      case FieldType::term: {
        const std::string id = v.get<std::string>();
        const auto& vocabulary = site_.vocabularies.at(spec.taxonomy);
        auto at = vocabulary.index.find(id);
        value.order = at == vocabulary.index.end() ? kNone - 1 : static_cast<long long>(at->second);
        value.sort_text = id;
        value.slug = id;
        value.label = views_.term_label(spec.taxonomy, id);
        value.url = "../" + term_path(spec.taxonomy, id);
        return value;
      }
      case FieldType::enumeration: {
        const std::string text = v.get<std::string>();
        value.order = std::find(spec.values.begin(), spec.values.end(), text) - spec.values.begin();
        value.sort_text = text;
        value.slug = text;
        value.label = enum_label(spec, text);
        return value;
      }
      case FieldType::integer:
      case FieldType::year:
        value.order = v.is_number_integer() ? v.get<long long>() : 0;
        value.slug = value.label = v.dump();
        return value;
      case FieldType::boolean: {
        const bool yes = v.is_boolean() && v.get<bool>();
        value.order = yes ? 0 : 1;
        value.slug = yes ? "yes" : "no";
        value.label = spec.label + ": " + value.slug;
        return value;
      }
      default: {
        const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
        value.sort_text = lowercase(text);
        value.slug = slug_of(text);
        value.label = text;
        return value;
      }
    }
  }

  // Values that differ may make the same slug ("Liège", "Lièe"): the second
  // one gets a number.
  std::string unique_id(const std::string& id) {
    std::string candidate = id;
    for (int n = 2; taken_.count(candidate); ++n) candidate = id + "-" + std::to_string(n);
    taken_.insert(candidate);
    return candidate;
  }

  const ViewModel& views_;
  const SiteModel& site_;
  const Collection& collection_;
  std::set<std::string> taken_;
};

}  // namespace

const std::vector<std::string>& collection_page_ids() {
  static const std::vector<std::string> ids = {"main",           "site-search",       "jump-heading",
                                               "list-filter",    "list-filter-input", "list-filter-status",
                                               "collection-list"};
  return ids;
}

std::string initial_of(const std::string& title) {
  utf8proc_uint8_t* folded = nullptr;
  const auto options = static_cast<utf8proc_option_t>(UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_DECOMPOSE |
                                                      UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD);
  std::string text = title;
  if (utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(title.c_str()), 0, &folded, options) >= 0) {
    text = reinterpret_cast<const char*>(folded);
  }
  std::free(folded);
  // The Latin letters that do not decompose, folded as search folds them
  // (search/text_folding.h).
  static const std::vector<std::pair<std::string, std::string>> latin = {
      {"æ", "A"}, {"œ", "O"}, {"ø", "O"}, {"ł", "L"}, {"đ", "D"}, {"ð", "D"}, {"þ", "T"}, {"ı", "I"}};
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'a' && c <= 'z') return std::string(1, static_cast<char>(c - 'a' + 'A'));
    if (c >= '0' && c <= '9') return "0–9";
    if (c < 128) continue;  // a quote, a bracket, a space
    utf8proc_int32_t code = 0;
    const auto length = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                                         static_cast<utf8proc_ssize_t>(text.size() - i), &code);
    if (length <= 0) return "Other";
    const auto category = utf8proc_category(code);
    if (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) {
      for (const auto& [letter, initial] : latin)
        if (text.compare(i, letter.size(), letter) == 0) return initial;
      return "Other";  // a letter outside the Latin alphabet
    }
    if (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO) return "0–9";
    i += static_cast<size_t>(length) - 1;  // a « or a dash
  }
  return "Other";
}

json collection_groups(const ViewModel& views, const Collection& collection,
                       const std::vector<size_t>& indices) {
  if (collection.group_by.empty() || indices.empty()) return {{"grouped", false}, {"groups", json::array()}};
  Grouping grouping(views, collection);
  return {{"grouped", true}, {"groups", grouping.groups(indices, 0, "")}};
}

}  // namespace passerelle

#include "render/connections_view.h"

#include <algorithm>
#include <functional>
#include <set>

namespace passerelle {

using nlohmann::json;

namespace {

// Called with each reference met and the `inverse_label` innermost above it,
// or null where none is: the relation is then the top field's, which only a
// reference to the page's record needs (relation_from() makes a string).
using ReferenceVisitor = std::function<void(const std::string& key, const std::string* inverse)>;

// Whether a value of `spec` can hold a reference: most fields cannot, and
// are not read at all.
bool holds_references(const FieldSpec& spec) {
  switch (spec.type) {
    case FieldType::reference:
    case FieldType::citation: return true;
    case FieldType::list: return spec.items && holds_references(*spec.items);
    case FieldType::object:
      return std::any_of(spec.fields.begin(), spec.fields.end(),
                         [](const FieldSpec& sub) { return holds_references(sub); });
    default: return false;
  }
}

// Every reference in `value`, declared by `spec`.
void visit(const FieldSpec& spec, const json& value, const std::string* inverse, const ReferenceVisitor& f) {
  if (!spec.inverse_label.empty()) inverse = &spec.inverse_label;
  switch (spec.type) {
    case FieldType::reference:
      if (value.is_string()) f(value.get_ref<const std::string&>(), inverse);
      break;
    case FieldType::citation:
      if (value.is_object())
        if (auto source = value.find("source"); source != value.end() && source->is_string())
          f(source->get_ref<const std::string&>(), inverse);
      break;
    case FieldType::list:
      if (value.is_array())
        for (const auto& item : value) visit(*spec.items, item, inverse, f);
      break;
    case FieldType::object:
      if (value.is_object())
        for (const auto& sub : spec.fields)
          if (auto v = value.find(sub.name); v != value.end()) visit(sub, *v, inverse, f);
      break;
    default: break;
  }
}

void visit_field(const Record& record, const FieldSpec& spec, const ReferenceVisitor& f) {
  if (!holds_references(spec)) return;
  if (auto v = record.fields.find(spec.name); v != record.fields.end()) visit(spec, *v, nullptr, f);
}

}  // namespace

bool is_connection_field(const FieldSpec& spec) {
  return spec.type == FieldType::list && spec.items && spec.items->type == FieldType::reference;
}

json connections_view(const ViewModel& views, const Record& record, const std::vector<size_t>& leave_out) {
  const SiteModel& site = views.site();
  const Collection* collection = site.schema.collection(record.collection);
  if (!collection) return json::array();
  const std::string self = record.key();

  // Relations in the order they are met, which is their precedence.
  std::vector<std::string> relations;
  auto rank_of = [&](const std::string& relation) {
    auto it = std::find(relations.begin(), relations.end(), relation);
    if (it != relations.end()) return static_cast<size_t>(it - relations.begin());
    relations.push_back(relation);
    return relations.size() - 1;
  };
  // record index → rank of its first relation
  std::map<size_t, size_t> linked;
  std::set<std::string> elsewhere{self};  // linked by another part of the page
  auto link = [&](const std::string& key, const std::string& relation) {
    if (elsewhere.count(key)) return;
    auto it = site.index.by_key.find(key);
    if (it == site.index.by_key.end() || std::binary_search(leave_out.begin(), leave_out.end(), it->second))
      return;
    const size_t rank = rank_of(relation);
    linked.emplace(it->second, rank);  // the first relation stands
  };
  auto outgoing = [&](const FieldSpec& spec) {
    if (!is_connection_field(spec)) return;
    visit_field(record, spec, [&](const std::string& key, const std::string*) { link(key, spec.label); });
  };
  // Records that name this one through `spec` (a field of their collection, or common).
  std::vector<std::pair<const Record*, const Collection*>> referrers;
  for (size_t i : site.index.referring_to(self))
    if (const Collection* theirs = site.schema.collection(site.records[i].collection))
      referrers.emplace_back(&site.records[i], theirs);
  auto incoming = [&](const std::function<const FieldSpec*(const Collection&)>& field_of) {
    for (const auto& referrer : referrers) {
      const Record& other = *referrer.first;
      if (const FieldSpec* spec = field_of(*referrer.second))
        visit_field(other, *spec, [&](const std::string& key, const std::string* inverse) {
          if (key == self) link(other.key(), inverse ? *inverse : relation_from(*spec));
        });
    }
  };

  for (const auto& spec : site.schema.common)
    if (!is_connection_field(spec))
      visit_field(record, spec, [&](const std::string& key, const std::string*) { elsewhere.insert(key); });
  for (const auto& spec : collection->fields)
    if (!is_connection_field(spec))
      visit_field(record, spec, [&](const std::string& key, const std::string*) { elsewhere.insert(key); });

  for (const auto& spec : collection->fields) outgoing(spec);
  // Fields of the referring records, one field at a time across them all, so
  // that a relation ranks by where it is declared, not by which record came first.
  size_t most_fields = 0;
  for (const auto& c : site.schema.collections) most_fields = std::max(most_fields, c.fields.size());
  for (size_t f = 0; f < most_fields; ++f)
    incoming([f](const Collection& c) { return f < c.fields.size() ? &c.fields[f] : nullptr; });
  for (const auto& spec : site.schema.common) {
    outgoing(spec);
    incoming([&spec](const Collection&) { return &spec; });
  }

  // Groups by relation, then by collection where one relation spans several.
  std::vector<std::vector<size_t>> members(relations.size());
  for (const auto& [index, rank] : linked) members[rank].push_back(index);
  json groups = json::array();
  for (size_t rank = 0; rank < relations.size(); ++rank) {
    const auto& in = members[rank];
    if (in.empty()) continue;
    const bool mixed = site.records[in.front()].collection != site.records[in.back()].collection;
    for (size_t start = 0; start < in.size();) {
      size_t end = start;
      while (end < in.size() && site.records[in[end]].collection == site.records[in[start]].collection) ++end;
      const Collection* c = site.schema.collection(site.records[in[start]].collection);
      groups.push_back({{"relation", relations[rank]},
                        {"collection", mixed && c ? c->label : ""},
                        {"count", std::to_string(end - start)},
                        {"records_html",
                         views.record_list_html(std::vector<size_t>(in.begin() + start, in.begin() + end))}});
      if (!mixed) end = in.size();
      start = end;
    }
  }
  return groups;
}

}  // namespace passerelle

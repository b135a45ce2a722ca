#include "catalogue/catalogue_index.h"

#include <algorithm>
#include <future>

#include "util/parallel.h"

namespace passerelle {

namespace {

const std::vector<size_t> no_records;

void visit_value(const FieldSpec& spec, const nlohmann::json& value,
                 const std::function<void(const std::string&)>& visit) {
  switch (spec.type) {
    case FieldType::reference:
      if (value.is_string()) visit(value.get<std::string>());
      break;
    case FieldType::citation:
      if (value.is_object() && value.contains("source")) visit(value["source"].get<std::string>());
      break;
    case FieldType::list:
      if (value.is_array())
        for (const auto& item : value) visit_value(*spec.items, item, visit);
      break;
    case FieldType::object:
      for (const auto& sub : spec.fields)
        if (value.is_object() && value.contains(sub.name)) visit_value(sub, value[sub.name], visit);
      break;
    default: break;
  }
}

}  // namespace

const std::vector<size_t>& CatalogueIndex::collection(const std::string& id) const {
  auto it = by_collection.find(id);
  return it == by_collection.end() ? no_records : it->second;
}

const std::vector<size_t>& CatalogueIndex::tagged(const std::string& taxonomy, const std::string& term) const {
  auto t = by_term.find(taxonomy);
  if (t == by_term.end()) return no_records;
  auto it = t->second.find(term);
  return it == t->second.end() ? no_records : it->second;
}

const std::vector<size_t>& CatalogueIndex::referring_to(const std::string& key) const {
  auto it = backlinks.find(key);
  return it == backlinks.end() ? no_records : it->second;
}

void for_each_reference(const Record& record, const Schema& schema,
                        const std::function<void(const std::string&)>& visit) {
  const Collection* collection = schema.collection(record.collection);
  if (!collection) return;
  for (auto it = record.fields.begin(); it != record.fields.end(); ++it)
    if (const FieldSpec* spec = schema.field(*collection, it.key())) visit_value(*spec, *it, visit);
}

namespace {

std::vector<std::string> sorted_unique(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

}  // namespace

std::vector<std::string> distinct_terms(const Record& record, const std::string& taxonomy) {
  return sorted_unique(record.terms(taxonomy));
}

std::vector<std::string> reference_targets(const Record& record, const Schema& schema) {
  const std::string self = record.key();
  std::vector<std::string> targets;
  for_each_reference(record, schema, [&](const std::string& key) {
    if (key != self) targets.push_back(key);
  });
  return sorted_unique(std::move(targets));
}

CatalogueIndex build_index(const std::vector<Record>& records, const Schema& schema) {
  // What each record is filed under, worked out on every core; then filed in
  // record order, so that every list keeps it.
  struct Filing {
    std::vector<std::vector<std::string>> terms;  // by taxonomy, in the schema's order
    std::vector<std::string> targets;
  };
  std::vector<Filing> filings(records.size());
  parallel_slices(records.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      for (const auto& taxonomy : schema.taxonomies)
        filings[i].terms.push_back(distinct_terms(records[i], taxonomy.id));
      filings[i].targets = reference_targets(records[i], schema);
    }
  });
  CatalogueIndex index;
  // Filed by key on another core meanwhile.
  auto keyed = std::async(overlap_policy(), [&] {
    std::unordered_map<std::string, size_t> by_key;
    by_key.reserve(records.size());
    for (size_t i = 0; i < records.size(); ++i) by_key.emplace(records[i].key(), i);
    return by_key;
  });
  index.backlinks.reserve(records.size());
  // Each taxonomy's terms, looked up once it has one; the collection of the
  // record before, which the next one is most often in.
  std::vector<std::map<std::string, std::vector<size_t>>*> by_term(schema.taxonomies.size(), nullptr);
  std::vector<size_t>* collection = nullptr;
  for (size_t i = 0; i < records.size(); ++i) {
    const Record& r = records[i];
    if (!collection || r.collection != records[i - 1].collection)
      collection = &index.by_collection[r.collection];
    collection->push_back(i);
    for (size_t t = 0; t < schema.taxonomies.size(); ++t)
      for (const auto& term : filings[i].terms[t]) {
        if (!by_term[t]) by_term[t] = &index.by_term[schema.taxonomies[t].id];
        (*by_term[t])[term].push_back(i);
      }
    for (const auto& target : filings[i].targets) index.backlinks[target].push_back(i);
  }
  index.by_key = keyed.get();
  return index;
}

}  // namespace passerelle

#include "pipeline/index_update.h"

#include <algorithm>

namespace passerelle {

namespace {

// Every position list of the index, whatever it is keyed by.
template <typename Visit>
void for_each_list(CatalogueIndex& index, Visit&& visit) {
  for (auto& [key, list] : index.by_collection) visit(list);
  for (auto& [taxonomy, terms] : index.by_term)
    for (auto& [term, list] : terms) visit(list);
  for (auto& [key, list] : index.backlinks) visit(list);
}

template <typename Map>
void erase_empty(Map& map) {
  std::erase_if(map, [](const auto& entry) { return entry.second.empty(); });
}

void insert_sorted(std::vector<size_t>& list, size_t position) {
  list.insert(std::lower_bound(list.begin(), list.end(), position), position);
}

}  // namespace

void remove_from_index(CatalogueIndex& index, size_t position, const Record& record) {
  index.by_key.erase(record.key());
  for (auto& [key, at] : index.by_key)
    if (at > position) --at;
  for_each_list(index, [&](std::vector<size_t>& list) {
    auto it = std::lower_bound(list.begin(), list.end(), position);
    if (it != list.end() && *it == position) it = list.erase(it);
    for (; it != list.end(); ++it) --*it;
  });
  erase_empty(index.by_collection);
  for (auto& [taxonomy, terms] : index.by_term) erase_empty(terms);
  erase_empty(index.by_term);
  erase_empty(index.backlinks);
}

void insert_into_index(CatalogueIndex& index, size_t position, const Record& record, const Schema& schema) {
  for (auto& [key, at] : index.by_key)
    if (at >= position) ++at;
  for_each_list(index, [&](std::vector<size_t>& list) {
    for (auto it = std::lower_bound(list.begin(), list.end(), position); it != list.end(); ++it) ++*it;
  });
  index.by_key[record.key()] = position;
  insert_sorted(index.by_collection[record.collection], position);
  for (const auto& taxonomy : schema.taxonomies)
    for (const auto& term : distinct_terms(record, taxonomy.id))
      insert_sorted(index.by_term[taxonomy.id][term], position);
  for (const auto& target : reference_targets(record, schema)) insert_sorted(index.backlinks[target], position);
}

}  // namespace passerelle

// The parts of schema.yaml that group records: `sections` (collections as
// readers look for them) and `taxonomies` (what records are tagged with).
#include <algorithm>
#include <map>
#include <set>

#include "catalogue/schema_reader.h"
#include "fs/path_names.h"

namespace passerelle::schema_reading {

// `sections:`, a map of section ids to {label, description, collections}.
// Every collection must be in exactly one; without the key, each collection
// is a section of its own.
void read_sections(const YamlNode* node, SchemaReader& reader, Schema& schema) {
  if (!node) {
    for (const auto& c : schema.collections) schema.sections.push_back({c.id, c.label, c.description, {c.id}});
    return;
  }
  if (!node->is_map()) {
    reader.error(*node, "'sections' must be a map of sections, each with a 'label' and its 'collections'");
    return;
  }
  const std::vector<std::string> known = schema.collection_ids();
  std::map<std::string, std::string> placed;  // collection → its section
  for (const auto& entry : node->entries()) {
    Section section;
    section.id = entry.key->scalar();
    const YamlNode& value = *entry.value;
    if (!reader.valid_name(*entry.key, "section", "a page", "practices")) continue;
    if (section.id == "index" || section.id == "search" || section.id == "404" || section.id == "recent") {
      reader.error(*entry.key,
                   "section name '" + section.id + "' is taken by the site's page " + section.id + ".html",
                   "choose another name");
      continue;
    }
    if (!value.is_map()) {
      reader.error(value, "section '" + section.id + "' must be a map with 'label' and 'collections'");
      continue;
    }
    for (const auto& key : value.entries())
      if (const std::string& k = key.key->scalar(); k != "label" && k != "description" && k != "collections")
        reader.error(*key.key, "unknown key '" + k + "' in section '" + section.id + "'",
                     did_you_mean(k, {"label", "description", "collections"}));
    section.label = reader.scalar(value, "label");
    section.description = reader.scalar(value, "description");
    if (section.label.empty()) section.label = section.id;
    const YamlNode* members = value.find("collections");
    if (!members || !members->is_list() || members->items().empty()) {
      reader.error(members ? *members : *entry.key, "section '" + section.id + "' lists no collections",
                   "add 'collections: [<collection>, ...]'");
      continue;
    }
    for (const YamlNode* member : members->items()) {
      const std::string id = member->is_scalar() ? member->scalar() : std::string();
      if (std::find(known.begin(), known.end(), id) == known.end()) {
        reader.error(*member, "section '" + section.id + "' lists unknown collection '" + id + "'",
                     did_you_mean(id, known));
      } else if (auto [at, fresh] = placed.emplace(id, section.id); !fresh) {
        reader.error(*member, "collection '" + id + "' is already in section '" + at->second + "'",
                     "a collection belongs to one section; remove it from one of them");
      } else {
        section.collections.push_back(id);
      }
    }
    if (!section.collections.empty()) schema.sections.push_back(std::move(section));
  }
  for (const auto& c : schema.collections)
    if (!placed.count(c.id)) {
      reader.error(*node, "collection '" + c.id + "' is in no section",
                   "add it to the 'collections' of one of the sections, so that readers can find it");
      schema.sections.push_back({c.id, c.label, c.description, {c.id}});  // so that every collection has one
    }
}

// `taxonomies:`, a map of taxonomy ids to {label, singular, help, facet,
// map, collections}. Read before the collections, whose names it takes;
// their `collections` are checked once the collections are known
// (check_taxonomy_collections).
void read_taxonomies(const YamlNode* node, const YamlNode* collections, SchemaReader& reader, Schema& schema) {
  if (!node) {
    schema.taxonomies = default_taxonomies();
    return;
  }
  if (!node->is_map() || node->entries().empty()) {
    reader.error(*node, "'taxonomies' must be a map of taxonomies, each with a 'label'",
                 "for example taxonomies: {themes: {label: Themes, singular: Theme, facet: theme}}");
    return;
  }
  static const std::vector<std::string> keys = {"label", "singular", "help", "facet", "map", "collections"};
  static const std::set<std::string> fields_of_every_record = {"title",   "summary", "period",
                                                               "related", "sources", "aliases"};
  static const std::set<std::string> search_parameters = {"q", "collection", "period"};
  std::set<std::string> facets;
  for (const auto& entry : node->entries()) {
    Taxonomy t;
    t.id = entry.key->scalar();
    const YamlNode& value = *entry.value;
    if (!reader.valid_name(*entry.key, "taxonomy", "the records' field and the folder of its pages",
                           "programmes"))
      continue;
    if (is_reserved_folder(t.id) || fields_of_every_record.count(t.id)) {
      reader.error(*entry.key,
                   "taxonomy name '" + t.id + "' is taken by a folder of the site or a field of every record",
                   "choose another name, such as a plural noun: 'programmes'");
      continue;
    }
    if (collections && collections->is_map() && collections->find(t.id)) {
      reader.error(*entry.key, "taxonomy name '" + t.id + "' is the name of a collection",
                   "a taxonomy's pages and a collection's share the folder " + t.id + "/: rename one of them");
      continue;
    }
    if (!value.is_map()) {
      reader.error(value, "taxonomy '" + t.id + "' must be a map with a 'label'",
                   "for example {label: Funding programmes, singular: Funding programme, facet: programme}");
      continue;
    }
    for (const auto& key : value.entries())
      if (std::find(keys.begin(), keys.end(), key.key->scalar()) == keys.end())
        reader.error(*key.key, "unknown key '" + key.key->scalar() + "' in taxonomy '" + t.id + "'",
                     did_you_mean(key.key->scalar(), keys));
    t.label = reader.scalar(value, "label");
    t.singular = reader.scalar(value, "singular");
    t.help = reader.scalar(value, "help");
    t.facet = reader.scalar(value, "facet");
    if (t.label.empty()) t.label = t.id;
    if (t.singular.empty()) t.singular = t.label;
    if (const YamlNode* facet = value.find("facet"); facet && !t.facet.empty()) {
      if (!is_valid_name(t.facet) || search_parameters.count(t.facet)) {
        reader.error(*facet, "invalid facet name '" + t.facet + "' for taxonomy '" + t.id + "'",
                     "it names the search page's filter in its address (search.html?" + t.id.substr(0, 1) +
                         "…=…): a-z, 0-9 and '-', other than q, collection and period");
        t.facet.clear();
      } else if (!facets.insert(t.facet).second) {
        reader.error(*facet, "facet name '" + t.facet + "' is used by another taxonomy", "give each its own");
        t.facet.clear();
      }
    }
    if (const YamlNode* map = value.find("map")) {
      if (map->is_scalar() && map->scalar() == "europe") {
        if (const Taxonomy* other = schema.map_taxonomy())
          reader.error(*map, "taxonomy '" + other->id + "' is already drawn on the map",
                       "one taxonomy holds the countries; remove 'map' from one of them");
        else t.map = true;
      } else {
        reader.error(*map, "'map' of taxonomy '" + t.id + "' must be 'europe'",
                     "map: europe makes the terms ISO 3166-1 country codes, drawn on a map of Europe");
      }
    }
    if (const YamlNode* members = value.find("collections")) {
      if (!members->is_list() || members->items().empty())
        reader.error(*members, "'collections' of taxonomy '" + t.id + "' must be a list of collections",
                     "leave it out for a taxonomy every collection uses");
      else
        for (const YamlNode* member : members->items())
          t.collections.push_back(member->is_scalar() ? member->scalar() : std::string());
    }
    schema.taxonomies.push_back(std::move(t));
  }
}

// A taxonomy's `collections` may only name collections of the schema. Its
// field goes to each of them, first among their own fields.
void place_taxonomy_fields(const YamlNode* node, SchemaReader& reader, Schema& schema) {
  const std::vector<std::string> known = schema.collection_ids();
  for (auto& t : schema.taxonomies) {
    if (t.collections.empty()) continue;
    const YamlNode* members = node ? node->find(t.id) : nullptr;
    members = members && members->is_map() ? members->find("collections") : nullptr;
    std::vector<std::string> kept;
    for (size_t i = 0; i < t.collections.size(); ++i) {
      const std::string& id = t.collections[i];
      if (std::find(known.begin(), known.end(), id) != known.end()) {
        kept.push_back(id);
      } else if (members && i < members->items().size()) {
        // A collection declared with an error of its own has been reported already.
        reader.error(*members->items()[i], "taxonomy '" + t.id + "' lists unknown collection '" + id + "'",
                     did_you_mean(id, known));
      }
    }
    if (kept.empty()) continue;  // reported; the field goes to no collection (empty would mean every one)
    t.collections = kept;
    for (auto& c : schema.collections) {
      if (!t.applies_to(c.id)) continue;
      if (std::any_of(c.fields.begin(), c.fields.end(), [&](const FieldSpec& f) { return f.name == t.id; })) {
        reader.error(
            members ? *members : *node,
            "collection '" + c.id + "' declares a field '" + t.id + "', the name of a taxonomy it uses",
            "rename the field");
        continue;
      }
      c.fields.insert(c.fields.begin(), taxonomy_field(t));
    }
  }
}

}  // namespace passerelle::schema_reading

#include "catalogue/schema.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "catalogue/schema_reader.h"
#include "fs/path_names.h"

namespace passerelle {

using namespace schema_reading;

namespace {

// References inside a field may only name collections that exist.
void check_reference_targets(const FieldSpec& spec, const Schema& schema, const std::string& path,
                             Diagnostics& diagnostics) {
  if (spec.type == FieldType::reference && !spec.collection.empty() && !schema.collection(spec.collection))
    diagnostics.error(path, 0, 0,
                      "field '" + spec.name + "' refers to unknown collection '" + spec.collection + "'",
                      did_you_mean(spec.collection, schema.collection_ids()));
  if (spec.items) check_reference_targets(*spec.items, schema, path, diagnostics);
  for (const auto& sub : spec.fields) check_reference_targets(sub, schema, path, diagnostics);
}

std::string type_description(const FieldSpec& spec) {
  if (spec.type == FieldType::list && spec.items) return "a list of " + field_type_name(spec.items->type) + "s";
  return "a " + field_type_name(spec.type);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// A name in `group_by` or `numbered_by` that is not a field of the
// collection: reported, unless it is declared with an error of its own
// (reported already).
void unknown_field(SchemaReader& reader, const YamlNode& collection, const YamlNode& at,
                   const std::string& what, const std::string& name, const std::vector<std::string>& names) {
  const YamlNode* declared = collection.find("fields");
  if (declared && declared->is_map() && declared->find(name)) return;
  reader.error(at, "cannot " + what + " by unknown field '" + name + "'", did_you_mean(name, names));
}

// `group_by: [document, audience]`: the fields that divide the index page
// into groups and subgroups.
void read_group_by(SchemaReader& reader, const YamlNode& node, const Schema& schema, Collection& c) {
  const YamlNode* group_by = node.find("group_by");
  if (!group_by) return;
  if (!group_by->is_list() || group_by->items().empty()) {
    reader.error(*group_by, "'group_by' of collection '" + c.id + "' must be a list of field names",
                 "for example group_by: [countries] or group_by: [document, audience]");
    return;
  }
  std::vector<std::string> groupable;
  for (const auto& name : schema.field_names(c))
    if (can_group(*schema.field(c, name))) groupable.push_back(name);
  for (const YamlNode* item : group_by->items()) {
    const std::string name = item->is_scalar() ? item->scalar() : std::string();
    const FieldSpec* spec = schema.field(c, name);
    if (!spec) {
      unknown_field(reader, node, *item, "group", name, schema.field_names(c));
      continue;
    }
    if (!can_group(*spec)) {
      reader.error(*item,
                   "cannot group by field '" + name + "' (" + type_description(*spec) +
                       "): records are grouped by a value they can share",
                   "group by a reference, an enum, a vocabulary, a number or a string: " + joined(groupable));
      continue;
    }
    if (std::find(c.group_by.begin(), c.group_by.end(), name) != c.group_by.end()) {
      reader.error(*item, "'group_by' names field '" + name + "' twice");
      continue;
    }
    if (c.group_by.size() == 2) {
      reader.error(*item, "'group_by' of collection '" + c.id + "' names more than two fields",
                   "a list is grouped two levels deep at most: keep the two readers look for first");
      break;
    }
    c.group_by.push_back(name);
  }
}

// `numbered_by: number`: the field whose value leads a record's title in lists.
void read_numbered_by(SchemaReader& reader, const YamlNode& node, const Schema& schema, Collection& c) {
  const YamlNode* numbered_by = node.find("numbered_by");
  if (!numbered_by) return;
  const std::string name = numbered_by->is_scalar() ? numbered_by->scalar() : std::string();
  const FieldSpec* spec = schema.field(c, name);
  if (!spec) {
    unknown_field(reader, node, *numbered_by, "number", name, schema.field_names(c));
    return;
  }
  if (spec->type != FieldType::integer && spec->type != FieldType::string) {
    reader.error(*numbered_by, "cannot number by field '" + name + "' (" + type_description(*spec) + ")",
                 "a record's number is one integer or one string, such as a field 'number' or 'code'");
    return;
  }
  c.numbered_by = name;
}

}  // namespace

bool can_group(const FieldSpec& spec) {
  switch (spec.type) {
    case FieldType::reference:
    case FieldType::enumeration:
    case FieldType::term:
    case FieldType::integer:
    case FieldType::year:
    case FieldType::boolean:
    case FieldType::string: return true;
    case FieldType::list: return spec.items && spec.items->type != FieldType::list && can_group(*spec.items);
    default: return false;
  }
}

std::optional<FieldType> field_type_from_name(const std::string& name) {
  for (const auto& [n, type] : type_names())
    if (n == name) return type;
  return std::nullopt;
}

std::string field_type_name(FieldType type) {
  switch (type) {
    case FieldType::term: return "term";
    case FieldType::period: return "period";
    case FieldType::citation: return "citation";
    case FieldType::former_id: return "former id";
    default:
      for (const auto& [n, t] : type_names())
        if (t == type) return n;
  }
  return "?";
}

const FieldSpec* FieldSpec::field(const std::string& field_name) const {
  for (const auto& f : fields)
    if (f.name == field_name) return &f;
  return nullptr;
}

bool Taxonomy::applies_to(const std::string& collection) const {
  return collections.empty() ||
         std::find(collections.begin(), collections.end(), collection) != collections.end();
}

std::vector<Taxonomy> default_taxonomies() {
  return {
      {"countries", "Countries", "Country", "ISO 3166-1 alpha-2 codes, e.g. [PT, FR]", "country", true, {}},
      {"themes", "Themes", "Theme", "what the record is about", "theme", false, {}},
      {"actors", "Actor types", "Actor type", "the kinds of actors involved or addressed", "actor", false, {}},
  };
}

std::vector<FieldSpec> common_fields(const std::vector<Taxonomy>& taxonomies) {
  std::vector<FieldSpec> fields;
  FieldSpec title = make_field("title", FieldType::string, "Title");
  title.required = true;
  title.help = "the record's name, as the sources give it";
  fields.push_back(title);
  fields.push_back(make_field("summary", FieldType::text, "Summary"));
  fields.back().help =
      "one or two sentences in our own words, shown in lists, search results and the page head";
  for (const auto& taxonomy : taxonomies)
    if (taxonomy.collections.empty()) fields.push_back(taxonomy_field(taxonomy));
  fields.push_back(make_field("period", FieldType::period, "Period"));
  fields.back().help = "when it ran; start or end may be left out";
  fields.push_back(list_of("related", make_field("", FieldType::reference, ""), "Related"));
  fields.back().inverse_label = "Related";
  fields.back().help = "other records of the catalogue";
  fields.push_back(list_of("sources", make_field("", FieldType::citation, ""), "Sources"));
  fields.back().inverse_label = "Cited by";
  fields.back().help =
      "the documents it is written from: {source: sources/<id>, section: \"…\"}, or {title: \"…\", url: \"…\"} "
      "for a document outside the catalogue";
  fields.push_back(list_of("aliases", make_field("", FieldType::former_id, ""), "Former ids"));
  fields.back().help =
      "ids the record had before it was renamed: each old address leads to its page (passerelle mv adds them)";
  return fields;
}

std::string relation_from(const FieldSpec& spec) {
  if (!spec.inverse_label.empty()) return spec.inverse_label;
  return (spec.label.empty() ? spec.name : spec.label) + " of";
}

const Collection* Schema::collection(const std::string& id) const {
  for (const auto& c : collections)
    if (c.id == id) return &c;
  return nullptr;
}

const FieldSpec* Schema::field(const Collection& c, const std::string& name) const {
  for (const auto& f : common)
    if (f.name == name) return &f;
  for (const auto& f : c.fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string> Schema::field_names(const Collection& c) const {
  std::vector<std::string> names;
  for (const auto& f : common) names.push_back(f.name);
  for (const auto& f : c.fields) names.push_back(f.name);
  return names;
}

std::vector<std::string> Schema::collection_ids() const {
  std::vector<std::string> ids;
  for (const auto& c : collections) ids.push_back(c.id);
  return ids;
}

const Taxonomy* Schema::taxonomy(const std::string& id) const {
  for (const auto& t : taxonomies)
    if (t.id == id) return &t;
  return nullptr;
}

const Taxonomy* Schema::map_taxonomy() const {
  for (const auto& t : taxonomies)
    if (t.map) return &t;
  return nullptr;
}

std::vector<std::string> Schema::taxonomy_ids() const {
  std::vector<std::string> ids;
  for (const auto& t : taxonomies) ids.push_back(t.id);
  return ids;
}

bool is_reserved_folder(const std::string& name) {
  static const std::set<std::string> own = {"assets", "search", "media", "vocabularies", "pages"};
  return own.count(name) > 0;
}

std::string section_path(const Section& section) {
  return section.has_page() ? section.id + ".html" : section.collections.front() + "/index.html";
}

const Section& Schema::section_of(const std::string& collection) const {
  for (const auto& s : sections)
    if (std::find(s.collections.begin(), s.collections.end(), collection) != s.collections.end()) return s;
  throw std::logic_error("collection '" + collection + "' is in no section");
}

Schema load_schema(const FileSystem& fs, const std::string& content_dir, Diagnostics& diagnostics) {
  Schema schema;
  schema.taxonomies = default_taxonomies();
  schema.common = common_fields(schema.taxonomies);
  const std::string path = join_path(content_dir, "schema.yaml");
  if (!check_within(fs, content_dir, path, diagnostics)) return schema;
  auto text = fs.read(path);
  if (!text) {
    diagnostics.error(path, 0, 0, "cannot read the schema",
                      "a catalogue declares its collections in schema.yaml; see docs/content-format.md");
    return schema;
  }
  SourceFile file(path, *text);
  auto doc = parse_yaml(file, *text, 1, diagnostics);
  if (!doc) return schema;
  SchemaReader reader(file, diagnostics);
  const YamlNode* collections = doc->root->find("collections");
  if (!collections || !collections->is_map()) {
    diagnostics.add(
        file.error_at(1, 1, "the schema has no 'collections' map", "start the file with 'collections:'"));
    return schema;
  }
  schema.taxonomies.clear();
  const YamlNode* taxonomies = doc->root->find("taxonomies");
  read_taxonomies(taxonomies, collections, reader, schema);
  schema.common = common_fields(schema.taxonomies);
  std::set<std::string> common_names;
  for (const auto& f : schema.common) common_names.insert(f.name);
  for (const auto& entry : collections->entries()) {
    Collection c;
    c.id = entry.key->scalar();
    const YamlNode& node = *entry.value;
    if (!reader.valid_name(*entry.key, "collection", "the collection's folder and pages", "practices"))
      continue;
    if (is_reserved_folder(c.id) || schema.taxonomy(c.id)) {
      std::string taken = "assets, search, media, vocabularies, pages";
      for (const auto& t : schema.taxonomies) taken += ", " + t.id;
      reader.error(*entry.key,
                   "collection name '" + c.id + "' is taken by a folder of the site or the catalogue",
                   "choose another name; the site's own folders and the taxonomies are " + taken);
      continue;
    }
    if (!node.is_map()) {
      reader.error(node, "collection '" + c.id + "' must be a map with 'label' and 'fields'");
      continue;
    }
    static const std::set<std::string> collection_keys = {
        "label", "singular", "description", "sort", "search_rank", "fields", "group_by", "numbered_by"};
    for (const auto& key : node.entries())
      if (!collection_keys.count(key.key->scalar()))
        reader.error(*key.key, "unknown key '" + key.key->scalar() + "' in collection '" + c.id + "'",
                     did_you_mean(key.key->scalar(), {collection_keys.begin(), collection_keys.end()}));
    c.label = reader.scalar(node, "label");
    c.singular = reader.scalar(node, "singular");
    c.description = reader.scalar(node, "description");
    if (c.label.empty()) c.label = c.id;
    if (c.singular.empty()) c.singular = c.label;
    if (const YamlNode* rank = node.find("search_rank")) {
      const std::string value = rank->is_scalar() ? rank->scalar() : std::string();
      const bool digits =
          !value.empty() && value.size() < 4 && value.find_first_not_of("0123456789") == std::string::npos;
      if (digits && std::stoul(value) > 0) c.search_rank = static_cast<unsigned>(std::stoul(value));
      else
        reader.error(*rank, "'search_rank' of collection '" + c.id + "' must be a whole number from 1 to 999",
                     "1 comes first among results that match equally well");
    }
    if (const YamlNode* fields = node.find("fields"); fields && fields->is_map()) {
      for (const auto& f : fields->entries()) {
        const std::string& name = f.key->scalar();
        if (common_names.count(name)) {
          reader.error(*f.key, "field '" + name + "' is common to every collection",
                       "remove it here; see docs/content-format.md for the common fields");
          continue;
        }
        if (auto spec = reader.field(name, *f.value)) c.fields.push_back(std::move(*spec));
      }
    }
    if (const YamlNode* sort = node.find("sort"); sort && sort->is_list()) {
      for (const YamlNode* s : sort->items()) {
        const std::string& name = s->scalar();
        bool known = common_names.count(name) > 0;
        for (const auto& f : c.fields) known = known || f.name == name;
        // A field declared with an error has been reported already.
        const YamlNode* declared = node.find("fields");
        if (!known && declared && declared->is_map() && declared->find(name)) continue;
        if (!known) {
          std::vector<std::string> names(common_names.begin(), common_names.end());
          for (const auto& f : c.fields) names.push_back(f.name);
          reader.error(*s, "cannot sort by unknown field '" + name + "'", did_you_mean(name, names));
          continue;
        }
        c.sort.push_back(name);
      }
    }
    read_group_by(reader, node, schema, c);
    read_numbered_by(reader, node, schema, c);
    schema.collections.push_back(std::move(c));
  }
  place_taxonomy_fields(taxonomies, reader, schema);
  for (const auto& c : schema.collections)
    for (const auto& f : c.fields) check_reference_targets(f, schema, path, diagnostics);
  read_sections(doc->root->find("sections"), reader, schema);
  for (const auto& entry : doc->root->entries())
    if (const std::string& key = entry.key->scalar();
        key != "collections" && key != "sections" && key != "taxonomies")
      reader.error(*entry.key, "unknown key '" + key + "' in the schema",
                   did_you_mean(key, {"collections", "sections", "taxonomies"}));
  return schema;
}

}  // namespace passerelle

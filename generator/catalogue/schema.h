// The catalogue's schema: which collections exist and which fields they have.
//
// Read from content/schema.yaml (format documented at the top of that file and
// in docs/content-format.md), so a catalogue adds a collection or a field without
// recompiling. The fields every record has (title, summary, countries, themes,
// actors, period, related, sources, aliases) are the content contract and are
// built in here; the schema file declares only what a collection adds.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "content/source_file.h"
#include "diagnostics/diagnostic.h"
#include "fs/file_system.h"

namespace passerelle {

enum class FieldType {
  string, text, integer, year, boolean, url, enumeration, reference, list, object,
  term,      // an id from a vocabulary (`taxonomy`)
  period,    // {start: YEAR, end: YEAR}
  citation,  // {source: reference, section, title, url, note} or a reference
  former_id, // an id the record had before it was renamed (`aliases`)
};

std::optional<FieldType> field_type_from_name(const std::string& name);
std::string field_type_name(FieldType type);

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::string;
  std::string label;
  std::string help;
  // A reference's relation seen from the record it names ("Partner in" for
  // `partners`); empty: "<label> of", see relation_from().
  std::string inverse_label;
  // The ISO 639-1 code of the language a text field is written in, where it
  // is not the catalogue's (a factor's original French title).
  std::string language;
  bool required = false;
  std::string collection;            // reference: the collection it must point into
  std::string taxonomy;              // term: countries, themes or actors
  std::vector<std::string> values;   // enumeration
  // enumeration: how pages write some of its values ("ngos" → "NGOs");
  // the others are written from the value ("trade-unions" → "Trade unions").
  std::map<std::string, std::string> value_labels;
  std::shared_ptr<FieldSpec> items;  // list
  std::vector<FieldSpec> fields;     // object

  const FieldSpec* field(const std::string& field_name) const;
};

struct Collection {
  std::string id;  // folder name
  std::string label;
  std::string singular;
  std::string description;
  std::vector<std::string> sort;  // field names ordering the index page
  // The fields that divide the index page into groups, then subgroups
  // (schema.yaml's `group_by`, at most two; see can_group()).
  std::vector<std::string> group_by;
  // The field whose value leads each record's title in lists
  // (`numbered_by`: a factor's number), or empty.
  std::string numbered_by;
  // Where the collection's records come among search results that match the
  // query equally well: 1 first (schema.yaml's `search_rank`; unset, after
  // every ranked collection).
  unsigned search_rank = kUnranked;
  static constexpr unsigned kUnranked = 1000;
  std::vector<FieldSpec> fields;  // collection-specific, in declared order
};

// The three taxonomies every record can be tagged with, in display order.
const std::vector<std::string>& taxonomy_ids();

// What readers look for, as a group of collections: "Practices" holds the
// DPs, the networks, the initiatives and the good practices. The site's menu,
// the home page and the counts of country, theme and actor pages follow the
// sections (schema.yaml's `sections`); without them, each collection is a
// section of its own. A section of several collections has a page of its
// own, `<id>.html` at the site's root; a section of one is that collection.
struct Section {
  std::string id;
  std::string label;
  std::string description;
  std::vector<std::string> collections;  // in display order; each in one section only

  bool has_page() const { return collections.size() > 1; }
};

// Where a section's readers go, relative to the site's root: its own page,
// or its one collection's.
std::string section_path(const Section& section);

struct Schema {
  std::vector<FieldSpec> common;        // the contract's fields, in display order
  std::vector<Collection> collections;  // in declared order
  std::vector<Section> sections;        // every collection in one of them

  const Section& section_of(const std::string& collection) const;

  const Collection* collection(const std::string& id) const;
  // A field of a record of `collection`: common fields first.
  const FieldSpec* field(const Collection& collection, const std::string& name) const;
  std::vector<std::string> field_names(const Collection& collection) const;
  std::vector<std::string> collection_ids() const;
};

std::vector<FieldSpec> common_fields();

// How a record that names another through `spec` stands to it, said from the
// named record: the field's `inverse_label`, else "<label> of" ("Lead
// partner" → "Lead partner of").
std::string relation_from(const FieldSpec& spec);

// Whether an index page can be grouped by the field: a reference, an enum,
// a vocabulary term, a number, a year, a yes/no or a string, or a list of
// these (a record is then listed under each of its values). `title` groups
// by its first letter (A–Z). A text, an address, an object or a period
// cannot: no two records share one.
bool can_group(const FieldSpec& spec);

// True for the names a collection may not take: the site's own folders
// (assets, search, the taxonomies' pages) and the catalogue's (media, vocabularies).
bool is_reserved_folder(const std::string& name);

// Reads `<content>/schema.yaml`. Problems are added to `diagnostics`; the
// schema returned holds what could be read.
Schema load_schema(const FileSystem& fs, const std::string& content_dir, Diagnostics& diagnostics);

}  // namespace passerelle

// The catalogue's schema: which collections and taxonomies exist and which
// fields records have.
//
// Read from content/schema.yaml (format documented at the top of that file and
// in docs/content-format.md), so a catalogue adds a collection, a taxonomy or a
// field without recompiling. The fields every record has (title, summary,
// period, related, sources, aliases, and one per taxonomy) are the content
// contract and are built in here; the schema file declares only what a
// collection adds.
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
  string,
  text,
  integer,
  fraction,  // from 0 to 1, written 2/3 or 0.5 (a benchmark's weights)
  year,
  boolean,
  url,
  enumeration,
  reference,
  list,
  object,
  term,       // an id from a vocabulary (`taxonomy`)
  period,     // {start: YEAR, end: YEAR}
  citation,   // {source: reference, section, title, url, note} or a reference
  former_id,  // an id the record had before it was renamed (`aliases`)
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
  std::string collection;           // reference: the collection it must point into
  std::string taxonomy;             // term: the id of its taxonomy
  std::vector<std::string> values;  // enumeration
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

// A classification records are tagged with from a vocabulary: countries,
// themes, actor types, funding programmes. Declared in schema.yaml's
// `taxonomies` (without it: countries, themes and actors, as before the key
// existed); each has a field of its name on the records of its collections,
// a vocabulary at vocabularies/<id>.yaml, a page per term under <id>/, and,
// with `facet`, a filter on the search page. `map: europe` makes its terms
// ISO 3166-1 country codes, drawn on the map of Europe.
struct Taxonomy {
  std::string id;                        // the records' field, the folder of its pages, the vocabulary's file
  std::string label;                     // "Actor types"
  std::string singular;                  // "Actor type"
  std::string help;                      // what editors put in the field
  std::string facet;                     // the search page's parameter ("actor"); empty: not a search filter
  bool map = false;                      // its terms are countries, shown on the map of Europe
  std::vector<std::string> collections;  // the collections that use it; empty: every one

  bool applies_to(const std::string& collection) const;
};

// The taxonomies of a schema.yaml that declares none.
std::vector<Taxonomy> default_taxonomies();

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
  std::vector<Taxonomy> taxonomies;     // in display order
  std::vector<Collection> collections;  // in declared order
  std::vector<Section> sections;        // every collection in one of them

  const Section& section_of(const std::string& collection) const;

  const Collection* collection(const std::string& id) const;
  // A field of a record of `collection`: common fields first.
  const FieldSpec* field(const Collection& collection, const std::string& name) const;
  std::vector<std::string> field_names(const Collection& collection) const;
  std::vector<std::string> collection_ids() const;

  const Taxonomy* taxonomy(const std::string& id) const;
  // The taxonomy whose terms are countries (`map: europe`), or null.
  const Taxonomy* map_taxonomy() const;
  std::vector<std::string> taxonomy_ids() const;
};

// The fields every record has, with a term list for each taxonomy that
// applies to every collection (the others are fields of their collections).
std::vector<FieldSpec> common_fields(const std::vector<Taxonomy>& taxonomies = default_taxonomies());

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

// True for the names a collection or a taxonomy may not take: the site's own
// folders (assets, search) and the catalogue's (media, vocabularies, pages).
// The taxonomies' and the collections' names must also differ from each other.
bool is_reserved_folder(const std::string& name);

// Reads `<content>/schema.yaml`. Problems are added to `diagnostics`; the
// schema returned holds what could be read.
Schema load_schema(const FileSystem& fs, const std::string& content_dir, Diagnostics& diagnostics);

}  // namespace passerelle

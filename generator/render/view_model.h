// What templates see of records, fields and terms.
//
// Turns validated records into the JSON views handed to Mustache: a record as
// a list item, term links and labels, and a field value as escaped HTML. Field
// values are rendered here rather than by a recursive template because they
// are arbitrary trees (lists of objects of references…) and a Mustache
// partial per node made record pages several times slower; the markup is
// plain (text, <a>, <ul>, <dl class="object">) and every text is escaped.
// URLs in views are relative to the page being rendered, through `root`
// ("" or "../").
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "model/site_model.h"
#include "util/text.h"

namespace passerelle {

// How pages write a value of an enum field: its label in the schema, else
// humanize(value).
std::string enum_label(const FieldSpec& spec, const std::string& value);

// A period as readers see it, on pages and in catalogue.csv: "2002–2005",
// "2004" when it starts and ends the same year, "…" for a side left out.
std::string period_text(const nlohmann::json& period);

// The search page with filters set, {parameter, value} in order, as a link
// from a page whose way to the root is `root`: records with every filter's
// value, several values of one parameter meaning any of them. Works from
// file:// as from a host: the page reads its filters from the query string.
std::string search_url(const std::string& root,
                       const std::vector<std::pair<std::string, std::string>>& filters);

// Whether a field reads as a section of its record's page (see
// ViewModel::section_html()) rather than as a short fact beside it.
bool is_section_field(const FieldSpec& spec);

class ViewModel {
 public:
  // `item_html(i)` is record i rendered as a list item for a page one folder
  // deep (by the record_item template), rendered once and reused by every
  // list it appears in (site_renderer.h: RecordItems).
  using ItemHtml = std::function<const std::string&(size_t)>;
  explicit ViewModel(const SiteModel& site, ItemHtml item_html = {})
      : site_(site), item_html_(std::move(item_html)) {}

  // {title, number, url, summary, collection, countries, period, lang}: a record
  // in a list; `number` is its collection's `numbered_by` field, or empty.
  nlohmann::json record_item(const Record& record, const std::string& root) const;
  // The records' list items one after the other, as HTML (pages one folder
  // deep): lists run to thousands of records on a term's page, so they reach
  // the template as one text rather than one value per record.
  std::string record_list_html(const std::vector<size_t>& indices) const;
  // Records grouped by collection, in the schema's order:
  // [{id, label, count, records_html}].
  nlohmann::json grouped_by_collection(const std::vector<size_t>& indices) const;
  // The same groups within the schema's sections, in the sections' order:
  // [{id, anchor, label, count, several, collections: [as grouped_by_collection]}],
  // `several` when the section holds records of more than one collection;
  // `anchor` is the collection's id when it holds one.
  nlohmann::json grouped_by_section(const std::vector<size_t>& indices) const;
  // A field's value as HTML, every text escaped.
  std::string value_html(const FieldSpec& spec, const nlohmann::json& value, const std::string& root) const;
  // A field that reads as a section of the page rather than a short fact
  // (a text, a list of texts or of objects), as HTML for the main column:
  // texts as paragraphs or a list, each object as an entry led by its first
  // field, its other short fields after it, its texts below.
  std::string section_html(const FieldSpec& spec, const nlohmann::json& value, const std::string& root) const;
  // A field's value for a template to lay out itself (escaped there by
  // {{ }}): texts and numbers as they are, enum values humanized, periods as
  // "2001–2004", references as {title, url}, terms as {label, url},
  // citations as {html}; lists and objects keep their shape.
  nlohmann::json value_view(const FieldSpec& spec, const nlohmann::json& value, const std::string& root) const;
  // Every field of the record its collection declares, by name, as value_view().
  nlohmann::json fields_view(const Record& record, const std::string& root) const;
  // {field name: language} for the fields of `collection` declared in
  // another language than the catalogue's, for templates to mark with `lang`.
  nlohmann::json field_languages(const std::string& collection) const;
  // [{label, url}] for the record's terms of one taxonomy.
  nlohmann::json term_links(const Record& record, const std::string& taxonomy, const std::string& root) const;
  std::string term_label(const std::string& taxonomy, const std::string& term) const;
  // A taxonomy's name as a page's title reads it ("Actor types"); one of
  // its terms as a table's column or a chart's axis reads it ("Actor type");
  // the search page's parameter for its terms ("actor"; empty: search does
  // not filter by it). From schema.yaml's `taxonomies`.
  std::string taxonomy_label(const std::string& taxonomy) const;
  std::string taxonomy_singular(const std::string& taxonomy) const;
  std::string facet_of(const std::string& taxonomy) const;
  std::string reference_title(const std::string& key) const;
  const SiteModel& site() const { return site_; }

 private:
  const SiteModel& site_;
  ItemHtml item_html_;
};

}  // namespace passerelle

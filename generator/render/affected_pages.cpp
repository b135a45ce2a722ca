#include "render/affected_pages.h"

#include "catalogue/catalogue_index.h"

namespace passerelle {

namespace {

// The pages of the records `record` refers to that exist.
void add_referenced(const SiteModel& site, const Record& record, std::set<std::string>& pages) {
  for_each_reference(record, site.schema, [&](const std::string& key) {
    if (site.index.by_key.count(key)) pages.insert(key + ".html");
  });
}

}  // namespace

std::set<std::string> pages_showing(const SiteModel& site, const Record& record) {
  std::set<std::string> pages;
  pages.insert(record_path(record.collection, record.id));
  for (const auto& alias : record.aliases()) pages.insert(record_path(record.collection, alias));
  pages.insert(record.collection + "/index.html");
  if (const Section& section = site.schema.section_of(record.collection); section.has_page())
    pages.insert(section_path(section));
  add_referenced(site, record, pages);
  for (const auto& taxonomy : site.schema.taxonomies)
    for (const auto& term : record.terms(taxonomy.id)) pages.insert(term_path(taxonomy.id, term));
  return pages;
}

bool only_body_changed(const Record& before, const Record& after) { return before.fields == after.fields; }

std::set<std::string> pages_changed_by_edit(const SiteModel& site, const Record& before, const Record& after) {
  // Its body shows on its own page alone: every other page reads only its
  // fields (its list item, title, terms, what it refers to).
  if (only_body_changed(before, after))
    return {record_path(after.collection, after.id), "index.html", std::string(recent_changes_path)};
  std::set<std::string> pages = pages_showing(site, before);
  pages.merge(pages_showing(site, after));
  for (size_t referrer : site.index.referring_to(after.key())) {
    const Record& r = site.records[referrer];
    pages.insert(record_path(r.collection, r.id));
    if (const Collection* c = site.schema.collection(r.collection); c && !c->group_by.empty())
      pages.insert(r.collection + "/index.html");
    add_referenced(site, r, pages);
  }
  pages.insert("index.html");
  pages.insert(recent_changes_path);
  for (const auto& taxonomy : site.schema.taxonomies)
    if (before.terms(taxonomy.id) != after.terms(taxonomy.id)) pages.insert(taxonomy.id + "/index.html");
  return pages;
}

}  // namespace passerelle

#include "validation/page_loader.h"

#include <algorithm>
#include <limits>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "fs/path_names.h"
#include "validation/record_loader.h"
#include "validation/translation_loader.h"

namespace passerelle {

namespace {

// The fields a page may have, checked as a record's are.
const Schema& page_schema() {
  static const Schema schema = [] {
    Schema s;
    FieldSpec title;
    title.name = "title";
    title.type = FieldType::string;
    title.label = "Title";
    title.required = true;
    FieldSpec summary;
    summary.name = "summary";
    summary.type = FieldType::text;
    summary.label = "Summary";
    FieldSpec order;
    order.name = "order";
    order.type = FieldType::integer;
    order.label = "Order";
    s.common = {title, summary, order};
    Collection pages;
    pages.id = pages_folder;
    pages.label = "Pages";
    pages.singular = "page";
    s.collections.push_back(pages);
    return s;
  }();
  return schema;
}

bool comes_before(const Record& a, const Record& b) {
  const auto order = [](const Record& r) {
    auto it = r.fields.find("order");
    return it != r.fields.end() && it->is_number_integer() ? it->get<long long>()
                                                           : std::numeric_limits<long long>::max();
  };
  if (order(a) != order(b)) return order(a) < order(b);
  if (a.title() != b.title()) return a.title() < b.title();
  return a.id < b.id;
}

}  // namespace

std::vector<Record> load_pages(const FileSystem& fs, const std::string& content_dir, Diagnostics& diagnostics,
                               const std::vector<std::string>& languages) {
  std::vector<Record> pages;
  const std::string dir = join_path(content_dir, pages_folder);
  if (!fs.is_directory(dir) || !check_within(fs, content_dir, dir, diagnostics)) return pages;
  const Schema& schema = page_schema();
  const Vocabularies no_terms;
  const std::set<std::string> no_records;
  std::vector<RecordFile> translations;
  for (const auto& entry : fs.list(dir)) {
    const std::string path = join_path(dir, entry.name);
    if (entry.name == "README.md" || entry.name[0] == '_' || entry.name[0] == '.') continue;
    if (entry.is_symlink) {
      diagnostics.error(path, 0, 0, "symbolic links are not followed in content/",
                        "copy the file into the catalogue instead");
      continue;
    }
    if (entry.is_directory || !entry.name.ends_with(".md")) {
      diagnostics.warning(path, 0, 0, "not a page (pages are .md files of content/pages/); skipped",
                          "images and files go in content/media/");
      continue;
    }
    const std::string id = entry.name.substr(0, entry.name.size() - 3);
    if (auto translation = translation_name(id)) {
      translations.push_back({&schema.collections.front(), translation->first, path, translation->second});
      continue;
    }
    if (!is_valid_name(id)) {
      const std::string better = suggest_name(id);
      diagnostics.error(
          path, 0, 0,
          "invalid page name '" + id + "': it becomes the page's address, so it uses a-z, 0-9 and '-' only",
          better.empty() ? "for example about.md" : "rename the file to " + better + ".md");
      continue;
    }
    if (auto page = load_record_file(fs, schema.collections.front(), id, path, schema, no_terms, no_records,
                                     diagnostics))
      pages.push_back(std::move(*page));
  }
  attach_translations(fs, schema, translations, languages, pages, diagnostics);
  std::sort(pages.begin(), pages.end(), comes_before);
  return pages;
}

}  // namespace passerelle

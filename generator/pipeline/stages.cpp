#include "pipeline/stages.h"

#include "content/record_loader.h"
#include "markdown/markdown.h"
#include "render/feeds.h"
#include "search/facets.h"
#include "search/inverted_index.h"
#include "search/shard_writer.h"
#include "util/parallel.h"

namespace passerelle {

namespace {

void add_tree(const FileSystem& fs, const std::string& dir, const std::string& prefix,
              SiteFiles& files, Diagnostics& diagnostics) {
  for (const auto& entry : fs.list(dir)) {
    if (entry.name[0] == '.') continue;
    const std::string path = join_path(dir, entry.name);
    if (entry.is_directory) {
      add_tree(fs, path, prefix + entry.name + "/", files, diagnostics);
    } else if (auto bytes = fs.read(path)) {
      files[prefix + entry.name] = std::move(*bytes);
    } else {
      diagnostics.error(path, 0, 0, "cannot read the theme file");
    }
  }
}

}  // namespace

LoadedCatalogue load_catalogue(const FileSystem& fs, const Inputs& inputs, Diagnostics& diagnostics) {
  LoadedCatalogue loaded;
  loaded.config = load_catalogue_config(fs, inputs.content, diagnostics);
  const size_t errors = diagnostics.error_count();
  loaded.schema = load_schema(fs, inputs.content, diagnostics);
  // A schema that could not be read declares no collection: its error is the
  // one to fix, not a warning for every folder that it is not a collection.
  const bool schema_lost = loaded.schema.collections.empty() && diagnostics.error_count() > errors;
  loaded.vocabularies = load_vocabularies(fs, inputs.content, diagnostics);
  loaded.templates = TemplateSet::load(fs, inputs.templates, diagnostics);
  if (!schema_lost)
    loaded.records = load_records(fs, inputs.content, loaded.schema, loaded.vocabularies, diagnostics);
  return loaded;
}

std::set<std::string> record_keys(const std::vector<Record>& records) {
  std::set<std::string> keys;
  for (const auto& r : records) keys.insert(r.key());
  return keys;
}

std::vector<std::string> render_bodies(const std::vector<Record>& records, Diagnostics& diagnostics,
                                       std::vector<std::string>* texts) {
  const std::set<std::string> keys = record_keys(records);
  std::vector<std::string> bodies(records.size());
  std::vector<Diagnostics> found(records.size());
  if (texts) texts->assign(records.size(), {});
  parallel_slices(records.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i)
      bodies[i] = render_markdown(records[i], keys, found[i], texts ? &(*texts)[i] : nullptr);
  });
  for (const auto& d : found) diagnostics.append(d);
  return bodies;
}

void add_theme_files(const FileSystem& fs, const std::string& theme_dir, SiteFiles& files,
                     Diagnostics& diagnostics) {
  if (!fs.is_directory(theme_dir)) {
    diagnostics.error(theme_dir, 0, 0, "theme folder not found", "pass --theme DIR");
    return;
  }
  add_tree(fs, theme_dir, "assets/", files, diagnostics);
}

void add_data_files(const SiteModel& site, const std::vector<search::SearchDocument>& documents,
                    SiteFiles& files) {
  render_feeds(site, files);
  // What build_search_index() (search/search_index.h) does after making the
  // documents; the tests that compare a dev server's site with a full build
  // fail if the two part ways.
  const search::InvertedIndex index = search::build_inverted_index(documents);
  search::write_index_files(site, documents, index, search::build_facets(site), files);
}

bool is_data_file(const std::string& path) {
  return path == "catalogue.json" || path == "catalogue.csv" || path == "feed.xml" ||
         path == "sitemap.xml" || path.rfind("search/", 0) == 0;
}

}  // namespace passerelle

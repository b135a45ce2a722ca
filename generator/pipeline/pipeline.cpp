#include "pipeline/pipeline.h"

#include <set>

#include "catalogue/catalogue_config.h"
#include "catalogue/catalogue_index.h"
#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "content/record_loader.h"
#include "links/link_checker.h"
#include "markdown/markdown.h"
#include "render/feeds.h"
#include "render/site_renderer.h"
#include "render/template_set.h"
#include "search/search_index.h"
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

std::vector<std::string> render_bodies(const std::vector<Record>& records,
                                       Diagnostics& diagnostics) {
  std::set<std::string> keys;
  for (const auto& r : records) keys.insert(r.key());
  std::vector<std::string> bodies(records.size());
  std::vector<Diagnostics> found(records.size());
  parallel_slices(records.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) bodies[i] = render_markdown(records[i], keys, found[i]);
  });
  for (const auto& d : found) diagnostics.append(d);
  return bodies;
}

}  // namespace

void add_theme_files(const FileSystem& fs, const std::string& theme_dir, SiteFiles& files,
                     Diagnostics& diagnostics) {
  if (!fs.is_directory(theme_dir)) {
    diagnostics.error(theme_dir, 0, 0, "theme folder not found", "pass --theme DIR");
    return;
  }
  add_tree(fs, theme_dir, "assets/", files, diagnostics);
}

SiteBuild build_site(const FileSystem& fs, const Inputs& inputs, const std::string& out_label,
                     Progress& progress, SiteSink& sink) {
  SiteBuild build;
  Diagnostics& diagnostics = build.diagnostics;
  if (!fs.is_directory(inputs.content)) {
    diagnostics.error(inputs.content, 0, 0, "content folder not found",
                      "run from the catalogue's folder or pass --content DIR");
    return build;
  }

  progress.begin("load");
  CatalogueConfig config = load_catalogue_config(fs, inputs.content, diagnostics);
  Schema schema = load_schema(fs, inputs.content, diagnostics);
  Vocabularies vocabularies = load_vocabularies(fs, inputs.content, diagnostics);
  TemplateSet templates = TemplateSet::load(fs, inputs.templates, diagnostics);
  std::vector<Record> records = load_records(fs, inputs.content, schema, vocabularies, diagnostics);
  build.record_count = records.size();
  progress.end(std::to_string(records.size()) + " records");

  progress.begin("markdown");
  std::vector<std::string> bodies = render_bodies(records, diagnostics);
  progress.end(std::to_string(bodies.size()) + " bodies");
  if (diagnostics.has_errors()) return build;

  // Files other than pages: data, feeds, theme and the search index.
  progress.begin("search");
  CatalogueIndex index = build_index(records, schema);
  SiteModel site{config, schema, vocabularies, records, index};
  SiteFiles files;
  render_feeds(site, files);
  add_theme_files(fs, inputs.theme, files, diagnostics);
  SearchIndexStats stats = build_search_index(site, files);
  progress.end(std::to_string(stats.files) + " index files");
  if (diagnostics.has_errors()) return build;

  progress.begin("render");
  std::vector<std::string> paths = page_paths(site);
  const size_t pages = paths.size();
  for (const auto& [path, bytes] : files) paths.push_back(path);
  LinkChecker links(paths, out_label);
  render_pages(site, bodies, templates, [&](const std::string& path, std::string html) {
    links.check_page(path, html);
    sink.put(path, html);
  });
  for (const auto& [path, bytes] : files) {
    links.check_page(path, bytes);
    sink.put(path, bytes);
  }
  diagnostics.append(links.finish());
  build.file_count = paths.size();
  progress.end(std::to_string(pages) + " pages, links checked");
  return build;
}

}  // namespace passerelle

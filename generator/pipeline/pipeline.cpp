#include "pipeline/pipeline.h"

#include "catalogue/catalogue_index.h"
#include "links/link_checker.h"
#include "render/feeds.h"
#include "search/search_index.h"

namespace passerelle {

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
  LoadedCatalogue loaded = load_catalogue(fs, inputs, diagnostics);
  const std::vector<Record>& records = loaded.records;
  build.record_count = records.size();
  progress.end(std::to_string(records.size()) + " records");

  progress.begin("markdown");
  std::vector<std::string> bodies = render_bodies(records, diagnostics);
  progress.end(std::to_string(bodies.size()) + " bodies");
  if (diagnostics.has_errors()) return build;

  // Files other than pages: data, feeds, theme and the search index.
  progress.begin("search");
  CatalogueIndex index = build_index(records, loaded.schema);
  SiteModel site{loaded.config, loaded.schema, loaded.vocabularies, records, index};
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
  render_pages(site, bodies, loaded.templates, [&](const std::string& path, std::string html) {
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

#include "pipeline/stages.h"

#include <algorithm>
#include <cctype>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "catalogue/schema_translation.h"
#include "diagnostics/edit_distance.h"
#include "fs/path_names.h"
#include "markdown/markdown.h"
#include "render/feeds.h"
#include "search/search_index.h"
#include "util/parallel.h"
#include "validation/page_loader.h"
#include "validation/record_loader.h"

namespace passerelle {

namespace {

// Every file under `dir` (in the input folder `root`), as the site will hold
// it: site path (`prefix` + its path below `root`) → file path. Hidden files
// are left out; a symbolic link that leaves `root`, or leads to a folder, is
// an error.
void list_tree(const FileSystem& fs, const std::string& root, const std::string& dir, const std::string& prefix,
               std::vector<std::pair<std::string, std::string>>& out, Diagnostics& diagnostics) {
  for (const auto& entry : fs.list(dir)) {
    if (entry.name[0] == '.') continue;
    const std::string path = join_path(dir, entry.name);
    if (entry.is_symlink && !check_within(fs, root, path, diagnostics)) continue;
    if (entry.is_symlink && entry.is_directory) {
      diagnostics.error(path, 0, 0, "symbolic link to a folder",
                        "copy the folder instead; links to folders are not followed");
      continue;
    }
    if (entry.is_directory) list_tree(fs, root, path, prefix + entry.name + "/", out, diagnostics);
    else out.emplace_back(prefix + entry.name, path);
  }
}

std::vector<std::pair<std::string, std::string>> list_tree(const FileSystem& fs, const std::string& root,
                                                           const std::string& prefix,
                                                           Diagnostics& diagnostics) {
  std::vector<std::pair<std::string, std::string>> out;
  list_tree(fs, root, root, prefix, out, diagnostics);
  return out;
}

// A media file's name becomes part of a URL: letters, digits, '.', '_' and '-'.
bool is_valid_media_name(const std::string& name) {
  if (name.empty() || name[0] == '.' || name[0] == '-') return false;
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') return false;
  return true;
}

std::string media_dir(const Inputs& inputs) { return join_path(inputs.content, "media"); }

}  // namespace

CatalogueSettings load_settings(const FileSystem& fs, const std::string& content_dir,
                                Diagnostics& diagnostics) {
  CatalogueSettings settings;
  settings.config = load_catalogue_config(fs, content_dir, diagnostics);
  settings.schema = load_schema(fs, content_dir, diagnostics);
  for (size_t i = 1; i < settings.config.languages.size(); ++i) {
    const std::string& language = settings.config.languages[i];
    settings.schemas[language] = translate_schema(settings.schema, fs, content_dir, language, diagnostics);
  }
  settings.vocabularies =
      load_vocabularies(fs, content_dir, settings.schema.taxonomies, diagnostics, settings.config.languages);
  return settings;
}

LoadedCatalogue load_catalogue(const FileSystem& fs, const Inputs& inputs, Diagnostics& diagnostics,
                               bool hold_bodies, CheckedRecords* checked) {
  LoadedCatalogue loaded;
  // git reads the history while the files are read.
  std::future<ChangeDates> dates =
      std::async(std::launch::async, [&] { return fs.change_dates(inputs.content); });
  const size_t errors = diagnostics.error_count();
  CatalogueSettings settings = load_settings(fs, inputs.content, diagnostics);
  loaded.config = std::move(settings.config);
  loaded.schema = std::move(settings.schema);
  loaded.schemas = std::move(settings.schemas);
  loaded.vocabularies = std::move(settings.vocabularies);
  const size_t settings_errors = diagnostics.error_count() - errors;
  loaded.templates = TemplateSet::load(fs, inputs.templates, diagnostics, loaded.config.languages);
  // Records checked against a broken schema or vocabulary would each repeat
  // its error (a vocabulary lost to one indentation slip made a thousand
  // "unknown theme" errors): the settings' errors come alone, with a count.
  if (settings_errors > 0) {
    if (size_t unchecked = count_record_files(fs, inputs.content, loaded.schema))
      diagnostics.note(inputs.content,
                       std::to_string(unchecked) + " record" + (unchecked == 1 ? " was" : "s were") +
                           " not checked because of the error" + (settings_errors == 1 ? "" : "s") +
                           " in the settings above",
                       "fix catalogue.yaml, schema.yaml and the vocabularies first, then check again");
    return loaded;
  }
  loaded.records = load_records(fs, inputs.content, loaded.schema, loaded.vocabularies, diagnostics,
                                loaded.config.languages, hold_bodies, &loaded.unloaded_records, checked);
  for (Record& page : load_pages(fs, inputs.content, diagnostics, loaded.config.languages))
    loaded.pages.push_back({std::move(page), {}});
  const ChangeDates changed = dates.get();
  auto date_of = [&](const Record& r) {
    auto it = changed.find(r.collection + "/" + r.id + ".md");
    return it == changed.end() ? std::string() : utc_timestamp(it->second);
  };
  for (Record& r : loaded.records) r.updated = date_of(r);
  for (FreePage& p : loaded.pages) p.page.updated = date_of(p.page);
  return loaded;
}

LoadedCatalogue in_language(const LoadedCatalogue& loaded, const std::string& language) {
  LoadedCatalogue shown;
  shown.config = catalogue_in_language(loaded.config, language);
  auto schema = loaded.schemas.find(language);
  shown.schema = schema == loaded.schemas.end() ? loaded.schema : schema->second;
  shown.vocabularies = loaded.vocabularies;
  shown.templates = loaded.templates.in_language(language);
  const std::string& original = loaded.config.languages.front();
  shown.records.reserve(loaded.records.size());
  for (const Record& r : loaded.records) shown.records.push_back(passerelle::in_language(r, language, original));
  sort_records(shown.records, shown.schema);
  for (const FreePage& p : loaded.pages) shown.pages.push_back({passerelle::in_language(p.page, language, original), {}});
  return shown;
}

std::string strings_script(const TemplateSet& templates) {
  // JSON is JavaScript; "</" is escaped all the same, should the file ever be inlined.
  std::string json = templates.strings().script().dump();
  for (size_t at = json.find("</"); at != std::string::npos; at = json.find("</", at + 3)) json.insert(at + 1, "\\");
  return "window.PasserelleStrings = " + json + ";\n";
}

std::set<std::string> record_keys(const std::vector<Record>& records) {
  std::set<std::string> keys;
  for (const auto& r : records) keys.insert(r.key());
  return keys;
}

BodyRenderer::BodyRenderer(const FileSystem* fs, const std::vector<Record>& records,
                           const std::set<std::string>& keys, const LinkTargets* targets,
                           std::vector<std::string>* keep, std::vector<std::string>* texts)
    : fs_(fs),
      records_(records),
      targets_(targets),
      keep_(keep),
      texts_(texts),
      keys_(keys),
      found_(records.size()),
      anchors_(records.size()),
      anchor_links_(records.size()),
      rendered_(records.size(), 0) {
  if (keep_) keep_->assign(records.size(), {});
  if (texts_) texts_->assign(records.size(), {});
}

std::string BodyRenderer::operator()(size_t i) {
  rendered_[i] = 1;
  const std::optional<BodySource> body = body_of(i, found_[i]);
  if (!body) return {};
  RenderedBody rendered = render_body(records_[i], *body, keys_, targets_, found_[i], texts_ != nullptr);
  anchors_[i] = std::move(rendered.anchors);
  anchor_links_[i] = std::move(rendered.links_to_anchors);
  if (texts_) (*texts_)[i] = std::move(rendered.text);
  if (keep_) (*keep_)[i] = rendered.html;
  return std::move(rendered.html);
}

void BodyRenderer::finish(Diagnostics& diagnostics, bool every_body) {
  std::vector<size_t> left;
  if (every_body) {
    for (size_t i = 0; i < records_.size(); ++i)
      if (!rendered_[i]) left.push_back(i);
  } else {
    std::set<std::string> linked;  // the records whose anchors a rendered body links to
    for (const auto& links : anchor_links_)
      for (const AnchorLink& link : links) linked.insert(link.target);
    for (size_t i = 0; i < records_.size(); ++i)
      if (!rendered_[i] && linked.count(records_[i].key())) left.push_back(i);
  }
  parallel_slices(left.size(), [&](size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) (*this)(left[k]);
  });
  for (const auto& d : found_) diagnostics.append(d);
  const bool any =
      std::any_of(anchor_links_.begin(), anchor_links_.end(), [](const auto& l) { return !l.empty(); });
  if (!targets_ || !any) return;
  // Links to other records' #anchors, now that every body's headings are known.
  std::unordered_map<std::string, size_t> position;  // key → index
  for (size_t i = 0; i < records_.size(); ++i) position.emplace(records_[i].key(), i);
  for (size_t i = 0; i < records_.size(); ++i)
    for (const AnchorLink& link : anchor_links_[i]) {
      auto target = position.find(link.target);
      if (target == position.end()) continue;
      const auto& ids = anchors_[target->second];
      if (std::find(ids.begin(), ids.end(), link.anchor) != ids.end() ||
          targets_->record_page_ids.count(link.anchor))
        continue;
      std::string hint = did_you_mean(link.anchor, ids);
      if (hint.empty() && ids.empty()) hint = "that record's body has no heading to link to";
      if (hint.empty()) {
        hint = "its body's headings have the anchors";
        for (size_t a = 0; a < ids.size() && a < 6; ++a) hint += " #" + ids[a];
        if (ids.size() > 6) hint += " …";
      }
      if (const auto body = body_of(i, diagnostics))  // the line shown is in the body
        diagnostics.add(body->file->error_at(
            link.line, link.column,
            "link to an anchor that is not on " + link.target + "'s page: '" + link.url + "'", hint));
    }
}

std::optional<BodySource> BodyRenderer::body_of(size_t i, Diagnostics& diagnostics) const {
  const Record& record = records_[i];
  if (record.body_held) return held_body(record);
  if (!fs_) throw std::logic_error(record.key() + " does not hold its body, and no file system reads it");
  return read_body(*fs_, record, diagnostics);
}

std::string record_body_text(const FileSystem& fs, const Record& record) {
  if (record.body_held) return body_text(record.body);
  Diagnostics ignored;  // reported when its page renders
  auto body = read_body(fs, record, ignored);
  return body ? body_text(body->text) : std::string();
}

std::vector<std::string> render_bodies(const std::vector<Record>& records, Diagnostics& diagnostics,
                                       std::vector<std::string>* texts, const LinkTargets* targets) {
  std::vector<std::string> bodies(records.size());
  const std::set<std::string> keys = record_keys(records);
  BodyRenderer renderer(nullptr, records, keys, targets, nullptr, texts);
  parallel_slices(records.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) bodies[i] = renderer(i);
  });
  renderer.finish(diagnostics);
  return bodies;
}

void render_page_bodies(std::vector<FreePage>& pages, const std::set<std::string>& record_keys,
                        const LinkTargets& targets, Diagnostics& diagnostics) {
  for (FreePage& p : pages) p.html = render_body(p.page, record_keys, &targets, diagnostics).html;
}

void add_theme_files(const FileSystem& fs, const std::string& theme_dir, SiteFiles& files,
                     Diagnostics& diagnostics) {
  if (!fs.is_directory(theme_dir)) {
    diagnostics.error(theme_dir, 0, 0, "theme folder not found", "pass --theme DIR");
    return;
  }
  for (const auto& [site_path, path] : list_tree(fs, theme_dir, "assets/", diagnostics)) {
    if (auto bytes = fs.read(path)) files[site_path] = std::move(*bytes);
    else diagnostics.error(path, 0, 0, "cannot read the theme file");
  }
}

void add_media_files(const FileSystem& fs, const Inputs& inputs, SiteFiles& files, Diagnostics& diagnostics) {
  const std::string dir = media_dir(inputs);
  if (!fs.is_directory(dir) || !check_within(fs, inputs.content, dir, diagnostics)) return;
  for (const auto& [site_path, path] : list_tree(fs, dir, "media/", diagnostics)) {
    const std::string name = site_path.substr(site_path.rfind('/') + 1);
    if (!is_valid_media_name(name)) {
      const size_t dot = name.rfind('.');
      std::string better = suggest_name(name.substr(0, dot));
      if (!better.empty() && dot != std::string::npos)
        better += suggest_name(name.substr(dot)).empty() ? "" : "." + suggest_name(name.substr(dot));
      diagnostics.error(path, 0, 0,
                        "media file name '" + name + "' has characters a link cannot hold as they are",
                        better.empty() ? "use letters, digits, '.', '_' and '-'" : "rename it to " + better);
      continue;
    }
    auto bytes = fs.read(path);
    if (!bytes) {
      diagnostics.error(path, 0, 0, "cannot read the media file");
      continue;
    }
    if (bytes->size() > max_media_bytes) {
      diagnostics.error(path, 0, 0,
                        "media file is " + std::to_string((bytes->size() + (1 << 20) - 1) >> 20) +
                            " MB; the limit is " + std::to_string(max_media_bytes >> 20) + " MB",
                        "resize or compress it (an image for a page needs rarely more than 500 KB), or link to "
                        "where the document is published");
      continue;
    }
    files[site_path] = std::move(*bytes);
  }
}

LinkTargets link_targets(const FileSystem& fs, const Inputs& inputs, const SiteModel& site,
                         const TemplateSet& templates, const std::set<std::string>& unloaded_records) {
  LinkTargets targets;
  for (auto& path : page_paths(site)) targets.files.insert(std::move(path));
  Diagnostics reported_elsewhere;  // add_theme_files() and add_media_files() report them
  for (auto& [site_path, path] : list_tree(fs, inputs.theme, "assets/", reported_elsewhere))
    targets.files.insert(site_path);
  if (fs.is_directory(media_dir(inputs)))
    for (auto& [site_path, path] : list_tree(fs, media_dir(inputs), "media/", reported_elsewhere))
      targets.files.insert(site_path);
  for (const char* data : {"catalogue.json", "catalogue.csv"}) targets.files.insert(data);
  if (!site.config.base_url.empty()) targets.files.insert({"feed.xml", "sitemap.xml", recent_feed_path});
  targets.record_page_ids = templates.fixed_ids({"layout", "record"});
  targets.unloaded_records = unloaded_records;
  return targets;
}

void add_cms_files(const FileSystem& fs, const Inputs& inputs, const SiteModel& site, SiteFiles& files,
                   Diagnostics& diagnostics) {
  if (!site.config.cms.enabled) return;
  files["admin/config.yml"] = cms_config_yaml(site.config, site.schema, site.vocabularies);
  if (inputs.cms_modules.empty()) return;
  for (const CmsAsset& asset : kCmsAssets) {
    const std::string path = join_path(inputs.cms_modules, asset.module_path);
    auto bytes = fs.read(path);
    if (!bytes) {
      diagnostics.error(path, 0, 0, "a file of the form editor is missing (catalogue.yaml has 'cms:')",
                        "install the editor with 'make cms' (npm ci in cms/ of passerelle's sources), or set "
                        "PASSERELLE_CMS_MODULES to the node_modules folder where it is installed");
      return;
    }
    files[std::string("admin/") + asset.site_path] = std::move(*bytes);
  }
  files["admin/fonts.css"] = cms_fonts_css();
  files["admin/index.html"] = cms_admin_page(site.config);
}

void add_data_files(const SiteModel& site, const search::AnalysedDocuments& analysed,
                    const std::vector<search::SearchDocument>& documents, SiteFiles& files,
                    const FeedsBefore& before) {
  // The feeds are made while the search index is: each leaves a core idle at times.
  SiteFiles feeds;
  auto feeds_made = std::async(overlap_policy(), [&] { render_feeds(site, feeds, before); });
  write_search_index(site, analysed, documents, files);
  feeds_made.get();
  files.merge(feeds);
}

}  // namespace passerelle

#include <cstdio>

#include "catalogue/schema.h"
#include "catalogue/vocabulary.h"
#include "commands/commands.h"
#include "content/record.h"
#include "diagnostics/edit_distance.h"
#include "output/file_writer.h"
#include "pipeline/stages.h"
#include "schema_export/record_template.h"

namespace passerelle {

namespace {

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// The key of the first record of `collection`, for a required reference.
std::string first_record(const FileSystem& fs, const std::string& content, const std::string& collection) {
  for (const auto& entry : fs.list(join_path(content, collection))) {
    const std::string& name = entry.name;
    if (entry.is_directory || name.size() <= 3 || !name.ends_with(".md")) continue;
    const std::string id = name.substr(0, name.size() - 3);
    if (is_valid_record_id(id)) return collection + "/" + id;
  }
  return {};
}

}  // namespace

int run_new(const CommonOptions& options, const std::string& collection_id, const std::string& id) {
  Progress progress = make_progress(options);
  const std::string& content = options.inputs.content;
  const std::optional<CatalogueSettings> settings = load_settings_or_report(options, progress);
  if (!settings) return exit_content_error;
  const auto& [config, schema, vocabularies, translated_schemas] = *settings;
  DiskFileSystem fs;

  const Collection* collection = schema.collection(collection_id);
  if (!collection) {
    std::string hint = did_you_mean(collection_id, schema.collection_ids());
    if (hint.empty()) hint = "the collections are: " + listed(schema.collection_ids());
    usage_error("unknown collection '" + collection_id + "'", hint);
    return exit_usage;
  }
  if (!is_valid_record_id(id)) {
    const std::string better = suggest_record_id(id);
    usage_error(
        "invalid record id '" + id + "': use a-z, 0-9 and single hyphens",
        better.empty() ? "the id becomes the file name and the page's address" : "try '" + better + "'");
    return exit_usage;
  }
  const std::string path = join_path(join_path(content, collection->id), id + ".md");
  if (fs.exists(path)) {
    usage_error(path + " already exists", "choose another id, or edit the record");
    return exit_content_error;
  }

  const std::string text = record_template(schema, *collection, id, vocabularies,
                                           [&](const std::string& c) { return first_record(fs, content, c); });
  progress.begin("write");
  if (auto error = write_new_file(path, text)) {
    usage_error(*error, "choose another id, or edit the record");
    return exit_content_error;
  }
  progress.end(path);
  if (options.verbosity != Verbosity::quiet) {
    std::fprintf(stderr, "created %s\n", path.c_str());
    for (const auto& other : schema.collections)
      if (other.id != collection->id && fs.exists(join_path(join_path(content, other.id), id + ".md")))
        std::fprintf(stderr, "note: %s/%s exists too, which is allowed: references name the collection\n",
                     other.id.c_str(), id.c_str());
    std::fprintf(stderr,
                 "next: fill it in from the sources, then run `passerelle check` "
                 "(or keep `passerelle serve` running)\n");
  }
  return exit_ok;
}

}  // namespace passerelle

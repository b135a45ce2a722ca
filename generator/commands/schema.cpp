#include <cstdio>

#include "commands/commands.h"
#include "output/file_writer.h"
#include "pipeline/stages.h"
#include "schema_export/json_schema.h"

namespace passerelle {

int run_schema(const CommonOptions& options, const std::string& out_dir) {
  Progress progress = make_progress(options);
  const std::optional<CatalogueSettings> settings = load_settings_or_report(options, progress);
  if (!settings) return exit_content_error;
  const auto& [config, schema, vocabularies, translated_schemas] = *settings;
  progress.begin("write");
  for (const auto& c : schema.collections) {
    const std::string path = join_path(out_dir, schema_file_name(c.id));
    if (auto error = write_file(path, front_matter_schema(schema, c, vocabularies).dump(2) + "\n")) {
      usage_error(*error);
      return exit_content_error;
    }
  }
  progress.end(std::to_string(schema.collections.size()) + " schemas");
  if (options.verbosity != Verbosity::quiet)
    std::fprintf(stderr, "wrote %zu JSON Schemas into %s (one per collection: <collection>.schema.json)\n",
                 schema.collections.size(), out_dir.c_str());
  return exit_ok;
}

}  // namespace passerelle

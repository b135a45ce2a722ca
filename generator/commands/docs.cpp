#include <cstdio>

#include "commands/commands.h"
#include "output/file_writer.h"
#include "pipeline/stages.h"
#include "schema_export/field_docs.h"

namespace passerelle {

int run_docs(const CommonOptions& options, const std::string& out_file) {
  Progress progress = make_progress(options);
  const std::optional<CatalogueSettings> settings = load_settings_or_report(options, progress);
  if (!settings) return exit_content_error;
  const auto& [config, schema, vocabularies, translated_schemas] = *settings;
  const std::string text = fields_markdown(config, schema, vocabularies);
  if (out_file == "-") {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return exit_ok;
  }
  progress.begin("write");
  if (auto error = write_file(out_file, text)) {
    usage_error(*error);
    return exit_content_error;
  }
  progress.end(out_file);
  if (options.verbosity != Verbosity::quiet) std::fprintf(stderr, "wrote %s\n", out_file.c_str());
  return exit_ok;
}

}  // namespace passerelle

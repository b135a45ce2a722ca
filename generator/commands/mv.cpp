#include <cstdio>

#include "catalogue/schema.h"
#include "commands/commands.h"
#include "content/record.h"
#include "diagnostics/edit_distance.h"
#include "edit/record_rename.h"
#include "output/file_writer.h"
#include "pipeline/stages.h"
#include "validation/record_loader.h"

namespace passerelle {

namespace {

// "dps/espere", or the file as a shell completes it: "content/dps/espere.md".
std::string record_key(std::string record, const std::string& content) {
  if (record.starts_with(content + "/")) record.erase(0, content.size() + 1);
  if (record.size() > 3 && record.ends_with(".md")) record.resize(record.size() - 3);
  return record;
}

}  // namespace

int run_mv(const CommonOptions& options, const std::string& record, const std::string& new_name) {
  const std::string& content = options.inputs.content;
  DiskFileSystem fs;
  Diagnostics diagnostics;
  const Schema schema = load_settings(fs, content, diagnostics).schema;
  if (diagnostics.has_errors()) {
    report(diagnostics, options.format);
    return exit_content_error;
  }

  const std::string key = record_key(record, content);
  const auto slash = key.find('/');
  if (slash == std::string::npos || key.find('/', slash + 1) != std::string::npos) {
    usage_error("'" + record + "' does not name a record", "write it <collection>/<id>, e.g. dps/espere");
    return exit_usage;
  }
  const std::string collection_id = key.substr(0, slash);
  const std::string old_id = key.substr(slash + 1);
  const Collection* collection = schema.collection(collection_id);
  if (!collection) {
    usage_error("unknown collection '" + collection_id + "'",
                did_you_mean(collection_id, schema.collection_ids()));
    return exit_usage;
  }
  const std::string folder = join_path(content, collection_id);
  const std::string old_path = join_path(folder, old_id + ".md");
  if (!is_valid_record_id(old_id) || !fs.exists(old_path)) {
    // Ids are compared alone: the collection is right, and its name would
    // make any two keys look close.
    std::vector<std::string> keys;
    Diagnostics ignored;
    for (const RecordFile& file : find_record_files(fs, content, schema, ignored))
      if (file.collection == collection) keys.push_back(file.id);
    std::string hint;
    for (const auto& id : closest_matches(old_id, keys))
      hint += (hint.empty() ? "did you mean '" : "' or '") + collection_id + "/" + id;
    usage_error("no record " + key + ": " + old_path + " does not exist", hint.empty() ? "" : hint + "'?");
    return exit_usage;
  }
  std::string new_id = new_name;
  if (new_id.starts_with(collection_id + "/")) new_id.erase(0, collection_id.size() + 1);
  if (new_id.find('/') != std::string::npos) {
    usage_error("'" + new_name + "' is not an id of " + collection_id + "/",
                "a record keeps its collection: give the new id alone, e.g. passerelle mv " + key + " new-id");
    return exit_usage;
  }
  if (!is_valid_record_id(new_id)) {
    const std::string better = suggest_record_id(new_id);
    usage_error(
        "invalid record id '" + new_id + "': use a-z, 0-9 and single hyphens",
        better.empty() ? "the id becomes the file name and the page's address" : "try '" + better + "'");
    return exit_usage;
  }
  if (new_id == old_id) {
    usage_error("the record is already called " + old_id, "give the new id");
    return exit_usage;
  }
  const std::string new_path = join_path(folder, new_id + ".md");
  if (fs.exists(new_path)) {
    usage_error(new_path + " already exists", "choose another id");
    return exit_content_error;
  }

  RenamePlan plan = plan_rename(fs, schema, {content, collection_id, old_id, new_id});
  if (plan.diagnostics.has_errors()) {
    report(plan.diagnostics, options.format);
    std::fprintf(stderr, "nothing was changed\n");
    return exit_content_error;
  }
  // The new file first, so that a failure leaves the old record in place.
  if (auto error = write_new_file(plan.new_path, plan.record_text)) {
    usage_error(*error, "nothing was changed");
    return exit_content_error;
  }
  for (const auto& [path, text] : plan.rewritten)
    if (auto error = write_file(path, text)) {
      usage_error(*error, "the rename is half done: " + plan.new_path + " was written; see `git status`");
      return exit_content_error;
    }
  if (auto error = remove_file(plan.old_path)) {
    usage_error(*error, "remove it by hand: " + plan.new_path + " replaces it");
    return exit_content_error;
  }
  if (options.verbosity != Verbosity::quiet) {
    std::fprintf(
        stderr, "renamed %s to %s (its old address is kept as an alias); updated %zu references in %zu files\n",
        plan.old_path.c_str(), plan.new_path.c_str(), plan.reference_count(), plan.references.size());
    for (const auto& [path, count] : plan.references) std::fprintf(stderr, "  %s: %zu\n", path.c_str(), count);
  }
  if (!plan.diagnostics.items().empty()) report(plan.diagnostics, options.format);
  return run_check(options);
}

}  // namespace passerelle

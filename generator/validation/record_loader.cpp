#include "validation/record_loader.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "content/front_matter.h"
#include "content/yaml_document.h"
#include "diagnostics/edit_distance.h"
#include "util/parallel.h"
#include "validation/field_validator.h"
#include "validation/translation_loader.h"

namespace passerelle {

namespace {

// Files of a collection folder that are not records and are skipped without
// a word: notes for editors (README.md), drafts and partials (_name), and
// editor and version-control files (.name).
bool is_not_a_record(const std::string& name) {
  return name == "README.md" || name[0] == '_' || name[0] == '.';
}

// A free id for a file whose name is not one: `better`, or `better-2`, … when
// another record has it.
std::string free_id(const std::string& better, const std::set<std::string>& taken) {
  if (better.empty() || !taken.count(better)) return better;
  for (int n = 2;; ++n)
    if (std::string id = better + "-" + std::to_string(n); !taken.count(id)) return id;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> translation_name(const std::string& stem) {
  // "<id>.<language>", the language two letters a-z: called for every file of
  // the catalogue, so read without a regular expression.
  if (stem.size() < 4) return std::nullopt;
  const size_t dot = stem.size() - 3;
  if (stem[dot] != '.' ||
      !std::all_of(stem.begin() + dot + 1, stem.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    return std::nullopt;
  std::string id = stem.substr(0, dot);
  if (!is_valid_record_id(id)) return std::nullopt;
  return std::pair{std::move(id), stem.substr(dot + 1)};
}

std::shared_ptr<SourceFile> read_record_source(const FileSystem& fs, const std::string& path,
                                               Diagnostics& diagnostics) {
  auto text = fs.read(path);
  if (!text) {
    diagnostics.error(path, 0, 0, "cannot read the file");
    return nullptr;
  }
  if (text->size() > max_record_bytes) {
    diagnostics.error(path, 0, 0,
                      "record is " + std::to_string(text->size() / (1024 * 1024)) + " MB; the limit is " +
                          std::to_string(max_record_bytes / (1024 * 1024)) + " MB",
                      "split it into several records");
    return nullptr;
  }
  if (text->starts_with("\xEF\xBB\xBF")) text->erase(0, 3);  // byte-order mark
  if (text->find('\0') != std::string::npos) {
    diagnostics.error(path, 0, 0, "binary file: a record is UTF-8 text",
                      "remove the file or give it another extension");
    return nullptr;
  }
  auto source = std::make_shared<SourceFile>(path, std::move(*text));
  if (auto bad = find_invalid_utf8(source->text())) {
    auto [line, column] = source->position(*bad);
    diagnostics.add(source->error_at(line, column, "invalid UTF-8", "save the file with UTF-8 encoding"));
    return nullptr;
  }
  return source;
}

std::optional<BodySource> read_body(const FileSystem& fs, const Record& record, Diagnostics& diagnostics) {
  if (record.body_held) return held_body(record);
  auto source = read_record_source(fs, record.path(), diagnostics);
  if (!source) return std::nullopt;
  const std::string& front_matter = record.source->text();
  if (!source->text().starts_with(front_matter)) {
    diagnostics.error(record.path(), 0, 0, "the file changed while the site was being built",
                      "build again once it is saved");
    return std::nullopt;
  }
  const std::string_view body = std::string_view(source->text()).substr(front_matter.size());
  return BodySource{std::move(source), body, record.body_line};
}

namespace {

std::optional<Record> load_record(const FileSystem& fs, const RecordFile& file,
                                  const ValidationContext& context, Diagnostics& diagnostics) {
  auto source = read_record_source(fs, file.path, diagnostics);
  if (!source) return std::nullopt;
  auto front_matter = split_front_matter(*source, diagnostics);
  if (!front_matter) return std::nullopt;
  auto doc = parse_yaml(*source, front_matter->yaml, front_matter->yaml_line, diagnostics);
  if (!doc) return std::nullopt;
  Record record;
  record.collection = file.collection->id;
  record.id = file.id;
  record.fields = validate_fields(context, *file.collection, record.key(), *source, *doc, diagnostics);
  if (!record.fields.contains("title")) return std::nullopt;
  record.body = front_matter->body;
  record.body_line = front_matter->body_line;
  record.source = std::move(source);
  return record;
}

// The record `file` was when a build checked it, as load_record() and then
// release_body() make it, where `checked` holds it with its fields; its
// entry is moved from. Nothing otherwise, or when the entry's fields do not
// read as a record's.
std::optional<Record> checked_record(const RecordFile& file, CheckedRecords& checked) {
  auto it = checked.find(file.path);
  if (it == checked.end() || it->second.fields.empty()) return std::nullopt;
  CheckedRecord& entry = it->second;
  Record record;
  record.collection = file.collection->id;
  record.id = file.id;
  record.fields = nlohmann::json::from_cbor(std::exchange(entry.fields, {}), /*strict=*/true,
                                            /*allow_exceptions=*/false);
  if (!record.fields.is_object() || !record.fields.contains("title")) return std::nullopt;
  record.source = std::make_shared<SourceFile>(file.path, std::move(entry.front_matter));
  record.body_line = entry.body_line;
  record.body_held = false;
  entry.taken = true;
  return record;
}

// Compares two JSON values of one field for sorting: numbers as numbers,
// everything else as text; a record without the field comes last.
int compare_field(const nlohmann::json& a, const nlohmann::json& b) {
  if (a.is_null() || b.is_null()) return a.is_null() == b.is_null() ? 0 : (a.is_null() ? 1 : -1);
  if (a.is_number() && b.is_number()) return a < b ? -1 : (b < a ? 1 : 0);
  if (a.is_string() && b.is_string())
    return a.get_ref<const std::string&>().compare(b.get_ref<const std::string&>());
  std::string sa = a.is_string() ? a.get<std::string>() : a.dump();
  std::string sb = b.is_string() ? b.get<std::string>() : b.dump();
  return sa.compare(sb);
}

// Where a record goes in the catalogue's order: its collection's place in the
// schema, then the collection's sort fields, its title, its id. Made once per
// record, so that sorting does not look fields up on every comparison.
struct SortKey {
  size_t collection;
  std::vector<const nlohmann::json*> fields;  // the collection's sort fields
  const Record* record;
  std::string title;  // record->title(), which makes a string at each call
};

SortKey sort_key(const Record& r, const Schema& schema) {
  static const nlohmann::json missing;
  SortKey key{schema.collections.size(), {}, &r, r.title()};
  for (size_t i = 0; i < schema.collections.size(); ++i)
    if (schema.collections[i].id == r.collection) key.collection = i;
  if (key.collection < schema.collections.size())
    for (const auto& field : schema.collections[key.collection].sort) {
      auto it = r.fields.find(field);
      key.fields.push_back(it == r.fields.end() ? &missing : &*it);
    }
  return key;
}

// <0, 0 or >0 as `a` comes before, with or after `b`.
int compare_keys(const SortKey& a, const SortKey& b) {
  if (a.collection != b.collection) return a.collection < b.collection ? -1 : 1;
  for (size_t f = 0; f < a.fields.size(); ++f)
    if (int cmp = compare_field(*a.fields[f], *b.fields[f]); cmp != 0) return cmp;
  if (int cmp = a.title.compare(b.title); cmp != 0) return cmp;
  return a.record->id.compare(b.record->id);
}

// Where `alias` is written in the record's front matter. Read again from its
// text: only a conflict needs it, and conflicts are rare.
Position alias_position(const Record& record, const std::string& alias) {
  Diagnostics ignored;
  auto front_matter = split_front_matter(*record.source, ignored);
  if (!front_matter) return {1, 0};
  auto doc = parse_yaml(*record.source, front_matter->yaml, front_matter->yaml_line, ignored);
  const YamlNode* aliases = doc && doc->root->is_map() ? doc->root->find("aliases") : nullptr;
  if (!aliases) return {front_matter->yaml_line, 0};
  for (const YamlNode* item : aliases->items())
    if (item->scalar() == alias) return item->position();
  return aliases->position();
}

// An old address leads to one page only: two records of a collection may not
// claim the same former id. Reported at the second, naming the first.
void check_shared_aliases(const std::vector<Record>& records, Diagnostics& diagnostics) {
  std::vector<const Record*> by_key;
  for (const Record& r : records)
    if (r.fields.contains("aliases")) by_key.push_back(&r);
  std::sort(by_key.begin(), by_key.end(), [](const Record* a, const Record* b) { return a->key() < b->key(); });
  std::map<std::string, const Record*> claimed;  // "<collection>/<alias>" → its first record
  for (const Record* r : by_key)
    for (const auto& alias : r->fields["aliases"]) {
      const std::string id = alias.get<std::string>();
      auto [first, inserted] = claimed.emplace(r->collection + "/" + id, r);
      if (inserted) continue;
      const Position here = alias_position(*r, id);
      const Position there = alias_position(*first->second, id);
      diagnostics.add(
          r->source->error_at(here.line, here.column,
                              "alias '" + id + "' is also an alias of " + first->second->key() + " (" +
                                  first->second->path() + ":" + std::to_string(there.line) + ")",
                              "an old address can lead to one record only: remove it from one of the two"));
    }
}

}  // namespace

namespace {

// The record files of `collection`'s folder, in name order, into `files`.
void find_collection_files(const FileSystem& fs, const std::string& content_dir, const Collection& collection,
                           std::vector<RecordFile>& files, Diagnostics& diagnostics) {
  const std::string dir = join_path(content_dir, collection.id);
  if (!check_within(fs, content_dir, dir, diagnostics)) return;
  std::vector<DirEntry> entries = fs.list(dir);
  // The ids the folder's files take, for a rename hint that names a free one:
  // made only when a hint needs them.
  std::optional<std::set<std::string>> taken;
  auto ids = [&]() -> const std::set<std::string>& {
    if (!taken) {
      taken.emplace();
      for (const auto& entry : entries)
        if (!entry.is_directory && entry.name.ends_with(".md"))
          taken->insert(entry.name.substr(0, entry.name.size() - 3));
    }
    return *taken;
  };
  for (const auto& entry : entries) {
    const std::string path = join_path(dir, entry.name);
    if (is_not_a_record(entry.name)) continue;
    if (entry.is_symlink) {
      diagnostics.error(path, 0, 0, "symbolic links are not followed in content/",
                        "copy the file into the catalogue instead");
      continue;
    }
    if (entry.is_directory) {
      diagnostics.warning(path, 0, 0, "folder inside a collection; skipped",
                          "images and files go in content/media/; see docs/editors-guide.md");
      continue;
    }
    const std::string ext = ".md";
    if (entry.name.size() <= ext.size() || !entry.name.ends_with(ext)) {
      diagnostics.warning(path, 0, 0, "not a record (records end in .md); skipped",
                          "images and files go in content/media/; notes for editors in README.md");
      continue;
    }
    std::string id = entry.name.substr(0, entry.name.size() - ext.size());
    if (auto translation = translation_name(id)) {
      files.push_back({&collection, translation->first, path, translation->second});
      continue;
    }
    if (!is_valid_record_id(id)) {
      const std::string suggested = suggest_record_id(id);
      const std::string better = free_id(suggested, ids());
      std::string hint;
      if (!better.empty()) hint = "rename the file to " + better + ".md";
      if (better != suggested)
        hint +=
            " (" + suggested + ".md is another record's file; if this is a copy of it, remove one of the two)";
      diagnostics.error(path, 0, 0, "invalid record id '" + id + "': use a-z, 0-9 and '-' only", hint);
      continue;
    }
    if (id == "index") {
      diagnostics.error(
          path, 0, 0,
          "record id 'index' is taken by the collection's own page, " + collection.id + "/index.html",
          "rename the file, e.g. to " + free_id(collection.id + "-index", ids()) + ".md");
      continue;
    }
    files.push_back({&collection, id, path, {}});
  }
}

}  // namespace

std::vector<RecordFile> find_record_files(const FileSystem& fs, const std::string& content_dir,
                                          const Schema& schema, Diagnostics& diagnostics) {
  std::vector<RecordFile> files;
  static const std::set<std::string> not_collections = {"vocabularies", "media", "pages"};
  for (const auto& entry : fs.list(content_dir)) {
    if (!entry.is_directory || not_collections.count(entry.name) || entry.name[0] == '.' ||
        entry.name[0] == '_')
      continue;
    if (!schema.collection(entry.name))
      diagnostics.warning(join_path(content_dir, entry.name), 0, 0,
                          "folder '" + entry.name + "' is not a collection of schema.yaml; skipped",
                          did_you_mean(entry.name, schema.collection_ids()));
  }
  // Each collection's folder on a core of its own, with its own
  // diagnostics; joined in the schema's order.
  std::vector<std::vector<RecordFile>> found_files(schema.collections.size());
  std::vector<Diagnostics> found(schema.collections.size());
  parallel_each(schema.collections.size(), [&](size_t c) {
    find_collection_files(fs, content_dir, schema.collections[c], found_files[c], found[c]);
  });
  for (size_t c = 0; c < found_files.size(); ++c) {
    diagnostics.append(found[c]);
    std::move(found_files[c].begin(), found_files[c].end(), std::back_inserter(files));
  }
  return files;
}

bool record_before(const Record& a, const Record& b, const Schema& schema) {
  return compare_keys(sort_key(a, schema), sort_key(b, schema)) < 0;
}

void sort_records(std::vector<Record>& records, const Schema& schema) {
  // The collection comes first in the order: each collection is sorted on
  // its own, on a core of its own, and they follow each other (the last:
  // records of no collection of the schema).
  std::vector<SortKey> keys(records.size());
  parallel_slices(records.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) keys[i] = sort_key(records[i], schema);
  });
  std::vector<std::vector<SortKey>> collections(schema.collections.size() + 1);
  for (SortKey& key : keys) collections[key.collection].push_back(std::move(key));
  parallel_each(collections.size(), [&](size_t c) {
    std::sort(collections[c].begin(), collections[c].end(), [](const SortKey& a, const SortKey& b) {
      const int cmp = compare_keys(a, b);
      return cmp != 0 ? cmp < 0 : a.record < b.record;  // ties keep the file order
    });
  });
  // Each record moves once, at the end, on every core.
  std::vector<const Record*> order;
  order.reserve(records.size());
  for (const auto& sorted_keys : collections)
    for (const SortKey& key : sorted_keys) order.push_back(key.record);
  std::vector<Record> sorted(records.size());
  parallel_slices(records.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) sorted[i] = std::move(records[order[i] - records.data()]);
  });
  records = std::move(sorted);
}

std::optional<Record> load_record_file(const FileSystem& fs, const Collection& collection,
                                       const std::string& id, const std::string& path, const Schema& schema,
                                       const Vocabularies& vocabularies, const std::set<std::string>& keys,
                                       Diagnostics& diagnostics) {
  ValidationContext context{schema, vocabularies, keys};
  return load_record(fs, RecordFile{&collection, id, path, {}}, context, diagnostics);
}

size_t count_record_files(const FileSystem& fs, const std::string& content_dir, const Schema& schema) {
  Diagnostics ignored;
  if (!schema.collections.empty()) {
    const std::vector<RecordFile> files = find_record_files(fs, content_dir, schema, ignored);
    return std::count_if(files.begin(), files.end(), [](const RecordFile& f) { return f.language.empty(); });
  }
  size_t count = 0;  // no schema to say which folders are collections: every .md in a folder
  for (const auto& folder : fs.list(content_dir))
    if (folder.is_directory && folder.name != "vocabularies" && folder.name != "media" &&
        folder.name != "pages")
      for (const auto& entry : fs.list(join_path(content_dir, folder.name)))
        if (!entry.is_directory && entry.name.ends_with(".md") && !is_not_a_record(entry.name)) ++count;
  return count;
}

std::vector<Record> load_records(const FileSystem& fs, const std::string& content_dir, const Schema& schema,
                                 const Vocabularies& vocabularies, Diagnostics& diagnostics,
                                 const std::vector<std::string>& languages, bool hold_bodies,
                                 std::set<std::string>* unloaded, CheckedRecords* checked) {
  std::vector<RecordFile> files = find_record_files(fs, content_dir, schema, diagnostics);
  std::vector<RecordFile> translations;
  std::erase_if(files, [&](RecordFile& f) {
    if (f.language.empty()) return false;
    translations.push_back(std::move(f));
    return true;
  });
  std::set<std::string> keys;
  for (const auto& f : files) keys.insert(f.collection->id + "/" + f.id);
  ValidationContext context{schema, vocabularies, keys};

  // Records are independent: load them on every core, each with its own
  // diagnostics, and join them in file order. Each worker takes the next
  // file rather than a fixed slice, so that none waits for another to
  // finish a slice of longer records.
  std::vector<std::optional<Record>> loaded(files.size());
  std::vector<Diagnostics> found(files.size());
  if (hold_bodies) checked = nullptr;  // a record made from its entry holds no body
  parallel_each(files.size(), [&](size_t i) {
    // Distinct files, distinct entries: each thread moves from its own.
    if (checked && (loaded[i] = checked_record(files[i], *checked))) return;
    loaded[i] = load_record(fs, files[i], context, found[i]);
    if (loaded[i] && !hold_bodies) release_body(*loaded[i]);
  });
  std::vector<Record> records;
  records.reserve(files.size());
  std::set<std::string> failed;  // the files that did not load, each with its error
  for (size_t i = 0; i < files.size(); ++i) {
    diagnostics.append(found[i]);
    if (loaded[i]) records.push_back(std::move(*loaded[i]));
    else failed.insert(files[i].collection->id + "/" + files[i].id);
  }
  check_shared_aliases(records, diagnostics);
  attach_translations(fs, schema, translations, languages, records, diagnostics, failed);
  if (unloaded) unloaded->merge(failed);
  if (!hold_bodies)
    for (Record& r : records) release_body(r);  // the translations' (a record's own is already let go)
  sort_records(records, schema);
  return records;
}

}  // namespace passerelle

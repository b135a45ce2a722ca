#include "catalogue/vocabulary.h"

#include <algorithm>

#include "catalogue/schema.h"
#include "content/yaml_document.h"
#include "diagnostics/edit_distance.h"

namespace passerelle {

const std::string& Term::label(const std::string& language) const {
  if (auto it = labels.find(language); it != labels.end()) return it->second;
  if (auto it = labels.find("en"); it != labels.end()) return it->second;
  if (!labels.empty()) return labels.begin()->second;
  return id;
}

const Term* Vocabulary::find(const std::string& term_id) const {
  auto it = index.find(term_id);
  return it == index.end() ? nullptr : &terms[it->second];
}

std::vector<std::string> Vocabulary::ids() const {
  std::vector<std::string> out;
  for (const auto& t : terms) out.push_back(t.id);
  return out;
}

namespace {

Vocabulary load_vocabulary(const FileSystem& fs, const std::string& content_dir,
                           const std::string& id, Diagnostics& diagnostics) {
  Vocabulary vocabulary;
  vocabulary.id = id;
  const std::string path = join_path(join_path(content_dir, "vocabularies"), id + ".yaml");
  auto text = fs.read(path);
  if (!text) {
    diagnostics.error(path, 0, 0, "cannot read the " + id + " vocabulary",
                      "create it as a YAML list of entries with 'id' and 'label'");
    return vocabulary;
  }
  SourceFile file(path, *text);
  auto doc = parse_yaml(file, *text, 1, diagnostics);
  if (!doc) return vocabulary;
  if (!doc->root->is_list()) {
    diagnostics.add(file.error_at(1, 1, "a vocabulary must be a YAML list of entries",
                                  "start each entry with '- id: …'"));
    return vocabulary;
  }
  static const std::vector<std::string> known = {"id", "label", "description", "eu"};
  for (const YamlNode* entry : doc->root->items()) {
    auto error = [&](const YamlNode& node, std::string message, std::string hint = {}) {
      Position p = node.position();
      diagnostics.add(file.error_at(p.line, p.column, std::move(message), std::move(hint)));
    };
    if (!entry->is_map()) {
      error(*entry, "a vocabulary entry must be a map with 'id' and 'label'");
      continue;
    }
    Term term;
    for (const auto& field : entry->entries()) {
      const std::string& key = field.key->scalar();
      if (std::find(known.begin(), known.end(), key) == known.end())
        error(*field.key, "unknown key '" + key + "' in vocabulary entry", did_you_mean(key, known));
    }
    const YamlNode* id_node = entry->find("id");
    if (!id_node || id_node->scalar().empty()) {
      error(*entry, "vocabulary entry without an 'id'");
      continue;
    }
    term.id = id_node->scalar();
    const YamlNode* label = entry->find("label");
    if (label && label->is_scalar()) {
      term.labels["en"] = label->scalar();
    } else if (label && label->is_map()) {
      for (const auto& l : label->entries()) term.labels[l.key->scalar()] = l.value->scalar();
    } else {
      error(label ? *label : *entry, "vocabulary entry '" + term.id + "' needs a 'label'",
            "a text, or a map of language to text such as {en: Spain, fr: Espagne}");
    }
    if (const YamlNode* description = entry->find("description")) term.description = description->scalar();
    if (vocabulary.index.count(term.id)) {
      error(*id_node, "duplicate id '" + term.id + "' in the " + id + " vocabulary");
      continue;
    }
    vocabulary.index[term.id] = vocabulary.terms.size();
    vocabulary.terms.push_back(std::move(term));
  }
  return vocabulary;
}

}  // namespace

Vocabularies load_vocabularies(const FileSystem& fs, const std::string& content_dir,
                               Diagnostics& diagnostics) {
  Vocabularies vocabularies;
  for (const auto& id : taxonomy_ids())
    vocabularies[id] = load_vocabulary(fs, content_dir, id, diagnostics);
  return vocabularies;
}

}  // namespace passerelle

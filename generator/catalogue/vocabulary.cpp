#include "catalogue/vocabulary.h"

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
  if (!doc->root.IsSequence()) {
    diagnostics.add(file.error_at(1, 1, "a vocabulary must be a YAML list of entries",
                                  "start each entry with '- id: …'"));
    return vocabulary;
  }
  static const std::vector<std::string> known = {"id", "label", "description", "eu"};
  for (const auto& entry : doc->root) {
    Position at = node_position(*doc, entry);
    auto error = [&](const YAML::Node& node, std::string message, std::string hint = {}) {
      Position p = node ? node_position(*doc, node) : at;
      diagnostics.add(file.error_at(p.line, p.column, std::move(message), std::move(hint)));
    };
    if (!entry.IsMap()) {
      error(entry, "a vocabulary entry must be a map with 'id' and 'label'");
      continue;
    }
    Term term;
    for (const auto& field : entry) {
      std::string key = field.first.Scalar();
      if (std::find(known.begin(), known.end(), key) == known.end())
        error(field.first, "unknown key '" + key + "' in vocabulary entry", did_you_mean(key, known));
    }
    YAML::Node id_node = entry["id"];
    if (!id_node || !id_node.IsScalar() || id_node.Scalar().empty()) {
      error(entry, "vocabulary entry without an 'id'");
      continue;
    }
    term.id = id_node.Scalar();
    YAML::Node label = entry["label"];
    if (label && label.IsScalar()) {
      term.labels["en"] = label.Scalar();
    } else if (label && label.IsMap()) {
      for (const auto& l : label) term.labels[l.first.Scalar()] = l.second.as<std::string>("");
    } else {
      error(label ? label : YAML::Node(entry), "vocabulary entry '" + term.id + "' needs a 'label'",
            "a text, or a map of language to text such as {en: Spain, fr: Espagne}");
    }
    if (entry["description"]) term.description = entry["description"].as<std::string>("");
    if (vocabulary.index.count(term.id)) {
      error(id_node, "duplicate id '" + term.id + "' in the " + id + " vocabulary");
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

#include "catalogue/vocabulary.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "catalogue/schema.h"
#include "content/yaml_document.h"
#include "diagnostics/edit_distance.h"
#include "fs/path_names.h"
#include "util/text.h"

namespace passerelle {

const std::string& Term::label(const std::string& language) const {
  if (auto it = labels.find(language); it != labels.end()) return it->second;
  if (auto it = labels.find("en"); it != labels.end()) return it->second;
  if (!labels.empty()) return labels.begin()->second;
  return id;
}

const std::string& Term::description(const std::string& language) const {
  static const std::string none;
  if (auto it = descriptions.find(language); it != descriptions.end()) return it->second;
  if (auto it = descriptions.find(default_language); it != descriptions.end()) return it->second;
  return none;
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

std::vector<const Term*> Vocabulary::find_by_label(const std::string& label) const {
  std::vector<const Term*> out;
  const std::string wanted = lowercase(label);
  for (const auto& term : terms)
    for (const auto& [language, text] : term.labels)
      if (lowercase(text) == wanted) {
        out.push_back(&term);
        break;
      }
  return out;
}

std::string Vocabulary::describe(const std::vector<std::string>& term_ids, const std::string& language) const {
  std::string out;
  for (size_t i = 0; i < term_ids.size(); ++i) {
    if (i > 0) out += i + 1 == term_ids.size() ? " or " : ", ";
    out += "'" + term_ids[i] + "'";
    if (const Term* term = find(term_ids[i]); term && lowercase(term->label(language)) != lowercase(term->id))
      out += " (" + term->label(language) + ")";
  }
  return out;
}

namespace {

// ISO 639-1 codes of the languages of Europe and of its largest migrant
// communities, or one of the catalogue's own: what a label may be written in.
bool is_language_code(const std::string& code, const std::vector<std::string>& languages) {
  static const std::set<std::string> codes = {
      "ar", "bg", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "eu", "fa", "fi", "fr", "ga",
      "gl", "hi", "hr", "hu", "hy", "is", "it", "ka", "ku", "lb", "lt", "lv", "mk", "mt", "nl", "no", "pl",
      "ps", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sr", "sv", "ti", "tr", "uk", "ur", "zh"};
  return codes.count(code) > 0 || std::find(languages.begin(), languages.end(), code) != languages.end();
}

// Why `term_id` cannot name a page of the `taxonomy`, with a valid id to use instead.
std::optional<std::pair<std::string, std::string>> term_id_problem(const Taxonomy& taxonomy,
                                                                   const std::string& term_id) {
  if (taxonomy.map) {
    if (is_valid_country_code(term_id)) return std::nullopt;
    std::string upper;
    for (char c : term_id) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return std::pair{
        "invalid country code '" + term_id + "': a country is its ISO 3166-1 alpha-2 code, two capital letters",
        is_valid_country_code(upper) ? "write '" + upper + "'" : "for example PT for Portugal"};
  }
  if (term_id == "index")
    return std::pair{"id 'index' is taken by the page that lists the " + taxonomy.id,
                     std::string("choose another id")};
  if (is_valid_name(term_id)) return std::nullopt;
  const std::string better = suggest_name(term_id);
  return std::pair{
      "invalid id '" + term_id + "': an id becomes the term's page name, so it uses a-z, 0-9 and '-' only",
      better.empty() ? "for example 'care-work'" : "write '" + better + "'"};
}

Vocabulary load_vocabulary(const FileSystem& fs, const std::string& content_dir, const Taxonomy& taxonomy,
                           const std::vector<std::string>& languages, Diagnostics& diagnostics) {
  const std::string& id = taxonomy.id;
  Vocabulary vocabulary;
  vocabulary.id = id;
  vocabulary.failed = true;
  const std::string path = join_path(join_path(content_dir, "vocabularies"), id + ".yaml");
  if (!check_within(fs, content_dir, path, diagnostics)) return vocabulary;
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
    diagnostics.add(
        file.error_at(1, 1, "a vocabulary must be a YAML list of entries", "start each entry with '- id: …'"));
    return vocabulary;
  }
  vocabulary.failed = false;
  // A typo in a label's language is told from the languages the other labels use.
  std::vector<std::string> used_languages = languages;
  for (const YamlNode* entry : doc->root->items())
    if (const YamlNode* label = entry->is_map() ? entry->find("label") : nullptr; label && label->is_map())
      for (const auto& l : label->entries())
        if (is_language_code(l.key->scalar(), languages) &&
            std::find(used_languages.begin(), used_languages.end(), l.key->scalar()) == used_languages.end())
          used_languages.push_back(l.key->scalar());
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
    bool misspelt_label = false;  // `lable:` is one mistake, not also a missing label
    for (const auto& field : entry->entries()) {
      const std::string& key = field.key->scalar();
      if (std::find(known.begin(), known.end(), key) != known.end()) continue;
      error(*field.key, "unknown key '" + key + "' in vocabulary entry", did_you_mean(key, known));
      misspelt_label = misspelt_label || closest_match(key, known) == "label";
    }
    const YamlNode* id_node = entry->find("id");
    if (!id_node || id_node->scalar().empty()) {
      error(*entry, "vocabulary entry without an 'id'");
      continue;
    }
    term.id = id_node->scalar();
    if (auto problem = term_id_problem(taxonomy, term.id)) {
      error(*id_node, problem->first, problem->second);
      continue;
    }
    const YamlNode* label = entry->find("label");
    if (label && label->is_scalar()) {
      term.labels[languages.front()] = label->scalar();
    } else if (label && label->is_map()) {
      for (const auto& l : label->entries()) {
        const std::string& language = l.key->scalar();
        if (!is_language_code(language, languages)) {
          std::string hint = did_you_mean(language, used_languages);
          error(*l.key, "unknown language '" + language + "' in the label of '" + term.id + "'",
                hint.empty() ? "label languages are ISO 639-1 codes such as en or fr" : hint);
          continue;
        }
        term.labels[language] = l.value->scalar();
      }
      for (const auto& language : languages)
        if (!term.labels.count(language))
          error(*label, "the label of '" + term.id + "' has no '" + language + "' text",
                "the catalogue is in " + language + ": add '" + language + ": …' to the label");
    } else if (!misspelt_label) {
      error(label ? *label : *entry, "vocabulary entry '" + term.id + "' needs a 'label'",
            "a text, or a map of language to text such as {en: Spain, fr: Espagne}");
    }
    term.default_language = languages.front();
    if (const YamlNode* description = entry->find("description")) {
      if (description->is_map()) {
        for (const auto& d : description->entries()) {
          const std::string& language = d.key->scalar();
          if (!is_language_code(language, languages)) {
            std::string hint = did_you_mean(language, used_languages);
            error(*d.key, "unknown language '" + language + "' in the description of '" + term.id + "'",
                  hint.empty() ? "description languages are ISO 639-1 codes such as en or fr" : hint);
          } else if (!d.value->is_scalar()) {
            error(*d.value, "a description must be text");
          } else {
            term.descriptions[language] = d.value->scalar();
          }
        }
        if (!term.descriptions.count(languages.front()))
          error(*description, "the description of '" + term.id + "' has no '" + languages.front() + "' text",
                "the other languages show it where they have none: add '" + languages.front() + ": …'");
      } else if (description->is_scalar()) {
        term.descriptions[languages.front()] = description->scalar();
      } else {
        error(*description, "the description of '" + term.id + "' must be text or a map of language to text",
              "for example {en: …, fr: …}");
      }
    }
    if (vocabulary.index.count(term.id)) {
      error(*id_node, "duplicate id '" + term.id + "' in the " + id + " vocabulary",
            "each term is listed once; remove or rename one of the two");
      continue;
    }
    vocabulary.index[term.id] = vocabulary.terms.size();
    vocabulary.terms.push_back(std::move(term));
  }
  return vocabulary;
}

}  // namespace

Vocabularies load_vocabularies(const FileSystem& fs, const std::string& content_dir,
                               const std::vector<Taxonomy>& taxonomies, Diagnostics& diagnostics,
                               const std::vector<std::string>& languages) {
  Vocabularies vocabularies;
  for (const auto& taxonomy : taxonomies)
    vocabularies[taxonomy.id] = load_vocabulary(fs, content_dir, taxonomy, languages, diagnostics);
  return vocabularies;
}

}  // namespace passerelle

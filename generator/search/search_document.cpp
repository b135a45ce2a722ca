#include "search/search_document.h"

#include "search/stemming.h"
#include "search/text_folding.h"
#include "util/parallel.h"

namespace passerelle::search {

using nlohmann::json;

namespace {

// Text found in a field, by the field's type.
void collect(const FieldSpec& spec, const json& value, SearchDocument& doc) {
  if (value.is_null()) return;
  switch (spec.type) {
    case FieldType::string:
      if (value.is_string()) doc.parts.push_back({Field::names, value.get<std::string>(), {}});
      break;
    case FieldType::enumeration:  // a category, like a taxonomy term
      if (value.is_string()) doc.parts.push_back({Field::tags, value.get<std::string>(), {}});
      break;
    case FieldType::text:
      if (value.is_string()) doc.parts.push_back({Field::body, value.get<std::string>(), {}});
      break;
    case FieldType::list:
      if (spec.items && value.is_array())
        for (const auto& item : value) collect(*spec.items, item, doc);
      break;
    case FieldType::object:
      if (value.is_object())
        for (const auto& sub : spec.fields)
          if (auto it = value.find(sub.name); it != value.end()) collect(sub, *it, doc);
      break;
    default: break;  // numbers, URLs, references, citations: not words a reader searches for
  }
}

std::string record_language(const Record& record, const SearchDocument& doc, const SiteModel& site) {
  if (auto it = record.fields.find("language"); it != record.fields.end() && it->is_string()) {
    const std::string code = language_code(it->get<std::string>());
    if (!code.empty()) return code;
  }
  std::string fallback = language_code(site.config.language);
  if (fallback.empty()) fallback = "en";
  std::vector<std::string_view> texts;
  for (const auto& part : doc.parts)
    if (part.field != Field::tags) texts.push_back(part.text);
  texts.push_back(doc.body_text);
  return guess_language(texts, fallback);
}

}  // namespace

SearchDocument make_search_document(const Record& record, const SiteModel& site, std::string body_text) {
  SearchDocument doc;
  doc.parts.push_back({Field::title, record.title(), {}});
  doc.parts.push_back({Field::summary, record.summary(), {}});
  if (const Collection* collection = site.schema.collection(record.collection))
    for (const auto& spec : collection->fields)
      if (auto it = record.fields.find(spec.name); it != record.fields.end()) collect(spec, *it, doc);
  doc.body_text = std::move(body_text);

  for (const auto& taxonomy : site.schema.taxonomies) {
    auto vocabulary = site.vocabularies.find(taxonomy.id);
    if (vocabulary == site.vocabularies.end()) continue;
    auto ids = record.fields.find(taxonomy.id);
    if (ids == record.fields.end() || !ids->is_array()) continue;
    for (const auto& id : *ids) {
      const Term* term = id.is_string() ? vocabulary->second.find(id.get_ref<const std::string&>()) : nullptr;
      if (!term) continue;
      if (taxonomy.map) doc.codes.push_back(term->id);
      for (const auto& [label_language, label] : term->labels)
        doc.parts.push_back({Field::tags, label, language_code(label_language)});
    }
  }
  doc.language = record_language(record, doc, site);
  return doc;
}

std::vector<SearchDocument> make_search_documents(const SiteModel& site,
                                                  const std::vector<std::string>& body_texts) {
  std::vector<SearchDocument> docs(site.records.size());
  parallel_slices(docs.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i)
      docs[i] = make_search_document(site.records[i], site, body_texts.at(i));
  });
  return docs;
}

}  // namespace passerelle::search

#include "search/search_document.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>

#include "search/stemming.h"
#include "search/text_folding.h"
#include "util/parallel.h"

namespace passerelle::search {

using nlohmann::json;

namespace {

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

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

std::string markdown_text(std::string_view markdown) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_DEFAULT));
  for (const char* name : {"table", "strikethrough"})
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> document(cmark_parser_finish(parser.get()));
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document.get()));

  std::string out;
  auto space = [&] {
    if (!out.empty() && out.back() != ' ') out += ' ';
  };
  cmark_event_type event;
  while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const auto type = cmark_node_get_type(node);
    if (event == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        if (const char* literal = cmark_node_get_literal(node)) out += literal;
      } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
        space();
      }
    }
    // Every block (paragraph, heading, list item, table cell) ends a run of words.
    const bool block = (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
    if (event == CMARK_EVENT_EXIT && block) space();
    if (type == CMARK_NODE_CODE_BLOCK) space();
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  for (char& c : out)
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  return out;
}

SearchDocument make_search_document(const Record& record, const SiteModel& site) {
  SearchDocument doc;
  doc.parts.push_back({Field::title, record.title(), {}});
  doc.parts.push_back({Field::summary, record.summary(), {}});
  if (const Collection* collection = site.schema.collection(record.collection))
    for (const auto& spec : collection->fields)
      if (auto it = record.fields.find(spec.name); it != record.fields.end()) collect(spec, *it, doc);
  doc.body_text = markdown_text(record.body);

  for (const auto& taxonomy : taxonomy_ids()) {
    auto vocabulary = site.vocabularies.find(taxonomy);
    if (vocabulary == site.vocabularies.end()) continue;
    auto ids = record.fields.find(taxonomy);
    if (ids == record.fields.end() || !ids->is_array()) continue;
    for (const auto& id : *ids) {
      const Term* term = id.is_string() ? vocabulary->second.find(id.get_ref<const std::string&>()) : nullptr;
      if (!term) continue;
      for (const auto& [label_language, label] : term->labels)
        doc.parts.push_back({Field::tags, label, language_code(label_language)});
    }
  }
  doc.language = record_language(record, doc, site);
  return doc;
}

std::vector<SearchDocument> make_search_documents(const SiteModel& site) {
  std::vector<SearchDocument> docs(site.records.size());
  parallel_slices(docs.size(), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) docs[i] = make_search_document(site.records[i], site);
  });
  return docs;
}

}  // namespace passerelle::search

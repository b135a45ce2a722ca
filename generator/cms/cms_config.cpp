#include "cms/cms_config.h"

#include <yaml-cpp/yaml.h>

#include <cstdlib>

#include "util/escape.h"
#include "util/text.h"

namespace passerelle {

namespace {

// What a field's widget needs to know beyond the field itself.
struct Context {
  const CatalogueConfig& config;
  const Schema& schema;
  const Vocabularies& vocabularies;
};

std::string field_label(const FieldSpec& spec) { return spec.label.empty() ? humanize(spec.name) : spec.label; }

// "dps/espere" is how a record names another, so the relation stores the
// collection before the slug.
void emit_relation(YAML::Emitter& out, const std::string& collection) {
  out << YAML::Key << "widget" << YAML::Value << "relation";
  out << YAML::Key << "collection" << YAML::Value << collection;
  out << YAML::Key << "value_field" << YAML::Value << collection + "/{{slug}}";
  out << YAML::Key << "search_fields" << YAML::Value << YAML::Flow << YAML::BeginSeq << "title" << YAML::EndSeq;
  out << YAML::Key << "display_fields" << YAML::Value << YAML::Flow << YAML::BeginSeq << "title"
      << YAML::EndSeq;
}

void emit_options(YAML::Emitter& out, const std::vector<std::pair<std::string, std::string>>& options) {
  out << YAML::Key << "options" << YAML::Value << YAML::BeginSeq;
  for (const auto& [value, label] : options)
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "label" << YAML::Value << label << YAML::Key << "value"
        << YAML::Value << value << YAML::EndMap;
  out << YAML::EndSeq;
}

std::vector<std::pair<std::string, std::string>> enum_options(const FieldSpec& spec) {
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& value : spec.values) {
    auto label = spec.value_labels.find(value);
    options.emplace_back(value, label == spec.value_labels.end() ? humanize(value) : label->second);
  }
  return options;
}

std::vector<std::pair<std::string, std::string>> term_options(const FieldSpec& spec, const Context& context) {
  std::vector<std::pair<std::string, std::string>> options;
  auto vocabulary = context.vocabularies.find(spec.taxonomy);
  if (vocabulary == context.vocabularies.end()) return options;
  for (const auto& term : vocabulary->second.terms)
    options.emplace_back(term.id, term.label(context.config.language));
  return options;
}

void emit_field(YAML::Emitter& out, const FieldSpec& spec, const Context& context);

void emit_fields(YAML::Emitter& out, const std::vector<FieldSpec>& fields, const Context& context) {
  out << YAML::Key << "fields" << YAML::Value << YAML::BeginSeq;
  for (const auto& field : fields) emit_field(out, field, context);
  out << YAML::EndSeq;
}

FieldSpec year_field(const std::string& name, const std::string& label) {
  FieldSpec year;
  year.name = name;
  year.label = label;
  year.type = FieldType::year;
  return year;
}

// A period, {start: YEAR, end: YEAR}, either left out.
std::vector<FieldSpec> period_fields() { return {year_field("start", "Start"), year_field("end", "End")}; }

// A citation, {source: sources/<id>, section, title, url, note}: the source
// when it is a record of the catalogue, the title and url when it is not.
std::vector<FieldSpec> citation_fields(const Context& context) {
  std::vector<FieldSpec> fields;
  auto text = [](const std::string& name, const std::string& label, FieldType type, const std::string& help) {
    FieldSpec spec;
    spec.name = name;
    spec.label = label;
    spec.type = type;
    spec.help = help;
    return spec;
  };
  if (context.schema.collection("sources")) {
    FieldSpec source = text("source", "Source", FieldType::reference, "a document of the catalogue");
    source.collection = "sources";
    fields.push_back(source);
  }
  fields.push_back(text("section", "Section", FieldType::string, "the part of the source it is taken from"));
  fields.push_back(text("title", "Title", FieldType::string, "a document outside the catalogue: its title"));
  fields.push_back(text("url", "Address", FieldType::url, "a document outside the catalogue: where it is"));
  fields.push_back(text("note", "Note", FieldType::text, ""));
  return fields;
}

// The widget and its options; `multiple`: the field is a list of these.
void emit_widget(YAML::Emitter& out, const FieldSpec& spec, const Context& context, bool multiple) {
  auto many = [&] {
    if (multiple) out << YAML::Key << "multiple" << YAML::Value << true;
  };
  switch (spec.type) {
    case FieldType::string:
    case FieldType::former_id: out << YAML::Key << "widget" << YAML::Value << "string"; return;
    case FieldType::url:
      out << YAML::Key << "widget" << YAML::Value << "string";
      out << YAML::Key << "type" << YAML::Value << "url";
      return;
    case FieldType::text: out << YAML::Key << "widget" << YAML::Value << "text"; return;
    case FieldType::integer:
    case FieldType::year:
      out << YAML::Key << "widget" << YAML::Value << "number";
      out << YAML::Key << "value_type" << YAML::Value << "int";
      if (spec.type == FieldType::year) {
        out << YAML::Key << "min" << YAML::Value << 1000;
        out << YAML::Key << "max" << YAML::Value << 9999;
      }
      return;
    case FieldType::fraction:  // 2/3 is not a number a form can hold
      out << YAML::Key << "widget" << YAML::Value << "string";
      return;
    case FieldType::boolean: out << YAML::Key << "widget" << YAML::Value << "boolean"; return;
    case FieldType::enumeration:
      out << YAML::Key << "widget" << YAML::Value << "select";
      many();
      emit_options(out, enum_options(spec));
      return;
    case FieldType::term:
      out << YAML::Key << "widget" << YAML::Value << "select";
      many();
      emit_options(out, term_options(spec, context));
      return;
    case FieldType::reference:
      if (!spec.collection.empty()) {
        emit_relation(out, spec.collection);
        many();
        return;
      }
      // Into any collection: a relation searches one, so the key is typed.
      out << YAML::Key << "widget" << YAML::Value << "string";
      out << YAML::Key << "pattern" << YAML::Value << YAML::Flow << YAML::BeginSeq
          << "^[a-z0-9-]+/[a-z0-9]+(-[a-z0-9]+)*$"
          << "write <collection>/<id>, e.g. dps/espere" << YAML::EndSeq;
      return;
    case FieldType::object:
      out << YAML::Key << "widget" << YAML::Value << "object";
      emit_fields(out, spec.fields, context);
      return;
    case FieldType::period:
      out << YAML::Key << "widget" << YAML::Value << "object";
      emit_fields(out, period_fields(), context);
      return;
    case FieldType::citation:
      out << YAML::Key << "widget" << YAML::Value << "object";
      emit_fields(out, citation_fields(context), context);
      return;
    case FieldType::list: break;  // emit_field() unfolds lists
  }
}

// Lists of choices are one select or relation with `multiple`; other lists
// are a list widget of their item (`field`) or of an object's `fields`.
void emit_field(YAML::Emitter& out, const FieldSpec& spec, const Context& context) {
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << spec.name;
  out << YAML::Key << "label" << YAML::Value << field_label(spec);
  if (spec.type != FieldType::list) {
    emit_widget(out, spec, context, false);
  } else if (const FieldSpec& item = *spec.items;
             item.type == FieldType::enumeration || item.type == FieldType::term ||
             (item.type == FieldType::reference && !item.collection.empty())) {
    emit_widget(out, item, context, true);
  } else {
    out << YAML::Key << "widget" << YAML::Value << "list";
    if (item.type == FieldType::object) {
      emit_fields(out, item.fields, context);
    } else if (item.type == FieldType::period || item.type == FieldType::citation) {
      emit_fields(out, item.type == FieldType::period ? period_fields() : citation_fields(context), context);
    } else {
      FieldSpec named = item;
      named.name = spec.name;
      named.label = field_label(spec);
      out << YAML::Key << "field" << YAML::Value;
      emit_field(out, named, context);
    }
  }
  out << YAML::Key << "required" << YAML::Value << spec.required;
  if (!spec.help.empty()) out << YAML::Key << "hint" << YAML::Value << spec.help;
  out << YAML::EndMap;
}

std::string repository_path(const std::string& folder, const std::string& name) {
  return folder.empty() || folder == "." ? name : folder + "/" + name;
}

void emit_collection(YAML::Emitter& out, const Collection& collection, const Context& context) {
  const std::string& folder = context.config.cms.folder;
  out << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << collection.id;
  out << YAML::Key << "label" << YAML::Value << (collection.label.empty() ? collection.id : collection.label);
  if (!collection.singular.empty()) out << YAML::Key << "label_singular" << YAML::Value << collection.singular;
  if (!collection.description.empty())
    out << YAML::Key << "description" << YAML::Value << collection.description;
  out << YAML::Key << "folder" << YAML::Value << repository_path(folder, collection.id);
  out << YAML::Key << "extension" << YAML::Value << "md";
  out << YAML::Key << "format" << YAML::Value << "frontmatter";
  out << YAML::Key << "create" << YAML::Value << true;
  // Relative to the record's folder: content/media, linked as ../media/<file>.
  out << YAML::Key << "media_folder" << YAML::Value << "../media";
  out << YAML::Key << "public_folder" << YAML::Value << "../media";
  out << YAML::Key << "identifier_field" << YAML::Value << "title";
  // A record's id is its file name and its page's: typed (or taken from the
  // title) when the record is made, changed only by `passerelle mv`, which
  // keeps the old address working.
  out << YAML::Key << "slug" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "template" << YAML::Value << "{{title}}";
  out << YAML::Key << "editable" << YAML::Value << YAML::Flow << YAML::BeginSeq << "create" << YAML::EndSeq;
  out << YAML::EndMap;
  out << YAML::Key << "fields" << YAML::Value << YAML::BeginSeq;
  for (const auto& name : context.schema.field_names(collection))
    emit_field(out, *context.schema.field(collection, name), context);
  // Raw Markdown first: the rich text mode rewrites what it cannot show as
  // it was written (emphasis across lines comes back escaped).
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "body" << YAML::Key << "label" << YAML::Value
      << "Body" << YAML::Key << "widget" << YAML::Value << "markdown" << YAML::Key << "modes" << YAML::Value
      << YAML::Flow << YAML::BeginSeq << "raw"
      << "rich_text" << YAML::EndSeq << YAML::Key << "required" << YAML::Value << false << YAML::Key << "hint"
      << YAML::Value << "Markdown; link another record as ../<collection>/<id>.md" << YAML::EndMap;
  out << YAML::EndSeq;
  out << YAML::EndMap;
}

}  // namespace

std::string cms_config_yaml(const CatalogueConfig& config, const Schema& schema,
                            const Vocabularies& vocabularies) {
  const Context context{config, schema, vocabularies};
  const CmsSettings& cms = config.cms;
  YAML::Emitter out;
  out << YAML::Comment(
      "Generated by passerelle from schema.yaml and the vocabularies at every build: do not edit.");
  out << YAML::BeginMap;
  out << YAML::Key << "backend" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << cms.backend;
  if (cms.backend != "test-repo") {
    out << YAML::Key << "repo" << YAML::Value << cms.repo;
    out << YAML::Key << "branch" << YAML::Value << cms.branch;
  }
  out << YAML::EndMap;
  if (!cms.site_url.empty()) out << YAML::Key << "site_url" << YAML::Value << cms.site_url;
  // The editor wants an absolute public folder here; each collection says
  // how its records link the files: ../media/<file>.
  out << YAML::Key << "media_folder" << YAML::Value << repository_path(cms.folder, "media");
  out << YAML::Key << "public_folder" << YAML::Value << "/media";
  // Ids and file names are a-z, 0-9 and hyphens (fs/path_names.h).
  out << YAML::Key << "slug" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "encoding" << YAML::Value << "ascii";
  out << YAML::Key << "clean_accents" << YAML::Value << true;
  out << YAML::Key << "sanitize_replacement" << YAML::Value << "-";
  out << YAML::EndMap;
  // A field left empty is left out, as an editor writing the file would:
  // `website: ''` is not an address.
  out << YAML::Key << "output" << YAML::Value << YAML::BeginMap << YAML::Key << "omit_empty_optional_fields"
      << YAML::Value << true << YAML::EndMap;
  out << YAML::Key << "collections" << YAML::Value << YAML::BeginSeq;
  for (const auto& collection : schema.collections) emit_collection(out, collection, context);
  out << YAML::EndSeq;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string cms_admin_page(const CatalogueConfig& config) {
  // The site's policy, widened only where the editor must: Svelte adds its
  // styles as <style> elements ('unsafe-inline' styles, never scripts), it
  // shows images picked from disk and its logo from data: and blob:
  // addresses, fetches its own data: logo (connect-src data:), loads its
  // fonts from admin/fonts/, and talks to the git host's API. Its update
  // check (unpkg.com) and its fonts' CDN (cdn.jsdelivr.net) are refused.
  std::string host;
  if (config.cms.backend == "github") host = " https://api.github.com";
  else if (config.cms.backend == "gitlab") host = " https://gitlab.com";
  else if (config.cms.backend == "gitea") host = " https://gitea.com";
  const std::string avatars = config.cms.backend == "github" ? " https://avatars.githubusercontent.com" : "";
  const std::string policy =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      "img-src 'self' data: blob:" +
      avatars + host + "; connect-src 'self' data: blob:" + host +
      "; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
  return "<!doctype html>\n<html lang=\"" + escape_markup(config.language) +
         "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"robots\" content=\"noindex\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"" +
         policy + "\">\n<title>" + escape_markup(config.title) +
         ": form editor</title>\n<link rel=\"stylesheet\" href=\"fonts.css\">\n</head>\n<body>\n"
         "<script src=\"sveltia-cms.js\"></script>\n</body>\n</html>\n";
}

std::string cms_fonts_css() {
  // The families and ranges the editor's own @font-face rules name.
  return "@font-face {font-family: 'Source Sans 3'; font-style: normal; font-display: swap; "
         "font-weight: 200 900; src: url(fonts/source-sans-3.woff2) format('woff2-variations');}\n"
         "@font-face {font-family: 'Material Symbols Outlined'; font-style: normal; font-display: block; "
         "font-weight: 400; src: url(fonts/material-symbols-outlined.woff2) format('woff2-variations');}\n";
}

std::string default_cms_modules() {
  if (const char* path = std::getenv("PASSERELLE_CMS_MODULES"); path && *path) return path;
  return PASSERELLE_CMS_MODULES;
}

}  // namespace passerelle

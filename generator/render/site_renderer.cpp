// Every page of the site, from the model and the templates. Longer than 500
// lines on purpose: one PageBuilder holds what every page type shares (the
// chrome, breadcrumbs, the "narrow down" tables) next to each page type's
// context, so that a page's whole context reads in one place; the parts that
// stand alone are in their own files (view_model, collection_view,
// overview_views, connections_view, parts_view, citation, feeds).
#include "render/site_renderer.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <string_view>

#include "render/citation.h"
#include "render/collection_view.h"
#include "render/connections_view.h"
#include "render/overview_views.h"
#include "render/parts_view.h"
#include "render/recent_changes.h"
#include "util/parallel.h"
#include "util/text.h"

namespace passerelle {

using nlohmann::json;

namespace {

class PageBuilder {
 public:
  PageBuilder(const SiteModel& site, const TemplateSet& templates, const RecordItems& items)
      : site_(site),
        views_(site, [&items, &templates](size_t i) -> const std::string& { return items.at(i, templates); }),
        templates_(templates) {}

  // What every page of one section (a collection, a taxonomy, or the top)
  // at one depth shares: site, navigation with the current section marked,
  // where the root is. Built once per section and depth, not per page.
  const kainjow::mustache::data& chrome(const std::string& path) const {
    const std::string root = root_for(path);
    // The folder a page is in (a collection, a taxonomy), or a section's own page.
    const std::string section = path.find('/') == std::string::npos
                                    ? (path.ends_with(".html") ? path.substr(0, path.size() - 5) : "")
                                    : path.substr(0, path.find('/'));
    auto key = section + "|" + root;
    if (auto it = chrome_.find(key); it != chrome_.end()) return it->second;
    json nav = json::array();
    for (const auto& s : site_.schema.sections) {
      const bool current = section == s.id || std::find(s.collections.begin(), s.collections.end(), section) !=
                                                  s.collections.end();
      nav.push_back({{"label", s.label}, {"url", root + section_path(s)}, {"current", current}});
    }
    // The taxonomies, also said in a sentence: "by country, theme or actor type".
    json browse = json::array();
    const auto& taxonomies = site_.schema.taxonomies;
    for (size_t k = 0; k < taxonomies.size(); ++k) {
      const std::string& t = taxonomies[k].id;
      browse.push_back({{"label", taxonomies[k].label},
                        {"by", lowercase(taxonomies[k].singular)},
                        {"separator", k == 0                       ? ""
                                      : k + 1 == taxonomies.size() ? strings().text("list_or")
                                                                   : ", "},
                        {"url", root + t + "/index.html"},
                        {"current", section == t}});
    }
    // The footer: the catalogue's own pages and the terms of reuse.
    json pages = json::array();
    for (const auto& p : site_.pages)
      pages.push_back({{"label", p.page.title()}, {"url", root + free_page_path(p.page.id)}});
    json licence = "";
    if (!site_.config.licence.name.empty())
      licence = {{"name", site_.config.licence.name}, {"url", site_.config.licence.url}};
    json shared = {
        {"root", root},
        {"assets", site_root(path) + "assets/"},
        {"lang", site_.config.language},
        {"has_languages", site_.config.languages.size() > 1},
        {"site",
         {{"title", site_.config.title},
          {"tagline", site_.config.tagline},
          {"description", site_.config.description}}},
        {"home_url", root + "index.html"},
        {"search_url", root + "search.html"},
        {"nav", std::move(nav)},
        {"browse", std::move(browse)},
        {"sources_url", site_.schema.collection("sources") ? root + "sources/index.html" : ""},
        {"pages", std::move(pages)},
        {"recent_url", root + recent_changes_path},
        {"licence", std::move(licence)},
        {"offline_archive", site_.config.offline_archive
                                ? json{{"url", site_root(path) + archive_path}, {"size", archive_size_marker}}
                                : json("")},
    };
    return chrome_.emplace(key, templates_.shared(shared)).first->second;
  }

  // The context of one page, on top of its section's chrome: with several
  // languages, the same page in each (the switcher, the hreflang
  // alternates) and `original`, the page in the default language.
  json page(const std::string& path, const std::string& title, json breadcrumbs) const {
    const CatalogueConfig& config = site_.config;
    const std::string& base = config.base_url;
    json languages = json::array(), alternates = json::array(), original = "";
    if (config.languages.size() > 1) {
      for (const auto& language : config.languages) {
        const std::string prefix = language == config.languages.front() ? "" : language + "/";
        const std::string url = site_root(path) + prefix + path;
        languages.push_back({{"lang", language},
                             {"name", templates_.strings_for(language).text("language_name")},
                             {"url", url},
                             {"current", language == config.language}});
        alternates.push_back({{"lang", language}, {"url", base.empty() ? url : base + prefix + path}});
        if (language == config.languages.front()) original = {{"lang", language}, {"url", url}};
      }
      alternates.push_back(json{{"lang", "x-default"}, {"url", alternates.front()["url"]}});
    }
    return json{
        {"page_title", title},
        {"is_home", path == "index.html"},
        {"has_breadcrumbs", !breadcrumbs.empty()},
        {"breadcrumbs", std::move(breadcrumbs)},
        {"canonical", base.empty() ? "" : base + language_prefix(config) + path},
        {"languages", std::move(languages)},
        {"alternates", std::move(alternates)},
        {"original", std::move(original)},
    };
  }

  // Takes the context by value: its long lists of records are set aside
  // (set_aside_lists()) and spliced into the page once it is rendered.
  std::string render(const std::string& name, const std::string& path, json context) const {
    std::vector<std::string> lists;
    set_aside_lists(context, lists);
    std::string page = templates_.render_page(name, context, chrome(path));
    if (lists.empty()) return page;
    if (auto spliced = splice_lists(page, lists)) return std::move(*spliced);
    // A template that shows a list escaped ({{records_html}}) hides its
    // marker: the page is rendered again with the lists in place.
    page.clear();
    put_back_lists(context, lists);
    return templates_.render_page(name, context, chrome(path));
  }

  // A list of records (`records_html`, which the templates show as it is,
  // {{{records_html}}}) longer than this goes into its page after Mustache
  // has rendered it, rather than through Mustache, which copies it four
  // times (into its data, the page's content, the layout's output): at
  // 100,000 records, a collection's page lists 25,000 records in 20 MB.
  static constexpr size_t splice_above = 64 * 1024;
  static constexpr std::string_view list_marker = "<!--passerelle-list-";

  // Calls `visit` with every `records_html` text of `context`, at any depth.
  static void for_each_list(json& context, const std::function<void(std::string&)>& visit) {
    if (context.is_array()) {
      for (auto& item : context) for_each_list(item, visit);
    } else if (context.is_object()) {
      for (auto& [key, value] : context.items()) {
        if (key == "records_html" && value.is_string()) visit(value.get_ref<std::string&>());
        else for_each_list(value, visit);
      }
    }
  }

  // Moves every long `records_html` of `context` into `lists`, leaving a
  // marker that names it in its place. No text from a record can hold a
  // marker: every '<' of it is escaped.
  static void set_aside_lists(json& context, std::vector<std::string>& lists) {
    for_each_list(context, [&](std::string& html) {
      if (html.size() <= splice_above) return;
      lists.push_back(std::move(html));
      html = std::string(list_marker) + std::to_string(lists.size() - 1) + "-->";
    });
  }

  static void put_back_lists(json& context, std::vector<std::string>& lists) {
    for_each_list(context, [&](std::string& html) {
      if (html.starts_with(list_marker))
        html = std::move(lists.at(std::stoul(html.substr(list_marker.size()))));
    });
  }

  // `page` with each marker replaced by its list; nothing when a list's
  // marker is not in it.
  static std::optional<std::string> splice_lists(const std::string& page,
                                                 const std::vector<std::string>& lists) {
    size_t size = page.size();
    for (const auto& list : lists) size += list.size();
    std::string out;
    out.reserve(size);
    std::vector<char> found(lists.size(), 0);
    size_t done = 0;
    for (size_t at = page.find(list_marker); at != std::string::npos; at = page.find(list_marker, done)) {
      const size_t digits = at + list_marker.size();
      const size_t end = page.find("-->", digits);
      if (end == std::string::npos) break;
      size_t k = 0;
      bool number = end > digits;
      for (size_t c = digits; c < end && number; ++c)
        number = page[c] >= '0' && page[c] <= '9' &&
                 (k = k * 10 + static_cast<size_t>(page[c] - '0')) < lists.size();
      if (!number) {  // not one of ours: kept as it is
        out.append(page, done, end + 3 - done);
        done = end + 3;
        continue;
      }
      out.append(page, done, at - done);
      out += lists[k];
      found[k] = 1;
      done = end + 3;
    }
    out.append(page, done, std::string::npos);
    if (std::find(found.begin(), found.end(), 0) != found.end()) return std::nullopt;
    return out;
  }

  static std::string root_of(const std::string& path) {
    std::string root;
    for (char c : path)
      if (c == '/') root += "../";
    return root;
  }

  // A host serves 404.html at whatever address was asked for, at any depth,
  // where relative links would lead nowhere: with a base_url, its links are
  // absolute.
  std::string root_for(const std::string& path) const {
    if (path == "404.html" && !site_.config.base_url.empty())
      return site_.config.base_url + language_prefix(site_.config);
    return root_of(path);
  }

  // The way from a page to the site's root, where the theme is, whatever
  // the language: its language's root, then out of the language's folder.
  std::string site_root(const std::string& path) const {
    if (path == "404.html" && !site_.config.base_url.empty()) return site_.config.base_url;
    return root_of(path) + (language_prefix(site_.config).empty() ? "" : "../");
  }

  const UiStrings& strings() const { return templates_.strings(); }
  std::string number(size_t n) const { return strings().number(static_cast<long long>(n)); }

  json crumb(const std::string& label, const std::string& url) const {
    return {{"label", label}, {"url", url}};
  }

  // Home, then the collection's section where it has a page of its own.
  json trail(const Collection& c, const std::string& root) const {
    json crumbs = json::array({crumb(strings().text("home"), root + "index.html")});
    const Section& s = site_.schema.section_of(c.id);
    if (s.has_page()) crumbs.push_back(crumb(s.label, root + section_path(s)));
    return crumbs;
  }

  // "Narrow down" tables: how a page's records combine with the terms of
  // each taxonomy but `own`, each count a link to exactly those records.
  json combine_tables(const std::vector<size_t>& indices, const std::string& own, const SearchFilters& base,
                      const std::vector<CombineColumn>& columns, const std::vector<std::string>& all,
                      const std::string& what, const std::string& root) const {
    json tables = json::array();
    for (const auto& taxonomy : site_.schema.taxonomies) {
      const std::string& t = taxonomy.id;
      if (t == own) continue;
      const std::string title =
          strings().format("combine_title", {{"what", what}, {"dimension", lowercase(taxonomy.singular)}});
      json table = combine_table(views_, indices, t, base, columns, all, title, root);
      if (!table.is_null()) tables.push_back(std::move(table));
    }
    return tables;
  }

  // "Narrow down by country or actor type": the jump to the tables.
  std::string narrow_label(const json& tables) const {
    std::string dimensions;
    for (size_t k = 0; k < tables.size(); ++k)
      dimensions += (k == 0                   ? ""
                     : k + 1 == tables.size() ? strings().text("list_or")
                                              : ", ") +
                    lowercase(tables[k]["dimension"].get<std::string>());
    return strings().format("narrow_down", {{"dimensions", dimensions}});
  }

  std::string section(const Section& s) const {
    const std::string path = section_path(s);
    json context = page(path, s.label, json::array({crumb(strings().text("home"), "index.html")}));
    std::vector<size_t> indices;
    json collections = json::array();
    std::vector<CombineColumn> columns;
    for (const auto& id : s.collections) {
      const Collection& c = *site_.schema.collection(id);
      const auto& members = site_.index.collection(id);
      indices.insert(indices.end(), members.begin(), members.end());
      collections.push_back({{"id", c.id},
                             {"label", c.label},
                             {"description", c.description},
                             {"url", c.id + "/index.html"},
                             {"count", number(members.size())}});
      if (!members.empty()) columns.push_back({c.label, {c.id}});
    }
    std::sort(indices.begin(), indices.end());
    context["section"] = {{"id", s.id},
                          {"label", s.label},
                          {"description", s.description},
                          {"count", number(indices.size())},
                          {"count_text", strings().count("records_count", indices.size())}};
    context["collections"] = std::move(collections);
    json tables = combine_tables(indices, "", {}, columns, s.collections, s.label, "");
    context["has_combine"] = !tables.empty();
    context["narrow_label"] = narrow_label(tables);
    context["combine"] = std::move(tables);
    return render("section", path, std::move(context));
  }

  std::string home() const {
    json context = page("index.html", site_.config.title, json::array());
    // What the catalogue holds, section by section.
    json sections = json::array();
    for (const auto& s : site_.schema.sections) {
      json collections = json::array();
      size_t count = 0;
      for (const auto& id : s.collections) {
        const Collection& c = *site_.schema.collection(id);
        const size_t n = site_.index.collection(c.id).size();
        count += n;
        collections.push_back({{"id", c.id},
                               {"label", c.label},
                               {"description", c.description},
                               {"url", c.id + "/index.html"},
                               {"count", number(n)}});
      }
      sections.push_back({{"id", s.id},
                          {"label", s.label},
                          {"description", s.description},
                          {"url", section_path(s)},
                          {"has_page", s.has_page()},
                          {"count", number(count)},
                          {"collections", std::move(collections)}});
    }
    json taxonomies = json::array();
    for (const auto& taxonomy : site_.schema.taxonomies) {
      const std::string& t = taxonomy.id;
      if (taxonomy.map) continue;  // the map and its list stand for them
      json terms = json::array();
      for (const auto& term : site_.vocabularies.at(t).terms) {
        size_t n = site_.index.tagged(t, term.id).size();
        if (n > 0)
          terms.push_back({{"label", term.label(site_.config.language)},
                           {"url", term_path(t, term.id)},
                           {"count", number(n)}});
      }
      taxonomies.push_back({{"id", t},
                            {"label", views_.taxonomy_label(t)},
                            {"url", t + "/index.html"},
                            {"terms", std::move(terms)}});
    }
    std::vector<size_t> all(site_.records.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = i;
    json map = map_view(views_, all, "");
    json places = nullptr;  // "23 countries"
    if (!map.is_null())
      places = {{"count", number(map["countries"].size())},
                {"label", lowercase(site_.schema.map_taxonomy()->label)}};
    // Where the catalogue comes from: the records of the `sources` collection.
    json sources = json::array();
    for (size_t i : site_.index.collection("sources")) {
      const Record& r = site_.records[i];
      std::string meta;
      for (const char* field : {"publisher", "year"})
        if (auto v = r.fields.find(field); v != r.fields.end())
          meta += (meta.empty() ? "" : ", ") + (v->is_string() ? v->get<std::string>() : v->dump());
      sources.push_back({{"title", r.title()}, {"url", record_path(r.collection, r.id)}, {"meta", meta}});
    }
    // Records presented whole by a template of their own: the working tools.
    json tools = json::array();
    for (const auto& c : site_.schema.collections)
      if (templates_.has("record_" + c.id))
        for (size_t i : site_.index.collection(c.id))
          tools.push_back({{"title", site_.records[i].title()},
                           {"summary", site_.records[i].summary()},
                           {"url", record_path(c.id, site_.records[i].id)}});
    context["sections"] = std::move(sections);
    context["taxonomies"] = std::move(taxonomies);
    context["has_map"] = !map.is_null();
    context["map"] = std::move(map);
    context["has_sources"] = !sources.empty();
    context["source_count"] = number(sources.size());
    context["sources"] = std::move(sources);
    context["has_tools"] = !tools.empty();
    context["tools"] = std::move(tools);
    context["record_count"] = number(site_.records.size());
    context["places"] = std::move(places);
    return render("home", "index.html", std::move(context));
  }

  std::string collection(const Collection& c) const {
    const std::string path = c.id + "/index.html";
    json context = page(path, c.label, trail(c, "../"));
    const auto& indices = site_.index.collection(c.id);
    context["collection"] = {{"label", c.label},
                             {"description", c.description},
                             {"count", number(indices.size())},
                             {"count_text", strings().count("records_count", indices.size())}};
    json grouping = collection_groups(views_, c, indices);
    context["grouped"] = grouping["grouped"];
    context["nested"] = c.group_by.size() > 1;
    context["groups"] = std::move(grouping["groups"]);
    if (!context["grouped"].get<bool>()) context["records_html"] = views_.record_list_html(indices);
    return render("collection", path, std::move(context));
  }

  std::string record(const Record& r, std::string body) const {
    const Collection& c = *site_.schema.collection(r.collection);
    const std::string path = record_path(r.collection, r.id);
    json breadcrumbs = trail(c, "../");
    breadcrumbs.push_back(crumb(c.label, "index.html"));
    json context = page(path, r.title(), std::move(breadcrumbs));
    const std::string root = "../";
    // Short facts beside the text; texts, lists of texts and of objects as
    // sections of the page; lists of references among the connections.
    json fields = json::array();
    json sections = json::array();
    auto add_field = [&](const FieldSpec& spec) {
      auto v = r.fields.find(spec.name);
      if (v == r.fields.end() || (v->is_array() && v->empty())) return;
      if (is_connection_field(spec)) return;
      if (is_section_field(spec))
        sections.push_back(
            {{"name", spec.name}, {"label", spec.label}, {"html", views_.section_html(spec, *v, root)}});
      else
        fields.push_back(
            {{"name", spec.name}, {"label", spec.label}, {"html", views_.value_html(spec, *v, root)}});
    };
    for (const auto& spec : site_.schema.common)
      if (spec.name == "period") add_field(spec);
    for (const auto& spec : c.fields)
      if (!site_.schema.taxonomy(spec.name))
        add_field(spec);  // a taxonomy of some collections: with the terms below
    json terms = json::array();
    for (const auto& taxonomy : site_.schema.taxonomies) {
      const std::string& t = taxonomy.id;
      json links = views_.term_links(r, t, root);
      if (!links.empty()) terms.push_back({{"label", views_.taxonomy_label(t)}, {"terms", links}});
    }
    json sources = json::array();
    const FieldSpec* citation = site_.schema.field(c, "sources");
    for (const auto& s : r.fields.value("sources", json::array()))
      sources.push_back({{"html", views_.value_html(*citation->items, s, root)}});
    context["record"] = {{"title", r.title()},
                         {"summary", r.summary()},
                         {"collection", c.singular},
                         {"collection_id", c.id},
                         {"id", r.id},
                         {"source_path", r.path()},
                         {"text_language", r.text_language},
                         {"updated", strings().date(r.updated)},
                         {"updated_iso", r.updated}};
    const Citation how_to_cite = cite(site_, r);
    context["cite"] = {{"permalink", how_to_cite.permalink},
                       {"path", how_to_cite.path},
                       {"text", how_to_cite.text},
                       {"bibtex", how_to_cite.bibtex},
                       {"csl_json", how_to_cite.csl_json}};
    context["json_ld"] = record_json_ld(views_, r);
    context["has_facts"] = !fields.empty() || !terms.empty();
    context["has_fields"] = !fields.empty();
    context["fields"] = std::move(fields);
    context["has_terms"] = !terms.empty();
    context["terms"] = std::move(terms);
    context["body"] = std::move(body);
    context["has_sections"] = !sections.empty();
    context["sections"] = std::move(sections);
    // A collection may have a template of its own that presents a record
    // whole, with the records that make it up (a benchmark and its factors);
    // those are then left out of its backlinks.
    const std::string own = "record_" + c.id;
    const bool whole = templates_.has(own);
    std::vector<size_t> parts;  // shown whole, so not among the connections
    if (whole) {
      parts = part_indices(site_, r);
      context["whole"] = parts_view(views_, parts, root);
      context["f"] = views_.fields_view(r, root);
      context["has"] = present_fields(r);
      context["field_lang"] = views_.field_languages(r.collection);
      // What its page's tool works from (a benchmark's `scoring`).
      if (auto tool = r.fields.find("scoring"); tool != r.fields.end())
        context["scoring"] = scoring_view(*tool, strings());
    }
    json connections = connections_view(views_, r, parts);
    context["has_connections"] = !connections.empty();
    context["connections"] = std::move(connections);
    context["has_sources"] = !sources.empty();
    context["sources"] = std::move(sources);
    return render(whole ? own : "record", path, std::move(context));
  }

  std::string taxonomy(const std::string& t) const {
    const std::string path = t + "/index.html";
    json context =
        page(path, views_.taxonomy_label(t), json::array({crumb(strings().text("home"), "../index.html")}));
    json terms = json::array();
    for (const auto& term : site_.vocabularies.at(t).terms) {
      size_t n = site_.index.tagged(t, term.id).size();
      terms.push_back({{"label", term.label(site_.config.language)},
                       {"url", term_path(t, term.id).substr(t.size() + 1)},
                       {"description", term.description(site_.config.language)},
                       {"count", number(n)},
                       {"empty", n == 0}});
    }
    context["taxonomy"] = {{"label", views_.taxonomy_label(t)}, {"id", t}};
    if (site_.schema.taxonomy(t)->map && !site_.records.empty()) {
      std::vector<size_t> all(site_.records.size());
      for (size_t i = 0; i < all.size(); ++i) all[i] = i;
      context["map"] = map_view(views_, all, "../");
    }
    context["terms"] = std::move(terms);
    return render("taxonomy", path, std::move(context));
  }

  std::string term(const std::string& t, const Term& term) const {
    const std::string path = term_path(t, term.id);
    const std::string label = term.label(site_.config.language);
    json context = page(path, label,
                        json::array({crumb(strings().text("home"), "../index.html"),
                                     crumb(views_.taxonomy_label(t), "index.html")}));
    const auto& indices = site_.index.tagged(t, term.id);
    json labels = json::array();
    for (const auto& [language, text] : term.labels)
      if (language != site_.config.language && text != label)
        labels.push_back({{"lang", language}, {"label", text}});
    context["term"] = {{"label", label},
                       {"id", term.id},
                       {"description", term.description(site_.config.language)},
                       {"other_labels", std::move(labels)},
                       {"taxonomy", views_.taxonomy_label(t)},
                       {"count", number(indices.size())},
                       {"count_text", strings().count("records_count", indices.size())}};
    json sections = views_.grouped_by_section(indices);
    // Figures: what a country's records are about; where a theme's or an
    // actor type's records are. And how they combine with the other
    // taxonomies, section by section.
    const bool any = !indices.empty();
    context["no_records"] = !any;
    const std::string facet = views_.facet_of(t);
    const SearchFilters base = facet.empty() ? SearchFilters{} : SearchFilters{{facet, term.id}};
    if (site_.schema.taxonomy(t)->map) {
      json charts = any ? country_charts(views_, term, indices, "../") : json::array();
      context["has_charts"] = !charts.empty();
      context["charts"] = std::move(charts);
    } else if (any) {
      context["map"] = map_view(views_, indices, "../", base.empty() ? nullptr : &base);
    }
    std::vector<CombineColumn> columns;
    for (const auto& section : sections)
      columns.push_back({section["label"], site_.schema.sections[section_position(section["id"])].collections});
    // Without a search filter of its own, the term's records cannot be narrowed in search.
    json tables = any && !base.empty()
                      ? combine_tables(indices, t, base, columns, {}, strings().text("records"), "../")
                      : json::array();
    context["has_combine"] = !tables.empty();
    context["narrow_label"] = narrow_label(tables);
    context["combine"] = std::move(tables);
    context["has_section_counts"] = sections.size() > 1;
    context["sections"] = std::move(sections);
    if (any && !base.empty()) context["search_within"] = search_url("../", base);
    return render("term", path, std::move(context));
  }

  // The page at a record's former address (one of its aliases): it sends the
  // browser on to the record's page, from file:// as from any host, and
  // tells search engines which address to keep.
  std::string redirect(const Record& r) const {
    const std::string url = r.id + ".html";  // an alias lives in its record's folder
    json context = {
        {"lang", site_.config.language},
        {"root", "../"},
        {"assets", site_root(record_path(r.collection, r.id)) + "assets/"},
        {"site", {{"title", site_.config.title}}},
        {"title", r.title()},
        {"url", url},
        {"canonical", site_.config.base_url.empty() ? url
                                                    : site_.config.base_url + language_prefix(site_.config) +
                                                          record_path(r.collection, r.id)},
    };
    return templates_.render_fragment("redirect", context);
  }

  size_t section_position(const std::string& id) const {
    const auto& all = site_.schema.sections;
    return std::find_if(all.begin(), all.end(), [&](const Section& s) { return s.id == id; }) - all.begin();
  }

  // One of the catalogue's own pages (content/pages/).
  std::string free_page(const FreePage& p) const {
    const std::string path = free_page_path(p.page.id);
    json context = page(path, p.page.title(), json::array({crumb(strings().text("home"), "../index.html")}));
    context["free_page"] = {{"title", p.page.title()},
                            {"summary", p.page.summary()},
                            {"id", p.page.id},
                            {"text_language", p.page.text_language},
                            {"updated", strings().date(p.page.updated)},
                            {"updated_iso", p.page.updated}};
    context["body"] = p.html;
    return render("page", path, std::move(context));
  }

  // The records changed last, newest first.
  std::string recent_changes() const {
    const std::string path = recent_changes_path;
    json context = page(path, strings().text("recent_changes"),
                        json::array({crumb(strings().text("home"), "index.html")}));
    json changes = json::array();
    for (size_t i : recently_changed(site_.records)) {
      const Record& r = site_.records[i];
      const Collection* c = site_.schema.collection(r.collection);
      changes.push_back({{"title", r.title()},
                         {"url", record_path(r.collection, r.id)},
                         {"collection", c ? c->singular : r.collection},
                         {"date", strings().date(r.updated)},
                         {"iso", r.updated}});
    }
    context["count"] = number(changes.size());
    context["has_changes"] = !changes.empty();
    context["changes"] = std::move(changes);
    context["feed_url"] = site_.config.base_url.empty() ? "" : recent_feed_path;
    return render("recent", path, std::move(context));
  }

  std::string simple(const std::string& name, const std::string& path, const std::string& title) const {
    return render(
        name, path,
        page(path, title, json::array({crumb(strings().text("home"), root_for(path) + "index.html")})));
  }

 private:
  const SiteModel& site_;
  ViewModel views_;
  const TemplateSet& templates_;
  mutable std::map<std::string, kainjow::mustache::data> chrome_;
};

using PageJob = std::function<std::string(const PageBuilder&)>;

std::vector<std::pair<std::string, PageJob>> plan_pages(const SiteModel& site, const BodyOf* body_of) {
  std::vector<std::pair<std::string, PageJob>> jobs;
  jobs.emplace_back("index.html", [](const PageBuilder& p) { return p.home(); });
  jobs.emplace_back("search.html", [](const PageBuilder& p) {
    return p.simple("search", "search.html", p.strings().text("search"));
  });
  jobs.emplace_back("404.html", [](const PageBuilder& p) {
    return p.simple("not_found", "404.html", p.strings().text("page_not_found"));
  });
  for (const auto& s : site.schema.sections)
    if (s.has_page()) jobs.emplace_back(section_path(s), [&s](const PageBuilder& p) { return p.section(s); });
  jobs.emplace_back(recent_changes_path, [](const PageBuilder& p) { return p.recent_changes(); });
  for (const auto& page : site.pages)
    jobs.emplace_back(free_page_path(page.page.id),
                      [&page](const PageBuilder& p) { return p.free_page(page); });
  for (const auto& c : site.schema.collections)
    jobs.emplace_back(c.id + "/index.html", [&c](const PageBuilder& p) { return p.collection(c); });
  for (const auto& taxonomy : site.schema.taxonomies) {
    const std::string& t = taxonomy.id;
    jobs.emplace_back(t + "/index.html", [&t](const PageBuilder& p) { return p.taxonomy(t); });
    for (const auto& term : site.vocabularies.at(t).terms)
      jobs.emplace_back(term_path(t, term.id), [&t, &term](const PageBuilder& p) { return p.term(t, term); });
  }
  for (size_t i = 0; i < site.records.size(); ++i)
    jobs.emplace_back(
        record_path(site.records[i].collection, site.records[i].id),
        [&site, body_of, i](const PageBuilder& p) { return p.record(site.records[i], (*body_of)(i)); });
  for (size_t i = 0; i < site.records.size(); ++i)
    for (const auto& alias : site.records[i].aliases())
      jobs.emplace_back(record_path(site.records[i].collection, alias),
                        [&site, i](const PageBuilder& p) { return p.redirect(site.records[i]); });
  return jobs;
}

}  // namespace

std::vector<std::string> page_paths(const SiteModel& site) {
  std::vector<std::string> paths;
  for (auto& [path, job] : plan_pages(site, nullptr)) paths.push_back(path);
  return paths;
}

std::set<std::string> redirect_paths(const SiteModel& site) {
  std::set<std::string> paths;
  for (const Record& r : site.records)
    for (const auto& alias : r.aliases()) paths.insert(record_path(r.collection, alias));
  return paths;
}

namespace {

// A record as a list item for a page one folder deep: the one way every
// caller below renders it.
std::string item_html(const ViewModel& views, const TemplateSet& templates, const Record& record) {
  return templates.render_fragment("record_item", views.record_item(record, "../"));
}

}  // namespace

std::vector<std::string> render_record_items(const SiteModel& site, const TemplateSet& templates) {
  // Every page is independent of the others: render them on every core. Each
  // slice has its own copy of the templates, since a Mustache template object
  // is not safe to share between threads.
  const size_t n = site.records.size();
  std::vector<std::string> items(n);
  const ViewModel views(site);
  parallel_slices(n, [&](size_t begin, size_t end) {
    TemplateSet own = templates.clone();
    for (size_t i = begin; i < end; ++i) items[i] = item_html(views, own, site.records[i]);
  });
  return items;
}

std::string render_record_item(const SiteModel& site, const TemplateSet& templates, const Record& record) {
  return item_html(ViewModel(site), templates.clone(), record);
}

RecordItems::RecordItems(const SiteModel& site, Kept kept)
    : site_(&site), kept_(std::move(kept)), items_(site.records.size()), once_(site.records.size()) {}

const std::string& RecordItems::at(size_t i, const TemplateSet& templates) const {
  if (rendered_) return rendered_->at(i);
  std::call_once(once_.at(i), [&] {
    if (kept_ && kept_(i, items_[i])) ++kept_count_;
    else items_[i] = item_html(ViewModel(*site_), templates, site_->records[i]);
  });
  return items_[i];
}

void render_pages(const SiteModel& site, const BodyOf& body_of, const RecordItems& items,
                  const TemplateSet& templates, const std::function<bool(const std::string&)>& wanted,
                  const PageEmitter& emit) {
  auto jobs = plan_pages(site, &body_of);
  std::erase_if(jobs, [&](const auto& job) { return !wanted(job.first); });
  // Pages differ in cost a thousandfold (a record; a term with thousands of
  // records): each worker takes the next page rather than a fixed slice.
  parallel_items(jobs.size(), [&](auto& take) {
    TemplateSet own = templates.clone();
    PageBuilder builder(site, own, items);
    for (size_t i; take(i);) emit(jobs[i].first, jobs[i].second(builder));
  });
}

}  // namespace passerelle

#include "render/parts_view.h"

#include <algorithm>

namespace passerelle {

using nlohmann::json;

namespace {

// Does `part` name `whole` in a top-level reference field restricted to the whole's collection?
bool is_part_of(const Collection& collection, const Record& part, const Record& whole) {
  for (const auto& spec : collection.fields)
    if (spec.type == FieldType::reference && spec.collection == whole.collection)
      if (auto v = part.fields.find(spec.name); v != part.fields.end() && *v == whole.key()) return true;
  return false;
}

const FieldSpec* grouping_field(const Collection& collection) {
  for (const auto& spec : collection.fields)
    if (spec.type == FieldType::enumeration) return &spec;
  return nullptr;
}

}  // namespace

json present_fields(const Record& record) {
  json has = json::object();
  for (auto f = record.fields.begin(); f != record.fields.end(); ++f)
    has[f.key()] = !f->is_null() && !(f->is_array() && f->empty()) && !(f->is_string() && f->empty());
  return has;
}

std::vector<size_t> part_indices(const SiteModel& site, const Record& whole) {
  std::vector<size_t> out;
  for (size_t i : site.index.referring_to(whole.key())) {
    const Collection* collection = site.schema.collection(site.records[i].collection);
    if (collection && is_part_of(*collection, site.records[i], whole)) out.push_back(i);
  }
  return out;
}

json parts_view(const ViewModel& views, const std::vector<size_t>& indices, const std::string& root) {
  const SiteModel& site = views.site();
  struct Group {
    const Collection* collection;
    size_t rank;  // position of the enum value in the schema
    std::string value;
    std::vector<size_t> members;
  };
  std::vector<Group> groups;
  for (size_t i : indices) {
    const Record& part = site.records[i];
    const Collection* collection = site.schema.collection(part.collection);
    std::string value;
    size_t rank = 0;
    if (const FieldSpec* by = grouping_field(*collection); by && part.fields.contains(by->name)) {
      value = part.fields[by->name].get<std::string>();
      rank = static_cast<size_t>(std::find(by->values.begin(), by->values.end(), value) - by->values.begin());
    }
    auto g = std::find_if(groups.begin(), groups.end(),
                          [&](const Group& x) { return x.collection == collection && x.value == value; });
    if (g == groups.end()) groups.push_back({collection, rank, value, {i}});
    else g->members.push_back(i);
  }
  // Collections in schema order, then enum values in declared order.
  auto position = [&](const Collection* c) { return c - site.schema.collections.data(); };
  std::stable_sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
    return std::pair(position(a.collection), a.rank) < std::pair(position(b.collection), b.rank);
  });

  json out_groups = json::array();
  size_t count = 0;
  for (const auto& g : groups) {
    // Text fields every part of the group has alike (the Portuguese grid's
    // weight of a level) are said once, for the group.
    json shared = json::array();
    std::vector<std::string> said;
    for (const auto& spec : g.collection->fields) {
      if (g.members.size() < 2 || (spec.type != FieldType::string && spec.type != FieldType::text)) continue;
      const json& first = site.records[g.members[0]].fields.value(spec.name, json());
      bool alike = first.is_string();
      for (size_t i : g.members) alike = alike && site.records[i].fields.value(spec.name, json()) == first;
      if (!alike) continue;
      shared.push_back({{"label", spec.label.empty() ? humanize(spec.name) : spec.label}, {"value", first}});
      said.push_back(spec.name);
    }
    json parts = json::array();
    for (size_t i : g.members) {
      const Record& part = site.records[i];
      auto number = part.fields.find("number");
      json has = present_fields(part);
      for (const auto& name : said) has[name] = false;
      parts.push_back({{"id", part.id},
                       {"key", part.key()},
                       {"number", number == part.fields.end() ? "" : number->dump()},
                       {"title", part.title()},
                       {"summary", part.summary()},
                       {"url", root + record_path(part.collection, part.id)},
                       {"fields", views.fields_view(part, root)},
                       {"field_lang", views.field_languages(part.collection)},
                       {"has", std::move(has)}});
    }
    count += g.members.size();
    const std::string label =
        g.value.empty() ? g.collection->label : humanize(g.value) + " " + lowercase(g.collection->label);
    out_groups.push_back({{"id", g.collection->id + (g.value.empty() ? "" : "-" + g.value)},
                          {"value", g.value},
                          {"label", label},
                          {"count", std::to_string(g.members.size())},
                          {"shared", std::move(shared)},
                          {"parts", std::move(parts)}});
  }
  return {{"count", std::to_string(count)}, {"groups", std::move(out_groups)}};
}

json scoring_view(const json& scoring, const UiStrings& strings) {
  const bool score = scoring.value("kind", "") == "score";
  json marks = json::array();
  if (score) {
    const json scale = scoring.value("scale", json::object());
    const long long low = scale.value("min", 0LL), high = scale.value("max", -1LL);
    for (long long s = low; s <= high && s - low < 100; ++s)
      marks.push_back({{"mark_value", std::to_string(s)}, {"mark_label", std::to_string(s)}});
  } else {
    for (const auto& level : scoring.value("levels", json::array()))
      marks.push_back({{"mark_value", level.value("id", "")}, {"mark_label", level.value("label", "")}});
  }
  const std::string subject = scoring.value("subject", "");
  const std::string word = subject.empty() ? strings.text("subject") : lowercase(subject);
  json perspectives = json::array();
  for (const auto& p : scoring.value("perspectives", json::array()))
    perspectives.push_back({{"perspective_id", p.value("id", "")},
                            {"perspective_label", p.value("label", "")},
                            {"perspective_description", p.value("description", "")}});
  return {{"json", scoring.dump()},
          {"is_score", score},
          {"marks", std::move(marks)},
          {"subject", subject},
          {"subject_assessed", subject.empty() ? strings.text("subject_assessed_default")
                                               : strings.format("subject_assessed", {{"subject", subject}})},
          {"answers_kept", strings.format("answers_kept", {{"subject", word}})},
          {"peer_review_lead", strings.format("peer_review_lead", {{"subject", word}})},
          {"note", scoring.value("note", "")},
          {"has_perspectives", !perspectives.empty()},
          {"perspectives", std::move(perspectives)}};
}

}  // namespace passerelle

// What a record is made of: the records that point at it as their whole.
//
// A record's parts are the records of another collection whose reference
// field, restricted by the schema to the record's own collection, names it:
// a benchmark's factors through their `benchmark` field, for instance. They
// are grouped by the first enum field of their collection (a factor's
// `kind`), groups in the order the schema declares the enum's values (key
// before contextual, mandatory before discretionary), parts within a group
// in their collection's sort order. Only the pages whose template presents a
// record whole (record_<collection>.mustache) ask for this.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "model/ui_strings.h"
#include "render/view_model.h"

namespace passerelle {

// {field name: true} for each field of `record` with a value (a list only
// when it is not empty), for templates to test before laying a field out.
nlohmann::json present_fields(const Record& record);

// The indices of `whole`'s parts, in record order.
std::vector<size_t> part_indices(const SiteModel& site, const Record& whole);

// {count, groups: [{id, label, count, shared: [{label, value}], parts: [{id,
// key, number, title, summary, url, fields, has}]}]}: `fields` is
// ViewModel::fields_view(); `has` names the fields with a value (a list only
// when it is not empty) except those in `shared`, the text fields every part
// of the group has alike, said once for the group.
nlohmann::json parts_view(const ViewModel& views, const std::vector<size_t>& parts, const std::string& root);

// What a benchmark's assessment tool offers, from its `scoring` field:
// {json (the declaration, for theme/benchmark.js), is_score, marks:
// [{mark_value, mark_label}] (the levels, or each score of the scale),
// subject, note, has_perspectives, perspectives: [{perspective_id,
// perspective_label, perspective_description}]}, and the sentences that name
// the subject, made in the page's language (subject_assessed, answers_kept,
// peer_review_lead). The keys are named so that they do not hide a part's
// own (`id`, `title`) in the template.
nlohmann::json scoring_view(const nlohmann::json& scoring, const UiStrings& strings);

}  // namespace passerelle

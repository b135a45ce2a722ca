// A collection's index page, grouped as its schema says (`group_by`).
//
// Divides a collection's records, kept in their sort order, by up to two
// fields: a reference by the record it names (its title, linked to it), an
// enum by its value's label, a vocabulary by its terms (linked to their
// pages), a number or a string by its value, a yes/no field by its answer,
// and `title` by its first letter (A–Z, accents folded; digits under "0–9",
// anything else under "Other"). A record with several values (two countries)
// is listed under each; records without one come last, under "<label>: none
// given". Groups follow the order of their values: the referenced
// collection's order, the enum's declared values, the vocabulary's order,
// numbers ascending, strings and letters A–Z. Each group has an id unique on
// the page, made from the field and the value (`#countries-fr`,
// `#letter-a`), for the jump links at the top of the page and for links from
// elsewhere. The records themselves are their prerendered list items
// (view_model.h); this file only decides where each one goes.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "render/view_model.h"

namespace passerelle {

// The ids the collection template gives its own elements, which no group
// may take.
const std::vector<std::string>& collection_page_ids();

// {grouped, groups: [{id, label, url, count, records_html, has_subgroups,
// subgroups: [the same, without subgroups]}]} for the records `indices` of
// `collection`, in pages one folder deep. Without `group_by`, `grouped` is
// false and `groups` empty. Labels are text (escaped by the template).
nlohmann::json collection_groups(const ViewModel& views, const Collection& collection,
                                 const std::vector<size_t>& indices);

// The letter group a title falls in: "A"…"Z", "0–9" or "Other".
std::string initial_of(const std::string& title);

}  // namespace passerelle

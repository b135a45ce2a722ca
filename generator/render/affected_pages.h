// Which pages show a record: what the dev server renders again when one
// record file changes (pipeline/live_site.h). The rules follow what the page
// builders of site_renderer.cpp put on each page; the test that compares a
// live site after random edits with a full build fails if they part ways.
#pragma once

#include <set>
#include <string>

#include "model/site_model.h"

namespace passerelle {

// The pages that show something of `record`: its own page and those at its
// former addresses, its collection's page and its section's, its terms'
// pages, and the pages of the records it refers to, which list it among
// those referring to them.
std::set<std::string> pages_showing(const SiteModel& site, const Record& record);

// Whether an edit of one record, `before` becoming `after`, changed its body
// alone: its fields are as they were. Only its own page shows a body; the
// other pages and the feeds read its fields.
bool only_body_changed(const Record& before, const Record& after);

// The pages an edit of one record changes, `before` becoming `after` (the
// same key; `site` already holds `after`). Where only its body changed, its
// own page, the home page and the recent changes: no other page shows a
// body. Else those showing either version; the pages of the records
// referring to it, which show its title or its list item, and of what those
// refer to (a benchmark shows its factors whole, their bodies aside); their
// collection's page where it is grouped (a heading may name it); the home
// page and the recent changes; and a taxonomy's page where the record's
// terms of it changed, since it counts the records of each term.
std::set<std::string> pages_changed_by_edit(const SiteModel& site, const Record& before, const Record& after);

}  // namespace passerelle

// How a record is cited and described to machines: "Cite this record" (a
// text citation, BibTeX and CSL-JSON) and the schema.org JSON-LD of its page.
//
// The permalink is base_url + the page's path when catalogue.yaml sets a
// base_url; otherwise the citations name the page by its path inside the
// catalogue ("dps/espere.html") and the page says why. The texts are plain
// text: the templates escape them for HTML, except the JSON-LD, which goes
// into a <script> element as it is and so escapes '<', '>' and '&' itself.
// Nothing depends on the day of the build: the date is the record's last
// change (Record::updated), so two builds of one history are identical.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "render/view_model.h"

namespace passerelle {

struct Citation {
  std::string permalink;  // absolute URL, or empty without a base_url
  std::string path;       // the page inside the site, "dps/espere.html"
  std::string text;
  std::string bibtex;
  std::string csl_json;
};

Citation cite(const SiteModel& site, const Record& record);

// The schema.org description of a record's page, as the text of a
// <script type="application/ld+json"> element.
std::string record_json_ld(const ViewModel& views, const Record& record);

// `value` as JSON that cannot end the <script> element it sits in: '<', '>'
// and '&' written \u003c, \u003e, \u0026 (JSON reads them back unchanged).
std::string script_safe_json(const nlohmann::json& value);

// Escapes TeX's special characters (\ { } & % $ # _ ~ ^) in a BibTeX value.
std::string bibtex_escape(const std::string& text);

// "2026-12-04T18:41:56Z" → "4 December 2026"; empty stays empty.
std::string readable_date(const std::string& timestamp);

}  // namespace passerelle

// Names that become paths of the site, and the paths the site may hold.
//
// Record ids, vocabulary term ids, collection names and alias ids all become
// file names of the site (`dps/espere.html`, `themes/care.html`), so they all
// follow one rule, checked where each is read: lowercase letters a-z, digits
// and single hyphens (`care-work`). Country codes are the one exception: two
// capital letters (ISO 3166-1 alpha-2), whose page is the lowercase code.
// The output writer checks every path again with site_path_problem(), so
// that no name that slips past a reader can write outside the site.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

// True when `name` is made of a-z, 0-9 and single hyphens, neither first nor last.
bool is_valid_name(std::string_view name);

// A valid name close to `text` ("Care Work" → "care-work", "../../x" → "x"),
// or empty when there is none.
std::string suggest_name(std::string_view text);

// True for two capital letters A-Z, e.g. "PT".
bool is_valid_country_code(std::string_view code);

// Why `path` may not be written inside the site folder (absolute, empty,
// with an empty, "." or ".." segment, a backslash or a control character),
// or nothing when it is a plain relative path such as "themes/care.html".
std::optional<std::string> site_path_problem(std::string_view path);

}  // namespace passerelle

// What the dev server adds to the site it serves, and nothing a build writes:
// the live-reload script and the tag that loads it.
//
// Pages carry a Content-Security-Policy that allows scripts from the site's
// own origin only (script-src 'self'), so the script is a file the server
// serves (/__passerelle/live.js), never inline. It listens to the server's
// event stream (/__passerelle/events, server-sent events): a new generation
// of the site reloads the page, a content error shows over the page until it
// is fixed. The tag names the generation the page was served from, so a page
// served just before a change still reloads.
#pragma once

#include <cstdint>
#include <string>

namespace passerelle::serve {

inline constexpr const char* script_path = "/__passerelle/live.js";
inline constexpr const char* events_path = "/__passerelle/events";
inline constexpr const char* status_path = "/__passerelle/status";

// The JavaScript served at script_path.
const std::string& live_reload_script();

// `html` with the script tag before </head> (or at the end when there is none).
std::string inject_live_reload(const std::string& html, uint64_t generation);

// The page served while no build has succeeded yet: the problems, and the
// script, which reloads it once a build succeeds.
std::string error_page(const std::string& problems);

}  // namespace passerelle::serve

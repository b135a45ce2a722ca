// Escaping text for HTML, SVG and XML: & < > " ' become entities, so the text
// is safe both between tags and inside a quoted attribute. The one escaping
// function of the generator's markup, its templates' {{values}} included
// (render/template_set.cpp hands it to Mustache).
#pragma once

#include <string>
#include <string_view>

namespace passerelle {

inline std::string escape_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace passerelle

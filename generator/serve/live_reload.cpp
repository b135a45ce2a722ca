#include "serve/live_reload.h"

#include "util/escape.h"

namespace passerelle::serve {

namespace {

// Styles are set through the CSSOM (element.style), which the pages' CSP
// allows, unlike style attributes and <style> elements. The overlay speaks
// the page's language: its words are the `serve_*` strings of the page's
// strings.js (the `script:` map of templates/strings/<language>.yaml), loaded
// here on the pages that do not load it themselves; English without them.
const char* const script = R"JS(// Passerelle dev server: reloads the page when the site changes and shows
// content errors over it. Served by `passerelle serve` only; never built.
(function () {
  "use strict";
  var tag = document.currentScript;
  var served = Number(tag && tag.dataset.generation);
  var overlay = null;

  // The site's strings.js for the page's language: /strings.js, or
  // /<language>/strings.js on a page under its language's folder.
  if (!window.PasserelleStrings) {
    var lang = (document.documentElement.lang || "").toLowerCase();
    var prefix = lang && location.pathname.indexOf("/" + lang + "/") === 0 ? "/" + lang : "";
    var loader = document.createElement("script");
    loader.src = prefix + "/strings.js";
    loader.onerror = function () {};
    document.head.appendChild(loader);
  }
  function say(key, english) {
    var words = window.PasserelleStrings || {};
    return typeof words[key] === "string" ? words[key] : english;
  }

  function style(element, properties) {
    for (var name in properties) element.style[name] = properties[name];
    return element;
  }

  function show(problems) {
    if (!overlay) {
      overlay = style(document.createElement("div"), {
        position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
        background: "rgba(20, 20, 20, 0.92)", color: "#fff", padding: "2rem",
        font: "14px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"
      });
      overlay.id = "passerelle-errors";
      overlay.setAttribute("role", "alertdialog");
      overlay.setAttribute("aria-label", say("serve_label", "Content errors"));
      var heading = style(document.createElement("p"), { fontWeight: "bold", margin: "0 0 1rem" });
      heading.textContent = say("serve_heading", "The catalogue has errors: this is the last good version of the page. " +
        "Fix the files below; the page reloads by itself.");
      var close = style(document.createElement("button"), {
        position: "absolute", top: "1rem", right: "1rem", font: "inherit", cursor: "pointer"
      });
      close.type = "button";
      close.textContent = say("serve_hide", "Hide");
      close.addEventListener("click", function () { overlay.hidden = true; });
      var text = style(document.createElement("pre"), { whiteSpace: "pre-wrap", margin: "0" });
      overlay.appendChild(close);
      overlay.appendChild(heading);
      overlay.appendChild(text);
      document.body.appendChild(overlay);
    }
    overlay.hidden = false;
    overlay.lastChild.textContent = problems;
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  var events = new EventSource("/__passerelle/events");
  events.onmessage = function (message) {
    var state = JSON.parse(message.data);
    if (!state.ok) {
      show(state.problems);
      return;
    }
    hide();
    if (state.generation !== served) location.reload();
  };
})();
)JS";

}  // namespace

const std::string& live_reload_script() {
  static const std::string text = script;
  return text;
}

std::string inject_live_reload(const std::string& html, uint64_t generation) {
  const std::string tag = std::string("<script src=\"") + script_path + "\" data-generation=\"" +
                          std::to_string(generation) + "\" defer></script>\n";
  std::string out = html;
  const auto head = out.find("</head>");
  out.insert(head == std::string::npos ? out.size() : head, tag);
  return out;
}

std::string error_page(const std::string& problems) {
  return inject_live_reload(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<title>The catalogue has errors</title>\n</head>\n<body>\n"
      "<h1>The catalogue has errors</h1>\n"
      "<p>No version of the site could be built yet. Fix the files below; this page reloads by itself.</p>\n"
      "<pre>" +
          escape_markup(problems) + "</pre>\n</body>\n</html>\n",
      0);
}

}  // namespace passerelle::serve

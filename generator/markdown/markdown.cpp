#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <memory>
#include <mutex>
#include <vector>

#include "diagnostics/edit_distance.h"

namespace passerelle {

namespace {

void register_extensions() {
  static std::once_flag once;
  std::call_once(once, [] { cmark_gfm_core_extensions_ensure_registered(); });
}

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

bool has_scheme(const std::string& url) {
  auto colon = url.find(':');
  if (colon == std::string::npos || colon == 0) return false;
  for (size_t i = 0; i < colon; ++i) {
    char c = url[i];
    bool ok = std::isalpha(static_cast<unsigned char>(c)) ||
              (i > 0 && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'));
    if (!ok) return false;  // a ':' after '/', '?' or '#' is not a scheme
  }
  return true;
}

bool allowed_scheme(const std::string& url) {
  std::string lower;
  for (char c : url.substr(0, url.find(':'))) lower += static_cast<char>(std::tolower(c));
  return lower == "http" || lower == "https" || lower == "mailto";
}

// Resolves `link` (relative to `dir`, a path inside the content folder such as
// "dps") into a normalised path, or nothing when it climbs out of the folder.
std::optional<std::string> resolve(const std::string& dir, const std::string& link) {
  std::vector<std::string> parts;
  auto push_segments = [&](const std::string& path) {
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string::npos) end = path.size();
      std::string seg = path.substr(start, end - start);
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.push_back(seg);
      }
      start = end + 1;
    }
    return true;
  };
  if (link.rfind('/', 0) == 0) return std::nullopt;
  if (!push_segments(dir) || !push_segments(link)) return std::nullopt;
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

class LinkRewriter {
 public:
  LinkRewriter(const Record& record, const std::set<std::string>& keys, Diagnostics& diagnostics)
      : record_(record), keys_(keys), diagnostics_(diagnostics) {}

  void rewrite(cmark_node* node) {
    const char* raw = cmark_node_get_url(node);
    std::string url = raw ? raw : "";
    if (url.empty() || url[0] == '#') return;
    if (has_scheme(url)) {
      if (!allowed_scheme(url)) {
        report(node, "link scheme not allowed in '" + url + "'",
               "links may be http, https, mailto or relative");
        cmark_node_set_url(node, "#");
      }
      return;
    }
    if (url.rfind("//", 0) == 0 || url[0] == '/') {
      report(node, "absolute link '" + url + "'",
             "write links to other records relative to this file, e.g. ../dps/espere.md");
      return;
    }
    std::string path = url;
    std::string fragment;
    if (auto hash = path.find('#'); hash != std::string::npos) {
      fragment = path.substr(hash);
      path = path.substr(0, hash);
    }
    if (path.size() < 3 || path.compare(path.size() - 3, 3, ".md") != 0) return;
    auto target = resolve(record_.collection, path);
    std::string key = target ? target->substr(0, target->size() - 3) : "";
    if (!target || !keys_.count(key)) {
      std::vector<std::string> candidates(keys_.begin(), keys_.end());
      report(node, "link to a record file that does not exist: '" + url + "'",
             key.empty() ? "" : did_you_mean(key, candidates));
      return;
    }
    std::string page = path.substr(0, path.size() - 3) + ".html" + fragment;
    cmark_node_set_url(node, page.c_str());
  }

 private:
  void report(cmark_node* node, std::string message, std::string hint) {
    int line = cmark_node_get_start_line(node);
    int column = cmark_node_get_start_column(node);
    for (cmark_node* n = node; line == 0 && n; n = cmark_node_parent(n)) {
      line = cmark_node_get_start_line(n);
      column = cmark_node_get_start_column(n);
    }
    int file_line = line > 0 ? line + record_.body_line - 1 : record_.body_line;
    diagnostics_.add(record_.source->error_at(file_line, column, std::move(message), std::move(hint)));
  }

  const Record& record_;
  const std::set<std::string>& keys_;
  Diagnostics& diagnostics_;
};

}  // namespace

std::optional<std::string> resolve_content_link(const std::string& dir, const std::string& link) {
  return resolve(dir, link);
}

std::mutex& cmark_inline_mutex() {
  static std::mutex mutex;
  return mutex;
}

namespace {

// A space between runs of words, never two, never first.
void space(std::string& out) {
  if (!out.empty() && out.back() != ' ') out += ' ';
}

// The words a reader sees in `document`: text and code, no link targets, no
// HTML; every block, line break and code block ends a run of words.
std::string plain_text(cmark_node* document) {
  std::string out;
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
  for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    const auto type = cmark_node_get_type(node);
    if (ev == CMARK_EVENT_ENTER) {
      if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE || type == CMARK_NODE_CODE_BLOCK) {
        if (const char* literal = cmark_node_get_literal(node))
          for (const char* c = literal; *c; ++c) out += *c == '\n' || *c == '\t' || *c == '\r' ? ' ' : *c;
      } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
        space(out);
      }
    }
    const bool block = (type & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
    if ((ev == CMARK_EVENT_EXIT && block) || type == CMARK_NODE_CODE_BLOCK) space(out);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string render_markdown(const Record& record, const std::set<std::string>& record_keys,
                            Diagnostics& diagnostics, std::string* text) {
  register_extensions();
  const int options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
  for (const char* name : {"table", "autolink", "strikethrough", "tagfilter"})
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), record.body.data(), record.body.size());
  std::unique_ptr<cmark_node, NodeDeleter> document;
  {
    std::lock_guard<std::mutex> lock(cmark_inline_mutex());
    document.reset(cmark_parser_finish(parser.get()));
  }

  LinkRewriter rewriter(record, record_keys, diagnostics);
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document.get()));
  for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (ev != CMARK_EVENT_ENTER) continue;
    auto type = cmark_node_get_type(node);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) rewriter.rewrite(node);
    // Body headings sit below the page's own h1 and h2.
    if (type == CMARK_NODE_HEADING && cmark_node_get_heading_level(node) < 3)
      cmark_node_set_heading_level(node, cmark_node_get_heading_level(node) + 1);
  }
  if (text) *text = plain_text(document.get());
  char* html = cmark_render_html(document.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html);
  cmark_get_default_mem_allocator()->free(html);
  return out;
}

}  // namespace passerelle

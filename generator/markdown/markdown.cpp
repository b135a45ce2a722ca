#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <utf8proc.h>

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
  if (link.starts_with('/')) return std::nullopt;
  if (!push_segments(dir) || !push_segments(link)) return std::nullopt;
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

// "%20" → " ": a link's path as the file is named.
std::string percent_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// A space between runs of words, never two, never first.
void space(std::string& out) {
  if (!out.empty() && out.back() != ' ') out += ' ';
}

// The words a reader sees in `document` (a body, a heading, an image's
// description): text and code, no link targets, no HTML; every block, line
// break and code block ends a run of words.
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

class LinkRewriter {
 public:
  LinkRewriter(const Record& record, const BodySource& body, const std::set<std::string>& keys,
               const LinkTargets* targets, Diagnostics& diagnostics)
      : record_(record), body_(body), keys_(keys), targets_(targets), diagnostics_(diagnostics) {}

  void rewrite(cmark_node* node) {
    const bool image = cmark_node_get_type(node) == CMARK_NODE_IMAGE;
    const char* raw = cmark_node_get_url(node);
    std::string url = raw ? raw : "";
    if (image && targets_) {
      std::string alt = plain_text(node);
      if (alt.find_first_not_of(" \t") == std::string::npos)
        report(node, "image without a description",
               "say what it shows for readers who cannot see it: ![A cooperative's kitchen](" + url + ")");
    }
    if (url.empty()) return;
    if (url[0] == '#') {
      if (targets_) {
        auto [line, column] = position(node);
        own_anchors_.push_back({record_.key(), percent_decode(url.substr(1)), url, line, column});
      }
      return;
    }
    if (has_scheme(url)) {
      if (!allowed_scheme(url)) {
        report(node, "link scheme not allowed in '" + url + "'",
               "links may be http, https, mailto or relative");
        cmark_node_set_url(node, "#");
      }
      return;
    }
    if (url.starts_with("//") || url[0] == '/') {
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
    if (!path.ends_with(".md")) {
      check_file(node, url, path, fragment);
      return;
    }
    auto target = resolve(record_.collection, path);
    std::string key = target ? target->substr(0, target->size() - 3) : "";
    if (!target || !keys_.count(key)) {
      // A record whose file did not load: that file's error is the one to fix.
      if (target && targets_ && targets_->unloaded_records.count(key)) return;
      std::string hint;
      if (target) {  // matched by key, so that the "../" and ".md" around it weigh nothing
        std::vector<std::string> matches = closest_matches(key, {keys_.begin(), keys_.end()});
        for (auto& match : matches) match = as_written(match + ".md");
        hint = did_you_mean(std::move(matches));
      }
      if (hint.empty())
        hint = "link to another record by its file, relative to this one, e.g. ../dps/espere.md";
      report(node, "link to a record file that does not exist: '" + url + "'", hint);
      return;
    }
    if (targets_ && fragment.size() > 1) add_anchor_link(node, key, fragment.substr(1), url);
    std::string page = path.substr(0, path.size() - 3) + ".html" + fragment;
    cmark_node_set_url(node, page.c_str());
  }

  // Links to this page's own #anchors, checked once its headings are known.
  std::vector<AnchorLink>& own_anchors() { return own_anchors_; }
  std::vector<AnchorLink>& anchor_links() { return anchor_links_; }

 private:
  // A link to a file of the site that is not a record: a page, an image, a
  // file of content/media/.
  void check_file(cmark_node* node, const std::string& url, const std::string& path,
                  const std::string& fragment) {
    if (!targets_) return;
    std::string file = percent_decode(path.substr(0, path.find('?')));
    if (file.empty()) return;  // "?page=2": this page
    auto target = resolve(record_.collection, file);
    if (!target || !targets_->files.count(*target)) {
      const bool page = file.ends_with(".html");
      std::string hint;
      if (page && target) {
        std::vector<std::string> pages;
        for (const auto& f : targets_->files)
          if (f.ends_with(".html")) pages.push_back(as_written(f));
        hint = did_you_mean(as_written(*target), pages);
        if (hint.empty()) hint = "link to another record's file instead, e.g. ../dps/espere.md";
      } else {
        hint = "images and files go in content/media/ and are linked as ../media/<name>";
      }
      report(
          node,
          std::string(page ? "link to a page" : "link to a file") + " that is not in the site: '" + url + "'",
          hint);
      return;
    }
    if (fragment.size() > 1 && target->ends_with(".html")) {
      const std::string key = target->substr(0, target->size() - 5);
      if (keys_.count(key)) add_anchor_link(node, key, fragment.substr(1), url);
    }
  }

  // A file of the site as this body would link to it, for hints: relative
  // to its collection's folder ("espere.md", "../initiatives/communa.md").
  std::string as_written(const std::string& site_path) const {
    const std::string folder = record_.collection + "/";
    return site_path.starts_with(folder) ? site_path.substr(folder.size()) : "../" + site_path;
  }

  void add_anchor_link(cmark_node* node, const std::string& key, const std::string& anchor,
                       const std::string& url) {
    auto [line, column] = position(node);
    anchor_links_.push_back({key, percent_decode(anchor), url, line, column});
  }

  // The node's line and column in the record's file.
  std::pair<int, int> position(cmark_node* node) const {
    int line = cmark_node_get_start_line(node);
    int column = cmark_node_get_start_column(node);
    for (cmark_node* n = node; line == 0 && n; n = cmark_node_parent(n)) {
      line = cmark_node_get_start_line(n);
      column = cmark_node_get_start_column(n);
    }
    return {line > 0 ? line + body_.line - 1 : body_.line, column};
  }

  void report(cmark_node* node, std::string message, std::string hint) {
    auto [line, column] = position(node);
    diagnostics_.add(body_.file->error_at(line, column, std::move(message), std::move(hint)));
  }

  const Record& record_;
  const BodySource& body_;
  const std::set<std::string>& keys_;
  const LinkTargets* targets_;
  Diagnostics& diagnostics_;
  std::vector<AnchorLink> own_anchors_;
  std::vector<AnchorLink> anchor_links_;
};

}  // namespace

std::optional<std::string> resolve_content_link(const std::string& dir, const std::string& link) {
  return resolve(dir, link);
}

std::mutex& cmark_inline_mutex() {
  static std::mutex mutex;
  return mutex;
}

std::string heading_anchor(const std::string& text) {
  std::string out;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  const auto size = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t i = 0; i < size;) {
    utf8proc_int32_t c;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes + i, size - i, &c);
    if (length < 1) break;
    i += length;
    const auto category = utf8proc_category(c);
    const bool letter = category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO;
    const bool digit = category == UTF8PROC_CATEGORY_ND;
    if (letter || digit) {
      utf8proc_uint8_t encoded[4];
      const auto n = utf8proc_encode_char(utf8proc_tolower(c), encoded);
      out.append(reinterpret_cast<const char*>(encoded), static_cast<size_t>(n));
    } else if ((c == ' ' || c == '-' || c == '_') && !out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "section" : out;
}

namespace {

// `html` with the i-th heading tag given the id `anchors[i]`. Safe mode
// passes no raw HTML, so every "<hN>" in cmark's output is a heading.
std::string add_heading_ids(std::string html, const std::vector<std::string>& anchors) {
  if (anchors.empty()) return html;
  std::string out;
  size_t done = 0, next = 0;
  for (size_t at = html.find("<h"); at != std::string::npos && next < anchors.size();
       at = html.find("<h", at + 1)) {
    if (at + 3 >= html.size() || html[at + 2] < '1' || html[at + 2] > '6' || html[at + 3] != '>') continue;
    out.append(html, done, at + 3 - done);
    out += " id=\"" + anchors[next++] + "\"";
    done = at + 3;
  }
  out.append(html, done, std::string::npos);
  return out;
}

constexpr int parse_options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;

// A body's syntax tree, with the parser that holds the extensions its HTML
// is rendered with.
std::pair<std::unique_ptr<cmark_parser, ParserDeleter>, std::unique_ptr<cmark_node, NodeDeleter>> parse_body(
    std::string_view markdown) {
  register_extensions();
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(parse_options));
  for (const char* name : {"table", "autolink", "strikethrough", "tagfilter"})
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
      cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), markdown.data(), markdown.size());
  std::unique_ptr<cmark_node, NodeDeleter> document;
  {
    std::lock_guard<std::mutex> lock(cmark_inline_mutex());
    document.reset(cmark_parser_finish(parser.get()));
  }
  return {std::move(parser), std::move(document)};
}

}  // namespace

RenderedBody render_body(const Record& record, const std::set<std::string>& record_keys,
                         const LinkTargets* targets, Diagnostics& diagnostics) {
  return render_body(record, held_body(record), record_keys, targets, diagnostics);
}

RenderedBody render_body(const Record& record, const BodySource& body, const std::set<std::string>& record_keys,
                         const LinkTargets* targets, Diagnostics& diagnostics, bool with_text) {
  auto [parser, document] = parse_body(body.text);
  RenderedBody out;
  LinkRewriter rewriter(record, body, record_keys, targets, diagnostics);
  std::set<std::string> taken;  // heading ids given so far
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document.get()));
  for (cmark_event_type ev; (ev = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter.get());
    if (ev != CMARK_EVENT_ENTER) continue;
    auto type = cmark_node_get_type(node);
    if (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE) rewriter.rewrite(node);
    if (type == CMARK_NODE_HEADING) {
      // Body headings sit below the page's own h1 and h2.
      if (cmark_node_get_heading_level(node) < 3)
        cmark_node_set_heading_level(node, cmark_node_get_heading_level(node) + 1);
      const std::string base = heading_anchor(plain_text(node));
      std::string anchor = base;
      for (int n = 1; !taken.insert(anchor).second; ++n) anchor = base + "-" + std::to_string(n);
      out.anchors.push_back(anchor);
    }
  }
  if (targets)
    for (const AnchorLink& link : rewriter.own_anchors())
      if (!taken.count(link.anchor) && !targets->record_page_ids.count(link.anchor)) {
        std::string hint = did_you_mean(link.anchor, out.anchors);
        if (hint.empty() && out.anchors.empty()) hint = "the body has no heading to link to";
        if (hint.empty()) {
          hint = "the body's headings have the anchors";
          for (const auto& a : out.anchors) hint += " #" + a;
        }
        diagnostics.add(body.file->error_at(
            link.line, link.column, "link to an anchor that is not on the page: '" + link.url + "'", hint));
      }
  out.links_to_anchors = std::move(rewriter.anchor_links());
  if (with_text) out.text = plain_text(document.get());
  char* html =
      cmark_render_html(document.get(), parse_options, cmark_parser_get_syntax_extensions(parser.get()));
  out.html = add_heading_ids(std::string(html), out.anchors);
  cmark_get_default_mem_allocator()->free(html);
  return out;
}

std::string body_text(std::string_view markdown) {
  auto [parser, document] = parse_body(markdown);
  return plain_text(document.get());
}

std::string render_markdown(const Record& record, const std::set<std::string>& record_keys,
                            Diagnostics& diagnostics, std::string* text) {
  RenderedBody body = render_body(record, record_keys, nullptr, diagnostics);
  if (text) *text = std::move(body.text);
  return std::move(body.html);
}

}  // namespace passerelle

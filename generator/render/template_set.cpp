#include "render/template_set.h"

#include <algorithm>

#include "util/escape.h"

namespace passerelle {

namespace mustache = kainjow::mustache;

const std::vector<std::string>& TemplateSet::required() {
  static const std::vector<std::string> names = {"layout",      "home",     "collection", "record",
                                                 "taxonomy",    "term",     "search",     "not_found",
                                                 "record_item", "redirect", "page",       "recent"};
  return names;
}

namespace {

// Appends `item` to a list without copying it. kainjow's push_back() takes
// its argument by const reference and copies it deeply, nested lists
// included; converting a page context item by item that way copies each
// value once per level above it.
void append(mustache::data& list, mustache::data&& item) {
  const_cast<mustache::list&>(list.list_value()).push_back(std::move(item));
}

// The names a template looks up, innermost section first, as kainjow's
// context finds them, but for a dotted name ({{t.search}}, {{record.title}}):
// kainjow splits it through a stringstream at each lookup, which cost a
// tenth of a page's rendering; here it is split in place, with the same
// result (an empty part between two dots; none after a final dot).
class Context : public mustache::basic_context<std::string> {
 public:
  explicit Context(const mustache::data* bottom) { items_.push_back(bottom); }
  void push(const mustache::data* data) override { items_.push_back(data); }
  void pop() override { items_.pop_back(); }

  const mustache::data* get(const std::string& name) const override {
    if (name == ".") return items_.back();
    if (name.find('.') == std::string::npos) return innermost(name);
    std::string part;
    for (auto item = items_.rbegin(); item != items_.rend(); ++item) {
      const mustache::data* var = *item;
      for (size_t start = 0; var && start < name.size();) {
        const size_t dot = std::min(name.find('.', start), name.size());
        part.assign(name, start, dot - start);
        var = var->get(part);
        start = dot + 1;
      }
      if (var) return var;
    }
    return nullptr;
  }

  const mustache::data* get_partial(const std::string& name) const override { return innermost(name); }

 private:
  const mustache::data* innermost(const std::string& name) const {
    for (auto item = items_.rbegin(); item != items_.rend(); ++item)
      if (const mustache::data* var = (*item)->get(name)) return var;
    return nullptr;
  }

  std::vector<const mustache::data*> items_;  // the innermost last
};

}  // namespace

mustache::data to_mustache(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data out;
      for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = to_mustache(*it);
      return out;
    }
    case nlohmann::json::value_t::array: {
      mustache::data out{mustache::data::type::list};
      for (const auto& item : value) append(out, to_mustache(item));
      return out;
    }
    case nlohmann::json::value_t::string:
      // An empty text is false, as in JavaScript Mustache: {{#summary}} hides an empty one.
      if (value.get_ref<const std::string&>().empty()) return mustache::data{false};
      return mustache::data{value.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean: return mustache::data{value.get<bool>()};
    case nlohmann::json::value_t::null: return mustache::data{false};
    default: return mustache::data{value.dump()};
  }
}

namespace {

// `text` with every {{> _name}} replaced by the partial's own text, so that a
// partial is parsed once with its template instead of on every use (kainjow
// parses a partial each time it renders one). Reports unknown partials and a
// partial that includes itself.
std::string expand_partials(const std::string& text, const std::map<std::string, std::string>& partials,
                            const std::string& path, std::vector<std::string>& stack,
                            Diagnostics& diagnostics) {
  std::string out;
  size_t done = 0;
  for (size_t open = text.find("{{>"); open != std::string::npos; open = text.find("{{>", done)) {
    const size_t close = text.find("}}", open);
    if (close == std::string::npos) break;  // the template's own parse reports it
    size_t first = text.find_first_not_of(" \t", open + 3);
    size_t last = text.find_last_not_of(" \t", close - 1);
    const std::string name = first <= last ? text.substr(first, last - first + 1) : "";
    out.append(text, done, open - done);
    done = close + 2;
    auto partial = partials.find(name);
    if (partial == partials.end()) {
      diagnostics.error(path, 0, 0, "unknown partial '" + name + "'",
                        "partials are the files of the template folder named _<name>.mustache");
      continue;
    }
    if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
      diagnostics.error(path, 0, 0, "partial '" + name + "' includes itself",
                        "a partial may include other partials, but not in a loop");
      continue;
    }
    stack.push_back(name);
    out += expand_partials(partial->second, partials, path, stack, diagnostics);
    stack.pop_back();
  }
  out.append(text, done, std::string::npos);
  return out;
}

// A parsed template that escapes {{values}} with the generator's one escaping
// function, as the markup it writes itself is escaped.
std::shared_ptr<mustache::mustache> parse(const std::string& text) {
  auto tmpl = std::make_shared<mustache::mustache>(text);
  tmpl->set_custom_escape([](const std::string& value) { return escape_markup(value); });
  return tmpl;
}

// Collects what kainjow renders in one string. Its render() takes any stream
// with <<; a string grows in place where an ostringstream copies its text
// out at the end.
struct StringSink {
  std::string text;
  StringSink& operator<<(const std::string& part) {
    text += part;
    return *this;
  }
};

}  // namespace

TemplateSet TemplateSet::load(const FileSystem& fs, const std::string& dir, Diagnostics& diagnostics,
                              const std::vector<std::string>& languages) {
  TemplateSet set;
  if (!fs.is_directory(dir)) {
    diagnostics.error(dir, 0, 0, "template folder not found", "pass --templates DIR");
    return set;
  }
  {
    auto strings = std::make_shared<std::map<std::string, UiStrings>>();
    const std::string strings_dir = join_path(dir, strings_folder);
    for (const auto& language : languages) {
      const UiStrings* reference = strings->empty() ? nullptr : &strings->at(languages.front());
      strings->emplace(language, UiStrings::load(fs, strings_dir, language, reference, diagnostics));
    }
    set.strings_ = std::move(strings);
    set = set.in_language(languages.empty() ? "en" : languages.front());
  }
  const std::string ext = ".mustache";
  std::map<std::string, std::string> pages;     // page type → text
  std::map<std::string, std::string> partials;  // _name → text
  for (const auto& entry : fs.list(dir)) {
    if (entry.is_directory || entry.name.size() <= ext.size() ||
        entry.name.compare(entry.name.size() - ext.size(), ext.size(), ext) != 0)
      continue;
    const std::string name = entry.name.substr(0, entry.name.size() - ext.size());
    const std::string path = join_path(dir, entry.name);
    if (entry.is_symlink && !check_within(fs, dir, path, diagnostics)) continue;
    auto text = fs.read(path);
    if (!text) {
      diagnostics.error(path, 0, 0, "cannot read the template");
      continue;
    }
    (name[0] == '_' ? partials : pages)[name] = std::move(*text);
  }
  for (const auto& [name, text] : pages) {
    const std::string path = join_path(dir, name + ext);
    std::vector<std::string> stack;
    std::string expanded = expand_partials(text, partials, path, stack, diagnostics);
    auto tmpl = parse(expanded);
    if (!tmpl->is_valid()) {
      diagnostics.error(path, 0, 0, "template error: " + tmpl->error_message());
      continue;
    }
    set.sources_[name] = std::move(expanded);
    set.templates_[name] = tmpl;
  }
  for (const auto& name : required())
    if (!set.templates_.count(name))
      diagnostics.error(join_path(dir, name + ext), 0, 0, "missing template for page type '" + name + "'");
  return set;
}

std::set<std::string> TemplateSet::fixed_ids(const std::vector<std::string>& names) const {
  std::set<std::string> ids;
  for (const auto& name : names) {
    auto source = sources_.find(name);
    if (source == sources_.end()) continue;
    const std::string& text = source->second;
    for (size_t at = text.find(" id=\""); at != std::string::npos; at = text.find(" id=\"", at + 1)) {
      const size_t start = at + 5, end = text.find('"', start);
      if (end == std::string::npos) break;
      std::string id = text.substr(start, end - start);
      if (!id.empty() && id.find("{{") == std::string::npos) ids.insert(std::move(id));
    }
  }
  return ids;
}

TemplateSet TemplateSet::clone() const {
  TemplateSet copy = *this;
  for (const auto& [name, text] : sources_) copy.templates_[name] = parse(text);
  return copy;
}

TemplateSet TemplateSet::in_language(const std::string& language) const {
  TemplateSet copy = *this;
  copy.language_ = language;
  copy.t_ = to_mustache(nlohmann::json{{"t", copy.strings().view()}});
  return copy;
}

const UiStrings& TemplateSet::strings_for(const std::string& language) const {
  static const UiStrings none;
  if (!strings_) return none;
  auto it = strings_->find(language);
  return it == strings_->end() ? none : it->second;
}

mustache::data TemplateSet::shared(const nlohmann::json& context) const { return to_mustache(context); }

std::string TemplateSet::render_fragment(const std::string& name, const nlohmann::json& context) const {
  mustache::data data = shared(context);
  Context stack(&t_);
  stack.push(&data);
  StringSink out;
  templates_.at(name)->render(stack, out);
  return std::move(out.text);
}

std::string TemplateSet::render_page(const std::string& name, const nlohmann::json& context,
                                     const mustache::data& shared_data) const {
  mustache::data page = to_mustache(context);
  Context stack(&t_);
  stack.push(&shared_data);
  stack.push(&page);
  StringSink inner;
  templates_.at(name)->render(stack, inner);
  page.set("content", mustache::data{std::move(inner.text)});
  StringSink out;
  templates_.at("layout")->render(stack, out);
  return std::move(out.text);
}

}  // namespace passerelle

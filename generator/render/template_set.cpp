#include "render/template_set.h"

namespace passerelle {

namespace mustache = kainjow::mustache;

const std::vector<std::string>& TemplateSet::required() {
  static const std::vector<std::string> names = {"layout", "home", "collection", "record", "taxonomy",
                                                 "term", "search", "not_found", "record_item"};
  return names;
}

mustache::data to_mustache(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data out;
      for (auto it = value.begin(); it != value.end(); ++it) out.set(it.key(), to_mustache(*it));
      return out;
    }
    case nlohmann::json::value_t::array: {
      mustache::data out{mustache::data::type::list};
      for (const auto& item : value) out.push_back(to_mustache(item));
      return out;
    }
    case nlohmann::json::value_t::string:
      // An empty text is false, as in JavaScript Mustache: {{#summary}} hides an empty one.
      if (value.get_ref<const std::string&>().empty()) return mustache::data{false};
      return mustache::data{value.get<std::string>()};
    case nlohmann::json::value_t::boolean: return mustache::data{value.get<bool>()};
    case nlohmann::json::value_t::null: return mustache::data{false};
    default: return mustache::data{value.dump()};
  }
}

TemplateSet TemplateSet::load(const FileSystem& fs, const std::string& dir,
                              Diagnostics& diagnostics) {
  TemplateSet set;
  if (!fs.is_directory(dir)) {
    diagnostics.error(dir, 0, 0, "template folder not found", "pass --templates DIR");
    return set;
  }
  const std::string ext = ".mustache";
  for (const auto& entry : fs.list(dir)) {
    if (entry.is_directory || entry.name.size() <= ext.size() ||
        entry.name.compare(entry.name.size() - ext.size(), ext.size(), ext) != 0)
      continue;
    const std::string name = entry.name.substr(0, entry.name.size() - ext.size());
    const std::string path = join_path(dir, entry.name);
    auto text = fs.read(path);
    if (!text) {
      diagnostics.error(path, 0, 0, "cannot read the template");
      continue;
    }
    auto tmpl = std::make_shared<mustache::mustache>(*text);
    if (!tmpl->is_valid()) {
      diagnostics.error(path, 0, 0, "template error: " + tmpl->error_message());
      continue;
    }
    if (name[0] == '_') set.partials_[name] = std::make_shared<const std::string>(*text);
    else {
      set.sources_[name] = *text;
      set.templates_[name] = tmpl;
    }
  }
  for (const auto& name : required())
    if (!set.templates_.count(name))
      diagnostics.error(join_path(dir, name + ext), 0, 0, "missing template for page type '" + name + "'");
  return set;
}

TemplateSet TemplateSet::clone() const {
  TemplateSet copy;
  copy.sources_ = sources_;
  copy.partials_ = partials_;
  for (const auto& [name, text] : sources_)
    copy.templates_[name] = std::make_shared<mustache::mustache>(text);
  return copy;
}

mustache::data TemplateSet::shared(const nlohmann::json& context) const {
  mustache::data data = to_mustache(context);
  for (const auto& [partial, text] : partials_) {
    std::shared_ptr<const std::string> source = text;
    data.set(partial, mustache::partial([source] { return *source; }));
  }
  return data;
}

std::string TemplateSet::render_fragment(const std::string& name, const nlohmann::json& context) const {
  return templates_.at(name)->render(shared(context));
}

std::string TemplateSet::render_page(const std::string& name, const nlohmann::json& context,
                                     const mustache::data& shared_data) const {
  mustache::data page = to_mustache(context);
  mustache::context<std::string> stack(&shared_data);
  stack.push(&page);
  std::string inner = templates_.at(name)->render(stack);
  page.set("content", inner);
  return templates_.at("layout")->render(stack);
}

}  // namespace passerelle

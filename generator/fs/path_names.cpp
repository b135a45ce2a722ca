#include "fs/path_names.h"

namespace passerelle {

namespace {

bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

bool is_valid_name(std::string_view name) {
  if (name.empty() || name.front() == '-' || name.back() == '-') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '-' ? name[i - 1] == '-' : !is_lower_alnum(c)) return false;
  }
  return true;
}

std::string suggest_name(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (is_lower_alnum(c)) out += c;
    else if (!out.empty() && out.back() != '-') out += '-';
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return is_valid_name(out) ? out : std::string{};
}

bool is_valid_country_code(std::string_view code) {
  return code.size() == 2 && code[0] >= 'A' && code[0] <= 'Z' && code[1] >= 'A' && code[1] <= 'Z';
}

std::optional<std::string> site_path_problem(std::string_view path) {
  if (path.empty()) return "the path is empty";
  if (path.front() == '/') return "the path is absolute";
  for (char c : path) {
    if (c == '\\') return "the path holds a backslash";
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "the path holds a control character";
  }
  for (size_t start = 0; start <= path.size();) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(start, end - start);
    if (segment.empty()) return "the path has an empty segment";
    if (segment == "." || segment == "..") return "the path has a '" + std::string(segment) + "' segment";
    start = end + 1;
  }
  return std::nullopt;
}

}  // namespace passerelle

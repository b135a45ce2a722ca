// Hostile and broken input that cannot live in a fixture folder (huge,
// symlinked, read-only, a full disk): each is built by the binary, which must
// exit with a clear diagnostic and leave the previous site intact — or accept
// the input when it is valid (byte-order mark, CRLF, reference cycles).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

using namespace passerelle::testing;
namespace fs = std::filesystem;

namespace {

struct Catalogue {
  TempDir dir;
  fs::path content = dir.path() / "content";
  fs::path out = dir.path() / "site";
  Catalogue() { fs::copy(source_dir + "/tests/fixtures/base", content, fs::copy_options::recursive); }
  std::string args() const {
    return " --content " + content.string() + " --templates " + source_dir + "/templates --theme " +
           source_dir + "/theme --out " + out.string();
  }
  CommandResult build(const std::string& prefix = "") const { return run(prefix + binary + " build" + args()); }
  void write(const std::string& relative, const std::string& text) const {
    fs::create_directories((content / relative).parent_path());
    std::ofstream(content / relative, std::ios::binary) << text;
  }
};

// Builds once, breaks the catalogue with `damage`, builds again: the second
// build must fail with `message` and leave the first site as it was.
void expect_rejected(Catalogue& c, const std::function<void()>& damage, const std::string& message,
                     const std::string& prefix = "") {
  REQUIRE(c.build().status == 0);
  const std::string before = read_file(c.out / "index.html");
  damage();
  CommandResult result = c.build(prefix);
  INFO(result.output);
  CHECK(result.status == 1);
  CHECK(result.output.find(message) != std::string::npos);
  CHECK(read_file(c.out / "index.html") == before);
  CHECK(fs::exists(c.out / "dps/espere.html"));
}

}  // namespace

TEST_CASE("a record over the size limit is refused", "[bad-input]") {
  Catalogue c;
  expect_rejected(
      c,
      [&] {
        std::string huge = "---\ntitle: Huge\n---\n";
        huge += std::string(50 * 1024 * 1024, 'x');
        c.write("dps/huge.md", huge);
      },
      "huge.md: error: record is 50 MB; the limit is 8 MB");
}

TEST_CASE("a symbolic link in content/ pointing outside it is refused", "[bad-input]") {
  Catalogue c;
  expect_rejected(
      c,
      [&] {
        std::ofstream(c.dir.path() / "secret.md") << "---\ntitle: Outside\n---\n";
        fs::create_symlink(c.dir.path() / "secret.md", c.content / "dps/secret.md");
      },
      "secret.md: error: symbolic links are not followed in content/");
}

TEST_CASE("an empty content folder is an error; an empty collection is not", "[bad-input]") {
  Catalogue c;
  fs::remove_all(c.content / "recommendations");
  fs::create_directories(c.content / "recommendations");
  CommandResult ok = c.build();
  INFO(ok.output);
  REQUIRE(ok.status == 0);
  CHECK(read_file(c.out / "recommendations/index.html").find("0 records") != std::string::npos);

  const std::string before = read_file(c.out / "index.html");
  fs::remove_all(c.content);
  fs::create_directories(c.content);
  CommandResult empty = c.build();
  CHECK(empty.status == 1);
  CHECK(empty.output.find("catalogue.yaml: error: cannot read the catalogue settings") != std::string::npos);
  CHECK(empty.output.find("schema.yaml: error: cannot read the schema") != std::string::npos);
  CHECK(read_file(c.out / "index.html") == before);
}

TEST_CASE("a byte-order mark, CRLF line endings and reference cycles are accepted", "[bad-input]") {
  Catalogue c;
  c.write("dps/windows.md",
          "\xEF\xBB\xBF---\r\ntitle: Saved on Windows\r\ncountries: [PT]\r\n"
          "related: [dps/cycle]\r\n---\r\nA body with a [link](espere.md).\r\n");
  c.write("dps/cycle.md", "---\ntitle: Cycle\nrelated: [dps/windows]\n---\n");
  CommandResult result = c.build();
  INFO(result.output);
  REQUIRE(result.status == 0);
  const std::string page = read_file(c.out / "dps/windows.html");
  CHECK(page.find("<h1>Saved on Windows</h1>") != std::string::npos);
  CHECK(page.find("href=\"espere.html\"") != std::string::npos);
  CHECK(read_file(c.out / "dps/cycle.html").find("href=\"../dps/windows.html\"") != std::string::npos);
}

TEST_CASE("an output folder whose parent is read-only fails cleanly", "[bad-input]") {
  Catalogue c;
  const fs::path locked = c.dir.path() / "locked";
  fs::create_directories(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                              fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
  // Root ignores permissions: run the build as an ordinary user then.
  std::string as_user = ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
  fs::permissions(c.dir.path(), fs::perms::all);
  CommandResult result =
      run(as_user + binary + " build" + " --content " + c.content.string() + " --templates " + source_dir +
          "/templates --theme " + source_dir + "/theme --out " + (locked / "site").string());
  INFO(result.output);
  CHECK(result.status == 1);
  CHECK(result.output.find("cannot write the site") != std::string::npos);
  CHECK(fs::is_empty(locked));
}

TEST_CASE("a disk that fills up while writing leaves the previous site intact", "[bad-input]") {
  Catalogue c;
  // A file-size limit makes every write past 4 KB fail as a full disk would.
  // The new record changes the pages that list records, which must then be
  // written (unchanged ones are linked to the previous site's).
  expect_rejected(
      c, [&] { c.write("dps/new.md", "---\ntitle: New\n---\nA new record.\n"); }, "cannot write the site",
      "ulimit -f 4; ");
  // And nothing is left beside the output folder but the build cache of the
  // site in place.
  CHECK(strays_beside_site(c.dir.path()).empty());
}

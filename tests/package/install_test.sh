#!/usr/bin/env bash
# The Debian package, installed on this machine as a user would: CPack builds
# it from BUILD_DIR, `dpkg -i` installs it, then, in a temporary folder
# outside the repository and with only the system's folders on PATH,
# `passerelle init` starts a catalogue and `passerelle build` builds it. The
# man page and the completions must be where man and the shells look. The
# package is removed at the end, pass or fail, so the machine is left as
# found. Not root (or a passerelle package already installed, which this test
# must not replace): the package is unpacked with `dpkg-deb -x` into a
# temporary root instead, and the output says so.
# Usage: tests/package/install_test.sh BUILD_DIR
set -euo pipefail

build_dir=$(cd "$1" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/passerelle-package.XXXXXX")
installed_here=false

cleanup() {
  if $installed_here; then
    echo "removing the package (dpkg -r passerelle)"
    # dpkg needs the system's sbin folders, which the test's PATH leaves out.
    PATH=/usr/sbin:/usr/bin:/sbin:/bin dpkg -r passerelle >/dev/null
    if [ -e /usr/bin/passerelle ]; then
      echo "FAIL: /usr/bin/passerelle is still there after dpkg -r" >&2
      rm -rf "$work"
      exit 1
    fi
  fi
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

echo "== building the package (cpack -G DEB)"
cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/package" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log"; fail "cpack did not build the package"; }
deb=$(find "$work/package" -maxdepth 1 -name 'passerelle_*.deb')
[ -n "$deb" ] || fail "no passerelle_*.deb in $work/package"
echo "package: $(basename "$deb")"

echo "== its control fields (dpkg-deb -I)"
dpkg-deb -f "$deb" Package Version Architecture Section Maintainer Depends
depends=$(dpkg-deb -f "$deb" Depends)
# dpkg-shlibdeps names the Debian libraries the binary links (their
# package names carry the library's soname version, hence the prefixes).
for library in libc6 libstdc++6 libyaml-cpp libcmark-gfm0 libcmark-gfm-extensions libutf8proc libstemmer libarchive; do
  [[ "$depends" == *"$library"* ]] || fail "Depends lacks $library: $depends"
done

echo "== its files (dpkg-deb -c)"
dpkg-deb -c "$deb" | awk '{print $6}' | tee "$work/files.txt"
expected=(./usr/bin/passerelle ./usr/share/man/man1/passerelle.1.gz
  ./usr/share/bash-completion/completions/passerelle ./usr/share/zsh/vendor-completions/_passerelle
  ./usr/share/fish/vendor_completions.d/passerelle.fish)
for path in "${expected[@]}"; do
  grep -qx -- "$path" "$work/files.txt" || fail "the package lacks $path"
done
stray=$(grep -v -e '^\./$' -e '^\./usr/' "$work/files.txt" || true)
[ -z "$stray" ] || fail "paths outside /usr: $stray"

echo "== installing it"
if [ "$(id -u)" -eq 0 ] && ! dpkg-query -W -f='${Status}' passerelle 2>/dev/null | grep -q "ok installed"; then
  installed_here=true  # even half-installed (a missing dependency), it is removed at the end
  PATH=/usr/sbin:/usr/bin:/sbin:/bin dpkg -i "$deb" >"$work/dpkg.log" 2>&1 ||
    { cat "$work/dpkg.log"; fail "dpkg -i failed"; }
  root=""
  echo "installed with dpkg -i"
else
  root="$work/root"
  dpkg-deb -x "$deb" "$root"
  echo "NOTE: not root, or a passerelle package is already installed: unpacked with dpkg-deb -x into $root"
  echo "      instead of installed; its dependencies were not checked by dpkg"
fi
prefix="$root/usr"

# Only the system's folders (and the unpacked root's) on PATH: never the
# build folder, nor a passerelle installed elsewhere by cmake --install.
export PATH="$prefix/bin:/usr/bin:/bin"
[ "$(command -v passerelle)" = "$prefix/bin/passerelle" ] || fail "passerelle on PATH is $(command -v passerelle)"

echo "== using it, in $work/use"
mkdir "$work/use"
cd "$work/use"
version=$(passerelle --version)
echo "$version"
[[ "$version" == "passerelle $(dpkg-deb -f "$deb" Version) ("* ]] || fail "--version says '$version'"
passerelle init mycat --title "Test catalogue of the package" </dev/null
cd mycat
passerelle build
[ -s site/index.html ] || fail "no site/index.html after passerelle build"
grep -q "Test catalogue of the package" site/index.html || fail "site/index.html lacks the catalogue's title"
[ ! -e templates ] && [ ! -e theme ] || fail "init wrote templates/ or theme/: the built-in ones should serve"
echo "built $(find site -name '*.html' | wc -l) pages"

echo "== its man page and completions"
if [ -z "$root" ] && command -v man >/dev/null; then
  page=$(man -w passerelle)
  [ "$page" = /usr/share/man/man1/passerelle.1.gz ] || fail "man -w passerelle says $page"
else
  page="$prefix/share/man/man1/passerelle.1.gz"
fi
zcat "$page" | grep -q '^\.SS "passerelle build' || fail "the man page lacks the build command"
echo "man page: $page"
for file in share/bash-completion/completions/passerelle share/zsh/vendor-completions/_passerelle \
  share/fish/vendor_completions.d/passerelle.fish; do
  [ -s "$prefix/$file" ] || fail "no $prefix/$file"
done
# bash-completion loads /usr/share/bash-completion/completions/<command> on demand.
bash -c "source '$prefix/share/bash-completion/completions/passerelle' && complete -p passerelle" ||
  fail "the bash completion does not register for passerelle"
echo "PASS"

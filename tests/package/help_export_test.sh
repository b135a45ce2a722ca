#!/usr/bin/env bash
# The man page and the shell completions that `passerelle help-export`
# writes (the build installs them): the man page renders without a warning
# and covers every command and option --help shows; the bash completion
# offers the commands, an option's choices and folders; the zsh and fish
# scripts parse.
# Usage: tests/package/help_export_test.sh PASSERELLE_BINARY
set -euo pipefail

binary=$(realpath "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/passerelle-help.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
for tool in groff man bash zsh fish; do
  command -v $tool >/dev/null || fail "$tool is not installed (scripts/install-deps test installs it)"
done

commands=(build check new mv serve schema docs eject init)

echo "== man page"
"$binary" help-export man >"$work/passerelle.1"
warnings=$(groff -man -Tutf8 -ww -z "$work/passerelle.1" 2>&1)
[ -z "$warnings" ] || fail "groff warns: $warnings"
warnings=$(MANWIDTH=80 man --warnings -l "$work/passerelle.1" 2>&1 >"$work/page.txt")
[ -z "$warnings" ] || fail "man warns: $warnings"
for command in "${commands[@]}"; do
  grep -q "^ *passerelle $command" "$work/page.txt" || fail "the man page lacks 'passerelle $command'"
  # Every option that the command's --help shows is on the page.
  for option in $("$binary" "$command" --help | grep -o -e '--[a-z][a-z-]*' | sort -u); do
    grep -q -- "$option" "$work/page.txt" || fail "the man page lacks $command's $option"
  done
done
grep -q "help-export" "$work/page.txt" && fail "the man page shows the hidden help-export command"
grep -qE "passerelle +new +dps +sunrise" "$work/page.txt" && grep -qE -- "passerelle +new +dps/espere +--lang +fr" "$work/page.txt" ||
  fail "the man page lacks new's examples"

echo "== bash completion"
"$binary" help-export bash >"$work/passerelle.bash"
mkdir -p "$work/folders/catalogue-a" "$work/folders/catalogue-b"
touch "$work/folders/catalogue-file"
# Prints what the completion offers for the words given, the last one being
# completed.
complete_words() {
  (
    cd "$work/folders"
    bash --norc -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _passerelle; printf "%s\n" "${COMPREPLY[@]}" | sort' \
      _ "$work/passerelle.bash" "$@"
  )
}
bash --norc -c "source '$work/passerelle.bash'; complete -p passerelle" | grep -qx "complete -F _passerelle passerelle" ||
  fail "the bash completion does not register for passerelle"
offered=$(complete_words passerelle "")
for command in "${commands[@]}"; do
  grep -qx "$command" <<<"$offered" || fail "bash offers no '$command' after passerelle: $offered"
done
grep -qx help-export <<<"$offered" && fail "bash offers the hidden help-export"
[ "$(complete_words passerelle ch)" = check ] || fail "bash does not complete 'ch' to check"
[ "$(complete_words passerelle build --format "")" = "$(printf 'github\ntext')" ] ||
  fail "bash does not offer --format's choices: $(complete_words passerelle build --format "")"
[ "$(complete_words passerelle build --content catalogue)" = "$(printf 'catalogue-a\ncatalogue-b')" ] ||
  fail "bash does not offer folders for --content: $(complete_words passerelle build --content catalogue)"
[ "$(complete_words passerelle eject t)" = "$(printf 'templates\ntheme')" ] ||
  fail "bash does not offer eject's choices: $(complete_words passerelle eject t)"
grep -qx -- --out <<<"$(complete_words passerelle build --)" || fail "bash does not offer build's --out"

echo "== zsh and fish completions"
"$binary" help-export zsh >"$work/_passerelle"
zsh -n "$work/_passerelle" || fail "the zsh completion does not parse"
head -1 "$work/_passerelle" | grep -qx "#compdef passerelle" || fail "the zsh completion lacks #compdef"
"$binary" help-export fish >"$work/passerelle.fish"
fish -n "$work/passerelle.fish" || fail "the fish completion does not parse"
# fish itself says what it would complete.
fish_offered=$(fish --no-config -c "source '$work/passerelle.fish'; complete -C 'passerelle '" | cut -f1)
for command in "${commands[@]}"; do
  grep -qx "$command" <<<"$fish_offered" || fail "fish offers no '$command': $fish_offered"
done
[ "$(fish --no-config -c "source '$work/passerelle.fish'; complete -C 'passerelle build --format '" | cut -f1 | sort)" = \
  "$(printf 'github\ntext')" ] || fail "fish does not offer --format's choices"
echo "PASS"

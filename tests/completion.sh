#!/bin/sh
# Bash completion (completions/qbinfmt), in bash with bash-completion, as
# a user's TAB would ask: commands, options, their arguments, target names
# and aliases, subcommands, files, and sandbox's command line.
. "$top_srcdir/tests/lib.sh"
completion=/usr/share/bash-completion/bash_completion
[ -r "$completion" ] || fail "bash-completion is not installed (tools/setup installs it)"
command -v bash > /dev/null || fail "bash is not installed"

# complete LINE: the candidates bash offers at the end of LINE, one per
# line, sorted.  The programs are the ones under test, by their names.
complete() {
	mkdir -p "$tmp/bin"
	ln -sf "$QBINFMT" "$tmp/bin/qbinfmt"
	ln -sf "$ELFPROBE" "$tmp/bin/elfprobe"
	PATH="$tmp/bin:$PATH" bash -c '
		. "$1"; . "$2"
		line=$3
		read -ra COMP_WORDS <<< "$line"
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line COMP_POINT=${#line}
		cd "$4"
		_qbinfmt "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sort -u' sh "$completion" "$top_srcdir/completions/qbinfmt" "$1" "$tmp/files" 2> /dev/null
}

# expect LINE CANDIDATE...: exactly these.
expect() {
	line=$1
	shift
	complete "$line" > "$tmp/got"
	printf '%s\n' "$@" | sort > "$tmp/want"
	cmp -s "$tmp/want" "$tmp/got" || fail "'$line<TAB>': $(tr '\n' ' ' < "$tmp/got"), want $*"
}

mkdir -p "$tmp/files/dir"
touch "$tmp/files/a.conf"
expect "qbinfmt ins" install
expect "qbinfmt st" status
expect "qbinfmt po" podman
expect "qbinfmt podman " install remove status find doctor
expect "qbinfmt install --wi" --wiring
expect "qbinfmt install --wiring " auto launcher native
expect "qbinfmt install aarch" aarch64 aarch64-linux aarch64_be aarch64_be-linux
expect "qbinfmt remove arm6" arm64 arm64be
expect "qbinfmt export --format " binfmt.d debian register nix guix
expect "qbinfmt --binfmt-dir " dir
expect "qbinfmt import " a.conf dir
expect "qbinfmt doctor a" a.conf
expect "qbinfmt sandbox --root " dir
expect "qbinfmt sandbox -- mkfif" mkfifo
expect "qbinfmt help ins" install
expect "elfprobe --table-kind " auto binfmt.d debian guix live nix register
expect "elfprobe li" lint
expect "elfprobe lint --ta" --table --table-kind
echo "ok bash completion of commands, options, arguments, targets, files and command lines"

# make install puts it where bash-completion's pkg-config says, under the
# prefix, for both names.
(cd "$top_builddir" && make -s install-data DESTDIR="$tmp/root" > /dev/null) || fail "make install-data"
dir=$tmp/root$(pkg-config --define-variable=prefix="$(sed -n 's/^prefix = //p' "$top_builddir/Makefile")" \
	--define-variable=datadir="$(sed -n 's/^prefix = //p' "$top_builddir/Makefile")/share" \
	--variable=completionsdir bash-completion)
[ -f "$dir/qbinfmt" ] && [ "$(readlink "$dir/elfprobe")" = qbinfmt ] ||
	fail "not installed in $dir: $(find "$tmp/root" -path '*completion*')"
echo "ok installed where bash-completion's pkg-config says"

/* SPDX-License-Identifier: MIT */
/* The built-in table: every qemu target's entry as qbinfmt registers it,
 * and the guess of which target a foreign table's entry is meant for. */
#include "table-internal.h"

#include "host-elf.h"
#include "target-entry.h"

#include <stdio.h>
#include <string.h>

/* The pattern with each "{}" replaced by the target's name. */
static void expand(char *out, size_t size, const char *pattern, const char *name)
{
	size_t at = 0, name_len = strlen(name);

	for (const char *p = pattern; *p && at + 1 < size;) {
		if (p[0] == '{' && p[1] == '}') {
			size_t n = name_len < size - 1 - at ? name_len : size - 1 - at;
			memcpy(out + at, name, n);
			at += n;
			p += 2;
		} else {
			out[at++] = *p++;
		}
	}
	out[at] = '\0';
}

void table_load_builtin(struct table *t, const char *interpreter_pattern,
			const struct host_profile *host)
{
	for (size_t i = 0; i < target_count; i++) {
		const struct target *row = &targets[i];
		struct binfmt_entry e;
		char interpreter[BINFMT_REGISTER_MAX];
		struct table_entry *te;

		if (host && host_native(host, row))
			continue;
		expand(interpreter, sizeof(interpreter), interpreter_pattern, row->name);
		target_entry(row, interpreter, ENTRY_FLAG_PRESERVE_ARGV0, &e);
		te = table_add(t, &e, "built-in", 0);
		if (te)
			te->target = row;
	}
}

static bool strip_prefix(const char **word, size_t *len, const char *prefix)
{
	size_t n = strlen(prefix);
	if (*len <= n || memcmp(*word, prefix, n) != 0)
		return false;
	*word += n;
	*len -= n;
	return true;
}

static bool strip_suffix(const char *word, size_t *len, const char *suffix)
{
	size_t n = strlen(suffix);
	if (*len <= n || memcmp(word + *len - n, suffix, n) != 0)
		return false;
	*len -= n;
	return true;
}

static const struct target *lookup(const char *word, size_t len)
{
	char copy[BINFMT_NAME_MAX + 1];

	if (len == 0 || len >= sizeof(copy))
		return NULL;
	memcpy(copy, word, len);
	copy[len] = '\0';
	return target_lookup(copy);
}

/* "qemu-aarch64-static", "qbinfmt-arm", "aarch64-binfmt-P", "i486-linux", "arm64". */
static const struct target *from_word(const char *word)
{
	size_t len = strlen(word);
	const struct target *t = lookup(word, len);

	if (t)
		return t;
	if (!strip_prefix(&word, &len, "qemu-"))
		strip_prefix(&word, &len, TARGET_ENTRY_PREFIX);
	if (!strip_suffix(word, &len, "-static") && !strip_suffix(word, &len, "-binfmt-P") &&
	    !strip_suffix(word, &len, "-binfmt"))
		strip_suffix(word, &len, "-linux"); /* Nix system names: "i486-linux" */
	return lookup(word, len);
}

const struct target *table_guess_target(const struct binfmt_entry *e)
{
	const struct target *t = from_word(e->name);
	const char *slash;

	if (t)
		return t;
	slash = strrchr(e->interpreter, '/');
	return from_word(slash ? slash + 1 : e->interpreter);
}

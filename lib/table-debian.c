/* SPDX-License-Identifier: MIT */
/*
 * Debian binfmt-support format files (/usr/share/binfmts/NAME), read as
 * `update-binfmts --import` does (get_import(), binfmt_new(), act_enable()
 * in binfmt-support's update-binfmts.c):
 *
 *   - one "key value" per line, split at the first space, key lowercased,
 *     trailing whitespace dropped; a repeated key keeps its first value;
 *   - package (required), interpreter, magic or extension (one of them),
 *     mask, offset (magic only), detector, and credentials / preserve /
 *     fix_binary "yes" for the C, P and F flags;
 *   - the entry is named after the file and registered as
 *     ":NAME:TYPE:OFFSET:MAGIC:MASK:INTERPRETER:FLAGS", with the text of
 *     magic and mask as written (the kernel decodes the \x escapes), so
 *     entry_parse() applies the kernel's rules;
 *   - a format with a detector, or whose magic equals another's, is
 *     registered with binfmt-support's run-detectors as interpreter.
 */
#include "table-internal.h"

#include "files.h"
#include "quote.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum key {
	KEY_PACKAGE,
	KEY_INTERPRETER,
	KEY_MAGIC,
	KEY_MASK,
	KEY_OFFSET,
	KEY_EXTENSION,
	KEY_DETECTOR,
	KEY_CREDENTIALS,
	KEY_PRESERVE,
	KEY_FIX_BINARY,
	KEY_COUNT,
};

static const char *const key_names[KEY_COUNT] = {
    "package",	 "interpreter", "magic",       "mask",	   "offset",
    "extension", "detector",	"credentials", "preserve", "fix_binary",
};

struct format {
	const char *value[KEY_COUNT]; /* into the text; NULL when absent */
	size_t length[KEY_COUNT];
	int line[KEY_COUNT];
};

static int key_lookup(const char *key, size_t len)
{
	char lower[16];

	if (len >= sizeof(lower))
		return -1;
	for (size_t i = 0; i < len; i++)
		lower[i] = (char)tolower((unsigned char)key[i]);
	lower[len] = '\0';
	for (int k = 0; k < KEY_COUNT; k++)
		if (strcmp(lower, key_names[k]) == 0)
			return k;
	return -1;
}

/* "yes" sets the flag; update-binfmts treats anything else as no. */
static bool yes(struct table *t, const char *source, const struct format *f, enum key k)
{
	char quoted[48];

	if (!f->value[k])
		return false;
	if (f->length[k] == 3 && !memcmp(f->value[k], "yes", 3))
		return true;
	if (!(f->length[k] == 2 && !memcmp(f->value[k], "no", 2))) {
		quote_bytes(quoted, sizeof(quoted), f->value[k], f->length[k]);
		table_problem(t, source, f->line[k], "%s: expected yes or no, not %s (taken as no)",
			      key_names[k], quoted);
	}
	return false;
}

static void read_lines(struct table *t, const char *source, const char *text, size_t len,
		       struct format *f)
{
	struct text_lines lines;
	const char *line;
	size_t line_len;

	text_lines_init(&lines, text, len);
	while (text_next_line(&lines, &line, &line_len)) {
		int number = lines.number;

		while (line_len > 0 && isspace((unsigned char)line[line_len - 1]))
			line_len--;
		if (line_len == 0 || line[0] == '#')
			continue;
		const char *stop = line + line_len;
		const char *space = memchr(line, ' ', line_len);
		size_t key_len = space ? (size_t)(space - line) : line_len;
		int k = key_lookup(line, key_len);
		char quoted[48];

		if (k < 0) {
			quote_bytes(quoted, sizeof(quoted), line, key_len);
			table_problem(t, source, number,
				      "unknown key %s: update-binfmts ignores it", quoted);
		} else if (f->value[k]) {
			table_problem(t, source, number,
				      "%s repeated: update-binfmts keeps the first, line %d",
				      key_names[k], f->line[k]);
		} else if (memchr(line, '\0', line_len)) {
			/* update-binfmts reads C strings: the value would be cut
			 * there, and the entry registered otherwise than written
			 * (as a raw NUL in a register string). */
			table_problem(t, source, number, "%s: a NUL byte inside the value",
				      key_names[k]);
		} else {
			f->value[k] = space ? space + 1 : line + line_len;
			f->length[k] = space ? (size_t)(stop - space - 1) : 0;
			f->line[k] = number;
		}
	}
}

/* Which line to blame for a field of the register string we built. */
static int field_line(const struct format *f, enum entry_field field)
{
	switch (field) {
	case FIELD_OFFSET:
		return f->line[KEY_OFFSET];
	case FIELD_MAGIC:
		return f->line[KEY_MAGIC];
	case FIELD_MASK:
		return f->line[KEY_MASK];
	case FIELD_EXTENSION:
		return f->line[KEY_EXTENSION];
	case FIELD_INTERPRETER:
		return f->line[f->value[KEY_DETECTOR] ? KEY_DETECTOR : KEY_INTERPRETER];
	default:
		return 0;
	}
}

static const char *or_empty(const struct format *f, enum key k, int *len)
{
	*len = f->value[k] ? (int)f->length[k] : 0;
	return f->value[k] ? f->value[k] : "";
}

void table_parse_debian(struct table *t, const char *source, const char *name, const char *text,
			size_t len)
{
	struct format f;
	char reg[BINFMT_REGISTER_MAX * 2];
	int type_line;

	memset(&f, 0, sizeof(f));
	read_lines(t, source, text, len, &f);

	if (!strcmp(name, ".") || !strcmp(name, "..") || !strcmp(name, "register") ||
	    !strcmp(name, "status")) {
		table_problem(t, source, 0, "format name \"%s\" is reserved", name);
		return;
	}
	if (!f.value[KEY_PACKAGE]) {
		table_problem(t, source, 0, "required 'package' line missing");
		return;
	}
	if (!f.value[KEY_INTERPRETER]) {
		table_problem(t, source, 0, "required 'interpreter' line missing");
		return;
	}
	if (f.value[KEY_MAGIC] && f.value[KEY_EXTENSION]) {
		table_problem(t, source, f.line[KEY_EXTENSION],
			      "can't use both magic and extension");
		return;
	}
	if (!f.value[KEY_MAGIC] && !f.value[KEY_EXTENSION]) {
		table_problem(t, source, 0, "either magic or extension is required");
		return;
	}
	bool is_magic = f.value[KEY_MAGIC] != NULL;
	type_line = f.line[is_magic ? KEY_MAGIC : KEY_EXTENSION];
	if (!is_magic && f.value[KEY_MASK]) {
		table_problem(t, source, f.line[KEY_MASK], "can't use mask with extension");
		return;
	}
	if (!is_magic && f.value[KEY_OFFSET]) {
		table_problem(t, source, f.line[KEY_OFFSET], "can't use offset with extension");
		return;
	}
	bool fix_binary = yes(t, source, &f, KEY_FIX_BINARY);
	if (f.value[KEY_DETECTOR] && f.length[KEY_DETECTOR] && fix_binary) {
		table_problem(t, source, f.line[KEY_DETECTOR],
			      "detector cannot be used with fix_binary yes");
		return;
	}
	bool credentials = yes(t, source, &f, KEY_CREDENTIALS);
	bool preserve = yes(t, source, &f, KEY_PRESERVE);

	int offset_len, magic_len, mask_len, interp_len;
	const char *offset = or_empty(&f, KEY_OFFSET, &offset_len);
	const char *pattern = or_empty(&f, is_magic ? KEY_MAGIC : KEY_EXTENSION, &magic_len);
	const char *mask = or_empty(&f, KEY_MASK, &mask_len);
	const char *interpreter = or_empty(&f, KEY_INTERPRETER, &interp_len);
	if (f.value[KEY_DETECTOR] && f.length[KEY_DETECTOR]) {
		interpreter = TABLE_DEBIAN_RUN_DETECTORS;
		interp_len = (int)strlen(interpreter);
	}
	if (offset_len == 0) {
		offset = "0";
		offset_len = 1;
	}
	int n = snprintf(reg, sizeof(reg), ":%s:%c:%.*s:%.*s:%.*s:%.*s:%s%s%s", name,
			 is_magic ? 'M' : 'E', offset_len, offset, magic_len, pattern, mask_len,
			 mask, interp_len, interpreter, credentials ? "C" : "", preserve ? "P" : "",
			 fix_binary ? "F" : "");
	if (n < 0 || (size_t)n >= sizeof(reg)) {
		table_problem(t, source, type_line,
			      "register string longer than the 1920 bytes the kernel accepts");
		return;
	}

	struct binfmt_entry e;
	struct entry_error error;
	if (entry_parse(reg, (size_t)n, &e, &error, NULL) < 0) {
		int line = field_line(&f, error.field);
		table_problem_parse(t, source, line ? line : type_line, reg, (size_t)n, &error);
		return;
	}
	table_add(t, &e, source, type_line);
}

/* update-binfmts' binfmt_equals(): same type, offset, magic and mask. */
static bool same_spec(const struct binfmt_entry *a, const struct binfmt_entry *b)
{
	if (a->type != b->type)
		return false;
	if (a->type == ENTRY_EXTENSION)
		return strcmp(a->extension, b->extension) == 0;
	return a->offset == b->offset && a->size == b->size && a->has_mask == b->has_mask &&
	       memcmp(a->magic, b->magic, a->size) == 0 &&
	       (!a->has_mask || memcmp(a->mask, b->mask, a->size) == 0);
}

static void route_shared_specs(struct table *t, size_t first)
{
	for (size_t i = first; i < t->count; i++) {
		for (size_t j = first; j < t->count; j++) {
			if (i != j && same_spec(&t->items[i].entry, &t->items[j].entry)) {
				snprintf(t->items[i].entry.interpreter,
					 sizeof(t->items[i].entry.interpreter), "%s",
					 TABLE_DEBIAN_RUN_DETECTORS);
				break;
			}
		}
	}
}

static int load_one(struct table *t, const char *path)
{
	const char *slash = strrchr(path, '/');
	char *text;
	size_t len;
	int r = file_read_all(AT_FDCWD, path, &text, &len);

	if (r < 0)
		return r;
	table_parse_debian(t, path, slash ? slash + 1 : path, text, len);
	free(text);
	return 0;
}

/* Every file but hidden ones: dpkg installs none, and a writer's
 * temporary file (qbinfmt export's ".NAME.PID.tmp", an editor's) is not a
 * format file even when a killed writer left it behind. */
static bool visible_name(const char *name)
{
	return name[0] != '.';
}

int table_load_debian(struct table *t, const char *source)
{
	size_t first = t->count;
	struct stat st;

	if (stat(source, &st) < 0)
		return -errno;
	if (!S_ISDIR(st.st_mode))
		return load_one(t, source);
	int r = table_load_folder(t, source, visible_name, table_parse_debian);
	if (r == 0)
		route_shared_specs(t, first);
	return r;
}

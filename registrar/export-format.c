/* SPDX-License-Identifier: MIT */
#include "export-format.h"

#include <stdio.h>
#include <string.h>

bool export_format_parse(const char *text, enum export_format *f)
{
	if (!strcmp(text, "binfmt.d"))
		*f = EXPORT_BINFMT_D;
	else if (!strcmp(text, "debian"))
		*f = EXPORT_DEBIAN;
	else if (!strcmp(text, "register"))
		*f = EXPORT_REGISTER;
	else
		return false;
	return true;
}

void export_file_name(enum export_format f, const struct binfmt_entry *e, char *buf, size_t size)
{
	static const char *const suffixes[] = {".conf", "", ".register"};
	snprintf(buf, size, "%s%s", e->name, suffixes[f]);
}

static size_t put_hex(char *out, const unsigned char *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		out[k++] = '\\';
		out[k++] = 'x';
		out[k++] = digits[bytes[i] >> 4];
		out[k++] = digits[bytes[i] & 15];
	}
	out[k] = '\0';
	return k;
}

/* update-binfmts(8) FORMAT FILES: "key value" lines. */
static int render_debian(const struct binfmt_entry *e, char *buf, size_t size, char *why,
			 size_t why_size)
{
	char magic[4 * BINFMT_HEADER_SIZE + 1], mask[4 * BINFMT_HEADER_SIZE + 1];
	bool open_only =
	    (e->flags & ENTRY_FLAG_OPEN_BINARY) && !(e->flags & ENTRY_FLAG_CREDENTIALS);
	int n;

	if (open_only) {
		snprintf(why, why_size,
			 "binfmt-support has no O flag of its own (only C, which implies it)");
		return -1;
	}
	if (e->type == ENTRY_EXTENSION) {
		n = snprintf(buf, size, "package qbinfmt\ninterpreter %s\nextension %s\n",
			     e->interpreter, e->extension);
	} else {
		put_hex(magic, e->magic, e->size);
		put_hex(mask, e->mask, e->has_mask ? e->size : 0);
		n = snprintf(buf, size,
			     "package qbinfmt\ninterpreter %s\nmagic %s\noffset %d\n%s%s%s",
			     e->interpreter, magic, e->offset, e->has_mask ? "mask " : "", mask,
			     e->has_mask ? "\n" : "");
	}
	if (n < 0 || (size_t)n >= size)
		return -1;
	int m = snprintf(buf + n, size - (size_t)n, "credentials %s\npreserve %s\nfix_binary %s\n",
			 e->flags & ENTRY_FLAG_CREDENTIALS ? "yes" : "no",
			 e->flags & ENTRY_FLAG_PRESERVE_ARGV0 ? "yes" : "no",
			 e->flags & ENTRY_FLAG_FIX_BINARY ? "yes" : "no");
	return m < 0 || (size_t)m >= size - (size_t)n ? -1 : 0;
}

int export_render(enum export_format f, const struct binfmt_entry *e, const char *comment,
		  char *buf, size_t size, char *why, size_t why_size)
{
	char line[BINFMT_REGISTER_MAX + 1];

	why[0] = '\0';
	if (f == EXPORT_DEBIAN)
		return render_debian(e, buf, size, why, why_size);
	if (entry_format(e, line, sizeof(line)) < 0) {
		snprintf(why, why_size, "no register string can hold this entry");
		return -1;
	}
	int n = f == EXPORT_BINFMT_D ? snprintf(buf, size, "# %s\n%s\n", comment, line)
				     : snprintf(buf, size, "%s\n", line);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

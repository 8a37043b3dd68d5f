/* SPDX-License-Identifier: MIT */
/* Canonical register strings: the one spelling of an entry that we write
 * and compare, every magic and mask byte escaped. */
#include "entry.h"

#include <stdio.h>
#include <string.h>

void entry_flags_string(unsigned flags, char out[5])
{
	/* The order entry_status() prints them in. */
	char *p = out;

	if (flags & ENTRY_FLAG_PRESERVE_ARGV0)
		*p++ = 'P';
	if (flags & ENTRY_FLAG_OPEN_BINARY)
		*p++ = 'O';
	if (flags & ENTRY_FLAG_CREDENTIALS)
		*p++ = 'C';
	if (flags & ENTRY_FLAG_FIX_BINARY)
		*p++ = 'F';
	*p = '\0';
}

static char pick_delimiter(const struct binfmt_entry *e)
{
	/* None of these is a hex digit, 'x', a backslash or a flag letter,
	 * each of which changes how the kernel reads the string. */
	static const char candidates[] = ":|,;!#%@^~=+";

	for (const char *c = candidates; *c; c++) {
		if (strchr(e->name, *c) || strchr(e->interpreter, *c))
			continue;
		if (e->type == ENTRY_EXTENSION && strchr(e->extension, *c))
			continue;
		return *c;
	}
	return '\0';
}

struct out {
	char *buf;
	size_t size, len;
	bool overflow;
};

static void put(struct out *o, const char *text, size_t n)
{
	if (o->len + n >= o->size) {
		o->overflow = true;
		return;
	}
	memcpy(o->buf + o->len, text, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

static void put_str(struct out *o, const char *text)
{
	put(o, text, strlen(text));
}

static void put_hex(struct out *o, const unsigned char *bytes, size_t n)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		char esc[4] = {'\\', 'x', digits[bytes[i] >> 4], digits[bytes[i] & 15]};
		put(o, esc, sizeof(esc));
	}
}

int entry_format(const struct binfmt_entry *e, char *buf, size_t size)
{
	struct out o = {buf, size, 0, false};
	char del = pick_delimiter(e);
	char d[2] = {del, '\0'};
	char flags[5];

	if (!del || size == 0)
		return -1;
	buf[0] = '\0';
	put_str(&o, d);
	put_str(&o, e->name);
	put_str(&o, d);
	if (e->type == ENTRY_MAGIC) {
		char offset[16];
		snprintf(offset, sizeof(offset), "%d", e->offset);
		put_str(&o, "M");
		put_str(&o, d);
		put_str(&o, offset);
		put_str(&o, d);
		put_hex(&o, e->magic, e->size);
		put_str(&o, d);
		if (e->has_mask)
			put_hex(&o, e->mask, e->size);
	} else {
		put_str(&o, "E");
		put_str(&o, d);
		put_str(&o, d);
		put_str(&o, e->extension);
		put_str(&o, d);
	}
	put_str(&o, d);
	put_str(&o, e->interpreter);
	put_str(&o, d);
	entry_flags_string(e->flags, flags);
	put_str(&o, flags);
	return o.overflow ? -1 : (int)o.len;
}

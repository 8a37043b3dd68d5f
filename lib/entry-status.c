/* SPDX-License-Identifier: MIT */
/*
 * Reading an entry back from its file in the binfmt_misc mount, which
 * entry_status() in fs/binfmt_misc.c writes as:
 *
 *   enabled|disabled
 *   interpreter PATH
 *   flags: [P][O][C][F]
 *   extension .EXT                        ('E' entries)
 *   offset N / magic HEX / [mask HEX]     ('M' entries)
 */
#include "entry.h"
#include "files.h"
#include "hex.h"

#include <stdlib.h>
#include <string.h>

static bool starts_with(const char *line, size_t len, const char *prefix, size_t *rest)
{
	size_t n = strlen(prefix);
	if (len < n || memcmp(line, prefix, n) != 0)
		return false;
	*rest = n;
	return true;
}

/* bin2hex() output back to bytes; false unless it is whole bytes that fit. */
static bool decode_hex(const char *hex, size_t len, unsigned char *out, size_t *out_len)
{
	if (len == 0 || len % 2 || len / 2 > BINFMT_HEADER_SIZE)
		return false;
	for (size_t i = 0; i < len; i += 2) {
		int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i / 2] = (unsigned char)(hi << 4 | lo);
	}
	*out_len = len / 2;
	return true;
}

static bool copy_text(char *dst, size_t size, const char *src, size_t len)
{
	if (len == 0 || len >= size || memchr(src, '\0', len))
		return false;
	memcpy(dst, src, len);
	dst[len] = '\0';
	return true;
}

static bool parse_flag_letters(const char *text, size_t len, unsigned *flags)
{
	for (size_t i = 0; i < len; i++) {
		switch (text[i]) {
		case 'P':
			*flags |= ENTRY_FLAG_PRESERVE_ARGV0;
			break;
		case 'O':
			*flags |= ENTRY_FLAG_OPEN_BINARY;
			break;
		case 'C':
			*flags |= ENTRY_FLAG_CREDENTIALS | ENTRY_FLAG_OPEN_BINARY;
			break;
		case 'F':
			*flags |= ENTRY_FLAG_FIX_BINARY;
			break;
		default:
			return false;
		}
	}
	return true;
}

static bool parse_offset(const char *text, size_t len, int *offset)
{
	int value = 0;

	if (len == 0 || len > 3)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
		value = value * 10 + (text[i] - '0');
	}
	if (value >= BINFMT_HEADER_SIZE)
		return false;
	*offset = value;
	return true;
}

static int bad(struct text_lines *l, int *bad_line)
{
	if (bad_line)
		*bad_line = l->number;
	return -1;
}

static int parse_magic_lines(struct text_lines *l, const char *line, size_t len,
			     struct binfmt_entry *e, int *bad_line)
{
	size_t rest, mask_len;

	e->type = ENTRY_MAGIC;
	if (!starts_with(line, len, "offset ", &rest) ||
	    !parse_offset(line + rest, len - rest, &e->offset))
		return bad(l, bad_line);
	if (!text_next_line(l, &line, &len) || !starts_with(line, len, "magic ", &rest) ||
	    !decode_hex(line + rest, len - rest, e->magic, &e->size))
		return bad(l, bad_line);
	if ((size_t)e->offset + e->size > BINFMT_HEADER_SIZE)
		return bad(l, bad_line);
	if (!text_next_line(l, &line, &len))
		return 0;
	if (!starts_with(line, len, "mask ", &rest) ||
	    !decode_hex(line + rest, len - rest, e->mask, &mask_len) || mask_len != e->size)
		return bad(l, bad_line);
	e->has_mask = true;
	return 0;
}

int entry_status_parse(const char *name, const char *text, size_t len, struct binfmt_entry *e,
		       int *bad_line)
{
	struct text_lines l;
	const char *line;
	size_t line_len, rest;

	memset(e, 0, sizeof(*e));
	if (bad_line)
		*bad_line = 0;
	if (!copy_text(e->name, sizeof(e->name), name, strlen(name)))
		return -1;
	text_lines_init(&l, text, len);

	if (!text_next_line(&l, &line, &line_len))
		return bad(&l, bad_line);
	if (line_len == 7 && !memcmp(line, "enabled", 7))
		e->enabled = true;
	else if (!(line_len == 8 && !memcmp(line, "disabled", 8)))
		return bad(&l, bad_line);

	if (!text_next_line(&l, &line, &line_len) ||
	    !starts_with(line, line_len, "interpreter ", &rest) ||
	    !copy_text(e->interpreter, sizeof(e->interpreter), line + rest, line_len - rest))
		return bad(&l, bad_line);

	if (!text_next_line(&l, &line, &line_len) ||
	    !starts_with(line, line_len, "flags: ", &rest) ||
	    !parse_flag_letters(line + rest, line_len - rest, &e->flags))
		return bad(&l, bad_line);

	if (!text_next_line(&l, &line, &line_len))
		return bad(&l, bad_line);
	if (starts_with(line, line_len, "extension .", &rest)) {
		e->type = ENTRY_EXTENSION;
		if (!copy_text(e->extension, sizeof(e->extension), line + rest, line_len - rest))
			return bad(&l, bad_line);
	} else if (parse_magic_lines(&l, line, line_len, e, bad_line) < 0) {
		return -1;
	}
	if (text_next_line(&l, &line, &line_len))
		return bad(&l, bad_line);
	return 0;
}

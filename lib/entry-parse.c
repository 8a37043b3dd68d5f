/* SPDX-License-Identifier: MIT */
/*
 * Register-string parser: the rules of create_entry() in Linux
 * fs/binfmt_misc.c, including its quirks, so that what we accept is
 * exactly what the kernel accepts (tests/kernel-diff proves it).
 */
#include "entry.h"
#include "hex.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>

/* create_entry() pads its copy with 8 delimiters so that a missing
 * trailing delimiter still terminates the scans. */
#define PAD 8

struct scan {
	char buf[BINFMT_REGISTER_MAX + PAD + 4]; /* + guard: an escape reads 2 ahead */
	size_t count;				 /* bytes of the real string */
	char del;
	bool strict;
	bool ran_into_pad;	    /* some field was ended by the padding */
	enum entry_field pad_field; /* the first such field */
	struct entry_error *error;
};

static int fail(struct scan *s, enum entry_field field, enum entry_problem problem, size_t pos)
{
	/* A field ended by the padding means a delimiter is missing; that,
	 * not whatever it broke further on, is what the user must fix. */
	if (s->ran_into_pad) {
		field = s->pad_field;
		problem = PROBLEM_MISSING_FIELD;
		pos = s->count;
	}
	s->error->field = field;
	s->error->problem = problem;
	s->error->position = pos < s->count ? pos : s->count;
	return -1;
}

static void note_end(struct scan *s, size_t end, enum entry_field next)
{
	if (end >= s->count && !s->ran_into_pad) {
		s->ran_into_pad = true;
		s->pad_field = next;
	}
}

/* strchr(p, del) on the padded buffer: stops at the delimiter, or at a NUL
 * byte (a NUL delimiter is found before the NUL check, as strchr does). */
static long find_delimiter(const struct scan *s, size_t from)
{
	for (size_t i = from; i < s->count + PAD; i++) {
		if (s->buf[i] == s->del)
			return (long)i;
		if (s->buf[i] == '\0')
			return -1;
	}
	return -1;
}

/* scanarg(): find the end of magic or mask.  Only "\x" is special here,
 * and it must be followed by two hex digits (which may even be the
 * delimiter, if the delimiter is a hex digit).  Returns the delimiter's
 * index, or -1 with *bad_escape at the offending backslash. */
static long scan_argument(const struct scan *s, size_t from, size_t *bad_escape)
{
	size_t i = from;

	while (i < s->count + PAD) {
		char c = s->buf[i++];

		if (c == s->del)
			return (long)(i - 1);
		if (c == '\\' && s->buf[i] == 'x') {
			*bad_escape = i - 1;
			i++;
			if (hex_value(s->buf[i++]) < 0)
				return -1;
			if (hex_value(s->buf[i++]) < 0)
				return -1;
		}
	}
	*bad_escape = s->count;
	return -1;
}

/* string_unescape_inplace(s, UNESCAPE_HEX): "\xH" or "\xHH" becomes one
 * byte, every other backslash stays, and the first NUL ends the text.
 * Returns the decoded length. */
static size_t unescape_hex(char *text)
{
	char *src = text, *out = text;

	while (*src) {
		if (src[0] == '\\' && src[1] != '\0') {
			src++;
			if (src[0] == 'x' && hex_value(src[1]) >= 0) {
				int value = hex_value(src[1]);
				src += 2;
				if (hex_value(src[0]) >= 0)
					value = value * 16 + hex_value(*src++);
				*out++ = (char)value;
				continue;
			}
			*out++ = '\\';
		}
		*out++ = *src++;
	}
	return (size_t)(out - text);
}

/* kstrtoint(text, 10, &v): optional '+' (or '-' for the value 0 only,
 * since negatives are refused after), decimal digits, one optional
 * trailing newline, nothing else; out of int range is an error. */
static bool parse_kernel_int(const char *text, int *value)
{
	bool negative = false;
	unsigned long long result = 0;
	const char *p = text;

	if (*p == '-') {
		negative = true;
		p++;
	} else if (*p == '+') {
		p++;
	}
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (result > (ULLONG_MAX - (unsigned)(*p - '0')) / 10)
			return false;
		result = result * 10 + (unsigned)(*p - '0');
	}
	if (*p == '\n')
		p++;
	if (*p != '\0')
		return false;
	if (result > INT_MAX)
		return false;
	*value = negative ? -(int)result : (int)result;
	return true;
}

static bool has_nul(const char *field, size_t length)
{
	return memchr(field, '\0', length) != NULL;
}

static int parse_magic_fields(struct scan *s, size_t *pos, struct binfmt_entry *e)
{
	size_t bad_escape = 0;
	long end = find_delimiter(s, *pos);

	if (end < 0)
		return fail(s, FIELD_OFFSET, PROBLEM_NUL, *pos);
	note_end(s, (size_t)end, FIELD_MAGIC);
	s->buf[end] = '\0';
	e->offset = 0;
	if ((size_t)end != *pos && (!parse_kernel_int(s->buf + *pos, &e->offset) || e->offset < 0))
		return fail(s, FIELD_OFFSET, PROBLEM_BAD_OFFSET, *pos);

	size_t magic_start = (size_t)end + 1;
	long magic_end = scan_argument(s, magic_start, &bad_escape);
	if (magic_end < 0)
		return fail(s, FIELD_MAGIC, PROBLEM_BAD_ESCAPE, bad_escape);
	note_end(s, (size_t)magic_end, FIELD_MASK);
	s->buf[magic_end] = '\0';
	if (s->buf[magic_start] == '\0')
		return fail(s, FIELD_MAGIC,
			    magic_end > (long)magic_start ? PROBLEM_NUL : PROBLEM_EMPTY,
			    magic_start);

	size_t mask_start = (size_t)magic_end + 1;
	long mask_end = scan_argument(s, mask_start, &bad_escape);
	if (mask_end < 0)
		return fail(s, FIELD_MASK, PROBLEM_BAD_ESCAPE, bad_escape);
	note_end(s, (size_t)mask_end, FIELD_INTERPRETER);
	s->buf[mask_end] = '\0';

	/* The kernel decodes up to the first NUL and ignores the rest. */
	size_t magic_text = (size_t)magic_end - magic_start;
	size_t mask_text = (size_t)mask_end - mask_start;
	if (s->strict && has_nul(s->buf + magic_start, magic_text))
		return fail(
		    s, FIELD_MAGIC, PROBLEM_NUL,
		    (size_t)((char *)memchr(s->buf + magic_start, '\0', magic_text) - s->buf));
	if (s->strict && has_nul(s->buf + mask_start, mask_text))
		return fail(
		    s, FIELD_MASK, PROBLEM_NUL,
		    (size_t)((char *)memchr(s->buf + mask_start, '\0', mask_text) - s->buf));

	e->has_mask = s->buf[mask_start] != '\0';
	size_t size = unescape_hex(s->buf + magic_start);
	if (e->has_mask && unescape_hex(s->buf + mask_start) != size)
		return fail(s, FIELD_MASK, PROBLEM_MASK_LENGTH, mask_start);
	if (size > BINFMT_HEADER_SIZE || BINFMT_HEADER_SIZE - size < (size_t)e->offset)
		return fail(s, FIELD_MAGIC, PROBLEM_BEYOND_HEADER, magic_start);

	e->size = size;
	memcpy(e->magic, s->buf + magic_start, size);
	if (e->has_mask)
		memcpy(e->mask, s->buf + mask_start, size);
	*pos = (size_t)mask_end + 1;
	return 0;
}

static int parse_extension_fields(struct scan *s, size_t *pos, struct binfmt_entry *e)
{
	/* The offset and mask fields of an 'E' entry are skipped unread. */
	long end = find_delimiter(s, *pos);
	if (end < 0)
		return fail(s, FIELD_OFFSET, PROBLEM_NUL, *pos);
	note_end(s, (size_t)end, FIELD_EXTENSION);

	size_t ext_start = (size_t)end + 1;
	end = find_delimiter(s, ext_start);
	if (end < 0)
		return fail(s, FIELD_EXTENSION, PROBLEM_NUL, ext_start);
	note_end(s, (size_t)end, FIELD_MASK);
	s->buf[end] = '\0';
	if (s->buf[ext_start] == '\0')
		return fail(s, FIELD_EXTENSION, PROBLEM_EMPTY, ext_start);
	if (strchr(s->buf + ext_start, '/'))
		return fail(s, FIELD_EXTENSION, PROBLEM_SLASH, ext_start);
	memcpy(e->extension, s->buf + ext_start, (size_t)end - ext_start + 1);

	size_t mask_start = (size_t)end + 1;
	end = find_delimiter(s, mask_start);
	if (end < 0)
		return fail(s, FIELD_MASK, PROBLEM_NUL, mask_start);
	note_end(s, (size_t)end, FIELD_INTERPRETER);
	*pos = (size_t)end + 1;
	return 0;
}

/* check_special_flags(), one optional newline, then the end. */
static int parse_flags(struct scan *s, size_t pos, struct binfmt_entry *e)
{
	size_t start = pos;

	for (; pos < s->count + PAD; pos++) {
		char c = s->buf[pos];
		if (c == 'P')
			e->flags |= ENTRY_FLAG_PRESERVE_ARGV0;
		else if (c == 'O')
			e->flags |= ENTRY_FLAG_OPEN_BINARY;
		else if (c == 'C')
			e->flags |= ENTRY_FLAG_CREDENTIALS | ENTRY_FLAG_OPEN_BINARY;
		else if (c == 'F')
			e->flags |= ENTRY_FLAG_FIX_BINARY;
		else
			break;
	}
	/* The kernel tests for the newline even at the end of the string,
	 * where it reads the padding: a newline delimiter thus always fails
	 * unless the string ends in one more newline. */
	if (s->buf[pos] == '\n')
		pos++;
	if (pos == s->count)
		return 0;
	if (start < s->count && memchr(s->buf + start, s->del, s->count - start))
		return fail(s, FIELD_FLAGS, PROBLEM_EXTRA_FIELD, start);
	if (pos < s->count && s->buf[pos] == '\0')
		return fail(s, FIELD_FLAGS, PROBLEM_NUL, pos);
	return fail(s, FIELD_FLAGS, PROBLEM_BAD_FLAGS, pos);
}

static int parse(const char *text, size_t len, bool strict, struct binfmt_entry *e,
		 struct entry_error *error, unsigned *warnings)
{
	struct scan s;
	struct entry_error ignored;

	memset(e, 0, sizeof(*e));
	memset(&s, 0, sizeof(s));
	s.error = error ? error : &ignored;
	s.error->field = FIELD_WHOLE;
	s.error->problem = PROBLEM_NONE;
	s.error->position = 0;
	if (warnings)
		*warnings = 0;
	s.count = len;
	s.strict = strict;

	if (len < BINFMT_REGISTER_MIN)
		return fail(&s, FIELD_WHOLE, PROBLEM_TOO_SHORT, 0);
	if (len > BINFMT_REGISTER_MAX)
		return fail(&s, FIELD_WHOLE, PROBLEM_TOO_LONG, 0);
	/* A flag letter as delimiter would pad the string with flags that
	 * check_special_flags() reads past the end of the buffer; Linux 6.18
	 * refuses such strings outright (older kernels took a few of them). */
	if (strchr("POCF", text[0]) && text[0] != '\0')
		return fail(&s, FIELD_WHOLE, PROBLEM_BAD_DELIMITER, 0);
	memcpy(s.buf, text, len);
	s.del = s.buf[0];
	memset(s.buf + len, s.del, PAD);

	size_t pos = 1;
	long end = find_delimiter(&s, pos);
	if (end < 0)
		return fail(&s, FIELD_NAME, PROBLEM_NUL, pos);
	note_end(&s, (size_t)end, FIELD_TYPE);
	s.buf[end] = '\0';
	const char *name = s.buf + pos;
	if (name[0] == '\0')
		return fail(&s, FIELD_NAME, PROBLEM_EMPTY, pos);
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return fail(&s, FIELD_NAME, PROBLEM_RESERVED_NAME, pos);
	if (strchr(name, '/'))
		return fail(&s, FIELD_NAME, PROBLEM_SLASH, pos);
	size_t name_len = (size_t)end - pos;
	size_t name_pos = pos;

	pos = (size_t)end + 1;
	char type = s.buf[pos++];
	if (type != 'M' && type != 'E')
		return fail(&s, FIELD_TYPE, PROBLEM_BAD_TYPE, pos - 1);
	if (s.buf[pos++] != s.del)
		return fail(&s, FIELD_TYPE, PROBLEM_BAD_TYPE, pos - 1);
	e->type = type == 'M' ? ENTRY_MAGIC : ENTRY_EXTENSION;

	int r = e->type == ENTRY_MAGIC ? parse_magic_fields(&s, &pos, e)
				       : parse_extension_fields(&s, &pos, e);
	if (r < 0)
		return r;

	size_t interp_start = pos;
	end = find_delimiter(&s, interp_start);
	if (end < 0)
		return fail(&s, FIELD_INTERPRETER, PROBLEM_NUL, interp_start);
	note_end(&s, (size_t)end, FIELD_FLAGS);
	s.buf[end] = '\0';
	if (s.buf[interp_start] == '\0')
		return fail(&s, FIELD_INTERPRETER, PROBLEM_EMPTY, interp_start);

	if (parse_flags(&s, (size_t)end + 1, e) < 0)
		return -1;

	/* bm_register_write() makes the name a dentry after create_entry()
	 * succeeded; lookup_one_len() refuses names over NAME_MAX. */
	if (name_len > BINFMT_NAME_MAX)
		return fail(&s, FIELD_NAME, PROBLEM_NAME_TOO_LONG, name_pos);

	if (s.strict) {
		const char *interpreter = s.buf + interp_start;
		if (strchr(name, '\n'))
			return fail(&s, FIELD_NAME, PROBLEM_NEWLINE, name_pos);
		if (e->type == ENTRY_EXTENSION && strchr(e->extension, '\n'))
			return fail(&s, FIELD_EXTENSION, PROBLEM_NEWLINE, name_pos);
		if (strchr(interpreter, '\n'))
			return fail(&s, FIELD_INTERPRETER, PROBLEM_NEWLINE, interp_start);
	}
	memcpy(e->name, name, name_len + 1);
	memcpy(e->interpreter, s.buf + interp_start, (size_t)end - interp_start + 1);
	e->enabled = true;
	if (warnings)
		*warnings = entry_warnings(e);
	return 0;
}

int entry_parse(const char *text, size_t len, struct binfmt_entry *entry, struct entry_error *error,
		unsigned *warnings)
{
	return parse(text, len, true, entry, error, warnings);
}

int entry_parse_as_kernel(const char *text, size_t len, struct binfmt_entry *entry,
			  struct entry_error *error, unsigned *warnings)
{
	return parse(text, len, false, entry, error, warnings);
}

size_t entry_masked_bits(const struct binfmt_entry *e, size_t *first)
{
	size_t count = 0;

	for (size_t i = 0; e->type == ENTRY_MAGIC && e->has_mask && i < e->size; i++) {
		if (!(e->magic[i] & ~e->mask[i]))
			continue;
		if (!count && first)
			*first = i;
		count++;
	}
	return count;
}

unsigned entry_warnings(const struct binfmt_entry *e)
{
	unsigned warnings = 0;

	if (e->type == ENTRY_MAGIC && (size_t)e->offset + e->size > BINFMT_OLD_HEADER_SIZE)
		warnings |= WARN_BEYOND_OLD_HEADER;
	if (entry_masked_bits(e, NULL))
		warnings |= WARN_MAGIC_BITS_MASKED;
	if (strlen(e->interpreter) >= BINFMT_OLD_HEADER_SIZE)
		warnings |= WARN_LONG_INTERPRETER;
	return warnings;
}

/* SPDX-License-Identifier: MIT */
/* Scheme data read as Guile 3.0's reader (module/ice-9/read.scm) reads
 * them, for what Guix files hold. */
#include "scheme-read.h"

#include "array.h"
#include "quote.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 1000
#define MAX_ITEMS (1 << 20)

struct reader {
	const char *s;
	size_t len, at;
	int line, depth;
	struct scheme_file *f;
	bool oom;
};

__attribute__((format(printf, 3, 4))) static bool fail(struct reader *r, int line, const char *fmt,
						       ...)
{
	va_list ap;

	if (r->f->failed)
		return false;
	r->f->failed = true;
	r->f->problem_line = line;
	va_start(ap, fmt);
	if (vsnprintf(r->f->problem, sizeof(r->f->problem), fmt, ap) < 0)
		snprintf(r->f->problem, sizeof(r->f->problem), "unprintable problem");
	va_end(ap);
	return false;
}

static char peek(const struct reader *r, size_t ahead)
{
	return r->at + ahead < r->len ? r->s[r->at + ahead] : '\0';
}

static bool at_end(const struct reader *r)
{
	return r->at >= r->len;
}

static bool is_delimiter(char c)
{
	return c == '\0' || strchr(" \t\n\r\f()[]\";", c) != NULL;
}

static void datum_free(struct scheme_datum *d)
{
	free(d->bytes);
	for (size_t i = 0; i < d->item_count; i++)
		datum_free(&d->items[i]);
	free(d->items);
}

static bool read_datum(struct reader *r, struct scheme_datum *d);

/* Whitespace and comments, #;DATUM included; false at a broken one. */
static bool skip_blank(struct reader *r)
{
	while (!at_end(r)) {
		char c = peek(r, 0);
		if (c == '\n') {
			r->line++;
			r->at++;
		} else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
			r->at++;
		} else if (c == ';') {
			while (!at_end(r) && peek(r, 0) != '\n')
				r->at++;
		} else if (c == '#' && (peek(r, 1) == '|' || peek(r, 1) == '!')) {
			/* #|...|# nest; #!...!# (a script's header) do not. */
			char mark = peek(r, 1);
			int line = r->line, depth = 1;
			r->at += 2;
			while (depth > 0 && !at_end(r)) {
				if (mark == '|' && peek(r, 0) == '#' && peek(r, 1) == '|')
					depth++, r->at += 2;
				else if (peek(r, 0) == mark && peek(r, 1) == '#')
					depth--, r->at += 2;
				else
					r->line += peek(r, 0) == '\n', r->at++;
			}
			if (depth > 0)
				return fail(r, line, "unterminated comment (#%c without %c#)", mark,
					    mark);
		} else if (c == '#' && peek(r, 1) == ';') {
			struct scheme_datum ignored;
			r->at += 2;
			if (!read_datum(r, &ignored))
				return false;
			datum_free(&ignored);
		} else {
			break;
		}
	}
	return true;
}

static bool add_byte(struct reader *r, struct scheme_datum *d, size_t *capacity, unsigned value)
{
	if (value > 255) {
		d->wide = true;
		value = '?';
	}
	if (!array_grow((void **)&d->bytes, capacity, d->count, 1, SIZE_MAX / 2)) {
		r->oom = true;
		return false;
	}
	d->bytes[d->count++] = (unsigned char)value;
	return true;
}

static int hex_value(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

/* One UTF-8 character of the source: its code point (a bad byte is
 * itself). */
static unsigned source_char(struct reader *r)
{
	unsigned char c = (unsigned char)peek(r, 0);
	int more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
	unsigned value = more ? c & (0x3f >> more) : c;

	r->at++;
	for (int i = 0; i < more && ((unsigned char)peek(r, 0) & 0xc0) == 0x80; i++)
		value = value << 6 | ((unsigned char)peek(r, 0) & 0x3f), r->at++;
	return value;
}

/* After '"'.  Guile's escapes: \\ \" \a \b \f \n \r \t \v \0, \xHH (two
 * hex digits), \uHHHH, \UHHHHHH, and a backslash before a newline, which
 * drops it and the next line's leading blanks. */
static bool read_string(struct reader *r, struct scheme_datum *d)
{
	static const char plain[] = "\\\"abfnrtv0";
	static const char value[] = "\\\"\a\b\f\n\r\t\v";
	size_t capacity = 0;
	int line = r->line;

	for (;;) {
		if (at_end(r))
			return fail(r, line, "unterminated string (\" without its closing \")");
		char c = peek(r, 0);
		if (c == '"') {
			r->at++;
			return true;
		}
		if (c != '\\') {
			r->line += c == '\n';
			if (!add_byte(r, d, &capacity, source_char(r)))
				return false;
			continue;
		}
		char e = peek(r, 1);
		const char *known = e ? strchr(plain, e) : NULL;
		unsigned code = 0;
		r->at += 2;
		if (known) {
			code = (unsigned char)value[known - plain];
		} else if (e == '\n') {
			r->line++;
			while (peek(r, 0) == ' ' || peek(r, 0) == '\t')
				r->at++;
			continue;
		} else if (e == 'x' || e == 'u' || e == 'U') {
			int digits = e == 'x' ? 2 : e == 'u' ? 4 : 6;
			for (int i = 0; i < digits; i++) {
				int h = hex_value(peek(r, 0));
				if (h < 0)
					return fail(r, r->line,
						    "\\%c in a string needs %d hex digits", e,
						    digits);
				code = code * 16 + (unsigned)h;
				r->at++;
			}
		} else {
			if (e > ' ' && e < 0x7f)
				return fail(r, r->line, "unknown escape \\%c in a string", e);
			return fail(r, r->line,
				    "unknown escape in a string: a backslash and byte 0x%02x",
				    (unsigned char)e);
		}
		if (!add_byte(r, d, &capacity, code))
			return false;
	}
}

/* An atom's text: up to a delimiter; |...| quotes. */
static void read_atom(struct reader *r, struct scheme_datum *d)
{
	size_t start = r->at;

	while (!at_end(r) && !is_delimiter(peek(r, 0))) {
		if (peek(r, 0) == '|') {
			r->at++;
			while (!at_end(r) && peek(r, 0) != '|')
				r->line += peek(r, 0) == '\n', r->at++;
		}
		r->at++;
	}
	if (r->at > r->len)
		r->at = r->len;
	d->text = r->s + start;
	d->len = r->at - start;
}

/* An integer, with an optional #x #o #b #d radix; false if it is not
 * one. */
static bool integer(const char *text, size_t len, long long *out)
{
	int radix = 10;
	bool negative = false;
	long long value = 0;
	size_t i = 0;

	if (len >= 2 && text[0] == '#') {
		char c = text[1] | 0x20;
		radix = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : c == 'd' ? 10 : 0;
		if (!radix)
			return false;
		i = 2;
	}
	if (i < len && (text[i] == '-' || text[i] == '+'))
		negative = text[i++] == '-';
	if (i == len)
		return false;
	for (; i < len; i++) {
		int h = hex_value(text[i]);
		if (h < 0 || h >= radix || value > (LLONG_MAX - h) / radix)
			return false;
		value = value * radix + h;
	}
	*out = negative ? -value : value;
	return true;
}

/* Items up to the closing bracket; a "." before the last makes no
 * difference here. */
static bool read_items(struct reader *r, struct scheme_datum *d, char close, int line)
{
	size_t capacity = 0;

	d->kind = SCHEME_LIST;
	if (++r->depth > MAX_DEPTH)
		return fail(r, line, "nested more than %d deep", MAX_DEPTH);
	for (;;) {
		if (!skip_blank(r))
			return false;
		if (at_end(r))
			return fail(r, line, "'%c' opened here is not closed",
				    close == ')' ? '(' : '[');
		char c = peek(r, 0);
		if (c == ')' || c == ']') {
			if (c != close)
				return fail(r, r->line, "'%c' closes the '%c' opened on line %d", c,
					    close == ')' ? '(' : '[', line);
			r->at++;
			r->depth--;
			return true;
		}
		if (!array_grow((void **)&d->items, &capacity, d->item_count, sizeof(*d->items),
				MAX_ITEMS)) {
			r->oom = true;
			return false;
		}
		if (!read_datum(r, &d->items[d->item_count])) {
			datum_free(&d->items[d->item_count]);
			return false;
		}
		d->item_count++;
	}
}

/* A prefix (' ` , ,@ #~ #$ ...) and its datum, as (NAME DATUM). */
static bool read_prefixed(struct reader *r, struct scheme_datum *d, size_t width, const char *name)
{
	d->kind = SCHEME_LIST;
	d->items = calloc(2, sizeof(*d->items));
	if (!d->items) {
		r->oom = true;
		return false;
	}
	d->items[0].kind = SCHEME_SYMBOL;
	d->items[0].line = r->line;
	d->items[0].text = name;
	d->items[0].len = strlen(name);
	d->item_count = 1;
	r->at += width;
	if (!read_datum(r, &d->items[1])) {
		datum_free(&d->items[1]);
		return false;
	}
	d->item_count = 2;
	return true;
}

static bool read_hash(struct reader *r, struct scheme_datum *d)
{
	char c = peek(r, 1);

	if (c == 'u' && peek(r, 2) == '8' && peek(r, 3) == '(') {
		struct scheme_datum list;
		size_t capacity = 0;
		int line = r->line;
		r->at += 4;
		memset(&list, 0, sizeof(list));
		bool ok = read_items(r, &list, ')', line);
		for (size_t i = 0; ok && i < list.item_count; i++) {
			const struct scheme_datum *item = &list.items[i];
			if (item->kind != SCHEME_INTEGER || item->number < 0 ||
			    item->number > 255) {
				char quoted[48];
				quote_bytes(quoted, sizeof(quoted), item->text,
					    item->len > 40 ? 40 : item->len);
				ok = fail(r, item->line,
					  "#u8(...) holds %s, which is no byte (0 to 255)", quoted);
			} else {
				ok = add_byte(r, d, &capacity, (unsigned)item->number);
			}
		}
		datum_free(&list);
		d->kind = SCHEME_BYTEVECTOR;
		return ok;
	}
	if (c == '(') {
		r->at += 2;
		bool ok = read_items(r, d, ')', d->line);
		d->kind = SCHEME_OTHER; /* a vector */
		return ok;
	}
	if (c == '\\') {
		/* A character: #\a, #\(, #\space, #\x41. */
		size_t start = r->at;
		r->at += 2;
		if (!at_end(r))
			source_char(r);
		while (!at_end(r) && !is_delimiter(peek(r, 0)))
			r->at++;
		d->kind = SCHEME_OTHER;
		d->text = r->s + start;
		d->len = r->at - start;
		return true;
	}
	if (c == '~' || c == '+' || c == '\'' || c == '`')
		return read_prefixed(r, d, 2,
				     c == '~'	 ? "gexp"
				     : c == '+'	 ? "ungexp-native"
				     : c == '\'' ? "syntax"
						 : "quasisyntax");
	if (c == '$')
		return peek(r, 2) == '@' ? read_prefixed(r, d, 3, "ungexp-splicing")
					 : read_prefixed(r, d, 2, "ungexp");
	if (c == ',')
		return peek(r, 2) == '@' ? read_prefixed(r, d, 3, "unsyntax-splicing")
					 : read_prefixed(r, d, 2, "unsyntax");
	read_atom(r, d);
	if (integer(d->text, d->len, &d->number)) {
		d->kind = SCHEME_INTEGER;
	} else if ((d->len == 2 && (d->text[1] == 't' || d->text[1] == 'f')) ||
		   (d->len == 5 && !memcmp(d->text, "#true", 5)) ||
		   (d->len == 6 && !memcmp(d->text, "#false", 6))) {
		d->kind = SCHEME_BOOLEAN;
		d->truth = d->text[1] == 't';
	} else {
		d->kind = SCHEME_OTHER; /* #:keyword, #nil, #e1.5 ... */
	}
	return true;
}

static bool read_one(struct reader *r, struct scheme_datum *d);

/* One datum, its text the whole of it in the source. */
static bool read_datum(struct reader *r, struct scheme_datum *d)
{
	bool ok = read_one(r, d);

	if (ok && d->text && r->s + r->at >= d->text)
		d->len = (size_t)(r->s + r->at - d->text);
	return ok;
}

static bool read_one(struct reader *r, struct scheme_datum *d)
{
	memset(d, 0, sizeof(*d));
	if (!skip_blank(r))
		return false;
	d->line = r->line;
	d->text = r->s + r->at;
	if (at_end(r))
		return fail(r, r->line, "the file ends where a datum should follow");
	char c = peek(r, 0);
	switch (c) {
	case '(':
	case '[':
		r->at++;
		return read_items(r, d, c == '(' ? ')' : ']', d->line);
	case ')':
	case ']':
		return fail(r, r->line, "'%c' closes nothing", c);
	case '"':
		r->at++;
		d->kind = SCHEME_STRING;
		return read_string(r, d);
	case '\'':
		return read_prefixed(r, d, 1, "quote");
	case '`':
		return read_prefixed(r, d, 1, "quasiquote");
	case ',':
		return peek(r, 1) == '@' ? read_prefixed(r, d, 2, "unquote-splicing")
					 : read_prefixed(r, d, 1, "unquote");
	case '#':
		return read_hash(r, d);
	}
	read_atom(r, d);
	d->kind = integer(d->text, d->len, &d->number) ? SCHEME_INTEGER : SCHEME_SYMBOL;
	return true;
}

int scheme_read(const char *text, size_t len, struct scheme_file *f)
{
	struct reader r = {.s = text, .len = len, .line = 1, .f = f};
	size_t capacity = 0;

	memset(f, 0, sizeof(*f));
	while (!r.oom && skip_blank(&r) && !at_end(&r)) {
		if (!array_grow((void **)&f->forms, &capacity, f->count, sizeof(*f->forms),
				MAX_ITEMS)) {
			r.oom = true;
			break;
		}
		if (!read_datum(&r, &f->forms[f->count])) {
			datum_free(&f->forms[f->count]);
			break;
		}
		f->count++;
	}
	if (r.oom) {
		scheme_file_free(f);
		return -ENOMEM;
	}
	return 0;
}

void scheme_file_free(struct scheme_file *f)
{
	for (size_t i = 0; i < f->count; i++)
		datum_free(&f->forms[i]);
	free(f->forms);
	memset(f, 0, sizeof(*f));
}

bool scheme_is_symbol(const struct scheme_datum *d, const char *name)
{
	return d && d->kind == SCHEME_SYMBOL && d->len == strlen(name) &&
	       !memcmp(d->text, name, d->len);
}

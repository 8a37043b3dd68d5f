/* SPDX-License-Identifier: MIT */
#include "podman-toml-lex.h"

#include "utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool toml_failed(struct toml_reader *r, const char *fmt, ...)
{
	va_list ap;

	if (r->err->message[0])
		return false; /* the first error is the one to report */
	r->err->line = r->line;
	va_start(ap, fmt);
	vsnprintf(r->err->message, sizeof(r->err->message), fmt, ap);
	va_end(ap);
	return false;
}

bool toml_put(struct toml_buffer *b, const char *bytes, size_t n)
{
	if (b->len + n + 1 > b->size) {
		size_t size = b->size ? b->size * 2 : 64;
		while (size < b->len + n + 1)
			size *= 2;
		char *data = realloc(b->data, size);
		if (!data)
			return false;
		b->data = data;
		b->size = size;
	}
	memcpy(b->data + b->len, bytes, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

bool toml_at(const struct toml_reader *r, const char *text)
{
	size_t n = strlen(text);
	return (size_t)(r->end - r->p) >= n && !memcmp(r->p, text, n);
}

void toml_skip_blanks(struct toml_reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t'))
		r->p++;
}

bool toml_newline(struct toml_reader *r)
{
	if (toml_at(r, "\n") || toml_at(r, "\r\n")) {
		r->p += *r->p == '\r' ? 2 : 1;
		r->line++;
		return true;
	}
	return false;
}

/* Control characters other than tab are allowed nowhere in TOML but as
 * escapes; bytes above ASCII must be UTF-8.  The length of the valid
 * character at p, or 0. */
static size_t text_char(struct toml_reader *r)
{
	unsigned char c = (unsigned char)*r->p;

	if (c == '\t' || (c >= 0x20 && c < 0x7f))
		return 1;
	if (c < 0x80) {
		toml_failed(r, "control character 0x%02x", c);
		return 0;
	}
	size_t n = utf8_sequence_length((const unsigned char *)r->p, (size_t)(r->end - r->p));
	if (!n)
		toml_failed(r, "not UTF-8");
	return n;
}

static bool skip_comment(struct toml_reader *r)
{
	if (r->p >= r->end || *r->p != '#')
		return true;
	for (r->p++; r->p < r->end && *r->p != '\n' && !toml_at(r, "\r\n");) {
		size_t n = text_char(r);
		if (!n)
			return false;
		r->p += n;
	}
	return true;
}

bool toml_end_of_line(struct toml_reader *r)
{
	toml_skip_blanks(r);
	if (!skip_comment(r))
		return false;
	if (r->p < r->end && !toml_newline(r))
		return toml_failed(r, "expected the end of the line");
	return true;
}

bool toml_skip_space(struct toml_reader *r)
{
	for (;;) {
		toml_skip_blanks(r);
		if (!skip_comment(r))
			return false;
		if (!toml_newline(r))
			return true;
	}
}

static bool put_code_point(struct toml_reader *r, struct toml_buffer *b, uint32_t c)
{
	char out[4];
	size_t n;

	if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return toml_failed(r, "\\u escape of U+%04X, which is no Unicode scalar value", c);
	if (c < 0x80) {
		out[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		out[0] = (char)(0xc0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		out[0] = (char)(0xe0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3f));
		out[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		out[0] = (char)(0xf0 | c >> 18);
		out[1] = (char)(0x80 | (c >> 12 & 0x3f));
		out[2] = (char)(0x80 | (c >> 6 & 0x3f));
		out[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	return toml_put(b, out, n) || toml_failed(r, "out of memory");
}

/* After a backslash in a basic string. */
static bool escape(struct toml_reader *r, struct toml_buffer *b)
{
	static const char from[] = "btnfr\"\\", to[] = "\b\t\n\f\r\"\\";
	char c = r->p < r->end ? *r->p : '\0';
	const char *known = c ? strchr(from, c) : NULL;

	if (known) {
		r->p++;
		return toml_put(b, &to[known - from], 1) || toml_failed(r, "out of memory");
	}
	if (c != 'u' && c != 'U')
		return toml_failed(r, "unknown escape \\%c", c >= 0x20 && c < 0x7f ? c : '?');
	int digits = c == 'u' ? 4 : 8;
	uint32_t code = 0;
	r->p++;
	for (int i = 0; i < digits; i++, r->p++) {
		char h = r->p < r->end ? *r->p : '\0';
		int v = h >= '0' && h <= '9'   ? h - '0'
			: h >= 'a' && h <= 'f' ? h - 'a' + 10
			: h >= 'A' && h <= 'F' ? h - 'A' + 10
					       : -1;
		if (v < 0)
			return toml_failed(r, "\\%c escape needs %d hex digits", c, digits);
		code = code << 4 | (uint32_t)v;
	}
	return put_code_point(r, b, code);
}

/* After a backslash in a multi-line basic string: when only blanks are
 * left on the line, the newline and every blank and newline after it go
 * (TOML's "line ending backslash").  Whether it was one. */
static bool line_ending_backslash(struct toml_reader *r)
{
	const char *q = r->p;

	while (q < r->end && (*q == ' ' || *q == '\t'))
		q++;
	if (q >= r->end || (*q != '\n' && !(*q == '\r' && q + 1 < r->end && q[1] == '\n')))
		return false;
	r->p = q;
	while (r->p < r->end) {
		if (*r->p == ' ' || *r->p == '\t')
			r->p++;
		else if (!toml_newline(r))
			break;
	}
	return true;
}

bool toml_string(struct toml_reader *r, struct toml_buffer *b)
{
	char quote = *r->p;
	bool basic = quote == '"';
	bool multi = toml_at(r, basic ? "\"\"\"" : "'''");

	r->p += multi ? 3 : 1;
	/* A newline right after the opening delimiter is trimmed. */
	if (multi)
		toml_newline(r);
	for (;;) {
		if (r->p >= r->end)
			return toml_failed(r, "a string that does not end");
		if (*r->p == quote) {
			size_t run = 0;
			while (r->p + run < r->end && r->p[run] == quote)
				run++;
			if (!multi) {
				r->p++;
				return true;
			}
			if (run >= 3) {
				/* Up to two quotes may end the content itself. */
				if (run > 5)
					return toml_failed(
					    r, "too many quotes closing a multi-line string");
				if (!toml_put(b, r->p, run - 3))
					return toml_failed(r, "out of memory");
				r->p += run;
				return true;
			}
			if (!toml_put(b, r->p, run))
				return toml_failed(r, "out of memory");
			r->p += run;
			continue;
		}
		if (*r->p == '\n' || *r->p == '\r') {
			if (!multi)
				return toml_failed(r, "a newline in a one-line string");
			if (!toml_newline(r))
				return toml_failed(r, "a carriage return without a line feed");
			if (!toml_put(b, "\n", 1))
				return toml_failed(r, "out of memory");
			continue;
		}
		if (basic && *r->p == '\\') {
			r->p++;
			if (multi && line_ending_backslash(r))
				continue;
			if (!escape(r, b))
				return false;
			continue;
		}
		size_t n = text_char(r);
		if (!n)
			return false;
		if (!toml_put(b, r->p, n))
			return toml_failed(r, "out of memory");
		r->p += n;
	}
}

bool toml_bare_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

bool toml_word(struct toml_reader *r, char **text, size_t *len_out)
{
	const char *start = r->p;

	for (;;) {
		while (r->p < r->end &&
		       (toml_bare_key_char(*r->p) || *r->p == '+' || *r->p == '.' || *r->p == ':'))
			r->p++;
		if (r->p - start == 10 && start[4] == '-' && start[7] == '-' && r->p + 1 < r->end &&
		    *r->p == ' ' && r->p[1] >= '0' && r->p[1] <= '9') {
			r->p++;
			continue;
		}
		break;
	}
	size_t len = (size_t)(r->p - start);
	bool number_like =
	    len > 0 && ((*start >= '0' && *start <= '9') || *start == '+' || *start == '-' ||
			(len == 3 && (!memcmp(start, "inf", 3) || !memcmp(start, "nan", 3))));
	if (!number_like)
		return toml_failed(r, "expected a value");
	*text = strndup(start, len);
	*len_out = len;
	return *text || toml_failed(r, "out of memory");
}

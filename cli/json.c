/* SPDX-License-Identifier: MIT */
#include "json.h"

#include "utf8.h"

#include <string.h>

void json_start(struct json *j, FILE *out)
{
	j->out = out;
	j->depth = 0;
	j->has_items[0] = false;
	j->after_key = false;
	j->indent = false;
}

void json_start_indented(struct json *j, FILE *out)
{
	json_start(j, out);
	j->indent = true;
}

void json_finish(struct json *j)
{
	fputc('\n', j->out);
}

/* A new line, indented for `level`, in the indented layout. */
static void new_line(struct json *j, unsigned level)
{
	if (!j->indent)
		return;
	fputc('\n', j->out);
	for (unsigned i = 0; i < level; i++)
		fputs("  ", j->out);
}

/* Before a value or key: the comma that separates it from the last one
 * (and, indented, the line it starts). */
static void item(struct json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->has_items[j->depth])
		fputc(',', j->out);
	j->has_items[j->depth] = true;
	if (j->depth > 0)
		new_line(j, j->depth);
}

static void open(struct json *j, char bracket)
{
	item(j);
	fputc(bracket, j->out);
	/* Deeper than any output of ours nests: keep writing, flat. */
	if (j->depth + 1 < JSON_MAX_DEPTH)
		j->depth++;
	j->has_items[j->depth] = false;
}

static void close(struct json *j, char bracket)
{
	/* Indented, a closing bracket goes on a line of its own, but that
	 * of an empty array or object ([] and {}). */
	if (j->has_items[j->depth] && j->depth > 0)
		new_line(j, j->depth - 1);
	fputc(bracket, j->out);
	if (j->depth > 0)
		j->depth--;
}

void json_object_open(struct json *j)
{
	open(j, '{');
}

void json_object_close(struct json *j)
{
	close(j, '}');
}

void json_array_open(struct json *j)
{
	open(j, '[');
}

void json_array_close(struct json *j)
{
	close(j, ']');
}

static void put_string(FILE *out, const char *text, size_t len)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;

	fputc('"', out);
	while (p < end) {
		size_t n = utf8_sequence_length(p, (size_t)(end - p));
		if (n == 0) {
			fputs("\\ufffd", out); /* not UTF-8: U+FFFD REPLACEMENT CHARACTER */
			p++;
			continue;
		}
		if (n > 1) {
			fwrite(p, 1, n, out);
			p += n;
			continue;
		}
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", out);
		else if (*p == '\t')
			fputs("\\t", out);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else
			fputc(*p, out);
		p++;
	}
	fputc('"', out);
}

void json_key(struct json *j, const char *key)
{
	item(j);
	put_string(j->out, key, strlen(key));
	fputs(j->indent ? ": " : ":", j->out);
	j->after_key = true;
}

void json_string(struct json *j, const char *text)
{
	if (!text) {
		json_null(j);
		return;
	}
	json_string_bytes(j, text, strlen(text));
}

void json_string_bytes(struct json *j, const char *text, size_t len)
{
	item(j);
	put_string(j->out, text, len);
}

void json_bool(struct json *j, bool value)
{
	item(j);
	fputs(value ? "true" : "false", j->out);
}

void json_int(struct json *j, long long value)
{
	item(j);
	fprintf(j->out, "%lld", value);
}

void json_null(struct json *j)
{
	item(j);
	fputs("null", j->out);
}

void json_hex(struct json *j, const unsigned char *bytes, size_t len)
{
	item(j);
	fputc('"', j->out);
	for (size_t i = 0; i < len; i++)
		fprintf(j->out, "%02x", bytes[i]);
	fputc('"', j->out);
}

void json_field_string(struct json *j, const char *key, const char *text)
{
	json_key(j, key);
	json_string(j, text);
}

void json_field_bool(struct json *j, const char *key, bool value)
{
	json_key(j, key);
	json_bool(j, value);
}

void json_field_int(struct json *j, const char *key, long long value)
{
	json_key(j, key);
	json_int(j, value);
}

/* SPDX-License-Identifier: MIT */
/*
 * The one JSON writer of both programs' --json output.  It places the
 * commas and quotes, so no command writes JSON punctuation by hand, and
 * every string it writes is valid UTF-8: names and paths come from users
 * and the kernel as arbitrary bytes, and a byte that is not part of a
 * valid UTF-8 sequence becomes U+FFFD (the text form of the same output
 * shows such bytes as \xHH).
 */
#ifndef QBINFMT_JSON_H
#define QBINFMT_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 16

struct json {
	FILE *out;
	unsigned depth;
	bool has_items[JSON_MAX_DEPTH]; /* a comma goes before the next item */
	bool after_key;			/* the next value follows "key": */
	bool indent;			/* one item a line, as json_start_indented() */
};

void json_start(struct json *j, FILE *out);
/* The same, laid out as Go's encoding/json MarshalIndent(v, "", "  ")
 * lays it out (one item a line, two spaces a level, "key": value; empty
 * arrays and objects as [] and {}): for output that must read as another
 * program's, byte for byte (qbinfmt image). */
void json_start_indented(struct json *j, FILE *out);
/* The closing newline; every object and array must be closed. */
void json_finish(struct json *j);

void json_object_open(struct json *j);
void json_object_close(struct json *j);
void json_array_open(struct json *j);
void json_array_close(struct json *j);

/* The key of the next value, inside an object. */
void json_key(struct json *j, const char *key);

void json_string(struct json *j, const char *text); /* NULL writes null */
void json_string_bytes(struct json *j, const char *text, size_t len);
void json_bool(struct json *j, bool value);
void json_int(struct json *j, long long value);
void json_null(struct json *j);
/* Bytes as a string of lowercase hex digits. */
void json_hex(struct json *j, const unsigned char *bytes, size_t len);

/* "key": value in one call. */
void json_field_string(struct json *j, const char *key, const char *text);
void json_field_bool(struct json *j, const char *key, bool value);
void json_field_int(struct json *j, const char *key, long long value);

#endif

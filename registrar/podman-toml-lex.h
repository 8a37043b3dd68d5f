/* SPDX-License-Identifier: MIT */
/*
 * The characters of TOML, for registrar/podman-toml.c alone: blanks,
 * newlines, comments, strings in both quotings with their escapes, the
 * words numbers and dates are written in.  Every function advances r->p
 * past what it read, and returns false after toml_failed() said why.
 */
#ifndef QBINFMT_PODMAN_TOML_LEX_H
#define QBINFMT_PODMAN_TOML_LEX_H

#include "podman-toml.h"

#include <stdbool.h>
#include <stddef.h>

struct toml_reader {
	const char *p, *end;
	int line;
	size_t nodes;
	struct toml_node *current; /* the table key/value pairs go to */
	struct toml_error *err;
};

struct toml_buffer {
	char *data;
	size_t len, size;
};

/* The first failure, with its line, into r->err; false, for `return`. */
__attribute__((format(printf, 2, 3))) bool toml_failed(struct toml_reader *r, const char *fmt, ...);

/* Append n bytes (and keep a NUL after them).  false: out of memory. */
bool toml_put(struct toml_buffer *b, const char *bytes, size_t n);

/* Does the text at r->p start with text? */
bool toml_at(const struct toml_reader *r, const char *text);

/* Spaces and tabs. */
void toml_skip_blanks(struct toml_reader *r);

/* A newline (LF or CRLF) here: consumed and counted. */
bool toml_newline(struct toml_reader *r);

/* After a key/value pair or a header: blanks, a comment, the line's end. */
bool toml_end_of_line(struct toml_reader *r);

/* Inside an array: blanks, comments and newlines alike. */
bool toml_skip_space(struct toml_reader *r);

/* A string of either quoting, one-line or multi-line, at r->p: its value
 * into b. */
bool toml_string(struct toml_reader *r, struct toml_buffer *b);

/* A character of a bare key: A-Z a-z 0-9 _ -. */
bool toml_bare_key_char(char c);

/* A number, a date, a time, or both (joined by one space), as written:
 * its characters into *text (malloc'd), *len. */
bool toml_word(struct toml_reader *r, char **text, size_t *len);

#endif

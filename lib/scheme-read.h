/* SPDX-License-Identifier: MIT */
/*
 * Scheme data as Guile's reader reads a Guix configuration or module:
 * lists, strings with Guile's escapes, symbols, integers, booleans,
 * bytevectors (#u8(...)), the prefixes ' ` , ,@ #~ #$ #$@ #+ as two-item
 * lists, comments (;, #|...|#, #;DATUM, #!...!#).  Nothing is evaluated.
 */
#ifndef QBINFMT_SCHEME_READ_H
#define QBINFMT_SCHEME_READ_H

#include <stdbool.h>
#include <stddef.h>

enum scheme_kind {
	SCHEME_LIST,
	SCHEME_STRING,
	SCHEME_SYMBOL,
	SCHEME_INTEGER,
	SCHEME_BOOLEAN,
	SCHEME_BYTEVECTOR,
	SCHEME_OTHER, /* characters, keywords, other numbers, vectors */
};

struct scheme_datum {
	enum scheme_kind kind;
	int line;
	const char *text; /* in the source; a symbol's name */
	size_t len;
	/* SCHEME_STRING: its characters, each one byte (char->integer below
	 * 256; `wide` when one is not); SCHEME_BYTEVECTOR: its bytes. */
	unsigned char *bytes;
	size_t count;
	bool wide;
	long long number;	    /* SCHEME_INTEGER */
	bool truth;		    /* SCHEME_BOOLEAN */
	struct scheme_datum *items; /* SCHEME_LIST */
	size_t item_count;
};

struct scheme_file {
	struct scheme_datum *forms; /* the top-level data, in order */
	size_t count;
	/* The first thing the reader could not read; the data before it
	 * are kept. */
	bool failed;
	int problem_line;
	char problem[160];
};

/* 0, or -ENOMEM. */
int scheme_read(const char *text, size_t len, struct scheme_file *file);
void scheme_file_free(struct scheme_file *file);

/* Is `d` a symbol named `name`? */
bool scheme_is_symbol(const struct scheme_datum *d, const char *name);

#endif

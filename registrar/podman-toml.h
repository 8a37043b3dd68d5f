/* SPDX-License-Identifier: MIT */
/*
 * TOML 1.0 (toml.io), read whole into a tree: the language containers.conf
 * is written in, read as podman reads it (containers/common decodes it with
 * BurntSushi/toml).  Every construct is recognised (both quotings of
 * strings with their escapes, multi-line strings, comments, arrays over
 * several lines, inline tables, [tables] and [[arrays of tables]] with the
 * rules on defining a table twice), so that a comment, or a string holding
 * "[engine]", is never taken for anything else.  Numbers and dates, which
 * qbinfmt has no use for, are kept as written, recognised by their
 * characters rather than checked digit by digit.  A document that is not
 * TOML is refused with its line: podman refuses it too.
 */
#ifndef QBINFMT_PODMAN_TOML_H
#define QBINFMT_PODMAN_TOML_H

#include <stdbool.h>
#include <stddef.h>

/* Caps: a containers.conf holds a few hundred values. */
#define TOML_MAX_NODES 20000
#define TOML_MAX_DEPTH 32 /* arrays and inline tables within each other, dotted key parts */

enum toml_kind {
	TOML_TABLE,
	TOML_ARRAY,
	TOML_STRING,
	TOML_BOOL,
	TOML_OTHER, /* a number, a date or a time, as written */
};

struct toml_node {
	enum toml_kind kind;
	char *key;  /* its key in the table holding it; NULL for an array's item */
	char *text; /* TOML_STRING: the value (len bytes, NUL-terminated); TOML_OTHER: as written */
	size_t len;
	bool boolean;
	int line;		  /* where it was defined */
	unsigned flags;		  /* the reader's: how a table or array came to be */
	struct toml_node **items; /* a table's values, an array's items, in order */
	size_t count, capacity;
};

struct toml_error {
	int line;
	char message[160];
};

/* The document's root table, to toml_free(); or NULL with err (line and
 * what is wrong there). */
struct toml_node *toml_parse(const char *text, size_t len, struct toml_error *err);
void toml_free(struct toml_node *node);

/* The value of key in table (NULL when absent, or table is no table). */
const struct toml_node *toml_get(const struct toml_node *table, const char *key);

#endif

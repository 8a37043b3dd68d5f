/* SPDX-License-Identifier: MIT */
#include "podman-toml.h"

#include "podman-toml-lex.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How a table came to be, which decides what may add to it later (TOML
 * 1.0, "Table": a table is defined once, by a header or by dotted keys;
 * an inline table is complete as written). */
enum {
	TABLE_IMPLICIT = 1, /* the parent of a [header]'s table: may be defined later */
	TABLE_HEADER = 2,   /* defined by [header] */
	TABLE_DOTTED = 4,   /* defined by dotted keys (a.b = 1) */
	TABLE_FROZEN = 8,   /* an inline table, or inside one */
	ARRAY_OF_TABLES = 16,
};

static struct toml_node *node_new(struct toml_reader *r, enum toml_kind kind)
{
	if (++r->nodes > TOML_MAX_NODES) {
		toml_failed(r, "more than %d values: too large for a configuration file",
			    TOML_MAX_NODES);
		return NULL;
	}
	struct toml_node *n = calloc(1, sizeof(*n));
	if (!n) {
		toml_failed(r, "out of memory");
		return NULL;
	}
	n->kind = kind;
	n->line = r->line;
	return n;
}

void toml_free(struct toml_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->count; i++)
		toml_free(n->items[i]);
	free(n->items);
	free(n->key);
	free(n->text);
	free(n);
}

static bool node_add(struct toml_reader *r, struct toml_node *parent, struct toml_node *child)
{
	if (parent->count == parent->capacity) {
		size_t capacity = parent->capacity ? parent->capacity * 2 : 8;
		struct toml_node **items = realloc(parent->items, capacity * sizeof(*items));
		if (!items) {
			toml_free(child);
			return toml_failed(r, "out of memory");
		}
		parent->items = items;
		parent->capacity = capacity;
	}
	parent->items[parent->count++] = child;
	return true;
}

const struct toml_node *toml_get(const struct toml_node *table, const char *key)
{
	if (!table || table->kind != TOML_TABLE)
		return NULL;
	for (size_t i = 0; i < table->count; i++)
		if (!strcmp(table->items[i]->key, key))
			return table->items[i];
	return NULL;
}

struct key {
	char *parts[TOML_MAX_DEPTH];
	size_t count;
};

static void key_free(struct key *k)
{
	for (size_t i = 0; i < k->count; i++)
		free(k->parts[i]);
	k->count = 0;
}

/* A key, dotted or not: its parts (bare or quoted, decoded). */
static bool key(struct toml_reader *r, struct key *k)
{
	k->count = 0;
	for (;;) {
		struct toml_buffer b = {NULL, 0, 0};
		toml_skip_blanks(r);
		if (r->p < r->end && (*r->p == '"' || *r->p == '\'')) {
			if (toml_at(r, "\"\"\"") || toml_at(r, "'''")) {
				key_free(k);
				return toml_failed(r, "a multi-line string as a key");
			}
			if (!toml_string(r, &b) || !toml_put(&b, "", 0)) {
				free(b.data);
				key_free(k);
				return toml_failed(r, "out of memory");
			}
			if (strlen(b.data) != b.len) {
				free(b.data);
				key_free(k);
				return toml_failed(r, "a key holding NUL");
			}
		} else {
			const char *start = r->p;
			while (r->p < r->end && toml_bare_key_char(*r->p))
				r->p++;
			if (r->p == start) {
				key_free(k);
				return toml_failed(r, "expected a key");
			}
			if (!toml_put(&b, start, (size_t)(r->p - start))) {
				key_free(k);
				return toml_failed(r, "out of memory");
			}
		}
		if (k->count == TOML_MAX_DEPTH) {
			free(b.data);
			key_free(k);
			return toml_failed(r, "a key of more than %d parts", TOML_MAX_DEPTH);
		}
		k->parts[k->count++] = b.data;
		toml_skip_blanks(r);
		if (r->p >= r->end || *r->p != '.')
			return true;
		r->p++;
	}
}

static struct toml_node *find(struct toml_node *table, const char *name)
{
	return (struct toml_node *)toml_get(table, name);
}

static struct toml_node *table_new(struct toml_reader *r, struct toml_node *parent,
				   const char *name, unsigned flags)
{
	struct toml_node *t = node_new(r, TOML_TABLE);

	if (!t)
		return NULL;
	t->flags = flags;
	t->key = strdup(name);
	if (!t->key) {
		toml_free(t);
		toml_failed(r, "out of memory");
		return NULL;
	}
	return node_add(r, parent, t) ? t : NULL;
}

static bool value(struct toml_reader *r, struct toml_node **out, int depth);

/* key = value into table: dotted keys make (or go through) tables of
 * their own, never one a header defined or an inline table closed. */
static bool key_value(struct toml_reader *r, struct toml_node *table, int depth)
{
	struct key k;
	struct toml_node *v;

	if (!key(r, &k))
		return false;
	for (size_t i = 0; i + 1 < k.count; i++) {
		struct toml_node *next = find(table, k.parts[i]);
		if (!next)
			next = table_new(r, table, k.parts[i], TABLE_DOTTED);
		else if (next->kind != TOML_TABLE || (next->flags & (TABLE_HEADER | TABLE_FROZEN)))
			next = (toml_failed(r, "\"%s\" is defined already", k.parts[i]), NULL);
		else
			next->flags = (next->flags & ~TABLE_IMPLICIT) | TABLE_DOTTED;
		if (!next) {
			key_free(&k);
			return false;
		}
		table = next;
	}
	const char *last = k.parts[k.count - 1];
	if (find(table, last)) {
		toml_failed(r, "\"%s\" is defined twice", last);
		key_free(&k);
		return false;
	}
	toml_skip_blanks(r);
	if (r->p >= r->end || *r->p != '=') {
		key_free(&k);
		return toml_failed(r, "expected = after the key");
	}
	r->p++;
	toml_skip_blanks(r);
	if (!value(r, &v, depth)) {
		key_free(&k);
		return false;
	}
	v->key = k.parts[k.count - 1];
	k.count--;
	key_free(&k);
	return node_add(r, table, v);
}

static void freeze(struct toml_node *n)
{
	if (n->kind == TOML_TABLE)
		n->flags |= TABLE_FROZEN;
	for (size_t i = 0; i < n->count; i++)
		freeze(n->items[i]);
}

static bool inline_table(struct toml_reader *r, struct toml_node *t, int depth)
{
	r->p++;
	toml_skip_blanks(r);
	if (r->p < r->end && *r->p == '}') {
		r->p++;
		freeze(t);
		return true;
	}
	for (;;) {
		if (!key_value(r, t, depth))
			return false;
		toml_skip_blanks(r);
		if (r->p < r->end && *r->p == '}') {
			r->p++;
			freeze(t);
			return true;
		}
		if (r->p >= r->end || *r->p != ',')
			return toml_failed(r, "expected , or } in an inline table");
		r->p++;
	}
}

static bool array(struct toml_reader *r, struct toml_node *a, int depth)
{
	r->p++;
	for (;;) {
		struct toml_node *item;
		if (!toml_skip_space(r))
			return false;
		if (r->p < r->end && *r->p == ']') {
			r->p++;
			return true;
		}
		if (!value(r, &item, depth) || !node_add(r, a, item))
			return false;
		if (!toml_skip_space(r))
			return false;
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p >= r->end || *r->p != ']')
			return toml_failed(r, "expected , or ] in an array");
	}
}

static bool value(struct toml_reader *r, struct toml_node **out, int depth)
{
	char c = r->p < r->end ? *r->p : '\0';
	struct toml_node *n;
	bool ok;

	if (depth >= TOML_MAX_DEPTH)
		return toml_failed(r, "arrays and tables nested more than %d deep", TOML_MAX_DEPTH);
	if (c == '"' || c == '\'') {
		struct toml_buffer b = {NULL, 0, 0};
		n = node_new(r, TOML_STRING);
		ok = n && toml_string(r, &b) && (b.data || toml_put(&b, "", 0));
		if (n) {
			n->text = b.data;
			n->len = b.len;
		} else {
			free(b.data);
		}
	} else if (c == '[') {
		n = node_new(r, TOML_ARRAY);
		ok = n && array(r, n, depth + 1);
	} else if (c == '{') {
		n = node_new(r, TOML_TABLE);
		if (n)
			n->flags = TABLE_DOTTED;
		ok = n && inline_table(r, n, depth + 1);
	} else if (toml_at(r, "true") || toml_at(r, "false")) {
		n = node_new(r, TOML_BOOL);
		ok = n != NULL;
		if (n) {
			n->boolean = c == 't';
			r->p += n->boolean ? 4 : 5;
		}
		if (ok && r->p < r->end && (toml_bare_key_char(*r->p) || *r->p == '.'))
			ok = toml_failed(r, "expected a value");
	} else {
		n = node_new(r, TOML_OTHER);
		ok = n && toml_word(r, &n->text, &n->len);
	}
	if (!ok) {
		toml_free(n);
		return false;
	}
	*out = n;
	return true;
}

/* [[...name]]: a new table at the end of the array of tables `name` in
 * parent (`existing`, or made here). */
static struct toml_node *table_in_array(struct toml_reader *r, struct toml_node *parent,
					struct toml_node *existing, const char *name)
{
	struct toml_node *a = existing;

	if (a && (a->kind != TOML_ARRAY || !(a->flags & ARRAY_OF_TABLES))) {
		toml_failed(r, "\"%s\" is defined already, not as an array of tables", name);
		return NULL;
	}
	if (!a) {
		a = node_new(r, TOML_ARRAY);
		if (!a)
			return NULL;
		a->flags = ARRAY_OF_TABLES;
		a->key = strdup(name);
		if (!a->key) {
			toml_free(a);
			toml_failed(r, "out of memory");
			return NULL;
		}
		if (!node_add(r, parent, a))
			return NULL;
	}
	struct toml_node *element = node_new(r, TOML_TABLE);
	if (!element)
		return NULL;
	element->flags = TABLE_HEADER;
	return node_add(r, a, element) ? element : NULL;
}

/* [a.b] or [[a.b]]: the table key/value pairs go to from here on. */
static bool header(struct toml_reader *r, struct toml_node *root)
{
	bool array_of_tables = toml_at(r, "[[");
	struct key k;
	struct toml_node *t = root;

	r->p += array_of_tables ? 2 : 1;
	if (!key(r, &k))
		return false;
	if (!toml_at(r, array_of_tables ? "]]" : "]")) {
		key_free(&k);
		return toml_failed(r, "expected %s after the table's name",
				   array_of_tables ? "]]" : "]");
	}
	r->p += array_of_tables ? 2 : 1;
	for (size_t i = 0; t && i < k.count; i++) {
		bool last = i + 1 == k.count;
		struct toml_node *next = find(t, k.parts[i]);
		if (last && array_of_tables) {
			t = table_in_array(r, t, next, k.parts[i]);
			break;
		}
		if (!next) {
			next = table_new(r, t, k.parts[i], last ? TABLE_HEADER : TABLE_IMPLICIT);
		} else if (next->kind == TOML_ARRAY && (next->flags & ARRAY_OF_TABLES) && !last) {
			next = next->items[next->count - 1];
		} else if (next->kind != TOML_TABLE || (next->flags & TABLE_FROZEN)) {
			next = (toml_failed(r, "\"%s\" is defined already", k.parts[i]), NULL);
		} else if (last) {
			if (next->flags & (TABLE_HEADER | TABLE_DOTTED))
				next = (toml_failed(r, "table \"%s\" is defined twice", k.parts[i]),
					NULL);
			else
				next->flags = TABLE_HEADER;
		}
		t = next;
	}
	key_free(&k);
	r->current = t;
	return t != NULL && toml_end_of_line(r);
}

struct toml_node *toml_parse(const char *text, size_t len, struct toml_error *err)
{
	struct toml_reader r = {text, text + len, 1, 0, NULL, err};
	struct toml_node *root;

	memset(err, 0, sizeof(*err));
	root = node_new(&r, TOML_TABLE);
	if (!root)
		return NULL;
	root->flags = TABLE_HEADER;
	r.current = root;
	/* A UTF-8 byte order mark, which BurntSushi/toml skips too (1.3+). */
	if (toml_at(&r, "\xef\xbb\xbf"))
		r.p += 3;
	while (r.p < r.end) {
		bool ok;
		toml_skip_blanks(&r);
		if (r.p >= r.end)
			break;
		if (*r.p == '#' || *r.p == '\n' || *r.p == '\r')
			ok = toml_end_of_line(&r);
		else if (*r.p == '[')
			ok = header(&r, root);
		else
			ok = key_value(&r, r.current, 0) && toml_end_of_line(&r);
		if (!ok) {
			if (!err->message[0])
				toml_failed(&r, "out of memory");
			toml_free(root);
			return NULL;
		}
	}
	return root;
}

/* SPDX-License-Identifier: MIT */
/*
 * toml-dump FILE: the document as registrar/podman-toml.c reads it, one
 * line per value (`"key"."key" = VALUE`, strings JSON-quoted, numbers and
 * dates as #, arrays and tables in arrays inline), for tests/podman-toml.sh
 * to hold against Python's tomllib.  Not TOML: "error LINE: why", exit 1.
 */
#include "files.h"
#include "registrar/podman-toml.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void quoted(FILE *out, const char *text, size_t len)
{
	fputc('"', out);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static int by_key(const void *a, const void *b)
{
	const struct toml_node *x = *(const struct toml_node *const *)a;
	const struct toml_node *y = *(const struct toml_node *const *)b;
	return strcmp(x->key, y->key);
}

static void inline_value(const struct toml_node *n)
{
	switch (n->kind) {
	case TOML_STRING:
		quoted(stdout, n->text, n->len);
		return;
	case TOML_BOOL:
		fputs(n->boolean ? "true" : "false", stdout);
		return;
	case TOML_OTHER:
		putchar('#');
		return;
	case TOML_ARRAY:
		putchar('[');
		for (size_t i = 0; i < n->count; i++) {
			if (i)
				putchar(',');
			inline_value(n->items[i]);
		}
		putchar(']');
		return;
	case TOML_TABLE: {
		const struct toml_node **sorted = malloc((n->count + 1) * sizeof(*sorted));
		if (!sorted)
			exit(2);
		memcpy(sorted, n->items, n->count * sizeof(*sorted));
		qsort(sorted, n->count, sizeof(*sorted), by_key);
		putchar('{');
		for (size_t i = 0; i < n->count; i++) {
			if (i)
				putchar(',');
			quoted(stdout, sorted[i]->key, strlen(sorted[i]->key));
			putchar('=');
			inline_value(sorted[i]);
		}
		putchar('}');
		free(sorted);
		return;
	}
	}
}

static void dump(const struct toml_node *n, const char *path)
{
	if (n->kind == TOML_TABLE && n->count) {
		for (size_t i = 0; i < n->count; i++) {
			char *sub = NULL;
			size_t size;
			FILE *out = open_memstream(&sub, &size);
			if (!out)
				exit(2);
			fprintf(out, "%s%s", path, path[0] ? "." : "");
			quoted(out, n->items[i]->key, strlen(n->items[i]->key));
			if (fclose(out) != 0)
				exit(2);
			dump(n->items[i], sub);
			free(sub);
		}
		return;
	}
	printf("%s = ", path);
	inline_value(n);
	putchar('\n');
}

int main(int argc, char **argv)
{
	char *text;
	size_t len;
	struct toml_error err;

	if (argc != 2 || file_read_all(AT_FDCWD, argv[1], &text, &len) < 0) {
		fprintf(stderr, "usage: toml-dump FILE (readable)\n");
		return 2;
	}
	struct toml_node *root = toml_parse(text, len, &err);
	free(text);
	if (!root) {
		printf("error %d: %s\n", err.line, err.message);
		return 1;
	}
	if (root->count)
		dump(root, "");
	toml_free(root);
	return 0;
}

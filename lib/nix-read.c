/* SPDX-License-Identifier: MIT */
/*
 * Nix's bindings as Nix's parser (src/libexpr/parser.y) nests them, over
 * the tokens of nix-lex.c, without evaluating.
 */
#include "nix-read.h"

#include "array.h"
#include "quote.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_BINDINGS 65536
#define MAX_DEPTH    256 /* open brackets, let and with in one value */

struct reader {
	struct nix_file *f;
	const struct nix_token *tok;
	size_t at;
	size_t binding_capacity;
	bool oom;
};

static bool is(const struct reader *r, size_t at, const char *text)
{
	const struct nix_token *t = &r->tok[at];
	return (t->kind == NIX_PUNCT || t->kind == NIX_ID) && t->len == strlen(text) &&
	       !memcmp(t->text, text, t->len);
}

static void quote_token(char *out, size_t size, const struct nix_token *t)
{
	if (t->kind == NIX_END)
		snprintf(out, size, "the end of the file");
	else
		quote_bytes(out, size, t->text, t->len > 40 ? 40 : t->len);
}

/* The end of the value starting at `at`: the ';' that ends it, as Nix's
 * grammar nests brackets, let ... in, with ...; and assert ...;.  Returns
 * its index, or SIZE_MAX after a problem. */
static size_t skip_value(struct reader *r, size_t at)
{
	char open[MAX_DEPTH];  /* '{' '[' '(' '$' (for "${"), 'l' (let), ';' (with, assert) */
	int opened[MAX_DEPTH]; /* their lines */
	size_t depth = 0, first = at;

	for (;; at++) {
		const struct nix_token *t = &r->tok[at];
		char want = is(r, at, "}") ? '{' : is(r, at, "]") ? '[' : is(r, at, ")") ? '(' : 0;
		if (t->kind == NIX_END || (depth == 0 && (want || is(r, at, "in")))) {
			char quoted[48];
			quote_token(quoted, sizeof(quoted), t);
			nix_problem(&r->f->problems, t->line,
				    "expected ';' after the value on line %d, not %s",
				    r->tok[first].line, quoted);
			return SIZE_MAX;
		}
		if (is(r, at, ";")) {
			if (depth == 0)
				return at;
			if (open[depth - 1] == ';')
				depth--;
			continue;
		}
		if (want) {
			/* with/assert left open inside brackets close with them. */
			while (depth > 0 && open[depth - 1] == ';')
				depth--;
			char got = depth ? open[depth - 1] : 0;
			if (got != want && !(want == '{' && got == '$')) {
				nix_problem(&r->f->problems, t->line,
					    "unbalanced '%.1s' (opened on line %d)", t->text,
					    depth ? opened[depth - 1] : t->line);
				return SIZE_MAX;
			}
			depth--;
			continue;
		}
		if (is(r, at, "in")) {
			while (depth > 0 && open[depth - 1] == ';')
				depth--;
			if (depth > 0 && open[depth - 1] == 'l')
				depth--;
			continue;
		}
		char push = is(r, at, "{")				 ? '{'
			    : is(r, at, "[")				 ? '['
			    : is(r, at, "(")				 ? '('
			    : is(r, at, "${")				 ? '$'
			    : is(r, at, "let")				 ? 'l'
			    : (is(r, at, "with") || is(r, at, "assert")) ? ';'
									 : 0;
		if (!push)
			continue;
		if (depth == MAX_DEPTH) {
			nix_problem(&r->f->problems, t->line, "nested more than %d deep",
				    MAX_DEPTH);
			return SIZE_MAX;
		}
		open[depth] = push;
		opened[depth++] = t->line;
	}
}

/* The '}' (or ']' ...) closing the bracket at `at`, or SIZE_MAX. */
static size_t matching(struct reader *r, size_t at)
{
	int depth = 0;

	for (;; at++) {
		if (r->tok[at].kind == NIX_END)
			return SIZE_MAX;
		if (is(r, at, "{") || is(r, at, "[") || is(r, at, "(") || is(r, at, "${"))
			depth++;
		else if (is(r, at, "}") || is(r, at, "]") || is(r, at, ")"))
			if (--depth == 0)
				return at;
	}
}

static void add_binding(struct reader *r, enum nix_scope scope, const struct nix_name *path,
			size_t depth, bool deeper, int line, size_t from, size_t to)
{
	struct nix_file *f = r->f;

	if (!array_grow((void **)&f->bindings, &r->binding_capacity, f->binding_count,
			sizeof(*f->bindings), MAX_BINDINGS)) {
		r->oom = true;
		return;
	}
	struct nix_binding *b = &f->bindings[f->binding_count++];
	b->scope = scope;
	memcpy(b->path, path, depth * sizeof(*path));
	b->depth = depth;
	b->deeper = deeper;
	b->line = line;
	b->from = from;
	b->to = to;
}

/* Bindings up to the token `stop` ("}" or "in"), under `prefix`. */
static void read_bindings(struct reader *r, enum nix_scope scope, struct nix_name *path,
			  size_t depth, bool deeper, const char *stop)
{
	while (!r->oom && !is(r, r->at, stop) && r->tok[r->at].kind != NIX_END) {
		size_t start = r->at, d = depth, end;
		bool deep = deeper;
		int line = r->tok[start].line;
		char quoted[48];

		if (is(r, start, "inherit")) {
			end = skip_value(r, start + 1);
			if (end == SIZE_MAX)
				return;
			r->at = end + 1;
			continue;
		}
		/* The attribute path. */
		for (;;) {
			const struct nix_token *t = &r->tok[r->at];
			struct nix_name name = {t->text, t->len, false};
			if (t->kind == NIX_STRING) {
				name.text = t->value;
				name.len = t->value_len;
				name.dynamic = t->interpolated;
			} else if (is(r, r->at, "${")) {
				size_t close = matching(r, r->at);
				if (close == SIZE_MAX)
					break;
				name.dynamic = true;
				r->at = close;
			}
			if (name.dynamic) {
				name.text = "${...}";
				name.len = strlen(name.text);
			} else if (t->kind != NIX_ID && t->kind != NIX_STRING) {
				break;
			}
			if (d < NIX_PATH_MAX)
				path[d++] = name;
			else
				deep = true;
			r->at++;
			if (!is(r, r->at, "."))
				break;
			r->at++;
		}
		if (r->at == start || !is(r, r->at, "=")) {
			quote_token(quoted, sizeof(quoted), &r->tok[r->at]);
			nix_problem(&r->f->problems, r->tok[r->at].line,
				    "expected an attribute name and '=', not %s", quoted);
			end = skip_value(r, r->at);
			if (end == SIZE_MAX)
				return;
			r->at = end + 1;
			continue;
		}
		r->at++;
		size_t value = r->at + is(r, r->at, "rec");
		size_t close = is(r, value, "{") ? matching(r, value) : SIZE_MAX;
		if (close != SIZE_MAX && is(r, close + 1, ";")) {
			/* An attribute set written out: its bindings, deeper. */
			r->at = value + 1;
			read_bindings(r, scope, path, d, deep, "}");
			r->at = close + 2;
			continue;
		}
		end = skip_value(r, r->at);
		if (end == SIZE_MAX)
			return;
		add_binding(r, scope, path, d, deep, line, r->at, end);
		r->at = end + 1;
	}
}

/* Function headers: "{ a, b ? 1, ... }:", "args@{ ... }:", "x:". */
static void skip_headers(struct reader *r)
{
	for (;;) {
		size_t at = r->at;
		if (r->tok[at].kind == NIX_ID && is(r, at + 1, "@"))
			at += 2;
		if (is(r, at, "{")) {
			size_t close = matching(r, at);
			if (close == SIZE_MAX)
				return;
			at = close + 1;
			if (is(r, at, "@") && r->tok[at + 1].kind == NIX_ID)
				at += 2;
		} else if (r->tok[at].kind == NIX_ID && !is(r, at, "let") && !is(r, at, "rec") &&
			   !is(r, at, "with") && !is(r, at, "assert")) {
			at++;
		} else {
			return;
		}
		if (!is(r, at, ":"))
			return;
		r->at = at + 1;
		r->f->function = true;
	}
}

static void read_file(struct reader *r)
{
	struct nix_name path[NIX_PATH_MAX];

	skip_headers(r);
	for (;;) {
		if (is(r, r->at, "let")) {
			r->at++;
			read_bindings(r, NIX_LET, path, 0, false, "in");
			if (!is(r, r->at, "in"))
				return;
			r->at++;
		} else if (is(r, r->at, "with") || is(r, r->at, "assert")) {
			size_t end = skip_value(r, r->at + 1);
			if (end == SIZE_MAX)
				return;
			r->at = end + 1;
		} else {
			break;
		}
	}
	r->at += is(r, r->at, "rec");
	if (!is(r, r->at, "{"))
		return;
	int line = r->tok[r->at].line;
	r->at++;
	r->f->body_set = true;
	read_bindings(r, NIX_BODY, path, 0, false, "}");
	if (r->f->problems.count == 0 && !is(r, r->at, "}"))
		nix_problem(&r->f->problems, line, "the attribute set opened here is not closed");
}

int nix_read(const char *text, size_t len, struct nix_file *file)
{
	struct reader r = {.f = file};

	memset(file, 0, sizeof(*file));
	r.oom = !nix_lex(text, len, &file->tokens, &file->count, &file->problems);
	if (!r.oom && file->problems.count == 0) {
		r.tok = file->tokens;
		read_file(&r);
	}
	if (r.oom) {
		nix_file_free(file);
		return -ENOMEM;
	}
	return 0;
}

void nix_file_free(struct nix_file *file)
{
	for (size_t i = 0; i < file->count; i++)
		free(file->tokens[i].value);
	free(file->tokens);
	free(file->bindings);
	free(file->problems.list);
	memset(file, 0, sizeof(*file));
}

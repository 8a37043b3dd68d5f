/* SPDX-License-Identifier: MIT */
/*
 * Nix read as Nix's lexer (src/libexpr/lexer.l) reads it, and its
 * bindings as the parser (parser.y) nests them, without evaluating.
 */
#include "nix-read.h"

#include "array.h"
#include "quote.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TOKENS   (1 << 20)
#define MAX_BINDINGS 65536
#define MAX_PROBLEMS 100
#define MAX_DEPTH    256 /* open brackets, let and with in one value */

struct lexer {
	const char *s;
	size_t len, at;
	int line;
	struct nix_file *f;
	size_t token_capacity, binding_capacity, problem_capacity;
	bool oom;
};

__attribute__((format(printf, 3, 4))) static void problem(struct lexer *lx, int line,
							  const char *fmt, ...)
{
	struct nix_file *f = lx->f;
	va_list ap;

	if (!array_grow((void **)&f->problems, &lx->problem_capacity, f->problem_count,
			sizeof(*f->problems), MAX_PROBLEMS))
		return;
	struct nix_problem *p = &f->problems[f->problem_count++];
	p->line = line;
	va_start(ap, fmt);
	if (vsnprintf(p->message, sizeof(p->message), fmt, ap) < 0)
		snprintf(p->message, sizeof(p->message), "unprintable problem");
	va_end(ap);
}

/* A string's value as it is built: each character with whether it came
 * from the text itself or from an escape, which indentation stripping
 * tells apart (an escape never counts as indentation). */
struct value {
	char *text;
	bool *literal;
	size_t len, capacity;
};

static void value_add(struct lexer *lx, struct value *v, char c, bool literal)
{
	if (v->len + 2 > v->capacity) {
		size_t capacity = v->capacity ? v->capacity * 2 : 64;
		char *text = realloc(v->text, capacity);
		if (text)
			v->text = text;
		bool *lit = text ? realloc(v->literal, capacity) : NULL;
		if (lit)
			v->literal = lit;
		if (!text || !lit) {
			lx->oom = true;
			return;
		}
		v->capacity = capacity;
	}
	v->literal[v->len] = literal;
	v->text[v->len++] = c;
	v->text[v->len] = '\0';
}

static bool is_path_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '-' || c == '+';
}

static bool is_id_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_id_char(char c)
{
	return is_id_start(c) || (c >= '0' && c <= '9') || c == '\'' || c == '-';
}

static bool is_uri_char(char c)
{
	return (c && strchr("%/?:@&=+$,_.!~*'-", c)) || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char peek(const struct lexer *lx, size_t ahead)
{
	return lx->at + ahead < lx->len ? lx->s[lx->at + ahead] : '\0';
}

static bool at_end(const struct lexer *lx)
{
	return lx->at >= lx->len;
}

static bool skip_braces(struct lexer *lx);
static bool read_string(struct lexer *lx, struct value *v, bool *interpolated);
static bool read_indented(struct lexer *lx, struct value *v, bool *interpolated);

/* Whitespace and comments; false at an unterminated comment. */
static bool skip_blank(struct lexer *lx)
{
	while (!at_end(lx)) {
		char c = peek(lx, 0);
		if (c == '\n') {
			lx->line++;
			lx->at++;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			lx->at++;
		} else if (c == '#') {
			while (!at_end(lx) && peek(lx, 0) != '\n')
				lx->at++;
		} else if (c == '/' && peek(lx, 1) == '*') {
			int line = lx->line;
			lx->at += 2;
			while (!at_end(lx) && !(peek(lx, 0) == '*' && peek(lx, 1) == '/')) {
				lx->line += peek(lx, 0) == '\n';
				lx->at++;
			}
			if (at_end(lx)) {
				problem(lx, line, "unterminated comment (/* without */)");
				return false;
			}
			lx->at += 2;
		} else {
			break;
		}
	}
	return true;
}

/* After "${": up to its "}", strings and comments inside included. */
static bool skip_braces(struct lexer *lx)
{
	int line = lx->line, depth = 1;
	bool interpolated;

	while (depth > 0) {
		if (!skip_blank(lx))
			return false;
		if (at_end(lx)) {
			problem(lx, line, "unterminated ${ (no closing })");
			return false;
		}
		char c = peek(lx, 0);
		if (c == '"' || (c == '\'' && peek(lx, 1) == '\'')) {
			struct value ignored = {0};
			lx->at += c == '"' ? 1 : 2;
			bool ok = c == '"' ? read_string(lx, &ignored, &interpolated)
					   : read_indented(lx, &ignored, &interpolated);
			free(ignored.text);
			free(ignored.literal);
			if (!ok)
				return false;
		} else if (is_id_start(c)) {
			while (is_id_char(peek(lx, 0)))
				lx->at++;
		} else {
			depth += c == '{';
			depth -= c == '}';
			lx->at++;
		}
	}
	return true;
}

/* The character `at` bytes on, after a backslash: \n \r \t, any other
 * character itself (a newline counted). */
static void read_escape(struct lexer *lx, struct value *v, size_t at)
{
	char c = peek(lx, at);

	lx->line += c == '\n';
	value_add(lx, v, c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c, false);
	lx->at += at + 1;
}

/* What both kinds of string read alike: "${" (skipped, and the string has
 * no value known), "$$" (so "$${" is text) and any other character. */
static bool read_text(struct lexer *lx, struct value *v, bool *interpolated)
{
	char c = peek(lx, 0);

	if (c == '$' && peek(lx, 1) == '{') {
		*interpolated = true;
		lx->at += 2;
		return skip_braces(lx);
	}
	if (c == '$' && peek(lx, 1) == '$') {
		value_add(lx, v, '$', true);
		value_add(lx, v, '$', true);
		lx->at += 2;
		return true;
	}
	lx->line += c == '\n';
	value_add(lx, v, c, true);
	lx->at++;
	return true;
}

/* After '"': up to the closing '"'.  Escapes: \n \r \t, any other
 * character after a backslash is itself; "$${" is text. */
static bool read_string(struct lexer *lx, struct value *v, bool *interpolated)
{
	int line = lx->line;

	*interpolated = false;
	for (;;) {
		if (at_end(lx)) {
			problem(lx, line, "unterminated string (\" without its closing \")");
			return false;
		}
		char c = peek(lx, 0);
		if (c == '"') {
			lx->at++;
			return true;
		}
		if (c == '\\' && lx->at + 1 < lx->len) {
			read_escape(lx, v, 1);
		} else if (!read_text(lx, v, interpolated)) {
			return false;
		}
	}
}

/* Nix's stripIndentation(): the least indentation of the lines that hold
 * more than spaces taken off every line, and a last line of spaces only
 * dropped.  Escapes count as text, never as indentation. */
static void strip_indentation(struct value *v)
{
	size_t least = SIZE_MAX, indent = 0, out = 0, dropped = 0;
	bool at_start = true;

	for (size_t i = 0; i < v->len; i++) {
		char c = v->text[i];
		if (!v->literal[i] || (at_start && c != ' ' && c != '\n')) {
			if (at_start && indent < least)
				least = indent;
			at_start = false;
		} else if (at_start) {
			indent = c == ' ' ? indent + 1 : 0;
		} else if (c == '\n') {
			at_start = true;
			indent = 0;
		}
	}
	at_start = true;
	for (size_t i = 0; i < v->len; i++) {
		char c = v->text[i];
		bool keep = true;
		if (!v->literal[i]) {
			at_start = false;
			dropped = 0;
		} else if (at_start) {
			if (c == ' ')
				keep = dropped++ >= least;
			else if (c == '\n')
				dropped = 0;
			else
				at_start = false, dropped = 0;
		} else if (c == '\n') {
			at_start = true;
		}
		if (keep) {
			v->literal[out] = v->literal[i];
			v->text[out++] = c;
		}
	}
	/* The last line, when it is text of spaces only. */
	size_t end = out;
	while (end > 0 && v->literal[end - 1] && v->text[end - 1] == ' ')
		end--;
	if (end < out && end > 0 && v->literal[end - 1] && v->text[end - 1] == '\n')
		out = end;
	v->len = out;
	if (v->text)
		v->text[out] = '\0';
}

/* After "''": up to the closing "''".  Escapes: ''' is '', ''$ is $,
 * ''\X as \X in a "..." string. */
static bool read_indented(struct lexer *lx, struct value *v, bool *interpolated)
{
	int line = lx->line;
	size_t spaces = 0;

	*interpolated = false;
	/* The opening line, when it holds only spaces, is not part of it. */
	while (peek(lx, spaces) == ' ')
		spaces++;
	if (peek(lx, spaces) == '\n') {
		lx->at += spaces + 1;
		lx->line++;
	}
	for (;;) {
		if (at_end(lx)) {
			problem(lx, line,
				"unterminated indented string ('' without its closing '')");
			return false;
		}
		char c = peek(lx, 0);
		if (c == '\'' && peek(lx, 1) == '\'') {
			char d = peek(lx, 2);
			if (d == '\'') {
				value_add(lx, v, '\'', false);
				value_add(lx, v, '\'', false);
				lx->at += 3;
			} else if (d == '$') {
				value_add(lx, v, '$', false);
				lx->at += 3;
			} else if (d == '\\' && lx->at + 3 < lx->len) {
				read_escape(lx, v, 3);
			} else {
				lx->at += 2;
				strip_indentation(v);
				return true;
			}
		} else if (!read_text(lx, v, interpolated)) {
			return false;
		}
	}
}

static struct nix_token *add_token(struct lexer *lx, enum nix_token_kind kind, size_t start)
{
	struct nix_file *f = lx->f;

	if (!array_grow((void **)&f->tokens, &lx->token_capacity, f->count, sizeof(*f->tokens),
			MAX_TOKENS)) {
		lx->oom = true;
		return NULL;
	}
	struct nix_token *t = &f->tokens[f->count++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->line = lx->line;
	t->text = lx->s + start;
	t->len = lx->at - start;
	return t;
}

/* A path ("./x", "/nix/store/...", "a/b", "~/x"), with ${...} in it;
 * true when one starts here. */
static bool read_path(struct lexer *lx)
{
	size_t n = peek(lx, 0) == '~' ? 1 : 0;

	if (!n)
		while (is_path_char(peek(lx, n)))
			n++;
	if (peek(lx, n) != '/' || !(is_path_char(peek(lx, n + 1)) || peek(lx, n + 1) == '$'))
		return false;
	lx->at += n;
	while (peek(lx, 0) == '/' || is_path_char(peek(lx, 0)) ||
	       (peek(lx, 0) == '$' && peek(lx, 1) == '{')) {
		if (peek(lx, 0) == '$') {
			lx->at += 2;
			if (!skip_braces(lx))
				return true;
		} else {
			lx->at++;
		}
	}
	return true;
}

static bool read_token(struct lexer *lx)
{
	static const char *const pairs[] = {
	    "...", "${", "//", "++", "==", "!=", "<=", ">=", "&&", "||", "->", "|>", "<|", NULL};
	size_t start = lx->at;
	char c = peek(lx, 0);
	struct nix_token *t;

	if (c == '"' || (c == '\'' && peek(lx, 1) == '\'')) {
		struct value v = {0};
		bool interpolated, ok;
		int line = lx->line;
		lx->at += c == '"' ? 1 : 2;
		ok = c == '"' ? read_string(lx, &v, &interpolated)
			      : read_indented(lx, &v, &interpolated);
		free(v.literal);
		t = ok ? add_token(lx, NIX_STRING, start) : NULL;
		if (!t) {
			free(v.text);
			return false;
		}
		t->line = line;
		t->value = v.text ? v.text : strdup("");
		t->value_len = v.len;
		t->interpolated = interpolated;
		lx->oom |= !t->value;
		return true;
	}
	if (read_path(lx))
		return add_token(lx, NIX_WORD, start) != NULL;
	if (c == '<') {
		size_t n = 1;
		while (is_path_char(peek(lx, n)) || peek(lx, n) == '/')
			n++;
		if (n > 1 && peek(lx, n) == '>') {
			lx->at += n + 1;
			return add_token(lx, NIX_WORD, start) != NULL;
		}
	}
	if (c >= '0' && c <= '9') {
		long long number = 0;
		bool big = false;
		while (peek(lx, 0) >= '0' && peek(lx, 0) <= '9') {
			big |= number > (LLONG_MAX - 9) / 10;
			number = number * 10 + (peek(lx, 0) - '0');
			lx->at++;
		}
		if (peek(lx, 0) == '.' && peek(lx, 1) >= '0' && peek(lx, 1) <= '9') {
			lx->at++;
			while (is_path_char(peek(lx, 0)))
				lx->at++;
			return add_token(lx, NIX_WORD, start) != NULL;
		}
		t = add_token(lx, big ? NIX_WORD : NIX_INT, start);
		if (t)
			t->number = number;
		return t != NULL;
	}
	if (is_id_start(c)) {
		while (is_id_char(peek(lx, 0)))
			lx->at++;
		/* An URI: a scheme, ':' and no space (Nix's longest match). */
		if (peek(lx, 0) == ':' && is_uri_char(peek(lx, 1))) {
			while (is_uri_char(peek(lx, 0)))
				lx->at++;
			return add_token(lx, NIX_WORD, start) != NULL;
		}
		return add_token(lx, NIX_ID, start) != NULL;
	}
	for (size_t i = 0; pairs[i]; i++) {
		size_t n = strlen(pairs[i]);
		if (lx->at + n <= lx->len && !memcmp(lx->s + lx->at, pairs[i], n)) {
			lx->at += n;
			return add_token(lx, NIX_PUNCT, start) != NULL;
		}
	}
	if (c && strchr("{}[]();=.:,@?!+-*/<>", c)) {
		lx->at++;
		return add_token(lx, NIX_PUNCT, start) != NULL;
	}
	char quoted[16];
	quote_bytes(quoted, sizeof(quoted), lx->s + lx->at, 1);
	problem(lx, lx->line, "unexpected character %s", quoted);
	return false;
}

static void lex(struct lexer *lx)
{
	while (!lx->oom && skip_blank(lx) && !at_end(lx) && read_token(lx))
		;
	lx->at = lx->len;
	add_token(lx, NIX_END, lx->len);
}

/* The bindings, over the tokens. */
struct reader {
	struct lexer *lx;
	const struct nix_token *tok;
	size_t at;
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
			problem(r->lx, t->line, "expected ';' after the value on line %d, not %s",
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
				problem(r->lx, t->line, "unbalanced '%.1s' (opened on line %d)",
					t->text, depth ? opened[depth - 1] : t->line);
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
			problem(r->lx, t->line, "nested more than %d deep", MAX_DEPTH);
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
	struct nix_file *f = r->lx->f;

	if (!array_grow((void **)&f->bindings, &r->lx->binding_capacity, f->binding_count,
			sizeof(*f->bindings), MAX_BINDINGS)) {
		r->lx->oom = true;
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
	while (!r->lx->oom && !is(r, r->at, stop) && r->tok[r->at].kind != NIX_END) {
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
			problem(r->lx, r->tok[r->at].line,
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
		r->lx->f->function = true;
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
	r->lx->f->body_set = true;
	read_bindings(r, NIX_BODY, path, 0, false, "}");
	if (r->lx->f->problem_count == 0 && !is(r, r->at, "}"))
		problem(r->lx, line, "the attribute set opened here is not closed");
}

int nix_read(const char *text, size_t len, struct nix_file *file)
{
	struct lexer lx = {.s = text, .len = len, .line = 1, .f = file};
	struct reader r = {.lx = &lx};

	memset(file, 0, sizeof(*file));
	lex(&lx);
	if (!lx.oom && file->problem_count == 0) {
		r.tok = file->tokens;
		read_file(&r);
	}
	if (lx.oom) {
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
	free(file->problems);
	memset(file, 0, sizeof(*file));
}
